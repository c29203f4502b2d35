"""`notices render`: spec files → PDF and DOCX beside them (or in -o DIR)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from notices.cli import app
from notices.cli.output import (
    EXIT_NOTICE_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    passes_gate,
    report_error,
    spec_stem,
)
from notices.errors import NoticeError
from notices.i18n import _


@app.command()
def render(
    specs: Annotated[list[Path], typer.Argument(help="Spec files (YAML).", show_default=False)],
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", "-o", help="Write here instead of beside each spec.")
    ] = None,
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: pdf, docx, html.")
    ] = "pdf,docx",
    no_check: Annotated[
        bool, typer.Option("--no-check", help="Render even when `notices check` finds errors.")
    ] = False,
) -> None:
    """Render each SPEC to <stem>.pdf and <stem>.docx.

    Examples:

        notices render examples/stockup.zh.yaml

        notices render examples/*.yaml -o out --format pdf

    Each spec is checked first (as `notices check` does): findings are printed, and a spec with errors is not
    rendered unless --no-check is given.

    Exit codes: 0 ok, 1 a notice has errors, 2 an input could not be read. Outputs are written atomically:
    a failure leaves no partial or stale file.
    """
    from notices import compose, load
    from notices.fsio import os_error_text, shorten
    from notices.reader.bounds import locate_text
    from notices.renderers import parse_formats, write_outputs
    from notices.renderers.pdf_pages import MissingGlyphs

    worst = EXIT_OK
    try:
        chosen = parse_formats(formats)
    except NoticeError as err:
        raise typer.Exit(report_error(err)) from None
    for spec in specs:
        try:
            notice = load(spec)
            if not passes_gate(notice, spec, no_check=no_check):
                worst = max(worst, EXIT_NOTICE_ERRORS)
                continue
            doc = compose(notice)
            folder = output_dir if output_dir is not None else spec.parent
            try:
                written = write_outputs(doc, folder / spec_stem(spec), chosen)
            except MissingGlyphs as err:  # said at the place the character was typed
                raise err.at(locate_text(notice.data, notice.source, err.characters)) from None
            for path in written:
                typer.echo(str(path))
        except NoticeError as err:
            worst = max(worst, report_error(err))
        except OSError as err:
            typer.echo(
                _("{spec}: error: cannot write output: {why}").format(
                    spec=shorten(str(spec), 120), why=os_error_text(err)
                ),
                err=True,
            )
            worst = max(worst, EXIT_UNREADABLE)
    raise typer.Exit(worst)
