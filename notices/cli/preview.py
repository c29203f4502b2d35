"""`notices preview`: a spec → one PNG per page, so a person can look at the layout without a PDF viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from notices.cli import app
from notices.cli.output import EXIT_OK, EXIT_UNREADABLE, report_error, spec_stem
from notices.errors import NoticeError


@app.command()
def preview(
    spec: Annotated[Path, typer.Argument(help="Spec file (YAML).", show_default=False)],
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", "-o", help="Write here instead of beside the spec.")
    ] = None,
    dpi: Annotated[int, typer.Option(help="Resolution of the pictures.", min=20, max=600)] = 100,
) -> None:
    """Render SPEC and write <stem>-page-1.png, <stem>-page-2.png, … one per page of its PDF.

    Examples:

        notices preview examples/long-notice.zh.yaml -o out

        notices preview examples/stockup.zh.yaml --dpi 150

    Exit codes: 0 ok, 1 the notice has errors, 2 the spec could not be read or a file not written.
    """
    from notices import compose, load
    from notices.renderers import document_bytes

    try:
        pdf = document_bytes(compose(load(spec)), "pdf")
        folder = output_dir if output_dir is not None else spec.parent
        for path in write_pages(pdf, folder, spec_stem(spec), dpi):
            typer.echo(str(path))
    except NoticeError as err:
        raise typer.Exit(report_error(err)) from None
    except OSError as err:
        from notices.fsio import os_error_text
        from notices.i18n import _

        typer.echo(
            _("{spec}: error: cannot write the preview: {why}").format(spec=spec, why=os_error_text(err)),
            err=True,
        )
        raise typer.Exit(EXIT_UNREADABLE) from None
    raise typer.Exit(EXIT_OK)


def write_pages(pdf: bytes, folder: Path, stem: str, dpi: int = 100) -> list[Path]:
    """Rasterise every page of `pdf` (pypdfium2) to `folder/<stem>-page-N.png`; stale later pages go."""
    import io

    import pypdfium2

    from notices.fsio import atomic_write_bytes

    folder.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(pdf)
    written: list[Path] = []
    try:
        for number, page in enumerate(document, start=1):
            image = page.render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            path = folder / f"{stem}-page-{number}.png"
            atomic_write_bytes(path, buffer.getvalue())
            written.append(path)
    finally:
        document.close()
    for stale in folder.glob(f"{stem}-page-*.png"):
        suffix = stale.stem.removeprefix(f"{stem}-page-")
        if suffix.isdigit() and int(suffix) > len(written):
            stale.unlink()
    return written
