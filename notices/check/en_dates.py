"""Dates in English text, with offsets: "Friday, 6 February 2026", "February 6, 2026", "6 Feb", "2026-01-20",
"20/01/2026".

Written dates (day-month or month-day, month as a word, optional year and leading weekday) get a year the way
P-YEAR says: their own, else the first such day on or after the issue date. Numeric dates are found only so
EN-DATE can flag them: "09/04/2026" is 9 April in the UK and September 4 in the US, so no date is read from
a slashed or dotted one; ISO dates (2026-01-20) are unambiguous and are read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

EnForm = Literal["uk", "us", "iso", "numeric"]

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
# Month and weekday names are capitalised in English, which keeps "3 may be" from reading as 3 May.
_MONTH = r"(?P<{g}>" + "|".join(n.title() for n in sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (
    r"(?:(?P<wd>"
    + "|".join(n.title() for n in sorted(WEEKDAYS, key=len, reverse=True))
    + r")\.?,?\s+(?:the\s+)?)?"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_WRITTEN = re.compile(
    r"\b"
    + _WEEKDAY
    + r"(?:"
    + _DAY.format(g="d1")
    + r"(?:\s+of)?\s+"
    + _MONTH.format(g="m1")
    + r"(?:,?\s+(?P<y1>(?:19|20)\d{2}))?"
    + r"|"
    + _MONTH.format(g="m2")
    + r"\s+"
    + _DAY.format(g="d2")
    + r"(?:,?\s+(?P<y2>(?:19|20)\d{2}))?"
    + r")\b(?![:.]\d)"
)
_ISO = re.compile(r"(?<![\w./-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w/-]|\.\d)")
_NUMERIC = re.compile(
    r"(?<![\w./-])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})(?![\w/-]|\.\d)"
)


@dataclass(frozen=True)
class EnDate:
    start: int
    end: int
    text: str
    form: EnForm
    month: int | None
    day: int | None
    year: int | None
    year_explicit: bool
    date: dt.date | None
    weekday: int | None = None
    weekday_start: int | None = None
    weekday_text: str = ""

    @property
    def exists(self) -> bool | None:
        if self.date is not None:
            return True
        if self.month is None or self.day is None:
            return None
        try:
            dt.date(self.year or 2024, self.month, self.day)  # 2024 is a leap year: 29 February may exist
        except ValueError:
            return False
        return None if self.year is None else False


def find_en_dates(text: str, issue_date: dt.date | None = None) -> list[EnDate]:
    """Every written, ISO and numeric date in ``text``, in text order."""
    found: list[EnDate] = []
    for match in _WRITTEN.finditer(text):
        uk = match["m1"] is not None
        month = MONTHS[(match["m1"] or match["m2"]).lower().rstrip(".")]
        day = int(match["d1"] or match["d2"])
        year_text = match["y1"] or match["y2"]
        year = int(year_text) if year_text else _infer_year(month, day, issue_date)
        weekday = WEEKDAYS[match["wd"].lower().rstrip(".")] if match["wd"] else None
        found.append(
            EnDate(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                form="uk" if uk else "us",
                month=month,
                day=day,
                year=year,
                year_explicit=year_text is not None,
                date=_safe(year, month, day),
                weekday=weekday,
                weekday_start=match.start("wd") if match["wd"] else None,
                weekday_text=match["wd"] or "",
            )
        )
    for match in _ISO.finditer(text):
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        found.append(
            EnDate(
                match.start(),
                match.end(),
                match.group(),
                "iso",
                month,
                day,
                year,
                True,
                _safe(year, month, day),
            )
        )
    for match in _NUMERIC.finditer(text):
        found.append(
            EnDate(match.start(), match.end(), match.group(), "numeric", None, None, None, True, None)
        )
    return sorted(found, key=lambda d: d.start)


def _infer_year(month: int, day: int, issue_date: dt.date | None) -> int | None:
    if issue_date is None:
        return None
    return issue_date.year if (month, day) >= (issue_date.month, issue_date.day) else issue_date.year + 1


def _safe(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def format_en_date(day: dt.date, locale: str, *, with_year: bool = True) -> str:
    """ "6 February 2026" (en-GB) or "February 6, 2026" (en-US)."""
    month = day.strftime("%B")
    if locale.lower().replace("_", "-") == "en-us":
        return f"{month} {day.day}, {day.year}" if with_year else f"{month} {day.day}"
    return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"
