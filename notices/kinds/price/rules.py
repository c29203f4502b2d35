"""K-PRICE: a price notice's prices, percentages and dates agree."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.kind_dates import before_issue, cn, unstated
from notices.check.registry import rule
from notices.formatting import change_percent
from notices.i18n import _
from notices.kinds.price.facts import InTransit, PriceFacts
from notices.spec.types import Date

TOLERANCE = Decimal("0.05")  # percentage points: a stated 5.6% for a computed 5.62% is fine


def _example(
    line: str = "{product: 复合肥, unit: 吨, old: 3200, new: 3380}",
    transit: str = "{price: old}",
    effective: str = "2026-03-02",
) -> str:
    return f"kind: price\nprice:\n  effective_date: {effective}\n  items:\n    - {line}\n  in_transit: {transit}\n"


@rule(
    "K-PRICE",
    "error",
    summary="A price notice's prices are real, its percentages match them, its dates fit",
    source="《价格法》第十四条 (明码标价) and the arithmetic of the stated prices; GB/T 15835-2011 §4.4 (百分数)",
    good=[
        _example(),
        _example("{product: 复合肥, old: 3200, new: 3380, change_percent: 5.6}"),
        _example("{product: 水溶肥全系列, change_percent: -3}", "{price: old, deliver_by: 2026-03-16}"),
    ],
    bad=[
        _example("{product: 复合肥, old: 0, new: 0}"),
        _example("{product: 复合肥, old: 3200, new: 3380, change_percent: 4}"),
        _example("{product: 复合肥, old: 3200, new: 3200}"),
        _example(transit="{price: old, ordered_before: 2026-03-10}"),
        _example(transit="{price: new, deliver_by: 2026-03-16}"),
        _example(effective="2025-12-01"),
    ],
    kinds=("price",),
)
def price_facts(ctx: CheckContext) -> Iterator[Hit]:
    """Errors: a price of 0 or less (a scaffold's unfilled price); a stated percentage that is not the change
    from the old to the new price; the old price kept for orders placed after the change takes effect; a
    pick-up deadline before the notice's date. Warnings: a line whose price does not change, the same
    product twice, a pick-up deadline given when in-transit orders pay the new price anyway (it is not
    printed), and a change that takes effect before the notice's own date."""
    facts = ctx.spec.facts
    if not isinstance(facts, PriceFacts):
        return
    seen: set[tuple[str, str | None, object]] = set()
    for index, line in enumerate(facts.items):
        where = ("price", "items", index)
        for key in ("old", "new"):
            value = getattr(line, key)
            if value is not None and value <= 0:
                yield Hit(
                    (*where, key),
                    _("the {key} price of {product} is {value}").format(
                        key=key, product=line.product, value=value
                    ),
                    fix=_("write the real price"),
                )
        computed = change_percent(line.old, line.new) if line.old and line.new and line.old > 0 else None
        stated = line.change_percent
        if computed is not None and stated is not None and abs(computed - stated) > TOLERANCE:
            yield Hit(
                (*where, "change_percent"),
                _("{old} → {new} is a change of {computed}%, not {stated}%").format(
                    old=line.old, new=line.new, computed=computed, stated=stated
                ),
                fix=_("write change_percent: {computed}, or leave it out").format(computed=computed),
            )
        if computed == 0 or stated == 0:
            yield Hit(
                where,
                _("the price of {product} does not change").format(product=line.product),
                fix=_("remove the line, or correct the price"),
                severity="warning",
            )
        if (line.product, line.code, line.effective_date) in seen:
            yield Hit(
                where,
                _("{product} is listed twice").format(product=line.product),
                fix=_("keep one line per product (a staged step takes its own effective_date)"),
                severity="warning",
            )
        seen.add((line.product, line.code, line.effective_date))
        if line.effective_date is not None and line.effective_date < facts.starts:
            yield Hit(
                (*where, "effective_date"),
                _(
                    "this step ({effective_date}) comes before the notice's effective date ({effective_date2})"
                ).format(effective_date=cn(line.effective_date), effective_date2=cn(facts.starts)),
                fix=_("make effective_date the first step's date"),
            )
    transit = facts.in_transit
    if transit is not None:
        yield from _in_transit(ctx, transit, facts.starts)
    yield from before_issue(
        ctx,
        ("price", "effective_date" if facts.effective_date else "after"),
        facts.starts,
        _("the new prices take effect on"),
        severity="warning",
    )


def _in_transit(ctx: CheckContext, transit: InTransit, starts: Date) -> Iterator[Hit]:
    """Orders already placed: the old price must not outlast the new one's start, and a pick-up deadline
    only means something when they keep the old price."""
    if transit.ordered_before is not None and transit.price == "old" and transit.ordered_before > starts:
        yield Hit(
            ("price", "in_transit", "ordered_before"),
            _(
                "orders placed until {ordered_before} keep the old price, after the new one takes effect ({effective_date})"
            ).format(ordered_before=cn(transit.ordered_before), effective_date=cn(starts)),
            fix=_("use a date on or before effective_date"),
        )
    if transit.deliver_by is not None:
        if transit.price == "new":
            yield Hit(
                ("price", "in_transit", "deliver_by"),
                _("deliver_by applies only when in-transit orders keep the old price; it is not printed"),
                fix=_("remove it, or set price: old"),
                severity="warning",
            )
        else:
            yield from before_issue(
                ctx, ("price", "in_transit", "deliver_by"), transit.deliver_by, _("the pick-up deadline")
            )


@rule(
    "K-PRICE-FACTS",
    "warning",
    summary="A price notice says which price orders already placed pay",
    source="《价格法》第十三条 (经营者销售商品应当明码标价，标明价格及计价单位等有关情况)",
    good=[
        _example(),
        # A price cut: an open order is not made dearer, so no customer needs telling which price it pays.
        _example("{product: 水溶肥全系列, change_percent: -3}").replace("  in_transit: {price: old}\n", ""),
    ],
    bad=_example().replace("  in_transit: {price: old}\n", ""),
    kinds=("price",),
)
def price_facts_stated(ctx: CheckContext) -> Iterator[Hit]:
    """A warning when a notice that raises a price does not say what orders confirmed before the change pay
    (in_transit): it is the first question a customer with an open order asks. A notice that only lowers
    prices needs no answer to it (no open order can cost more), and is not warned. Nothing is printed in its
    place."""
    facts = ctx.spec.facts
    if isinstance(facts, PriceFacts) and facts.in_transit is None:
        if all(line.lowers for line in facts.items):
            return
        yield unstated(
            "price",
            "in_transit",
            _("customers with open orders need to know whether the old or the new price applies"),
        )
