"""Dates in English text, with offsets: "Friday, 6 February 2026", "February 6, 2026", "6 Feb", "2026-01-20",
"20/01/2026", and ranges: "15–23 February 2026", "15 to 23 February", "February 15–23, 2026",
"from 9 February to 24 February 2026", "30 January – 3 February", "between 9 and 24 February".

Written dates (day-month or month-day, month as a word, optional year and leading weekday) get a year the way
P-YEAR says: their own, else the first such day on or after the issue date. Numeric dates are found only so
EN-DATE can flag them: "09/04/2026" is 9 April in the UK and September 4 in the US, so no date is read from
a slashed or dotted one; ISO dates (2026-01-20) are unambiguous and are read.

In a range English writes the month and year once, at the end ("15–23 February 2026") or the year after the
last day ("February 15–23, 2026"): a range start without them takes the end's, a year earlier when its month
comes after the end's ("28 December to 3 January 2027"); an end without a year takes the start's, a year later
when its month comes first. Two dates make a range only when nothing but the connector (–, —, -, ~, to, until,
till, through; "and" after "between") stands between them, and not after a change of date ("postponed from
10 February to 24 February" names the old date and the new).

Shared by the composer (the order a letter that states no locale prints its dates in) and the checker.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from notices.i18n import _
from notices.patterns import LazyPattern


def safe_date(year: int | None, month: int, day: int) -> dt.date | None:
    """The date, or None where the year is unknown or the day does not exist (30 February)."""
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


EnForm = Literal["uk", "us", "iso", "numeric", "day"]
RangePart = Literal["start", "end"]

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
# An abbreviation may take its dot ("Feb. 3"); a full name never does (the dot after "23 February." ends the
# sentence).
_MONTH_NAME = r"(?P<{g}>" + "|".join(n.title() for n in sorted(MONTHS, key=len, reverse=True)) + r")"
_ABBREVIATION_DOT = r"(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\.)?"
_MONTH = _MONTH_NAME + _ABBREVIATION_DOT
_WEEKDAY = (
    r"(?:(?P<wd>"
    + "|".join(n.title() for n in sorted(WEEKDAYS, key=len, reverse=True))
    + r")\.?,?\s+(?:the\s+)?)?"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?P<{g}o>st|nd|rd|th)?\b"
# Between the day and the year: ", " as it should be, also ",2024" and " ,2020" and a bare space (read, then
# flagged as slips); the year may run into the next word ("2026to"), a slip too.
_YEAR = r"(?:(?P<{g}s>\s*,\s*|\s+)(?P<{g}>(?:19|20)\d{{2}})(?!\d))?"
_WRITTEN = LazyPattern(
    r"\b"
    + _WEEKDAY
    + r"(?:"
    + _DAY.format(g="d1")
    + r"(?:\s+of)?\s+"
    + _MONTH.format(g="m1")
    + _YEAR.format(g="y1")
    + r"|"
    + _MONTH_NAME.format(g="m2")
    + r"(?P<ms>\.\s*|\.?,?\s+)"  # "Feb 3", "Feb. 3", "Feb.3", "March, 12th" (a slip)
    + _DAY.format(g="d2")
    + _YEAR.format(g="y2")
    + r")"
    # "February 24, 2026 (Tuesday)", "January 28 (Friday) to February 11 (Friday) 2022": a weekday in brackets
    # after the date, and a year that may follow it.
    + r"(?:\s*\((?P<pwd>"
    + "|".join(n.title() for n in sorted(WEEKDAYS, key=len, reverse=True))
    + r")\.?\)(?:,?\s+(?P<y3>(?:19|20)\d{2})(?!\d))?)?"
    + r"(?![:.]\d)"
)
_WEEKDAY_BEFORE_DAY = _WEEKDAY.replace("(?P<wd>", "(?P<bwd>")
_CONNECTOR = r"(?:\s*(?:[–—~]{1,2}|-{1,3})\s*|\s+(?:to|until|till|through|thru|and)\s+(?:the\s+)?)"
# "15–" or "Sunday 15 to" right before a day-first date: a range start that takes the end's month and year.
_DAY_BEFORE_RANGE_END = LazyPattern(
    r"(?<![\w.,:/–—~-])"
    + _WEEKDAY_BEFORE_DAY
    + r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?P<conn>"
    + _CONNECTOR
    + r")\Z"
)
# "–23, 2026" or " to 23" right after a month-first date: a range end that takes the start's month.
_DAY_AFTER_RANGE_START = LazyPattern(
    r"(?P<conn>" + _CONNECTOR + r")(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"
    r"(?![:.,]\d|\s*(?:%|" + "|".join(n.title() for n in MONTHS) + r"))"
)
_CONNECTOR_ONLY = LazyPattern(_CONNECTOR)
_BETWEEN_BEFORE = LazyPattern(r"\bbetween\s+\Z", re.I)
# "postponed from 10 February to 24 February" names two dates, the old and the new, not a span.
_MOVED_FROM = LazyPattern(
    r"\b(?:mov|chang|postpon|delay|reschedul|advanc|shift|defer|extend|push|put|pull|brought|bring|updat|amend"
    r"|revis|correct)\w*\b[^.;!?\n]{0,40}\bfrom\s+\Z",
    re.I,
)
_MOVE_LOOKBACK = 80
_ISO = LazyPattern(r"(?<![\w./-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w/-]|\.\d)")
_NUMERIC = LazyPattern(
    r"(?<![\w./-])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})(?![\w/-]|\.\d)"
)
# "before 7/1", "from 12/24": a month and a day without a year, after a word that takes a date (a bare "1/2"
# may be a half).
_NUMERIC_NO_YEAR = LazyPattern(
    r"\b(?:before|by|on|from|until|till|after|since|to|through|effective|starting|begins?|ends?|due)\s+"
    r"(?P<date>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![\w/-]|\.\d)",
    re.I,
)
# "from 9th to 16th", "resume on 18th": an ordinal day with no month near it.
# An ordinal that counts something else is no date: "the 15th day of the 8th lunar month", "the 3rd floor".
_DAY_ALONE = LazyPattern(
    r"\b(?:from|on|until|till|to|through|by|before|after|since|the)\s+(?P<date>[0-3]?\d(?:st|nd|rd|th))\b"
    r"(?!\s+(?:day|week|month|year|lunar|solar|anniversary|time|floor|century|edition|session|round|batch"
    r"|place|birthday|consecutive)s?\b)"
)
# "on the 10th of each month", "by the 5th of the following month": a day of every month, not a date.
_DAY_OF_EVERY_MONTH = LazyPattern(
    r"\s+of\s+(?:each|every|the|a|any|this|next|that)\s+(?:(?:following|previous|prior|current|calendar)\s+)?"
    r"(?:month|quarter)\b"
)
_MONTH_NEAR = LazyPattern(
    r"\s+(?:of\s+)?(?:" + "|".join(n.title() for n in MONTHS) + r")\b|,?\s*(?:19|20)\d{2}"
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
    range_part: RangePart | None = None
    slips: tuple[str, ...] = ()  # how the written form is off: "a space after the comma" …

    @property
    def label(self) -> str:
        """The date as a reader takes it, month and year filled in from its range: "15 February 2026"."""
        if self.month is None or self.day is None:
            return self.text
        month = dt.date(2000, self.month, 1).strftime("%B")
        return f"{self.day} {month}" + (f" {self.year}" if self.year is not None else "")

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


@dataclass(frozen=True)
class EnRange:
    """Two dates joined as a range, each with the month and year the range gives it.

    ``form`` is the order the range is written in ("uk": "15–23 February", "us": "February 15–23"), None when
    its two dates are written in different orders; ``connector`` is the text between them, as written.
    """

    start: EnDate
    end: EnDate
    connector: str
    form: EnForm | None
    text: str

    @property
    def has_weekday(self) -> bool:
        return self.start.weekday is not None or self.end.weekday is not None


def find_en_dates(text: str, issue_date: dt.date | None = None) -> list[EnDate]:
    """Every written, ISO and numeric date in ``text``, in text order; both ends of each range."""
    singles, ranges = _scan(text, issue_date)
    in_ranges = {(d.start, d.end) for r in ranges for d in (r.start, r.end)}
    found = [d for d in singles if (d.start, d.end) not in in_ranges]
    found += [d for r in ranges for d in (r.start, r.end)]
    return sorted(found, key=lambda d: d.start)


def whole_en_date(text: str) -> EnDate | None:
    """``text`` when it is one written date with its year and nothing else ("February 6, 2024", "6th Feb.
    2024", "Tuesday, 6 February 2024"): a date of issue as an English writer types it; else ``None``."""
    stripped = text.strip()
    for found in _written(stripped, None):
        if found.start == 0 and found.end == len(stripped) and found.year_explicit:
            return found
    return None


def find_en_ranges(text: str, issue_date: dt.date | None = None) -> list[EnRange]:
    """Every range of written dates in ``text``, in text order."""
    return _scan(text, issue_date)[1]


def _scan(text: str, issue_date: dt.date | None) -> tuple[list[EnDate], list[EnRange]]:
    written = _written(text, issue_date)
    ranges: list[EnRange] = []
    used: set[int] = set()
    for index, date in enumerate(written):
        if index in used:
            continue
        following = written[index + 1] if index + 1 < len(written) else None
        joined = _joined(text, date, following) if following is not None else None
        if following is not None and joined is not None:
            found, taken = _range(text, date, following, joined, issue_date), {index, index + 1}
        elif (day_start := _day_before(text, date, ranges)) is not None:
            found, taken = _range(text, day_start[0], date, day_start[1], issue_date), {index}
        elif (day_end := _day_after(text, date)) is not None:
            found, taken = _range(text, date, day_end[0], day_end[1], issue_date), {index}
        else:
            continue
        if not _MOVED_FROM.search(text, max(0, found.start.start - _MOVE_LOOKBACK), found.start.start):
            ranges.append(found)
            used.update(taken)
    dated = written + [d for r in ranges for d in (r.start, r.end)]
    others = _iso(text) + _numeric(text) + _days_alone(text, dated)
    return sorted(written + others, key=lambda d: d.start), ranges


def _slips(match: re.Match[str], text: str) -> tuple[str, ...] | None:
    """What is off in a written date's form, or None when the match is no date after all ("in March, 12
    people": a comma after the month is read only with an ordinal day or a year)."""
    slips: list[str] = []
    separator = match["ms"]
    if separator is not None:
        if "," in separator:
            if not (match["d2o"] or match["y2"]):
                return None
            slips.append(_("the comma goes after the day, not after the month"))
        elif separator.startswith(".") and not separator[1:]:
            slips.append(_("a space after “{match}.”").format(match=match["m2"]))
    day = match["d1"] or match["d2"]
    if len(day) == 2 and day.startswith("0"):
        slips.append(_("no leading zero in the day"))
    year_separator = match["y1s"] if match["y1"] else match["y2s"] if match["y2"] else None
    if year_separator is not None:
        if year_separator.strip() == "," and not year_separator.endswith((" ", "\t")):
            slips.append(_("a space after the comma before the year"))
        if year_separator.startswith((" ", "\t")) and "," in year_separator:
            slips.append(_("no space before the comma"))
        if match["y1"] and year_separator.strip() == ",":
            pass  # "5 January, 2026": accepted
        if match.end() < len(text) and text[match.end()].isalpha():
            slips.append(_("a space after the year"))
    return tuple(slips)


def _written(text: str, issue_date: dt.date | None) -> list[EnDate]:
    found: list[EnDate] = []
    for match in _WRITTEN.finditer(text):
        slips = _slips(match, text)
        if slips is None:
            continue
        uk = match["m1"] is not None
        month = MONTHS[(match["m1"] or match["m2"]).lower().rstrip(".")]
        day = int(match["d1"] or match["d2"])
        year_text = match["y1"] or match["y2"] or match["y3"]
        year = int(year_text) if year_text else _infer_year(month, day, issue_date)
        stated = match["wd"] or match["pwd"]
        weekday = WEEKDAYS[stated.lower().rstrip(".")] if stated else None
        weekday_at = match.start("wd") if match["wd"] else match.start("pwd") if match["pwd"] else None
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
                date=safe_date(year, month, day),
                weekday=weekday,
                weekday_start=weekday_at,
                weekday_text=stated or "",
                slips=slips,
            )
        )
    return found


