"""The facts of a holiday arrangement (放假及停发货安排): the spec's ``holiday:`` section."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from notices.kinds.facts import Duty
from notices.spec.types import Date, SpecModel


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
