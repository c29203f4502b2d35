"""The value types every part of a spec shares: dates, times of day and the strict base model.

They live apart from the spec model so that the kinds' facts models (``notices/kinds/<kind>/facts.py``), which the
spec model is built from, can use them without importing the model they are part of.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

from notices.en_dates import MONTHS, whole_en_date
from notices.i18n import _
from notices.patterns import LazyPattern

_CN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")


def _coerce_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        parts = _date_parts(value)
        if parts is not None:
            try:
                day = dt.date(*parts)
            except ValueError as err:
                raise ValueError(
                    _("impossible date {strip!r}: {err}").format(strip=value.strip(), err=err)
                ) from None
            written = whole_en_date(value)
            if written is not None and written.weekday is not None and written.weekday != day.weekday():
                raise ValueError(
                    _("{strip!r}: that day is a {actual}, not a {stated}").format(
                        strip=value.strip(), actual=day.strftime("%A"), stated=written.weekday_text
                    )
                )
            return day
    return value


def written_date(text: str) -> dt.date | None:
    """The date ``text`` is written as (2026-01-05, 2026年1月5日, February 6, 2026), or None."""
    parts = _date_parts(text)
    try:
        return dt.date(*parts) if parts is not None else None
    except ValueError:
        return None


def _date_parts(text: str) -> tuple[int, int, int] | None:
    """Year, month and day of a date written as 2026-01-05, 2026年1月5日 or, in an English letter, as its
    writer types it (February 6, 2024; 6th Feb 2024): not checked to exist."""
    match = _CN_DATE.match(text) or _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return year, month, day
    written = whole_en_date(text)
    if written is not None and written.year and written.month and written.day:
        return written.year, written.month, written.day
    return None


TEXT_WANTED = "text_wanted"
"""The error type of a validator that wants the characters typed, not the number or date YAML made of them:
the reader then validates again with the scalar's own text (notices.reader.as_typed)."""

# A time of day as writers type it: 17:00, 17：00, 17.00, 1700, 5pm, 5:30 p.m., 17时, 17点30分, 下午5点.
_CLOCK = LazyPattern(
    r"^\s*(?P<half>上午|早上|中午|下午|晚上)?\s*(?P<hour>\d{1,2})\s*"
    r"(?:(?:[:：.]\s*(?P<minute>\d{2})(?:[:：]00)?)|(?:[时点]\s*(?:(?P<cn_minute>\d{1,2})\s*分|(?P<half_hour>半))?))?"
    r"\s*(?P<ampm>[ap]\.?\s*m\.?)?\s*$",
    re.I,
)
_HHMM = LazyPattern(r"^\s*(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*$")  # 1700, 0930


def time_of_day(text: str) -> dt.time | None:
    """The time ``text`` is written as, or None: 17:00, 17.00, 1700, 5pm, 5:30 p.m., 17时, 17点30分, 下午5点.
    A 12-hour clock (5pm, 下午5点) needs its half of the day; "24:00" is not a time of day (None)."""
    hhmm = _HHMM.match(text)
    if hhmm:
        return dt.time(int(hhmm["hour"]), int(hhmm["minute"]))
    match = _CLOCK.match(text)
    if match is None or not (
        match["minute"]
        or match["cn_minute"]
        or match["half"]
        or match["ampm"]
        or "时" in text
        or "点" in text
    ):
        return None  # a bare number is not a time
    hour = int(match["hour"])
    minute = int(match["minute"] or match["cn_minute"] or (30 if match["half_hour"] else 0))
    if match["ampm"] or match["half"]:  # a 12-hour clock
        if not 1 <= hour <= 12:
            return None
        ampm = (match["ampm"] or "").lower()
        if ampm.startswith("a") and hour == 12:
            hour = 0  # 12am is midnight
        elif (ampm.startswith("p") or match["half"] in ("下午", "晚上")) and hour != 12:
            hour += 12
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _coerce_time(value: Any) -> Any:
    if isinstance(value, bool | int | float):
        # Never a number: YAML 1.1 reads an unquoted 17:00 as the sexagesimal number 1020 and 1700 as 1700,
        # and pydantic would take either as seconds after midnight (1700 printed as 00:28). The reader gives
        # the scalar's own text back when this refuses (notices.reader.as_typed), and that text is read below.
        raise PydanticCustomError(
            TEXT_WANTED,
            _("{value!r} is not a time of day; write it as HH:MM, e.g. 17:00").format(value=value),
        )
    if isinstance(value, str):
        found = time_of_day(value)
        if found is not None:
            return found
        if value.strip().replace("：", ":") in ("24:00", "24.00", "24时", "24点"):
            raise ValueError(
                _("24:00 is the end of the day, not a time of day: write 23:59, or 00:00 of the next day")
            )
        raise ValueError(
            _("{value!r} is not a time of day; write it as HH:MM, e.g. 17:00").format(value=value)
        )
    return value


