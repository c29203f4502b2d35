"""The facts of a price change (调价通知): the spec's ``price:`` section.

A change is written as real notices write it: an old and a new price; a percentage ("上调5%", "平均上调3%", "最高上调
8%"); an amount on the current price ("在现价基础上上调500元/吨"); a surcharge ("加收能源附加费3%"), capped per case
or tonne; each line may take effect on its own date, so staged steps are lines of their own. Only the date and the
lines are required: a notice that does not say what happens to orders already placed says nothing about it, and
K-PRICE-FACTS warns.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from notices.formatting import LARGEST_PRINTABLE
from notices.i18n import _
from notices.spec.types import Date, SpecModel, TypedAmount


def _printable(value: Decimal) -> Decimal:
    # Refused where it is written, not first found by the rules and the template that print it.
    if abs(value) >= LARGEST_PRINTABLE:
        raise ValueError(_("larger than any price a notice states (the limit is 10^15)"))
    return value


Amount = Annotated[TypedAmount, AfterValidator(_printable)]


class PriceLine(SpecModel):
    """One product or category and its change."""

    product: str
    code: str | None = Field(None, description="Product code or specification")
    unit: str | None = Field(None, description="Price per …, e.g. 吨 / tonne")
    old: Amount | None = Field(None, description="Price before the change")
    new: Amount | None = Field(None, description="Price from the effective date")
    change_percent: Amount | None = Field(None, description="Change in percent, e.g. 5 or -3.5")
    change_percent_to: Amount | None = Field(
        None,
        description="The other end of a range of percentages: change_percent: 3, change_percent_to: 5 "
        "(上调3%～5%, 3% to 5%), a category whose items change by different amounts within it",
    )
    change_amount: Amount | None = Field(
        None, description="Change as an amount on the current price, e.g. 500 (上调500元/吨) or -200"
    )
    qualifier: Literal["average", "up_to"] | None = Field(
        None,
        description="average (平均上调5%) or up_to (最高上调5%): the change is not the same for every item",
    )
    surcharge: str | None = Field(
        None,
        description="The change is a surcharge of this name, e.g. 能源附加费 / energy surcharge; its amount "
        "may be left out when it varies (a pass-through charge), with a cap: as its limit",
    )
    cap: Amount | None = Field(None, description="The change is at most this amount per cap_unit")
    cap_unit: str | None = Field(None, description="What the cap is per, e.g. 箱 / case; default the unit")
    effective_date: Date | None = Field(
        None, description="This line's own date (a staged step); default the notice's effective_date"
    )

    @model_validator(mode="after")
    def _some_change(self) -> PriceLine:
        if (
            self.old is not None
            and self.new is None
            and self.change_percent is None
            and self.change_amount is None
        ):
            raise ValueError(
                _("give the new price (new:), or the change as change_percent: or change_amount:")
            )
        unstated = self.new is None and self.change_percent is None and self.change_amount is None
        if unstated and self.surcharge is None:
            raise ValueError(
                _("give the change: old: and new: prices, change_percent: (5, -3.5) or change_amount: (500)")
            )
        if self.change_percent_to is not None:
            self._check_range()
        if self.cap is not None and self.change_percent is None and self.surcharge is None:
            raise ValueError(
                _("a cap: limits a percentage change or a surcharge; give change_percent: or surcharge: too")
            )
        return self

    def _check_range(self) -> None:
        """A range is a category's ("部分全钢轮胎上调2%～5%"): two ends of one sign, the first the smaller."""
        low, high = self.change_percent, self.change_percent_to
        if low is None:
            raise ValueError(_("change_percent_to: is the end of a range; give its start as change_percent:"))
        if self.old is not None or self.new is not None or self.qualifier is not None:
            raise ValueError(
                _(
                    "a range of percentages stands alone: leave out old:, new: and qualifier: (each item of the category has its own price)"
                )
            )
        if high is None or low * high <= 0 or abs(high) <= abs(low):
            raise ValueError(
                _(
                    "a range runs from the smaller change to the larger, both rises or both cuts: change_percent: 3, change_percent_to: 5"
                )
            )

    @property
    def lowers(self) -> bool:
        """The line lowers the price (a new price below the old, a negative percentage or amount); a surcharge
        never does."""
        if self.surcharge is not None:
            return False
        if self.old is not None and self.new is not None:
            return self.new < self.old
        change = self.change_percent if self.change_percent is not None else self.change_amount
        return change is not None and change < 0


class InTransit(SpecModel):
    """Which price orders placed before the change pay."""

    price: Literal["old", "new"] = Field(description="Orders placed before the effective date pay this price")
    ordered_before: Date | None = Field(
        None, description="Placed before this date; default the effective date"
    )
    deliver_by: Date | None = Field(None, description="The old price holds only for goods taken by this date")


class PriceFacts(SpecModel):
    """调价通知: what changes, by how much, from when, and what happens to orders already placed."""

    effective_date: Date | None = Field(None, description="First day the change applies (自…起)")
    after: Date | None = Field(
        None,
        description="Instead of effective_date: the change applies later than this day, the day itself "
        "not said (…以后 / later than), as notices that count by ship date write it",
    )
    basis: Literal["order", "shipment", "delivery"] | None = Field(
        None, description="Which date decides the price: order (下单), shipment (发货) or delivery (到货)"
    )
    currency: str = Field("CNY", pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. CNY, USD, EUR")
    reason: str | None = Field(
        None, description="Why, as a phrase: 原材料价格持续上涨 / rising raw material costs"
    )
    items: list[PriceLine] = Field(min_length=1, description="One line per product or category")
    in_transit: InTransit | None = Field(None, description="What orders already placed pay")

    @model_validator(mode="after")
    def _one_start(self) -> PriceFacts:
        if (self.effective_date is None) == (self.after is None):
            raise ValueError(
                _(
                    "give effective_date: (the first day the change applies) or after: (it applies later than that day), one of the two"
                )
            )
        return self

    @property
    def starts(self) -> Date:
        """The day the change is dated by: effective_date, or the day it applies after."""
        return self.effective_date or self.after  # type: ignore[return-value]
