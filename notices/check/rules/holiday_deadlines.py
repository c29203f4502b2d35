"""P-HOLIDAY: a deadline that falls on a Chinese public holiday."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notices.check.calendar import holiday_break, is_adjusted_workday
from notices.check.context import CheckContext
from notices.check.dates import format_cn_date
from notices.check.deadlines import is_deadline, is_en_deadline
from notices.check.en_dates import find_en_dates
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.reader.source import PathKey


@rule(
    "P-HOLIDAY",
    "warning",
    summary="A deadline falls on a Chinese public holiday (State Council schedule, Spring Festival included)",
    source="issue 3 (calendar awareness); State Council 部分节假日安排 via the holidays package; §5 N-HOLIDAY",
    good=[
        "deadlines: [{label: 最后下单时间, date: 2026-02-06, time: '17:00'}]",
        "body: [请于2026年2月14日（星期六）17:00前提交订单。]",
    ],
    bad=[
        "deadlines: [{label: 最后下单时间, date: 2026-02-17}]",
        "body: [请于2026年10月3日前提交订单。]",
        "sign_off: {date: 2025-12-01}\nbody: [最后下单时间为1月1日17:00前。]",
    ],
)
def holiday_deadline(ctx: CheckContext) -> Iterator[Hit]:
    """An order deadline on a public holiday cannot be met by a customer whose own office is closed, and
    nobody is there to take the order. The break is the State Council's for the years the installed
    ``holidays`` package carries (the weekends joined to it included, the adjusted working days
    (调休上班) excluded); for other years only the statutory days themselves (春节 from 除夕 to 初三).
    Deadlines are ``deadlines[].date``, dates whose key says so (``order_deadline``, ``reply_by``), and dates
    in the text followed by 前 / 截止 or led by 截止时间为 / 最迟 / 请于 / "by"."""
    for path, day in ctx.structured_deadlines():
        yield from _on_holiday(path, None, day, f"the deadline {ctx.describe(path)}")
    for field in ctx.iter_texts():
        for mention in ctx.dates(field):
            if is_deadline(field.text, mention) and mention.last.date is not None:
                yield from _on_holiday(field.path, mention.last.date_start, mention.last.date, "the deadline")
        if ctx.lang == "en":
            for found in find_en_dates(field.text, ctx.issue_date):
                if found.date is not None and is_en_deadline(field.text, found.start):
                    yield from _on_holiday(field.path, found.start, found.date, "the deadline")


def _on_holiday(path: PathKey, offset: int | None, day: dt.date, what: str) -> Iterator[Hit]:
    if is_adjusted_workday(day):
        return
    found = holiday_break(day)
    if found is None:
        return
    span = f"{format_cn_date(found.first)}–{format_cn_date(found.last)}"
    yield Hit(
        path,
        f"{what} {format_cn_date(day)} falls in the {found.name} holiday ({span})",
        fix=f"move it to the last working day before {format_cn_date(found.first)}",
        offset=offset,
    )