Date = Annotated[dt.date, BeforeValidator(_coerce_date)]

_ISO_MONTH = re.compile(r"^\s*(?P<year>\d{4})\s*(?:[-/.]|年)\s*(?P<month>\d{1,2})\s*月?\s*$")
# "May 2019", "Sept. 2019": a month of issue in an English letter
_EN_MONTH = re.compile(
    r"^\s*(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?,?\s+(?P<year>\d{4})\s*$",
    re.I,
)


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower()]


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
        match = _ISO_MONTH.match(value) or _EN_MONTH.match(value)
        if match:
            year, month = int(match["year"]), _month_number(match["month"])
            if not 1 <= month <= 12:
                raise ValueError(_("impossible month {strip!r}").format(strip=value.strip()))
            return IssueMonth(year, month)
    return _coerce_date(value)


def looks_like_a_date(text: str) -> bool:
    """Whether ``text`` is written as a date of issue (a day, a month, or none), valid or not."""
    return bool(
        _date_parts(text)
        or _ISO_MONTH.match(text)
        or _EN_MONTH.match(text)
        or text.strip().lower() in {"none", "无"}
    )


def _check_issue_date(value: Any) -> Any:
    if value == UNDATED or isinstance(value, IssueMonth | dt.date):
        return value
    raise ValueError(
        _("not a date of issue: write 2026-01-05 (or February 6, 2026), a month (2019-05), or none")
    )


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

# A number as a price list prints it: 4900, 4,900, 12,800.50, -3.5 (a thousands comma before each group of three
# digits, GB/T 15835-2011 §5.1.5 千分撇). What a writer copies from a price list or invoice with its currency or
# unit ("4900元", "￥4,900", "$0.50") is named, since that belongs in its own key.
_GROUPED = re.compile(r"^\s*[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*$")
_PLAIN = re.compile(r"^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*$")
_NUMBER_INSIDE = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?")


def _coerce_amount(value: Any) -> Any:
    if not isinstance(value, str) or _PLAIN.match(value):
        return value
    if _GROUPED.match(value):
        return value.replace(",", "").strip()
    number = _NUMBER_INSIDE.search(value)
    if number and number.group() != value.strip():
        raise ValueError(
            _("not a number: write the number alone ({number}), without currency or unit").format(
                number=number.group().replace("，", ",")
            )
        )
    raise ValueError(_("not a number: write 4900 or 4,900 (a comma before each group of three digits)"))


TypedAmount = Annotated[Decimal, BeforeValidator(_coerce_amount)]
"""A price, amount or percentage as typed: 4900, 4,900 or 12,800.50."""


class SpecModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)

    text_form: ClassVar[str | None] = None
    """What a model that also reads one line of text (``attachments: [价格表]``) takes as text: said in the
    spec's JSON Schema, so that an editor does not flag a spec the tool reads."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        text_form = cls.__dict__.get("text_form")
        if text_form:
            return {"anyOf": [schema, {"type": "string", "description": text_form}]}
        return schema
