"""The facts of a price change (调价通知): the spec's ``price:`` section."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from notices.spec.types import Date, SpecModel


class PriceLine(SpecModel):
    """One product or category: old and new price, or the percentage change (or all three)."""

    product: str
    code: str | None = Field(None, description="Product code or specification")
    unit: str | None = Field(None, description="Price per …, e.g. 吨 / tonne")
    old: Decimal | None = Field(None, description="Price before the change")
    new: Decimal | None = Field(None, description="Price from the effective date")
    change_percent: Decimal | None = Field(None, description="Change in percent, e.g. 5 or -3.5")

    @model_validator(mode="after")
    def _prices_or_percentage(self) -> PriceLine:
        if self.change_percent is None and (self.old is None or self.new is None):
            missing = "new" if self.old is not None else "old" if self.new is not None else "old and new"
            raise ValueError(f"give the {missing} price (old: and new:), or the change as change_percent:")
        return self


class InTransit(SpecModel):
    """Which price orders placed before the change pay."""

    price: Literal["old", "new"] = Field(description="Orders placed before the effective date pay this price")
    ordered_before: Date | None = Field(
        None, description="Placed before this date; default the effective date"
    )
    deliver_by: Date | None = Field(None, description="The old price holds only for goods taken by this date")


class PriceFacts(SpecModel):
    """调价通知: what changes, by how much, from when, and what happens to orders already placed."""

    effective_date: Date
    currency: str = Field("CNY", pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. CNY, USD, EUR")
    reason: str | None = Field(
        None, description="Why, as a phrase: 原材料价格持续上涨 / rising raw material costs"
    )
    items: list[PriceLine] = Field(min_length=1, description="One line per product or category")
    in_transit: InTransit
