"""The facts of a stock-up notice (春节/节前备货): the spec's ``stockup:`` section."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, PositiveInt

from notices.kinds.facts import Duty, Moment
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
    order_deadline: Moment = Field(description="Last order accepted before the holiday, with its time of day")
    shipping_stop: Date = Field(description="First day nothing ships")
    shipping_resume: Date = Field(description="First day shipping runs again")
    stock_days: PositiveInt = Field(description="Advice: hold this many days of sales in stock")
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
    duty: Duty = Field(description="On-duty contact during the holiday")