def _iso(text: str) -> list[EnDate]:
    found = []
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
                safe_date(year, month, day),
            )
        )
    return found


def _numeric(text: str) -> list[EnDate]:
    found = [
        EnDate(match.start(), match.end(), match.group(), "numeric", None, None, None, True, None)
        for match in _NUMERIC.finditer(text)
    ]
    for match in _NUMERIC_NO_YEAR.finditer(text):
        start, end = match.span("date")
        found.append(EnDate(start, end, match["date"], "numeric", None, None, None, False, None))
    return found


def _days_alone(text: str, written: list[EnDate]) -> list[EnDate]:
    """Ordinal days that name no month ("from 9th to 16th"), outside the written dates."""
    taken = [(d.start, d.end) for d in written]
    found = []
    for match in _DAY_ALONE.finditer(text):
        start, end = match.span("date")
        if any(s <= start < e for s, e in taken) or _MONTH_NEAR.match(text, end):
            continue
        if _DAY_OF_EVERY_MONTH.match(text, end):
            continue
        day = int(match["date"][:-2])
        found.append(EnDate(start, end, match["date"], "day", None, day, None, False, None))
    return found


def _connector_fits(text: str, connector: str, start: int) -> bool:
    """ "and" joins a range only after "between": "on 3 and 4 February" names two days."""
    if connector.strip() != "and":
        return True
    return _BETWEEN_BEFORE.search(text, 0, start) is not None


