"""The fact types several kinds share: a moment (date and time of day), a time as the notice words it, someone a
reader can reach."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from notices.i18n import _
from notices.patterns import LazyPattern
from notices.spec.types import Date, SpecModel, TimeOfDay, looks_like_a_date, time_of_day

_DATE_TIME_CUT = LazyPattern(r"\s+|(?<=[日号])")  # where a written date may end and its time begin
# A value that starts like a written date (2026-04-08, 2026/4/8, 2026年4月8日) is read as one, never as free text,
# so a typo in a date is an error rather than a sentence printed as typed.
_LOOKS_LIKE_A_DATE = LazyPattern(r"^\s*\d{4}\s*[-/.年]")


def required_when(condition: bool) -> None:
    """Report a conditionally required field as missing, so the writer sees "missing required key X"."""
    if condition:
        raise PydanticCustomError("missing", "Field required")


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Phones = Annotated[
    list[str],
    BeforeValidator(_as_list, json_schema_input_type=str | list[str]),
    Field(description="A number, or a list of numbers"),
]


class Moment(SpecModel):
    """A date with a time of day: ``{date: 2026-02-06, time: '17:00'}`` or ``'2026-02-06 17:00'``."""

    text_form = "the date and the time of day: '2026-02-06 17:00'"

    date: Date
    time: TimeOfDay = Field(description="Time of day, HH:MM (quote it in YAML: '17:00')")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, dt.date):
            raise ValueError(_("a time of day is needed too: write {date: 2026-02-06, time: '17:00'}"))
        if isinstance(value, str):
            parts = _date_then_time(value)
            if parts is None:
                raise ValueError(
                    _("{value!r} is not a date and time; write it as '2026-02-06 17:00'").format(value=value)
                )
            return {"date": parts[0], "time": parts[1]}
        return value

    @property
    def at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.time)


def _date_then_time(text: str) -> tuple[str, str] | None:
    """``text`` cut into a date and a time of day, as writers join them: '2026-02-06 17:00',
    '2026年2月6日17:00', '2026年2月6日 下午5点', 'February 6, 2026 5pm'; None when no cut gives both."""
    text = text.strip()
    for cut in _DATE_TIME_CUT.finditer(text):
        day, time = text[: cut.start()], text[cut.end() :]
        if looks_like_a_date(day) and time_of_day(time) is not None:
            return day, time
    return None


def _moment_or_words(value: Any) -> Any:
    """A date and time (``2026-04-08 21:40``) becomes a :class:`Moment`; words (``4月8日晚间``) stay words."""
    if isinstance(value, str) and not _LOOKS_LIKE_A_DATE.match(value):
        if not value.strip():
            raise ValueError(_("write the time, e.g. '2026-04-08 21:40' or 4月8日晚间"))
        return value.strip()
    return Moment.model_validate(value)


When = Annotated[
    Moment | str,
    BeforeValidator(_moment_or_words),
    Field(description="A date and time ('2026-04-08 21:40'), or the notice's own words (4月8日晚间)"),
]


def exact(value: Moment | str | None) -> Moment | None:
    """The moment, when the notice gives an exact one (rules compare only those)."""
    return value if isinstance(value, Moment) else None


class Duty(SpecModel):
    """Someone a reader can reach: the on-duty contact, an emergency line, the incident desk."""

    name: str | None = Field(None, description="Person or desk, e.g. 李明 / 客服中心 / Service desk")
    phone: Phones = Field(default_factory=list)
    fax: str | None = None
    hours: str | None = Field(None, description="When the line is staffed, e.g. 9:00—17:00")
    email: str | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Duty:
        if not (self.phone or self.email or self.fax):
            raise ValueError(_("give a phone:, email: or fax: at which readers can reach this contact"))
        return self


class Schedule(SpecModel):
    """One service's own stop and resumption: 售后收件 stops on the 6th and resumes on the 24th; goods ship
    until the 12th (``last_day``, as a notice says "2月12日后暂停发货") and resume on the 24th."""

    what: str = Field(description="What stops, as a noun: 发货 / 售后收件 / 售后寄出 / returns")
    last_day: Date | None = Field(None, description="Last day it still runs (the notice says 'after D')")
    stop: Date | None = Field(None, description="First day it stops")
    resume: Date | None = Field(None, description="First day it runs again")
    note: str | None = Field(None, description="One more sentence about it, e.g. 期间寄回的商品节后统一处理")

    @model_validator(mode="after")
    def _a_date(self) -> Schedule:
        if self.stop is None and self.resume is None and self.last_day is None:
            raise ValueError(_("give stop: (or last_day:), resume:, or both"))
        if self.stop is not None and self.last_day is not None:
            raise ValueError(
                _("give stop: (the first day it stops) or last_day: (the last day it runs), not both")
            )
        return self
