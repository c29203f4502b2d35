"""The facts of an incident notice (服务事件通知), its updates and its resolution: ``incident:``.

Only what the incident is (``summary``) and where it stands (``status``) are required. A number, an exact start,
the next update's time or a contact that the notice does not state are left out of the text (a start may be the
notice's own words, "4月8日晚间"); K-INCIDENT-FACTS warns about what readers of an open incident need.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, PositiveInt, field_validator

from notices.kinds.facts import Duty, When
from notices.spec.types import SpecModel

IncidentStatus = Literal["investigating", "identified", "monitoring", "resolved"]
ServiceState = Literal["affected", "degraded", "restored"]


class Service(SpecModel):
    """An affected service and, when the notice says so, where it stands (partial recovery per service)."""

    text_form = "the service's name alone"

    name: str
    state: ServiceState | None = Field(
        None, description="affected (not working), degraded (partly working) or restored"
    )
    since: When | None = Field(None, description="Since when it is in that state, e.g. '2026-04-08 11:40'")


class Event(SpecModel):
    """One step of the timeline: a time and what happened."""

    at: When
    text: str = Field(description="What happened, as a sentence")


class IncidentUpdate(SpecModel):
    """A follow-up notice: which one it is, when, and what changed since the last notice."""

    sequence: PositiveInt | None = Field(None, description="1 for the first update, 2 for the second, …")
    at: When | None = Field(None, description="The time this update describes")
    changes: list[str] = Field(min_length=1, description="What changed since the last notice")


class IncidentResolution(SpecModel):
    resolved_at: When | None = None
    cause: str | None = None
    fix: str | None = None
    prevention: list[str] = Field(default_factory=list)
    compensation: str | None = None


class IncidentFacts(SpecModel):
    """服务事件通知: the first notice, each update and the resolution share one incident number."""

    number: str | None = Field(
        None, description="Incident number, the same on every notice about it, e.g. INC-2026-0042"
    )
    summary: str = Field(
        description="What is wrong, as a phrase: 订货平台无法登录 / customers cannot sign in to the portal"
    )
    services: list[Service] = Field(
        default_factory=list,
        description="Affected services: names, or {name, state: affected|degraded|restored, since}",
    )
    customers: str | None = Field(None, description="Who is affected")
    impact: str | None = Field(None, description="What affected customers cannot do")
    started: When | None = None
    status: IncidentStatus
    timeline: list[Event] = Field(default_factory=list, description="What happened when, in order")
    workaround: str | None = None
    next_update: When | None = Field(None, description="When the next notice comes")
    contact: Duty | None = None
    time_zone: str | None = Field(None, description="Printed after times in English, e.g. Beijing time")
    update: IncidentUpdate | None = None
    resolution: IncidentResolution | None = None

    @field_validator("services", mode="before")
    @classmethod
    def _names_or_mappings(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"name": item} if isinstance(item, str) else item for item in value]
        return value

    @property
    def service_names(self) -> list[str]:
        return [service.name for service in self.services]

    @property
    def stage(self) -> Literal["initial", "update", "resolution"]:
        if self.resolution is not None or self.status == "resolved":
            return "resolution"
        return "update" if self.update is not None else "initial"
