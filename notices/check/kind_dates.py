"""Date checks the kind rules (``rules/kind_*.py``) share: a date already past, a date on a public holiday.

The kinds' structured dates (``stockup.order_deadline``, ``meeting.reply_by`` …) are values, not text, so the
text rules P-TIMELINE and P-HOLIDAY do not read them; these helpers give them the same treatment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from notices.check.calendar import holiday_break, is_adjusted_workday
from notices.check.context import CheckContext
from notices.check.dates import format_cn_date as cn
from notices.check.findings import Hit, Severity
from notices.reader.source import PathKey


def before_issue(
    ctx: CheckContext, path: PathKey, day: dt.date, what: str, severity: Severity | None = None
) -> Iterator[Hit]:
    """``day`` is before the notice's own date: the reader cannot meet it (or was told too late)."""
    if day < ctx.issue_date:
        dated = ctx.dated_note
        yield Hit(
            path,
            f"{what} {cn(day)} is before the issue date {cn(ctx.issue_date)}{dated}",
            fix="correct the date (or sign_off.date)",
            severity=severity,
        )


def on_public_holiday(path: PathKey, day: dt.date, what: str) -> Iterator[Hit]:
    """``day`` falls in a State Council holiday break (a 调休 working day is a working day): a warning."""
    if is_adjusted_workday(day):
        return
    found = holiday_break(day)
    if found is not None:
        yield Hit(
            path,
            f"{what} {cn(day)} falls in the {found.name} holiday ({cn(found.first)}–{cn(found.last)})",
            fix=f"move it to the last working day before {cn(found.first)}",
            severity="warning",
        )


def shipping_window(
    section: str, stop: dt.date, resume: dt.date, first: dt.date, last: dt.date, break_name: str
) -> Iterator[Hit]:
    """Shipping stops before the break ``first``–``last`` and resumes after it, in that order.

    Shared by the stock-up and holiday kinds, whose sections both carry ``shipping_stop`` and ``shipping_resume``.
    """
    if resume <= stop:
        yield Hit(
            (section, "shipping_resume"),
            f"shipping resumes ({cn(resume)}) before it stops ({cn(stop)})",
            fix="correct the dates",
        )
        return
    if stop > first:
        yield Hit(
            (section, "shipping_stop"),
            f"shipping stops on {cn(stop)}, after the {break_name} has begun ({cn(first)})",
            fix="check the date",
            severity="warning",
        )
    if first <= resume <= last:
        yield Hit(
            (section, "shipping_resume"),
            f"shipping resumes on {cn(resume)}, inside the {break_name} ({cn(first)}–{cn(last)})",
            fix="check the date",
            severity="warning",
        )


def schedules_in_order(section: str, schedules: Sequence[Any]) -> Iterator[Hit]:
    """Each service's own schedule resumes after it stops (or after its last day)."""
    for index, schedule in enumerate(schedules):
        before = schedule.stop or schedule.last_day
        if before is not None and schedule.resume is not None and schedule.resume <= before:
            yield Hit(
                (section, "schedules", index, "resume"),
                f"{schedule.what} resumes ({cn(schedule.resume)}) before it stops ({cn(before)})",
                fix="correct the dates",
            )


def unstated(section: str, fact: str, why: str, fix: str = "") -> Hit:
    """A fact a good notice of the kind states and this one does not: a warning naming it and the reader's need.

    The kinds load without such facts (a real notice may not state them, and a made-up value would be false);
    the kinds' ``*-FACTS`` rules say what the reader will miss.
    """
    return Hit(
        (section,),
        f"the notice does not state {fact}: {why}",
        fix=fix or f"add {section}.{fact.split(' ')[0]} if you know it",
        severity="warning",
    )


__all__ = ["before_issue", "cn", "on_public_holiday", "schedules_in_order", "shipping_window", "unstated"]
