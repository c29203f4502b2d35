"""The check gate for a row that changes the notice itself: ``spec.*`` columns make a notice nobody checked.

The spec is checked once before any row (`notices.check.gate`). A row with ``spec.sign_off.date`` or
``spec.deadlines.0.date`` columns renders another notice: its deadline may be past, its weekday wrong. Such a
row is checked as its own notice, and an error the spec alone does not have fails that row (with the column
that brought it in), while every other row renders. Rows with the same overrides share one check.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from notices.batch.manifest import canonical_json
from notices.batch.overrides import SPEC_PREFIX, apply_overrides
from notices.batch.rows import RowProblem, RowProblemsError
from notices.batch.worker import Task
from notices.check.findings import Finding
from notices.check.gate import review, settings_for
from notices.errors import NoticeError
from notices.reader import Notice, from_data


class RowGate:
    """Errors a row's overrides bring into the notice, by the overrides' content."""

    def __init__(self, notice: Notice, spec_findings: list[Finding]) -> None:
        self.notice = notice
        self.settings = settings_for(notice)
        self.known = {_key(f) for f in spec_findings}
        self.cache: dict[bytes, tuple[Finding, ...]] = {}

    def checked(self, tasks: Iterator[Task]) -> Iterator[Task]:
        """The tasks, a row whose overrides bring an error in marked failed with it."""
        for task in tasks:
            if task.overrides and not task.problems:
                new = self.new_errors(task.number, task.overrides)
                if new:
                    yield _failed(task, [_problem(task, finding) for finding in new])
                    continue
            yield task

    def new_errors(self, number: int, overrides: Mapping[str, Any]) -> tuple[Finding, ...]:
        key = canonical_json(overrides)
        if key not in self.cache:
            self.cache[key] = self._new_errors(number, overrides)
        return self.cache[key]

    def _new_errors(self, number: int, overrides: Mapping[str, Any]) -> tuple[Finding, ...]:
        try:
            data = apply_overrides(self.notice.data, overrides, number=number)
            changed = from_data(dict(data), self.notice.source, self.notice.base_dir, [])
        except (RowProblemsError, NoticeError):
            return ()  # the render reports a malformed override with its column, as it always has
        findings = review(changed, settings=self.settings)
        return tuple(f for f in findings if f.severity == "error" and _key(f) not in self.known)


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.rule, finding.path, finding.message)


def _problem(task: Task, finding: Finding) -> RowProblem:
    column = next(
        (
            SPEC_PREFIX + path
            for path in task.overrides
            if finding.path.replace("[", ".").replace("]", "").startswith(path)
        ),
        None,
    )
    return RowProblem(task.number, column, f"{finding.rule} {finding.message}", finding.fix)


def _failed(task: Task, problems: list[RowProblem]) -> Task:
    from dataclasses import replace

    return replace(task, problems=(*task.problems, *problems))
