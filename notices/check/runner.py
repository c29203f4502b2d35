"""Run the rules over a notice: settings applied, hits located, inline ignores honoured, findings sorted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from notices.check.config import (
    CONFIG_RULE,
    Settings,
    find_pyproject,
    ignored_rules,
    is_ignored,
    parse_settings,
    pyproject_settings,
    setting_for,
)
from notices.check.context import CheckContext
from notices.check.findings import Finding, Hit
from notices.check.partial import Salvaged
from notices.check.registry import Rule, all_rules
from notices.errors import Problem, SpecError
from notices.i18n import _
from notices.reader import Notice, load
from notices.reader.source import PathKey, path_text


def check_notice(
    notice: Notice,
    *,
    settings: Sequence[Settings] = (),
    today: dt.date | None = None,
    only: Iterable[str] | None = None,
    salvaged: Salvaged | None = None,
) -> list[Finding]:
    """Every finding for ``notice``, in file order.

    ``settings`` are layers applied in order (pyproject.toml first); the spec's own ``checks:`` is applied last.
    ``only`` restricts the run to those rule IDs. ``today`` stands in for the date when the spec states none.
    ``salvaged``: the spec did not load whole and ``notice`` is its repaired part (`notices.check.partial`).
    """
    rules = all_rules()
    known = tuple(rules)
    spec_layer = parse_settings(notice.spec.checks, known, "checks")
    layers = [*settings, spec_layer]
    findings = [*_settings_findings(notice, settings, spec_layer)]
    context = CheckContext(notice, today=today, salvaged=salvaged)
    silencer = _Silencer(notice.source.text)
    wanted = {rule_id.upper() for rule_id in only} if only is not None else None
    for rule in rules.values():
        if wanted is not None and rule.id not in wanted:
            continue
        if not rule.applies_to(context.lang, context.kind):
            continue
        configured = setting_for(rule.id, layers)
        if configured == "off":
            continue
        findings.extend(_run(rule, context, configured, silencer, salvaged))
    return sorted(findings, key=lambda f: f.sort_key)


def _run(
    rule: Rule,
    context: CheckContext,
    configured: str | None,
    silenced: _Silencer,
    salvaged: Salvaged | None = None,
) -> list[Finding]:
    source = context.notice.source
    out = []
    try:
        hits = list(rule.check(context))
    except Exception as err:  # one broken rule must not hide every other finding
        return [
            Finding(
                rule.id,
                "error",
                _("internal error in rule {id}: {err!r}").format(id=rule.id, err=err),
                source.file,
                None,
                None,
                "",
            )
        ]
    # Hits on the spec's own text and values first: a composed sentence repeating one of them (the template
    # writes the deadline the spec gives) adds nothing where the same rule already spoke on that line.
    hits.sort(key=lambda hit: context.origin_of(hit.path) is not None)
    spoken: set[int | None] = set()
    for hit in hits:
        composed = context.origin_of(hit.path)
        if composed is not None:
            hit = _at_origin(hit, *composed)
        if salvaged is not None:
            if any(hit.path[: len(stood)] == stood for stood in salvaged.stand_ins):
                continue  # about a value the writer never wrote: the SPEC finding says what is missing
            hit = _as_written(hit, salvaged)
        severity = configured or hit.severity or rule.default_severity(context.profile)
        location = hit.at or source.locate(hit.path, hit.offset, key=hit.key)
        if salvaged is not None:
            location = salvaged.written_location(location)
        if silenced(rule.id, location.line) or silenced(rule.id, source.locate(hit.path, key=hit.key).line):
            continue
        if composed is not None and location.line in spoken:
            continue
        spoken.add(location.line)
        out.append(
            Finding(
                rule=rule.id,
                severity=severity,  # type: ignore[arg-type]  # "off" was skipped by the caller
                message=hit.message,
                file=location.file,
                line=location.line,
                column=location.column,
                path=path_text(hit.path),
                fix=hit.fix,
                edit=hit.edit,
            )
        )
    return out


def _at_origin(hit: Hit, origin: PathKey, text: str) -> Hit:
    """A hit on a sentence the kind's template wrote, placed at the fact it comes from (no column: the
    sentence is not in the file) and quoting it; no edit, since the file does not hold that text."""
    shown = text if len(text) <= 40 else text[:39] + "…"
    return replace(
        hit,
        path=origin,
        offset=None,
        edit=None,
        message=f"{hit.message} (in the composed text “{shown}”, written from {path_text(origin)})",
    )


def _as_written(hit: Hit, salvaged: Salvaged) -> Hit:
    """A hit on the repaired data of a partial load, with its paths as the file has them."""
    edit = hit.edit
    if edit is not None:
        edit = None if salvaged.mended else replace(edit, path=salvaged.written_path(edit.path))
    return replace(hit, path=salvaged.written_path(hit.path), edit=edit)


def _settings_findings(notice: Notice, layers: Sequence[Settings], spec_layer: Settings) -> list[Finding]:
    out = []
    for layer in layers:
        for problem in layer.problems:
            out.append(
                Finding(
                    CONFIG_RULE,
                    "warning",
                    f"{layer.origin}: {problem.message}",
                    layer.origin.split(" ")[0],
                    None,
                    None,
                    "",
                    problem.fix,
                )
            )
    for problem in spec_layer.problems:
        path = ("checks", problem.key)
        location = notice.source.locate(path, key=True)
        out.append(
            Finding(
                CONFIG_RULE,
                "warning",
                problem.message,
                location.file,
                location.line,
                location.column,
                path_text(path),
                problem.fix,
            )
        )
    return out


class _Silencer:
    """Answers whether a ``# notices: ignore[…]`` comment on a source line silences a rule."""

    def __init__(self, text: str | None) -> None:
        self.lines = text.splitlines() if text is not None else []
        self.cache: dict[int, frozenset[str]] = {}

    def __call__(self, rule_id: str, line: int | None) -> bool:
        if line is None or not 0 < line <= len(self.lines):
            return False
        if line not in self.cache:
            self.cache[line] = ignored_rules(self.lines[line - 1])
        return is_ignored(rule_id, self.cache[line])


