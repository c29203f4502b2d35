"""Every registered rule: well described, and its own good and bad examples behave as it claims."""

from __future__ import annotations

import re

import pytest

import notices.fontcheck  # noqa: F401  (R-FONT's font step: `notices check` loads it, checking alone does not)
from notices.check import all_rules
from notices.check.examples import example_spec, run_example
from notices.check.findings import SEVERITIES

RULES = all_rules()
ID = re.compile(r"^[A-Z]{1,3}(?:-[A-Z0-9]+)+$")


def test_rules_are_discovered_from_their_modules() -> None:
    assert "B-RECIP" in RULES
    assert len({r.check.__module__ for r in RULES.values()}) > 1 or len(RULES) == 1


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_is_described(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert ID.match(rule.id), rule.id
    assert rule.severity in SEVERITIES
    assert rule.summary and "\n" not in rule.summary
    assert rule.source, "say where the rule comes from"
    # A user looks a source up: a standard and its section, a regulation, CLREQ, a style manual; never a file
    # of this repository's working notes or an issue number.
    assert not re.search(r"\.md\b|\bissue \d|notice-format-rules|reference §", rule.source), rule.source
    assert rule.check.__doc__, "the docstring is what `notices rules ID` explains"
    assert rule.good and rule.bad
    assert set(rule.profile_severity.values()) <= set(SEVERITIES)


@pytest.mark.parametrize(
    ("rule_id", "snippet"),
    [(r.id, good) for r in RULES.values() for good in r.good],
    ids=lambda v: str(v)[:30],
)
def test_good_example_gives_no_finding_of_its_rule(rule_id: str, snippet: str) -> None:
    found = run_example(snippet, only=rule_id)
    assert found == [], f"{rule_id} flags its own good example:\n{example_spec(snippet)}\n{found}"


@pytest.mark.parametrize(
    ("rule_id", "snippet"), [(r.id, bad) for r in RULES.values() for bad in r.bad], ids=lambda v: str(v)[:30]
)
def test_bad_example_gives_a_located_finding_of_its_rule(rule_id: str, snippet: str) -> None:
    found = run_example(snippet, only=rule_id)
    assert found, f"{rule_id} misses its own bad example:\n{example_spec(snippet)}"
    for finding in found:
        assert finding.rule == rule_id
        assert "internal error" not in finding.message
        assert finding.line is not None and finding.column is not None, finding
        assert finding.path


def test_good_examples_are_clean_under_every_rule() -> None:
    """A good example must not trip another rule either, or it teaches the wrong thing."""
    for rule in RULES.values():
        for snippet in rule.good:
            found = [f for f in run_example(snippet) if f.severity != "info"]
            assert found == [], f"good example of {rule.id} is flagged:\n{snippet}\n{found}"
