"""Rewrite the README's generated sections from the code, or check that they are current.

    .venv/bin/python scripts/docs.py           # rewrite README.md in place
    .venv/bin/python scripts/docs.py --check   # exit 1 and show the difference when a section is stale

A generated section sits between ``<!-- BEGIN generated: NAME -->`` and ``<!-- END generated: NAME -->``; its
text comes from the registry of rules or from the CLI's own ``--help``, so the README cannot drift from the code
(as sqlite-utils generates its CLI reference and checks it in CI). The test suite runs ``--check``.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
# The README is English: the rules table and the CLI reference are generated in English whatever the locale of
# the machine that regenerates them (notices.i18n reads NOTICES_LANG before the locale).
os.environ["NOTICES_LANG"] = "en"
SECTION = re.compile(
    r"(?P<begin><!-- BEGIN generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(?P<end><!-- END generated: (?P=name) -->)",
    re.S,
)


def _rules_table(kind_rules: bool) -> str:
    from notices.check.registry import all_rules
    from notices.cli.rules import markdown_table

    chosen = [r for r in all_rules().values() if (r.kinds is not None or r.id.startswith("K-")) == kind_rules]
    return markdown_table(chosen)


def _cli_reference() -> str:
    """Every command's --help, as a person at a terminal sees it (80 columns, no colour)."""
    import typer.main
    from typer.testing import CliRunner

    from notices.cli import app

    os.environ["COLUMNS"] = "80"
    group = typer.main.get_command(app)
    names = ["", *sorted(group.commands)]  # type: ignore[attr-defined]
    runner = CliRunner()
    out: list[str] = []
    for name in names:
        args = [name, "--help"] if name else ["--help"]
        result = runner.invoke(app, args, prog_name="notices", env={"COLUMNS": "80", "NO_COLOR": "1"})
        if result.exit_code != 0:
            raise SystemExit(f"docs: `notices {' '.join(args)}` failed:\n{result.output}")
        title = f"notices {name}".strip()
        out += [f"#### `{title}`", "", "```text", result.output.rstrip(), "```", ""]
    return "\n".join(out)


GENERATORS: dict[str, Callable[[], str]] = {
    "rules": lambda: _rules_table(kind_rules=False),
    "kind-rules": lambda: _rules_table(kind_rules=True),
    "cli-reference": _cli_reference,
}


def generate(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in GENERATORS:
            raise SystemExit(f"docs: README names an unknown generated section {name!r}")
        body = GENERATORS[name]().rstrip("\n") + "\n"
        return f"{match['begin']}{body}{match['end']}"

    return SECTION.sub(replace, text)


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    fresh = generate(current)
    if "--check" in argv:
        if fresh == current:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(), fresh.splitlines(), "README.md", "README.md (generated)", lineterm=""
        )
        print("\n".join(diff))
        print(
            "docs: README.md is stale; run `.venv/bin/python scripts/docs.py` and commit it", file=sys.stderr
        )
        return 1
    if fresh != current:
        README.write_text(fresh, encoding="utf-8")
        print("docs: README.md rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
