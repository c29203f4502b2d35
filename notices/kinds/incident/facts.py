"""The facts of an incident notice (服务事件通知), its updates and its resolution: ``incident:``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveInt, ValidationInfo, field_validator

from notices.kinds.facts import Duty, Moment, required_when
from notices.spec.types import SpecModel

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
