"""K-HOLIDAY: a holiday notice's break, 调休 working days and shipping dates agree."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.calendar import is_adjusted_workday, official_schedule_known
from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.kind_dates import cn, schedules_in_order, shipping_window, unstated
from notices.check.registry import rule
from notices.i18n import _
from notices.kinds.holiday.facts import HolidayFacts


def _example(
    end: str = "2026-10-07", workdays: str = "[2026-09-20, 2026-10-10]", resume: str = "2026-10-08"
) -> str:
    return (
        f"kind: holiday\nholiday:\n  holiday: 国庆节\n  start: 2026-10-01\n  end: {end}\n  workdays: {workdays}\n"
        f"  shipping_stop: 2026-09-30\n  shipping_resume: {resume}\n"
        "  emergency: {name: 李明, phone: 138-1688-0001}\nsign_off: {date: 2026-09-10}\n"
    )


@rule(
    "K-HOLIDAY",
    "error",
    summary="A holiday notice's days off, 调休 working days and shipping dates agree with each other",
    source="国务院办公厅 部分节假日安排 (yearly, e.g. 国办发明电〔2025〕7号); 《全国年节及纪念日放假办法》第二条",
    good=[_example(), _example(workdays="[]")],
    bad=[
        _example(end="2026-09-28"),
        _example(workdays="[2026-09-20, 2026-10-03]"),
        _example(workdays="[2026-09-22]"),
        _example(workdays="[2026-09-26]"),
        _example(resume="2026-09-29"),
    ],
    kinds=("holiday",),
)
def holiday_arrangements(ctx: CheckContext) -> Iterator[Hit]:
    """Errors: the break ends before it starts; a 调休 working day inside the break (a day cannot be both);
    shipping resumes on or before the day it stops. Warnings: a 调休 working day that is not a weekend day
    (weekdays are working days anyway), one that the State Council schedule does not make a working day (for
    the years the installed ``holidays`` package carries), shipping that stops after the break begins or
    resumes inside it, a break that began before the notice's own date."""
    facts = ctx.spec.facts
    if not isinstance(facts, HolidayFacts):
        return
    if facts.end < facts.start:
        yield Hit(
            ("holiday", "end"),
            _("the break ends ({end}) before it starts ({start})").format(
                end=cn(facts.end), start=cn(facts.start)
            ),
            fix=_("swap or correct the dates"),
        )
    for index, day in enumerate(facts.workdays):
        where = ("holiday", "workdays", index)
        if facts.start <= day <= facts.end:
            yield Hit(
                where,
                _("{day} is both a day off and a 调休 working day").format(day=cn(day)),
                fix=_("remove it from workdays, or correct the break"),
            )
        elif day.weekday() < 5:
            yield Hit(
                where,
                _("{day} is a weekday, a working day anyway: a 调休 working day is a weekend day").format(
                    day=cn(day)
                ),
                fix=_("check the date"),
                severity="warning",
            )
        elif official_schedule_known(day.year) and not is_adjusted_workday(day):
            yield Hit(
                where,
                _("the State Council schedule does not make {day} a working day").format(day=cn(day)),
                fix=_("check the date against this year's 放假安排"),
                severity="warning",
            )
    if facts.shipping_stop is not None and facts.shipping_resume is not None:
        yield from shipping_window(
            "holiday", facts.shipping_stop, facts.shipping_resume, facts.start, facts.end, "break"
        )
    yield from schedules_in_order("holiday", facts.schedules)
    if facts.reopen is not None and facts.start <= facts.reopen <= facts.end:
        yield Hit(
            ("holiday", "reopen"),
            _("work resumes on {reopen}, a day of the break ({start}–{end})").format(
                reopen=cn(facts.reopen), start=cn(facts.start), end=cn(facts.end)
            ),
            fix=_("give the first working day after the break, or correct end"),
        )
    if ctx.issue_first is not None and facts.start < ctx.issue_first:
        yield Hit(
            ("holiday", "start"),
            _("the break began ({start}) before the notice's date {issue_date}").format(
                start=cn(facts.start), issue_date=ctx.issue_text
            ),
            fix=_("correct the dates (or sign_off.date)"),
            severity="warning",
        )


@rule(
    "K-HOLIDAY-FACTS",
    "warning",
    summary="A holiday notice says when shipping stops and resumes and whom to call during the break",
    source="《电子商务法》第十七条 (全面、真实、准确、及时地披露商品或者服务信息); GB/T 9704-2012 §7.3.3 (正文)",
    good=_example(),
    bad=(
        "kind: holiday\nholiday:\n  holiday: 国庆节\n  start: 2026-10-01\n  end: 2026-10-07\n"
        "sign_off: {date: 2026-09-10}\n"
    ),
    kinds=("holiday",),
)
def holiday_facts(ctx: CheckContext) -> Iterator[Hit]:
    """Warnings, one per fact a customer plans the break around and the notice leaves out: when shipping
    stops and when it resumes (or each service's own schedule), and an emergency contact. Nothing is printed
    in their place: a notice that does not give them says nothing about them."""
    facts = ctx.spec.facts
    if not isinstance(facts, HolidayFacts):
        return
    if facts.shipping_stop is None and facts.shipping_resume is None and not facts.schedules:
        yield unstated(
            "holiday",
            "shipping_stop and shipping_resume",
            _("customers plan their last orders and their stock around them"),
        )
    if facts.emergency is None:
        yield unstated(
            "holiday",
            "emergency",
            _("customers with an urgent problem during the break need someone to call"),
        )
