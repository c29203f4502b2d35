"""The holiday kind: days off, adjusted working days, shipping and service."""

from __future__ import annotations

from pathlib import Path

from notices.kinds import Kind
from notices.kinds.holiday.facts import HolidayFacts

KIND = Kind(
    "holiday",
    "放假及停发货安排 · days off, adjusted working days, shipping and service",
    HolidayFacts,
    Path(__file__).parent,
    sections=("opening", "days_off", "shipping", "service"),
    position=20,
)
