"""The facts of a holiday arrangement (放假及停发货安排): the spec's ``holiday:`` section.

Only the break itself is required: a holiday notice cannot exist without its days off. Everything else is said
when the writer gives it, and never by default (a notice that does not say whether orders are taken during the
break says nothing about it); K-HOLIDAY-FACTS warns about what readers usually need.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from notices.kinds.facts import Duty, Schedule
from notices.spec.types import Date, SpecModel


class HolidayFacts(SpecModel):
    """放假及停发货安排: the days off, the working days moved (调休), shipping and service."""

    holiday: str = Field(description="The holiday, e.g. 国庆节 / National Day")
    start: Date = Field(description="First day off")
    end: Date = Field(description="Last day off; the notice states 共N天 from start and end")
    reopen: Date | None = Field(None, description="First working day after the break (恢复上班)")
    workdays: list[Date] = Field(
        default_factory=list, description="Adjusted working days (调休上班), usually weekend days"
    )
    shipping_stop: Date | None = Field(None, description="First day nothing ships")
    shipping_resume: Date | None = Field(None, description="First day shipping runs again")
    schedules: list[Schedule] = Field(
        default_factory=list,
        description="Other services with their own stop and resumption (售后收件, 售后寄出, returns …)",
    )
    orders: Literal["accepted", "paused"] | None = Field(
        None,
        description="Orders placed during the break: accepted (handled on resumption) or paused; "
        "not stated when left out",
    )
    service_hours: str | None = Field(None, description="Customer service hours during the break")
    emergency: Duty | None = Field(None, description="Emergency contact during the break")
