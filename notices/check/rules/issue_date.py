"""B-ISSUE-DATE: a formal notice states its date of issue (成文日期) to the day."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.i18n import _


@rule(
    "B-ISSUE-DATE",
    "warning",
    summary="A notice states its date of issue (成文日期) to the day; one without it is a finding",
    source="GB/T 9704-2012 §7.3.5.1 (成文日期, 公文 required element); §7.3.5.2",
    good=["sign_off: {date: 2026-01-05}"],
    bad=["sign_off: {date: none}", "lang: en\nsign_off: {date: none}"],
)
def issue_date(ctx: CheckContext) -> Iterator[Hit]:
    """GB/T 9704 makes the 成文日期 a required element of a 公文, written in full (2026年1月5日) under the
    issuer's name; a business letter carries its date line for the same reason: deadlines, "from today" and
    "next week" are read from it, and a reader with an undated notice cannot tell whether it is still in
    force. A real notice sometimes gives only the month ("2019年5月") or no date at all; the spec says so
    (``sign_off.date: 2019-05`` or ``none``) rather than inventing a day, the notice is printed as issued, and
    this rule says what is missing: a warning when no date is stated, an info note when only the month is.
    Rules that ask whether a date is already past compare with the month's first day, and with nothing when
    no date is stated; dates written without a year are read in the first year the notice names."""
    sign_off = ctx.spec.sign_off
    if sign_off.undated:
        yield Hit(
            ("sign_off", "date"),
            _(
                "the notice states no date of issue: readers cannot tell when it was issued or whether it is still in force"
            ),
            fix=_(
                "give sign_off.date (2026-01-05) if the date is known; a month alone (2019-05) if only that is"
            ),
        )
    elif sign_off.month is not None:
        yield Hit(
            ("sign_off", "date"),
            _("the date of issue is given to the month only ({month})").format(month=ctx.issue_text),
            fix=_("give the day (sign_off.date: 2026-01-05) if it is known"),
            severity="info",
        )
