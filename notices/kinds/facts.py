"""The fact types several kinds share: a moment (date and time of day), someone a reader can reach."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from notices.spec.types import Date, SpecModel, TimeOfDay

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
