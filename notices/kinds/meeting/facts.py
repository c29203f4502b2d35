"""The facts of a meeting notice (会议通知): the spec's ``meeting:`` section."""

from __future__ import annotations

from pydantic import Field

from notices.spec.types import Date, SpecModel, TimeOfDay


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
