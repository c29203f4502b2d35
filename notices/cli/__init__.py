"""The `notices` command: a thin shell over the library; each command lives in its own module."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="notices",
    help="Customer notices in the standard Chinese notice format (GB/T 9704) and English letters, as PDF and DOCX.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion, as Typer offers them
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(value: bool) -> None:
    if value:
        from notices import __version__

        typer.echo(f"notices {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", help="Print the version and exit.", callback=_print_version, is_eager=True
    ),
) -> None:
    """Customer notices in the standard Chinese notice format (GB/T 9704) and English letters, as PDF and DOCX."""


# Each module registers its commands on `app` when imported.
COMMAND_MODULES = (
    "notices.cli.render",
    "notices.cli.schema",
    "notices.cli.doctor",
    "notices.cli.check",
    "notices.cli.rules",
    "notices.cli.init",
    "notices.cli.batch",
    "notices.cli.preview",
    "notices.cli.send",
)
for _module in COMMAND_MODULES:
    importlib.import_module(_module)


def main() -> None:
    """The console script: Typer's app, speaking the reader's language (notices.i18n)."""
    import typer.main

    from notices.i18n import install_for_click, translate_command

    install_for_click()  # before the command is built: click makes its --help option's text then
    command = typer.main.get_command(app)
    translate_command(command)
    command(prog_name="notices")
