"""Check a notice spec against the notice format rules and report located findings.

Using it::

    from notices.check import check_file, check_notice
    findings = check_file("examples/stockup.zh.yaml")         # reads [tool.notices.checks] of pyproject.toml
    result = check_path("spring.yaml")     # never raises for a bad spec: SPEC findings, and the rest checked
    findings = check_notice(notices.load(spec_dict))          # a loaded Notice
    for f in findings: print(f.rule, f.severity, f.line, f.column, f.message, f.fix)

Adding a rule
=============

One rule (or a tiny family of related rules) is one module in ``notices/check/rules/``; modules are discovered
automatically, so nothing else needs editing. A kind-specific rule names its kinds. The skeleton::

    '''P-EXAMPLE: what it checks, in one sentence.'''        # module docstring

    from collections.abc import Iterator

    from notices.check.context import CheckContext
    from notices.check.findings import Edit, Hit
    from notices.check.registry import rule


    @rule(
        "P-EXAMPLE",                       # the reference's ID where there is one
        "warning",                         # default severity: error, warning or info
        summary="One line saying what is wrong",
        source="GB/T 15834-2011 §4.1 (句号)",   # what a user can look up: standard and section, regulation, CLREQ,
        good="body: [请于2026年1月20日前回复。]",      # YAML laid over a small valid spec (check/examples.py)
        bad="body: [请于2026年1月20日前回复.]",         # must give at least one finding of this rule
        langs=("zh",),                     # default: zh and en
        # kinds=("stockup",),              # only these kinds (default: every kind); good/bad then need the
                                           # kind: key and that kind's required fields
        profile_severity={"enterprise": "info"},   # optional: a looser default for a profile
    )
    def example(ctx: CheckContext) -> Iterator[Hit]:
        '''Longer explanation, shown by `notices rules P-EXAMPLE`: why, and where it comes from.'''
        for field in ctx.iter_texts():                  # every prose string with its path, in file order
            at = field.text.find("前回复.")
            if at >= 0:
                dot = at + 3
                yield Hit(
                    field.path, "half-width full stop", fix="use 。", offset=dot,
                    edit=Edit(field.path, dot, dot + 1, "。"),   # only for fixes that are always safe
                )

What a rule can use (:class:`~notices.check.context.CheckContext`): ``ctx.spec`` (the validated
:class:`~notices.spec.model.NoticeSpec`), ``ctx.data`` (the raw data, for fields a kind adds), ``ctx.lang``,
``ctx.kind``, ``ctx.profile``, ``ctx.issue_date`` (sign_off.date, else SOURCE_DATE_EPOCH, else today) and
``ctx.issue_date_stated``, ``ctx.iter_texts()`` / ``ctx.text_at(path)``, ``ctx.dates(field)`` (cached
:func:`~notices.check.dates.find_dates` with P-YEAR years), ``ctx.day_counts(field)``,
``ctx.structured_dates()``. `notices.check.calendar` answers holiday, 调休 and lunar questions;
`notices.check.textscan` tells Chinese from other text and finds template, URL and e-mail spans to leave alone.

A :class:`Hit` names the spec path and, for a string, the character ``offset`` of the offending text; the
runner turns it into a :class:`Finding` with file, line and column pointing at that character in the YAML, the
rule's severity after configuration (``[tool.notices.checks]``, the spec's ``checks:``, inline
``# notices: ignore[ID]``), and the ``Edit`` that ``--fix`` may apply.

Every rule needs a test (``tests/check/rules/test_<module>.py``): the good and bad examples are already run for
every rule by ``tests/check/test_registry.py``; add the cases the examples do not show.
"""

from notices.check.findings import Edit, Finding, Hit, Severity
from notices.check.registry import Rule, all_rules, get_rule, rule
from notices.check.runner import FileCheck, check_file, check_notice, check_path

__all__ = [
    "Edit",
    "FileCheck",
    "Finding",
    "Hit",
    "Rule",
    "Severity",
    "all_rules",
    "check_file",
    "check_notice",
    "check_path",
    "get_rule",
    "rule",
]
