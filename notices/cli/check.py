"""`notices check`: hold specs to the notice format rules; text, JSON, GitHub or SARIF output; --fix."""

from __future__ import annotations

import glob
import re
from pathlib import Path
from typing import Annotated

import typer

from notices.cli import app
from notices.cli.output import EXIT_NOTICE_ERRORS, EXIT_OK, EXIT_UNREADABLE
from notices.i18n import _

_SPEC_SUFFIXES = (".yaml", ".yml")
# Keys only a notice spec has at its top level: house-style files and recipient lists beside specs have none.
# A key typed with a full-width colon or as 标题 still marks a spec: it is checked, and the load reports the
# slip, rather than the file silently dropping out of a folder check.
_SPEC_KEY_LINE = re.compile(
    r"^(?:title|标题|salutation|body|sign_off|deadlines|closing|attachments)[ \t]*[:：]", re.MULTILINE
)


def looks_like_spec(path: Path) -> bool:
    """Whether a YAML file found through a folder or a glob is a notice spec.

    It is when a line starts with a key only specs have (``title:``, ``body:``, ``sign_off:`` …, also with a
    full-width colon), or when it is not YAML that reads as a mapping at all: a file that fails to parse is
    checked (and reported), never silently left out.
    """
    from notices.errors import SpecError
    from notices.reader.source import parse_yaml

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return True  # let reading it report the problem
    if _SPEC_KEY_LINE.search(text):
        return True
    try:
        data, _source, _problems = parse_yaml(
            text, str(path)
        )  # the reader's limits: no alias bomb in a stray file
    except SpecError:
        return True
    return not isinstance(data, dict | list)


def expand_specs(patterns: list[str]) -> tuple[list[Path], list[str]]:
    """Files for each argument: a file, a glob (``examples/*.yaml``, ``**``) or a folder (its YAML files).

    Through a folder or a glob only notice specs are taken (house-style files and data beside them are not);
    a file named on its own is always checked. Returns the files, in argument order without repeats, and the
    arguments that matched nothing.
    """
    files: list[Path] = []
    unmatched: list[str] = []
    for pattern in patterns:
        path = Path(pattern)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in _SPEC_SUFFIXES and p.is_file())
            found = [p for p in found if looks_like_spec(p)]
        elif glob.has_magic(pattern):
            found = sorted(Path(p) for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
            found = [p for p in found if looks_like_spec(p)]
        else:
            found = [path]  # a missing file is reported when it is read
        if not found:
            unmatched.append(pattern)
        files.extend(p for p in found if p not in files)
    return files, unmatched


@app.command()
def check(
    specs: Annotated[list[str], typer.Argument(help="Spec files, globs or folders.", show_default=False)],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, github (workflow annotations) or sarif.")
    ] = "text",
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply the safe fixes in place, then report the rest.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", help="Only these rule IDs (repeatable).", show_default=False),
    ] = None,
) -> None:
    """Check each SPEC against the notice format rules.

    Examples:

        notices check examples/stockup.zh.yaml

        notices check 'specs/**/*.yaml' --format github

        notices check spring.yaml --fix

        notices check specs/ --format sarif > notices.sarif

    Each finding names the rule, severity, file:line:column of the offending text and the spec path. Rules are
    configured in [tool.notices.checks] of pyproject.toml or the spec's checks: key; a comment
    "# notices: ignore[RULE-ID]" silences a rule on its line. `notices rules` lists the rules.

    When part of a spec does not load (a bad date, an unknown key, a line YAML refuses), that is reported and
    every rule still runs over the rest, so one run lists every mistake.

    Exit codes: 0 no errors (warnings allowed), 1 a spec has errors, 2 a file could not be read whole.
    """
    import notices.fontcheck  # noqa: F401  (the font step of R-FONT)
    from notices.check.fix import apply_edits
    from notices.check.formats import FORMATTERS
    from notices.check.registry import get_rule
    from notices.check.runner import check_path

    if output_format not in FORMATTERS:
        typer.echo(
            _("error: unknown format {output_format!r}; use one of {items}").format(
                output_format=output_format, items=", ".join(FORMATTERS)
            ),
            err=True,
        )
        raise typer.Exit(EXIT_UNREADABLE)
    unknown = [rule_id for rule_id in select or [] if get_rule(rule_id) is None]
    if unknown:
        typer.echo(
            _("error: no rule {items}; `notices rules` lists them").format(items=", ".join(unknown)), err=True
        )
        raise typer.Exit(EXIT_UNREADABLE)
    files, unmatched = expand_specs(specs)
    worst = EXIT_OK
    for pattern in unmatched:
        typer.echo(_("{pattern}: error: no spec file matches").format(pattern=pattern), err=True)
        worst = EXIT_UNREADABLE
    findings = []
    for spec in files:
        checked = check_path(spec, only=select)
        if fix and any(f.edit for f in checked.findings):
            try:
                result = apply_edits(spec, [f.edit for f in checked.findings if f.edit is not None])
            except OSError as err:
                typer.echo(
                    _("{spec}: error: cannot write the fixed file: {err}").format(spec=spec, err=err),
                    err=True,
                )
                worst = EXIT_UNREADABLE
            else:
                if result.applied:
                    typer.echo(f"{spec}: fixed {result.applied} finding(s)", err=True)
                checked = check_path(spec, only=select)
        findings.extend(checked.findings)
        if not checked.loaded:
            worst = EXIT_UNREADABLE
        elif any(f.severity == "error" for f in checked.findings):
            worst = max(worst, EXIT_NOTICE_ERRORS)
    typer.echo(FORMATTERS[output_format](findings, len(files)), nl=False)
    raise typer.Exit(worst)
