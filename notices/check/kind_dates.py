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
from notices.i18n import _
from notices.reader.source import PathKey


def before_issue(
    ctx: CheckContext, path: PathKey, day: dt.date, what: str, severity: Severity | None = None
) -> Iterator[Hit]:
    """``day`` is before the notice's own date: the reader cannot meet it (or was told too late)."""
    if ctx.issue_first is not None and day < ctx.issue_first:
        dated = ctx.dated_note
        yield Hit(
            path,
            _("{what} {day} is before the issue date {issue_date}{dated}").format(
                what=what, day=cn(day), issue_date=ctx.issue_text, dated=dated
            ),
            fix=_("correct the date (or sign_off.date)"),
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
            _("{what} {day} falls in the {name} holiday ({first}–{last})").format(
                what=what, day=cn(day), name=found.name, first=cn(found.first), last=cn(found.last)
            ),
            fix=_("move it to the last working day before {first}").format(first=cn(found.first)),
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
            _("shipping resumes ({resume}) before it stops ({stop})").format(
                resume=cn(resume), stop=cn(stop)
            ),
            fix=_("correct the dates"),
        )
        return
    if stop > first:
        yield Hit(
            (section, "shipping_stop"),
            _("shipping stops on {stop}, after the {break_name} has begun ({first})").format(
                stop=cn(stop), break_name=break_name, first=cn(first)
            ),
            fix=_("check the date"),
            severity="warning",
        )
    if first <= resume <= last:
        yield Hit(
            (section, "shipping_resume"),
            _("shipping resumes on {resume}, inside the {break_name} ({first}–{last})").format(
                resume=cn(resume), break_name=break_name, first=cn(first), last=cn(last)
            ),
            fix=_("check the date"),
            severity="warning",
        )


def schedules_in_order(section: str, schedules: Sequence[Any]) -> Iterator[Hit]:
    """Each service's own schedule resumes after it stops (or after its last day)."""
    for index, schedule in enumerate(schedules):
        before = schedule.stop or schedule.last_day
        if before is not None and schedule.resume is not None and schedule.resume <= before:
            yield Hit(
                (section, "schedules", index, "resume"),
                _("{what} resumes ({resume}) before it stops ({before})").format(
                    what=schedule.what, resume=cn(schedule.resume), before=cn(before)
                ),
                fix=_("correct the dates"),
            )


def unstated(section: str, fact: str, why: str, fix: str = "") -> Hit:
    """A fact a good notice of the kind states and this one does not: a warning naming it and the reader's need.

    The kinds load without such facts (a real notice may not state them, and a made-up value would be false);
    the kinds' ``*-FACTS`` rules say what the reader will miss.
    """
    return Hit(
        (section,),
        _("the notice does not state {fact}: {why}").format(fact=fact, why=why),
        fix=fix
        or _("add {section}.{value} if you know it").format(section=section, value=fact.split(" ")[0]),
        severity="warning",
    )


__all__ = ["before_issue", "cn", "on_public_holiday", "schedules_in_order", "shipping_window", "unstated"]
