"""The facts each notice kind needs, as typed sections of the spec (``stockup:``, ``holiday:``, ``price:``, …).

A writer fills facts, not sentences: dates, times, names, numbers. The kind's template in ``templates/kinds``
turns them into the standard phrasing in Chinese or English. What a reader cannot do without is required here,
so leaving it out is a load error naming the field; what contradicts itself (a deadline after the holiday
starts, an update before the incident began) is found by the kind's check rules in ``notices/check/rules``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, PositiveInt, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from notices.spec.model import Date, SpecModel, TimeOfDay

_DATE_AND_TIME = re.compile(r"^\s*(\S+)\s+(\d{1,2}\s*[:：]\s*\d{2})\s*$")


def required_when(condition: bool) -> None:
    """Report a conditionally required field as missing, so the writer sees "missing required key X"."""
    if condition:
        raise PydanticCustomError("missing", "Field required")


class Moment(SpecModel):
    """A date with a time of day: ``{date: 2026-02-06, time: '17:00'}`` or ``'2026-02-06 17:00'``."""

    date: Date
    time: TimeOfDay = Field(description="Time of day, HH:MM (quote it in YAML: '17:00')")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, dt.date):
            raise ValueError("a time of day is needed too: write {date: 2026-02-06, time: '17:00'}")
        if isinstance(value, str):
            match = _DATE_AND_TIME.match(value)
            if not match:
                raise ValueError(f"{value!r} is not a date and time; write it as '2026-02-06 17:00'")
            return {"date": match.group(1), "time": match.group(2)}
        return value

    @property
    def at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.time)


class Duty(SpecModel):
    """Someone a reader can reach: the on-duty contact, an emergency line, the incident desk."""

    name: str = Field(description="Person or desk, e.g. 李明 / 客服中心 / Service desk")
    phone: str
    hours: str | None = Field(None, description="When the line is staffed, e.g. 9:00—17:00")
    email: str | None = None


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


class HolidayFacts(SpecModel):
    """放假及停发货安排: the days off, the working days moved (调休), shipping and service."""

    holiday: str = Field(description="The holiday, e.g. 国庆节 / National Day")
    start: Date = Field(description="First day off")
    end: Date = Field(description="Last day off; the notice states 共N天 from start and end")
    workdays: list[Date] = Field(
        default_factory=list, description="Adjusted working days (调休上班), usually weekend days"
    )
    shipping_stop: Date = Field(description="First day nothing ships")
    shipping_resume: Date = Field(description="First day shipping runs again")
    orders: Literal["accepted", "paused"] = Field(
        "accepted",
        description="Orders placed during the break: accepted and handled on resumption, or paused",
    )
    service_hours: str | None = Field(None, description="Customer service hours during the break")
    emergency: Duty = Field(description="Emergency contact during the break")


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


class MeetingFacts(SpecModel):
    """会议通知: name, time, place, attendees, agenda and what attendees must do (N-MEETING)."""

    name: str = Field(description="The meeting's name")
    date: Date
    start: TimeOfDay
    end: TimeOfDay | None = None
    end_date: Date | None = Field(None, description="Last day of a meeting over several days")
    place: str = Field(description="Where; for an online meeting, the platform")
    online: str | None = Field(None, description="Joining details for remote attendees")
    host: str | None = Field(None, description="Who holds the meeting")
    attendees: list[str] = Field(min_length=1)
    agenda: list[str] = Field(min_length=1)
    reply_by: Date = Field(description="Reply (confirm attendance) by")
    reply_to: str | None = Field(None, description="Where replies go: a person, e-mail or phone")
    bring: list[str] = Field(default_factory=list, description="What to bring")
    notes: list[str] = Field(default_factory=list, description="Other requirements, one sentence each")
    time_zone: str | None = Field(None, description="Printed after times in English, e.g. Beijing time")


IncidentStatus = Literal["investigating", "identified", "monitoring", "resolved"]


class IncidentUpdate(SpecModel):
    """A follow-up notice: which one it is, when, and what changed since the last notice."""

    sequence: PositiveInt = Field(description="1 for the first update, 2 for the second, …")
    at: Moment = Field(description="The time this update describes")
    changes: list[str] = Field(min_length=1, description="What changed since the last notice")


class IncidentResolution(SpecModel):
    resolved_at: Moment
    cause: str
    fix: str
    prevention: list[str] = Field(default_factory=list)
    compensation: str | None = None


class IncidentFacts(SpecModel):
    """服务事件通知: the first notice, each update and the resolution share one incident number."""

    number: str = Field(description="Incident number, the same on every notice about it, e.g. INC-2026-0042")
    summary: str = Field(
        description="What is wrong, as a phrase: 订单系统无法登录 / the order portal is down"
    )
    services: list[str] = Field(min_length=1, description="Affected services")
    customers: str = Field(description="Who is affected")
    impact: str = Field(description="What affected customers cannot do")
    started: Moment
    status: IncidentStatus
    workaround: str | None = None
    next_update: Moment | None = Field(
        None, validate_default=True, description="When the next notice comes; required until resolved"
    )
    contact: Duty
    time_zone: str | None = Field(None, description="Printed after times in English, e.g. Beijing time")
    update: IncidentUpdate | None = None
    resolution: IncidentResolution | None = Field(
        None, validate_default=True, description="Required when status is resolved"
    )

    @field_validator("next_update")
    @classmethod
    def _next_update_until_resolved(cls, value: Moment | None, info: ValidationInfo) -> Moment | None:
        status = info.data.get("status")
        required_when(value is None and status is not None and status != "resolved")
        return value

    @field_validator("resolution")
    @classmethod
    def _resolution_when_resolved(
        cls, value: IncidentResolution | None, info: ValidationInfo
    ) -> IncidentResolution | None:
        required_when(value is None and info.data.get("status") == "resolved")
        return value

    @property
    def stage(self) -> Literal["initial", "update", "resolution"]:
        if self.resolution is not None:
            return "resolution"
        return "update" if self.update is not None else "initial"


KIND_SECTIONS: dict[str, type[SpecModel]] = {
    "stockup": StockupFacts,
    "holiday": HolidayFacts,
    "price": PriceFacts,
    "meeting": MeetingFacts,
    "incident": IncidentFacts,
}

__all__ = [
    "KIND_SECTIONS",
    "Duty",
    "HolidayFacts",
    "InTransit",
    "IncidentFacts",
    "IncidentResolution",
    "IncidentUpdate",
    "MeetingFacts",
    "Moment",
    "PriceFacts",
    "PriceLine",
    "StockupFacts",
]
