"""`notices init`: write a commented spec of one kind to fill in."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from notices.cli import app
from notices.cli.output import EXIT_NOTICE_ERRORS, EXIT_OK, EXIT_UNREADABLE
from notices.i18n import _


@app.command()
def init(
    file: Annotated[Path, typer.Argument(help="The spec to write (YAML).", show_default=False)],
    kind: Annotated[
        str, typer.Option("--kind", "-k", help="general, stockup, holiday, price, meeting or incident.")
    ] = "general",
    lang: Annotated[str, typer.Option("--lang", "-l", help="zh or en.")] = "zh",
    house_style: Annotated[
        Path | None,
        typer.Option(
            "--house-style", help="Name this house style: company name, letterhead and seal come from it."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write FILE: a commented spec of KIND in LANG, with a placeholder for every fact to fill.

    Dates are suggested from the State Council holiday schedule and today's date: check each one.
    `notices check FILE` fails until every placeholder (【待补：…】, '[TODO: …]') is replaced.

    Examples:

        notices init --kind stockup --lang zh spring.yaml

        notices init -k incident -l en --house-style brand/house.yaml outage.yaml

    Exit codes: 0 written, 1 FILE exists (pass --force), 2 unknown kind or language, or FILE cannot be written.
    """
    from notices.fsio import atomic_write_bytes, resolve_path
    from notices.scaffold import scaffold

    if file.exists() and not force:
        typer.echo(
            _("{file}: error: the file exists; pass --force to overwrite it").format(file=file), err=True
        )
        raise typer.Exit(EXIT_NOTICE_ERRORS)
    named = None
    if house_style is not None:
        if not house_style.is_file():
            typer.echo(
                _("{house_style}: error: house style not found").format(house_style=house_style), err=True
            )
            raise typer.Exit(EXIT_UNREADABLE)
        named = Path(os.path.relpath(resolve_path(house_style), resolve_path(file).parent)).as_posix()
    try:
        text = scaffold(kind, lang, house_style=named)
    except ValueError as err:
        typer.echo(_("error: {err}").format(err=err), err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(file, text.encode("utf-8"))
    except OSError as err:
        typer.echo(
            _("{file}: error: cannot write: {strerror}").format(file=file, strerror=err.strerror), err=True
        )
        raise typer.Exit(EXIT_UNREADABLE) from None
    typer.echo(str(file))
    typer.echo(
        _("next: fill in every placeholder, then `notices check {file}` and `notices render {file}`").format(
            file=file
        ),
        err=True,
    )
    raise typer.Exit(EXIT_OK)
