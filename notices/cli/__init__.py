"""The `notices` command: a thin shell over the library; each command lives in its own module."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="notices",
    help="Customer notices in the standard Chinese notice format (GB/T 9704) and English letters, as PDF and DOCX.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

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
)
for _module in COMMAND_MODULES:
    importlib.import_module(_module)


def main() -> None:
    app()
