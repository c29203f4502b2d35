"""P-DATE-REAL: every date the text states exists."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.en_dates import find_en_dates
from notices.i18n import _


@rule(
    "P-DATE-REAL",
    "error",
    summary="Dates in the text exist: month 1-12, a day the month has, 29 February only in leap years",
    source="GB/T 7408-2005 (ISO 8601) calendar dates; GB/T 33661-2017 农历的编算和颁行",
    good=[
        "sign_off: {date: 2027-12-01}\nbody: [2028年2月29日起执行新价格。]",
        "body: [2月15日至28日停止发货。]",
    ],
    bad=[
        "body: [2026年2月29日起执行新价格。]",
        "body: [2月30日恢复发货。]",
        "body: [4月25日至31日盘点。]",
        "lang: en\nbody: [Shipping resumes on 30 February 2026.]",
    ],
)
def real_dates(ctx: CheckContext) -> Iterator[Hit]:
    """A date that does not exist (2月30日, 4月31日, 2026年2月29日, 13月1日) is a typo for some other day:
    the reader cannot tell which. Values such as ``deadlines[].date`` are checked when the spec is read; this
    rule checks the dates written in the text, range ends included ("4月25日至31日")."""
    for field in ctx.iter_texts():
        for mention in ctx.dates(field):
            for endpoint in mention.endpoints():
                if endpoint.exists is False:
                    shown = f"{endpoint.year}年" if endpoint.year_explicit else ""
                    yield Hit(
                        field.path,
                        _("{shown}{month}月{day}日 does not exist").format(
                            shown=shown, month=endpoint.month, day=endpoint.day
                        ),
                        fix=_("correct the date"),
                        offset=endpoint.date_start,
                    )
        for found in find_en_dates(field.text, ctx.issue_date):
            if found.exists is False:
                shown = found.label if found.range_part else found.text  # "30" of "30–31 February"
                yield Hit(
                    field.path,
                    _("“{shown}” does not exist").format(shown=shown),
                    fix=_("correct the date"),
                    offset=found.start,
                )
