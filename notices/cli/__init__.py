"""The `notices` command: a thin shell over the library; each command lives in its own module."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

# pydantic looks for plugins among the entry points of every installed distribution the first time it builds
# a model (a visible part of every start, bench/RESULTS.md); the command line uses none, so it does not look unless the user chose
# otherwise (the variable set to anything else). Set before any of notices' models is built: `import notices`
# does not build them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# The libraries below compile a few hundred regular expressions as they are imported; an earlier start's are
# handed to re's cache compiled (notices.compiled_patterns).
from notices.compiled_patterns import prime_re_cache

prime_re_cache()

import typer  # noqa: E402
from typer.core import TyperGroup  # noqa: E402


class _Commands(TyperGroup):
    """Every command, each built when it is first asked for, with one answer for an error of the operating
    system no command foresaw.

    A start runs one command, so only that command's module is imported and only its options are built
    (`notices check` does not import the renderers through `notices render`'s module, nor build nine
    commands' parameters); `--help`, completion and a mistyped name's suggestions see every name all the same.

    Each command reports the failures it expects where it knows what it was doing (a spec it cannot read, an
    output folder it cannot write). What is left is the machine refusing a path a person typed: a name too
    long for the file system, a folder not allowed, a disk full. That is said in a sentence naming the path,
    with exit code 2 (an input could not be read or written), never as a traceback.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands(self.commands)

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


# Each command's module, which registers it on `app` when imported; in the order `--help` lists them.
COMMAND_MODULES = {
    "render": "notices.cli.render",
    "schema": "notices.cli.schema",
    "doctor": "notices.cli.doctor",
    "check": "notices.cli.check",
    "rules": "notices.cli.rules",
    "init": "notices.cli.init",
    "batch": "notices.cli.batch",
    "preview": "notices.cli.preview",
    "send": "notices.cli.send",
}


class _LazyCommands(MutableMapping[str, Any]):
    """The group's commands by name (click.Command values), each built from its module on first access.

    click and Typer reach a group's commands only through this mapping (``get``, ``items``, ``keys``), so
    every name is listed without importing anything, and a value is made when some code asks for it.
    """

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self._built = dict(built)  # the commands whose modules were imported before the group was made
        self._finish: Callable[[Any], None] | None = None

    def finish_each(self, finish: Callable[[Any], None]) -> None:
        """Call ``finish`` on every command, those built so far now and the others as they are built."""
        self._finish = finish
        for command in self._built.values():
            finish(command)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMAND_MODULES:
                raise KeyError(name)
            command = self._built[name] = _build_command(name)
            if self._finish is not None:
                self._finish(command)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMAND_MODULES
        yield from (name for name in self._built if name not in COMMAND_MODULES)

    def __len__(self) -> int:
        return len(COMMAND_MODULES.keys() | self._built.keys())


def _build_command(name: str) -> Any:
    """The click command ``name``, from the Typer registration its module makes when imported."""
    import typer.main

    importlib.import_module(COMMAND_MODULES[name])
    for info in app.registered_commands:
        if (
            info.callback is not None
            and (info.name or typer.main.get_command_name(info.callback.__name__)) == name
        ):
            command = typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
            return command
    raise KeyError(name)


def main() -> None:
    """The console script: Typer's app, speaking the reader's language (notices.i18n)."""
    import typer.main

    from notices.i18n import install_for_click, translate_command

    install_for_click()  # before the command is built: click makes its --help option's text then
    group = typer.main.get_command(app)
    translate_command(group, subcommands=False)
    group.commands.finish_each(translate_command)  # type: ignore[attr-defined]  # each as it is built
    group(prog_name="notices")
