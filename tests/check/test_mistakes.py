"""The classic copied 春节备货 template: one `notices check` run finds each of its mistakes, rule
and place, although its sign-off date (201X-XX-XX) does not load."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notices.check.runner import check_path

SPEC = Path(__file__).resolve().parents[2] / "examples" / "mistakes" / "stockup-template.zh.yaml"
TODAY = dt.date(2026, 1, 5)  # the spec states no date: it is dated the day it is checked


def position(fragment: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th occurrence of ``fragment`` in the spec file."""
    text = SPEC.read_text(encoding="utf-8")
    index = -1
    for _ in range(occurrence):
        index = text.index(fragment, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


EXPECTED = [
    ("P-PLACEHOLDER", "XXXXX控股有限公司\n", 1),  # issuer.name
    ("P-PLACEHOLDER", "XXXXX控股有限公司文件", 1),  # letterhead
    ("P-PLACEHOLDER", "XXXX春节", 1),  # title
    ("B-RECIP", ":'", 1),  # 亲爱的合作伙伴: with a half-width colon
    ("P-PLACEHOLDER", "202X年", 1),
    ("P-PLACEHOLDER", "201X年X月XX日", 1),
    ("P-YEAR", "2012年2月5日", 1),  # a year left from a notice of 2012
    ("P-YEAR", "2012年2月15日", 1),
    ("P-TIMELINE", "2012年2月15日", 1),  # "…前到达": a deadline long past
    ("P-PLACEHOLDER", "XXXXXX控股", 1),  # sign-off name
    ("SPEC", "201X-XX-XX", 1),  # the sign-off date is not a date: the spec does not load whole …
    ("P-PLACEHOLDER", "201X-XX-XX", 1),  # … and the rules still read it and everything else
]


@pytest.fixture(scope="module")
def findings() -> list[tuple[str, int | None, int | None, str]]:
    checked = check_path(SPEC, today=TODAY)
    assert not checked.loaded
    return [(f.rule, f.line, f.column, f.severity) for f in checked.findings]


@pytest.mark.parametrize(
    ("rule_id", "fragment", "occurrence"), EXPECTED, ids=[f"{r}:{t.strip()}" for r, t, _ in EXPECTED]
)
def test_each_mistake_is_found_at_its_text(
    findings: list[tuple[str, int | None, int | None, str]], rule_id: str, fragment: str, occurrence: int
) -> None:
    line, column = position(fragment, occurrence)
    at = [(r, col) for r, ln, col, _ in findings if ln == line]
    assert (rule_id, column) in at, f"{rule_id} not at {line}:{column}; found on that line: {at}"


def test_nothing_else_is_reported_and_the_spec_fails(
    findings: list[tuple[str, int | None, int | None, str]],
) -> None:
    expected = {(rule_id, *position(fragment, n)) for rule_id, fragment, n in EXPECTED}
    unexpected = [f for f in findings if (f[0], f[1], f[2]) not in expected and f[3] != "info"]
    assert unexpected == []
    assert any(severity == "error" for *_, severity in findings)
