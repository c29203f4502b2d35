"""The `notices` command: a thin shell over the library; each command lives in its own module."""

from __future__ import annotations

import importlib
import os
from typing import Any

# pydantic looks for plugins among the entry points of every installed distribution the first time it builds
# a model (a visible part of every start, bench/RESULTS.md); the command line uses none, so it does not look unless the user chose
# otherwise (the variable set to anything else). Set before any of notices' models is built: `import notices`
# does not build them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer
from typer.core import TyperGroup


class _Commands(TyperGroup):
    """Every command, with one answer for an error of the operating system no command foresaw.

    Each command reports the failures it expects where it knows what it was doing (a spec it cannot read, an
    output folder it cannot write). What is left is the machine refusing a path a person typed: a name too
    long for the file system, a folder not allowed, a disk full. That is said in a sentence naming the path,
    with exit code 2 (an input could not be read or written), never as a traceback.
    """

    def invoke(self, ctx: Any) -> Any:  # typer.Context
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise  # the reader of a pipe stopped reading (| head): not the user's path
        except OSError as err:
            from notices.fsio import os_error_text
            from notices.i18n import _

            typer.echo(_("error: {why}").format(why=os_error_text(err)), err=True)
            typer.echo("    " + _("fix: check the path and that this user may read and write it"), err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=_Commands,
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
