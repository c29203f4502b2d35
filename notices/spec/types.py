"""The value types every part of a spec shares: dates, times of day and the strict base model.

They live apart from the spec model so that the kinds' facts models (``notices/kinds/<kind>/facts.py``), which the
spec model is built from, can use them without importing the model they are part of.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

from notices.i18n import _

_CN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])\s*[:：]\s*([0-5]\d)\s*$")


def _coerce_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        match = _CN_DATE.match(value) or _ISO_DATE.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError as err:
                raise ValueError(
                    _("impossible date {strip!r}: {err}").format(strip=value.strip(), err=err)
                ) from None
    return value


def _coerce_time(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 17:00 as the sexagesimal number 1020.
        hours, minutes = divmod(value, 60)
        if 0 <= hours < 24:
            return dt.time(hours, minutes)
    if isinstance(value, str):
        match = _TIME.match(value)
        if match:
            return dt.time(int(match.group(1)), int(match.group(2)))
        raise ValueError(
            _("{value!r} is not a time of day; write it as HH:MM, e.g. 17:00").format(value=value)
        )
    return value


Date = Annotated[dt.date, BeforeValidator(_coerce_date)]

_ISO_MONTH = re.compile(r"^\s*(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?\s*$")


@dataclass(frozen=True, order=True)
class IssueMonth:
    """A date of issue known only to the month: a notice published "2019年5月" / "May 2019" with no day."""

    year: int
    month: int

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


UNDATED = "none"
"""``sign_off.date: none``: the notice states no date of issue, and none is printed."""


def _coerce_issue_date(value: Any) -> Any:
    """``2026-01-05`` (a day), ``2019-05`` or ``2019年5月`` (a month), ``none`` (no date on the notice)."""
    if value is False or (isinstance(value, str) and value.strip().lower() in {"none", "无"}):
        return UNDATED
    if isinstance(value, IssueMonth):
        return value
    if isinstance(value, str):
        match = _ISO_MONTH.match(value)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12:
                raise ValueError(_("impossible month {strip!r}").format(strip=value.strip()))
            return IssueMonth(year, month)
    return _coerce_date(value)


def looks_like_a_date(text: str) -> bool:
    """Whether ``text`` is written as a date of issue (a day, a month, or none), valid or not."""
    return bool(
        _CN_DATE.match(text)
        or _ISO_DATE.match(text)
        or _ISO_MONTH.match(text)
        or text.strip().lower() in {"none", "无"}
    )


def _check_issue_date(value: Any) -> Any:
    if value == UNDATED or isinstance(value, IssueMonth | dt.date):
        return value
    raise ValueError(_("not a date of issue: write 2026-01-05, a month (2019-05), or none"))


IssueDate = Annotated[
    dt.date | IssueMonth | str,
    BeforeValidator(_coerce_issue_date),
    AfterValidator(_check_issue_date),
    # What a writer types, not the internal shapes: a day, a month, or none.
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^\d{4}-\d{1,2}$"},
                {"type": "string", "pattern": r"^\d{4}年\d{1,2}月$"},
                {"const": "none"},
            ]
        }
    ),
]
"""A date of issue as the notice gives it: a day, a month alone, or none at all."""
TimeOfDay = Annotated[dt.time, BeforeValidator(_coerce_time)]


class SpecModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)
