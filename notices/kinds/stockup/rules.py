"""K-STOCKUP: the dates of a stock-up notice agree with each other and with the notice's own date."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.kind_dates import (
    before_issue,
    cn,
    on_public_holiday,
    schedules_in_order,
    shipping_window,
    unstated,
)
from notices.check.registry import rule
from notices.i18n import _
from notices.kinds.facts import Moment
from notices.kinds.stockup.facts import StockupFacts


def _example(
    deadline: str = "2026-02-06", stop: str = "2026-02-09", resume: str = "2026-02-24", extra: str = ""
) -> str:
    return (
        "kind: stockup\nstockup:\n  holiday: 春节\n  holiday_start: 2026-02-15\n  holiday_end: 2026-02-23\n"
        f"  order_deadline: {{date: {deadline}, time: '17:00'}}\n  shipping_stop: {stop}\n"
        f"  shipping_resume: {resume}\n  stock_days: 30\n  duty: {{name: 李明, phone: 400-820-1688}}\n{extra}"
    )


@rule(
    "K-STOCKUP",
    "error",
    summary="A stock-up notice's order deadline, shipping stop and resumption fit around the holiday",
    source="国务院办公厅 部分节假日安排 (the break the deadlines precede); the order of the stated dates",
    good=[_example(), _example(extra="  plan_confirm_by: 2026-01-20\n")],
    bad=[
        _example(deadline="2026-02-16"),
        _example(resume="2026-02-06"),
        _example(deadline="2026-02-12"),
        _example(deadline="2025-12-30"),
        _example(extra="  plan_confirm_by: 2026-02-10\n"),
    ],
    kinds=("stockup",),
)
def stockup_timeline(ctx: CheckContext) -> Iterator[Hit]:
    """Errors: the holiday ends before it starts; the last order deadline is on or after the first day of the
    holiday; shipping resumes on or before the day it stops; the order deadline or the plan-confirmation
    date is before the notice's own date. Warnings: orders accepted after shipping stops (they cannot ship
    before the holiday), shipping that stops after the holiday has begun or resumes inside it, a plan to
    confirm after the last order, a deadline on a public holiday."""
    facts = ctx.spec.facts
    if not isinstance(facts, StockupFacts):
        return
    if facts.holiday_end < facts.holiday_start:
        yield Hit(
            ("stockup", "holiday_end"),
            _("the holiday ends ({holiday_end}) before it starts ({holiday_start})").format(
                holiday_end=cn(facts.holiday_end), holiday_start=cn(facts.holiday_start)
            ),
            fix=_("swap or correct the dates"),
        )
    deadline = facts.deadline_day
    at = (
        ("stockup", "order_deadline", "date")
        if isinstance(facts.order_deadline, Moment)
        else ("stockup", "order_deadline")
    )
    if deadline is not None:
        if deadline >= facts.holiday_start:
            yield Hit(
                at,
                _(
                    "the last order deadline {deadline} is not before the holiday starts ({holiday_start})"
                ).format(deadline=cn(deadline), holiday_start=cn(facts.holiday_start)),
                fix=_("set the deadline on a working day before the holiday"),
            )
        elif facts.shipping_stop is not None and deadline > facts.shipping_stop:
            yield Hit(
                at,
                _(
                    "orders are taken until {deadline} but shipping stops on {shipping_stop}: they cannot ship before the holiday"
                ).format(deadline=cn(deadline), shipping_stop=cn(facts.shipping_stop)),
                fix=_("set the deadline on or before the day shipping stops"),
                severity="warning",
            )
        yield from before_issue(ctx, at, deadline, _("the last order deadline"))
        if deadline < facts.holiday_start:  # inside the holiday it is an error already
            yield from on_public_holiday(at, deadline, _("the last order deadline"))
    if facts.shipping_stop is not None and facts.shipping_resume is not None:
        yield from shipping_window(
            "stockup",
            facts.shipping_stop,
            facts.shipping_resume,
            facts.holiday_start,
            facts.holiday_end,
            "holiday",
        )
    yield from schedules_in_order("stockup", facts.schedules)
    if facts.plan_confirm_by is not None:
        where = ("stockup", "plan_confirm_by")
        yield from before_issue(ctx, where, facts.plan_confirm_by, _("the date to confirm the stock plan"))
        if deadline is not None and facts.plan_confirm_by > deadline:
            yield Hit(
                where,
                _(
                    "the stock plan is confirmed ({plan_confirm_by}) after the last order deadline ({deadline})"
                ).format(plan_confirm_by=cn(facts.plan_confirm_by), deadline=cn(deadline)),
                fix=_("confirm the plan before the last order"),
                severity="warning",
            )
    delay = facts.delivery_delay_days
    if isinstance(delay, tuple) and delay[0] > delay[1]:
        yield Hit(
            ("stockup", "delivery_delay_days"),
            _("the delay range {delay}–{delay2} days runs backwards").format(delay=delay[0], delay2=delay[1]),
            fix=_("write [smaller, larger]"),
        )


@rule(
    "K-STOCKUP-FACTS",
    "warning",
    summary="A stock-up notice says by when to order and when shipping stops and resumes",
    source="《电子商务法》第十七条 (全面、真实、准确、及时地披露商品或者服务信息)",
    good=_example(),
    bad=(
        "kind: stockup\nstockup:\n  holiday: 春节\n  holiday_start: 2026-02-15\n  holiday_end: 2026-02-23\n"
    ),
    kinds=("stockup",),
)
def stockup_facts(ctx: CheckContext) -> Iterator[Hit]:
    """Warnings, one per fact a customer orders by and the notice leaves out: the last order deadline, and
    when shipping stops and resumes (or each service's own schedule). Nothing is printed in their place."""
    facts = ctx.spec.facts
    if not isinstance(facts, StockupFacts):
        return
    if facts.order_deadline is None:
        yield unstated(
            "stockup",
            "order_deadline",
            _("customers need to know the last day their order ships before the holiday"),
        )
    if facts.shipping_stop is None and facts.shipping_resume is None and not facts.schedules:
        yield unstated(
            "stockup",
            "shipping_stop and shipping_resume",
            _("customers plan deliveries around the days nothing ships"),
        )