def _joined(text: str, first: EnDate, second: EnDate) -> str | None:
    between = text[first.end : second.start]
    if "a space after the year" in first.slips:
        between = " " + between  # "February 15, 2026to February 23": the missing space is a slip of its own
    if _CONNECTOR_ONLY.fullmatch(between) is None or not _connector_fits(text, between, first.start):
        return None
    return text[first.end : second.start]


def _day_before(text: str, end: EnDate, ranges: list[EnRange]) -> tuple[EnDate, str] | None:
    """ "15–" before "23 February 2026": the range start, as a date without its month and year yet."""
    if end.form != "uk":
        return None
    floor = ranges[-1].end.end if ranges else 0
    match = _DAY_BEFORE_RANGE_END.search(text, floor, end.start)
    if match is None or not _connector_fits(text, match["conn"], match.start()):
        return None
    weekday = match["bwd"]
    start = EnDate(
        start=match.start(),
        end=match.start("conn"),
        text=text[match.start() : match.start("conn")],
        form="uk",
        month=None,
        day=int(match["d"]),
        year=None,
        year_explicit=False,
        date=None,
        weekday=WEEKDAYS[weekday.lower().rstrip(".")] if weekday else None,
        weekday_start=match.start("bwd") if weekday else None,
        weekday_text=weekday.rstrip(".") if weekday else "",
    )
    return start, match["conn"]


