"""The facts of a stock-up notice (春节/节前备货): the spec's ``stockup:`` section.

The holiday and its days are required; the order deadline (a date, with a time of day when the notice gives
one), shipping dates, stock advice and the on-duty contact are written when given, and K-STOCKUP-FACTS warns
about those a reader plans by.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PositiveInt

from notices.kinds.facts import Duty, Moment, Schedule
from notices.spec.types import Date, SpecModel

DayCountOrRange = Annotated[
    PositiveInt | tuple[PositiveInt, PositiveInt],
    Field(description="A number of days, or [min, max], e.g. [5, 7]"),
]

SuspendedService = Literal["pickup", "returns", "invoicing", "production"]


class StockupFacts(SpecModel):
    """春节/节前备货: stock up before a holiday when shipping stops."""

    holiday: str = Field(description="The holiday, e.g. 春节 / Spring Festival")
    holiday_start: Date = Field(description="First day off")
    holiday_end: Date = Field(description="Last day off")
    order_deadline: Moment | Date | None = Field(
        None, description="Last order accepted before the holiday: '2026-02-06 17:00', or a date alone"
    )
    shipping_stop: Date | None = Field(None, description="First day nothing ships")
    shipping_resume: Date | None = Field(None, description="First day shipping runs again")
    schedules: list[Schedule] = Field(
        default_factory=list,
        description="Services with their own stop and resumption (售后收件, 售后寄出 …)",
    )
    stock_days: PositiveInt | None = Field(None, description="Advice: hold this many days of sales in stock")
    delivery_delay_days: DayCountOrRange | None = Field(
        None, description="How much longer deliveries take after the holiday"
    )
    plan_confirm_by: Date | None = Field(
        None, description="Confirm the stock plan with your account manager by"
    )
    suspended: list[SuspendedService] = Field(
        default_factory=list, description="Services suspended while shipping is stopped"
    )
    time_zone: str | None = Field(None, description="Printed after times in English, e.g. Beijing time")
    duty: Duty | None = Field(None, description="On-duty contact during the holiday")

    @property
    def deadline_day(self) -> Date | None:
        """The order deadline's date, whether the notice gives a time of day or not."""
        deadline = self.order_deadline
        return deadline.date if isinstance(deadline, Moment) else deadline
