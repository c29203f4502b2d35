"""Keep the zh_CN message catalog in step with the code (Babel's gettext tools, driven from here).

    .venv/bin/python scripts/messages.py update    # add new messages to the .po, drop gone ones, then compile
    .venv/bin/python scripts/messages.py compile   # .po → .mo (scripts/setup runs this; the .mo is not committed)
    .venv/bin/python scripts/messages.py check     # exit 1 naming every message without a right translation

The messages are: every ``_("…")`` and ``N_("…")`` in ``notices/`` (Babel's Python extractor); every help text of the CLI
(each command's docstring and each option's help, walked from the Typer app itself, so no help string needs
wrapping in the source); each check rule's summary, as `notices rules` shows it; and the words of click's and Typer's own that a user of the CLI sees (Usage:,
Options, Missing argument …), listed below. A translation is right when it is not empty, not marked fuzzy,
and uses the same ``{fields}`` as the English.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "notices"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "notices.po"
MO = PO.with_suffix(".mo")
FIELD = re.compile(r"(?<!\{)\{([^{}]*)\}(?!\})")

# What the CLI shows of click's and Typer's own words (the rest are programmer errors a user never meets).
FRAMEWORK_MESSAGES = (
    "Usage:",
    "Options",
    "Commands",
    "Arguments",
    "Show this message and exit.",
    "Error: {message}",
    "Try '{command} {option}' for help.",
    "Missing argument",
    "Missing option",
    "Missing parameter",
    "Missing command.",
    "Missing {param_type}",
    "Missing parameter: {param_name}",
    "No such option {name!r}.",
    "No such option: {name}",
    "No such command {name!r}.",
    "Invalid value: {message}",
    "Invalid value for {param_hint}: {message}",
    "Option {name!r} requires an argument.",
    "Option {name!r} does not take a value.",
    "Got unexpected extra argument ({args})",
    "{value!r} is not a valid {number_type}.",
    "{value} is not in the range {range}.",
    "{name} {filename!r} does not exist.",
    "{name} {filename!r} is a directory.",
    "{name} {filename!r} is not readable.",
    "file",
    "directory",
    "path",
    "default: {default}",
    "Aborted!",
    "required",
    "Install completion for the current shell.",
    "Show completion for the current shell, to copy it or customize the installation.",
)


def _own_messages() -> Iterator[tuple[str, str]]:
    from babel.messages.extract import extract_from_file

    for path in sorted(PACKAGE.rglob("*.py")):
        for lineno, message, _comments, _context in extract_from_file(
            "python", str(path), keywords={"_": None, "N_": None}
        ):
            if isinstance(message, str) and message:
                yield message, f"{path.relative_to(ROOT)}:{lineno}"


def _cli_messages() -> Iterator[tuple[str, str]]:
    import typer.main

    from notices.cli import app

    root = typer.main.get_command(app)

    def walk(command: object, name: str) -> Iterator[tuple[str, str]]:
        help_text = getattr(command, "help", None)
        if help_text:
            yield help_text, f"cli/{name or 'notices'}"
        for param in getattr(command, "params", []):
            if getattr(param, "help", None):
                yield param.help, f"cli/{name or 'notices'}"
        for sub_name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, sub_name)

    yield from walk(root, "")


def _rule_messages() -> Iterator[tuple[str, str]]:
    """Each rule's one-line summary, as `notices rules` shows it (the README's table stays English)."""
    from notices.check.registry import all_rules

    for rule in all_rules().values():
        yield rule.summary, f"rules/{rule.id}"


def messages() -> dict[str, list[str]]:
    """Every message the catalog must translate, with where it comes from."""
    found: dict[str, list[str]] = {}
    everything = [
        *_own_messages(),
        *_cli_messages(),
        *_rule_messages(),
        *((m, "click") for m in FRAMEWORK_MESSAGES),
    ]
    for message, where in everything:
        found.setdefault(message, []).append(where)
    return found


def _read() -> object:
    from babel.messages.pofile import read_po

    if not PO.exists():
        from babel.messages.catalog import Catalog

        return Catalog(locale="zh_CN", domain="notices", project="notices")
    with PO.open("rb") as handle:
        return read_po(handle, locale="zh_CN", domain="notices")


def update() -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    old = _read()
    template = Catalog(project="notices", domain="notices")
    for message, places in messages().items():
        template.add(message, locations=[(p.split(":")[0], None) for p in dict.fromkeys(places)][:3])
    old.update(template, no_fuzzy_matching=True)  # type: ignore[attr-defined]
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        # No header (its dates would change on every update) and no line numbers: the diff shows words only.
        write_po(
            handle,
            old,
            width=110,
            omit_header=True,
            sort_output=True,
            ignore_obsolete=True,
            include_lineno=False,
        )  # type: ignore[arg-type]
    compile_mo()


def compile_mo() -> None:
    from babel.messages.mofile import write_mo

    catalog = _read()
    with MO.open("wb") as handle:
        write_mo(handle, catalog)  # type: ignore[arg-type]


def problems() -> list[str]:
    catalog = _read()
    translated = {m.id: m for m in catalog if m.id}  # type: ignore[attr-defined]
    out = []
    for message, places in messages().items():
        entry = translated.get(message)
        where = places[0]
        if entry is None:
            out.append(f"{where}: not in the catalog (run `scripts/messages.py update`): {message!r}")
        elif not entry.string or entry.fuzzy:
            out.append(f"{where}: no Chinese for {message!r}")
        elif sorted(FIELD.findall(message)) != sorted(FIELD.findall(str(entry.string))):
            out.append(f"{where}: the Chinese uses other {{fields}} than {message!r}: {entry.string!r}")
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        missing = problems()
        print(f"messages: {PO.relative_to(ROOT)} updated; {len(missing)} without a right translation")
        return 0
    if command == "compile":
        compile_mo()
        return 0
    if command == "check":
        missing = problems()
        for line in missing:
            print(line)
        return 1 if missing else 0
    print("usage: scripts/messages.py update|compile|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