def _day_after(text: str, start: EnDate) -> tuple[EnDate, str] | None:
    """ "–23, 2026" after "February 15": the range end, with the start's month."""
    if start.form != "us" or start.year_explicit:
        return None
    match = _DAY_AFTER_RANGE_START.match(text, start.end)
    if match is None or not _connector_fits(text, match["conn"], start.start):
        return None
    year_text = match["y"]
    end = EnDate(
        start=match.start("d"),
        end=match.end(),
        text=text[match.start("d") : match.end()],
        form="us",
        month=None,
        day=int(match["d"]),
        year=int(year_text) if year_text else None,
        year_explicit=year_text is not None,
        date=None,
    )
    return end, match["conn"]


def _range(text: str, start: EnDate, end: EnDate, connector: str, issue_date: dt.date | None) -> EnRange:
    if start.month is None:  # "15–23 February": the start is a bare day
        start = replace(start, month=end.month)
    if end.month is None:  # "February 15–23, 2026"
        end = replace(end, month=start.month)
    assert start.month is not None and start.day is not None and end.month is not None
    start_year, end_year = (
        start.year if start.year_explicit else None,
        end.year if end.year_explicit else None,
    )
    if start_year is None and end_year is not None:
        start_year = end_year - 1 if start.month > end.month else end_year
    if start_year is None:
        start_year = _infer_year(start.month, start.day, issue_date)
    if end_year is None and start_year is not None:
        end_year = start_year + 1 if end.month < start.month else start_year
    start = _dated(start, start_year, "start")
    end = _dated(end, end_year, "end")
    form: EnForm | None = start.form if start.form == end.form else None
    return EnRange(start, end, connector, form, text[start.start : end.end])