def problem_findings(problems: Iterable[Problem]) -> list[Finding]:
    """A spec that could not be read, reported in the same shape as findings (rule ``SPEC``)."""
    return [
        Finding(
            "SPEC", "error", p.message, p.location.file, p.location.line, p.location.column, p.path, p.fix
        )
        for p in problems
    ]


def project_settings(spec_path: str | Path) -> list[Settings]:
    """The ``[tool.notices.checks]`` layer of the pyproject.toml nearest to the spec, if there is one."""
    pyproject = find_pyproject(Path(spec_path).parent)
    return [pyproject_settings(pyproject, tuple(all_rules()))] if pyproject is not None else []


def check_file(
    path: str | Path,
    *,
    today: dt.date | None = None,
    use_pyproject: bool = True,
    only: Iterable[str] | None = None,
) -> list[Finding]:
    """Load and check one spec file, with the nearest pyproject.toml's settings. Raises ``SpecError``
    when it does not load whole (:func:`check_path` checks what does)."""
    layers = project_settings(path) if use_pyproject else []
    return check_notice(load(Path(path)), settings=layers, today=today, only=only)


@dataclass(frozen=True)
class FileCheck:
    """The findings of one file; ``loaded`` is False when the spec did not load whole (rule ``SPEC`` findings
    say why, and the other findings are about the part that did)."""

    findings: list[Finding]
    loaded: bool


def check_path(
    path: str | Path,
    *,
    today: dt.date | None = None,
    use_pyproject: bool = True,
    only: Iterable[str] | None = None,
) -> FileCheck:
    """Check one spec file and report everything in one run: when part of it does not load (a bad date, an
    unknown key, a value of the wrong type), the load problems are findings of rule ``SPEC`` and the rules
    still run over the rest and over every string written. A file that cannot be read or parsed at all gives
    its ``SPEC`` findings alone."""
    layers = project_settings(path) if use_pyproject else []
    try:
        return FileCheck(check_notice(load(Path(path)), settings=layers, today=today, only=only), True)
    except SpecError as err:
        problems = problem_findings(err.problems)
        salvaged = _salvage_file(Path(path))
        if salvaged is None:
            return FileCheck(problems, False)
        found = check_notice(salvaged.notice, settings=layers, today=today, only=only, salvaged=salvaged)
        if salvaged.mended:
            # The YAML error was all the reader could say; the mended file's own load problems (a sentence
            # with “: ” read as a key) are said too, at their places in the file as written.
            said = {(p.line, p.path) for p in problems}
            for problem in salvaged.problems:
                where = salvaged.written_location(problem.location)
                if (where.line, problem.path) not in said:
                    problems += problem_findings([replace(problem, location=where)])
        return FileCheck(sorted([*problems, *found], key=lambda f: f.sort_key), False)


def _salvage_file(path: Path) -> Salvaged | None:
    from notices.check.partial import salvage_text

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return salvage_text(text, file=str(path), base_dir=path.parent)
