"""The meeting kind: a meeting: name, time, place, attendees, agenda, replies."""

from __future__ import annotations

from pathlib import Path

from notices.kinds import Kind
from notices.kinds.meeting.facts import MeetingFacts

KIND = Kind(
    "meeting",
    "会议通知 · a meeting: name, time, place, attendees, agenda, replies",
    MeetingFacts,
    Path(__file__).parent,
    sections=("opening", "time", "place", "attendees", "agenda", "requirements"),
    position=40,
)