def _dated(date: EnDate, year: int | None, part: RangePart) -> EnDate:
    assert date.month is not None and date.day is not None
    return replace(date, year=year, date=safe_date(year, date.month, date.day), range_part=part)


def _infer_year(month: int, day: int, issue_date: dt.date | None) -> int | None:
    if issue_date is None:
        return None
    return issue_date.year if (month, day) >= (issue_date.month, issue_date.day) else issue_date.year + 1


def format_en_date(day: dt.date, locale: str, *, with_year: bool = True) -> str:
    """ "6 February 2026" (en-GB) or "February 6, 2026" (en-US)."""
    month = day.strftime("%B")
    if locale.lower().replace("_", "-") == "en-us":
        return f"{month} {day.day}, {day.year}" if with_year else f"{month} {day.day}"
    return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"


def format_en_range(
    start: dt.date, end: dt.date, locale: str, connector: str, *, with_year: bool = True
) -> str:
    """A range in the locale's order, month and year written once where they are shared:
    "15–23 February 2026" / "February 15–23, 2026", "30 January – 3 February 2026" / "January 30 – February 3,
    2026"; ``connector`` is kept as written."""
    us = locale.lower().replace("_", "-") == "en-us"
    same_year = start.year == end.year
    same_month = same_year and start.month == end.month
    if us:
        head = f"{start:%B} {start.day}" + (f", {start.year}" if with_year and not same_year else "")
        tail = (f"{end.day}" if same_month else f"{end:%B} {end.day}") + (
            f", {end.year}" if with_year else ""
        )
    else:
        head = f"{start.day}" if same_month else f"{start.day} {start:%B}"
        head += f" {start.year}" if with_year and not same_year else ""
        tail = f"{end.day} {end:%B}" + (f" {end.year}" if with_year else "")
    return head + connector + tail


def letter_date_order(texts: Iterable[str], issue_date: dt.date) -> str:
    """The order a letter that states no ``locale:`` writes its dates in, "en-gb" or "en-us": the order most of
    its written dates take (a letter may write "October 1st" throughout), en-GB on a tie. The composer prints
    the letter's own dates in it and EN-DATE holds the letter to it, so the two always agree."""
    uk = us = 0
    for text in texts:
        text_uk, text_us = _order_votes(text, issue_date)
        uk, us = uk + text_uk, us + text_us
    return "en-us" if us > uk else "en-gb"


@functools.lru_cache(maxsize=4096)
def _order_votes(text: str, issue_date: dt.date) -> tuple[int, int]:
    """How many of ``text``'s written dates and ranges are in UK order and in US order. Kept per text: the
    composer asks again for every recipient of a batch, and a letter's texts do not change between them."""
    votes = {"uk": 0, "us": 0}
    in_ranges = set()
    for date_range in find_en_ranges(text, issue_date):
        in_ranges.update({date_range.start.start, date_range.end.start})
        if date_range.form in votes:
            votes[date_range.form] += 1
    for found in find_en_dates(text, issue_date):
        if found.start not in in_ranges and found.form in votes:
            votes[found.form] += 1
    return votes["uk"], votes["us"]
