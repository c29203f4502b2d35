"""Chinese calendar facts the notice checks lean on: lunar dates, statutory holidays, 调休 working days.

Where the facts come from, and how far they reach:

- Lunar dates come from `lunardate`, which covers lunar years 1900-2099; outside that range the lunar
  functions raise ``ValueError``.
- Holidays come from `holidays.China` (the ``holidays`` package). For the years whose State Council
  schedule (国务院办公厅关于XXXX年部分节假日安排的通知) the package carries — 2001-2026 in holidays 0.109, see
  `official_schedule_years` — the answers follow that schedule: the statutory days, the 调休 days off, the
  weekend days that became working days, and the weekends the break runs into.
- For any other year nothing is guessed: only the statutory days named by law count as holidays (for
  the Spring Festival that is 除夕 to 初三 since 2025), no weekend is joined to them, and no weekend day is
  reported as a working day. `official_schedule_known` tells a caller which case it is in.

A year's schedule is published in November of the year before, and it can move the last days of December
(2018-12-31 was a day off for the 2019 New Year), so December of the last covered year is only as complete as
the package's data for the following year.

``holidays`` and ``lunardate`` are imported on first use, so importing this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notices.i18n import _
from notices.patterns import LazyPattern

# A break is never longer than this; it only bounds the walk from a day to the ends of its break.
_LONGEST_BREAK_DAYS = 20

# The package's Chinese labels, reduced to the names the State Council uses for a break.
_LABEL_SUFFIX = LazyPattern(r"（[^（）]*(?:补假|推定)[^（）]*）$")
_LABEL_ALIASES = {"农历除夕": "春节", "春节延长假期": "春节"}
_BRIDGE_LABEL_PREFIX = "休息日"
# When two festivals start a break on the same day the State Council names them in this order.
_NAME_ORDER = ("元旦", "春节", "清明节", "劳动节", "端午节", "国庆节", "中秋节")


@dataclass(frozen=True)
class LunarDay:
    """A day of the Chinese lunar calendar; `leap` marks a day of the intercalary (闰) month."""

    year: int
    month: int
    day: int
    leap: bool = False


@dataclass(frozen=True)
class HolidayBreak:
    """One holiday break: the consecutive days off around a statutory holiday.

    `official` is True when the span comes from the State Council schedule; False when the year is not
    covered and the span is only the statutory days themselves.
    """

    name: str
    first: dt.date
    last: dt.date
    official: bool

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.first <= day <= self.last


@dataclass(frozen=True)
class _YearFacts:
    # Every day the package names as a holiday or 调休 day off, with its reduced name (None for 调休 days).
    days_off: dict[dt.date, tuple[str, ...]]
    # Names of days that are holidays in their own right, not a 补假 moved onto a working day.
    statutory_names: dict[dt.date, tuple[str, ...]]
    weekend_workdays: frozenset[dt.date]
    official: bool


def _lunardate_class() -> Any:
    return importlib.import_module("lunardate").LunarDate


def spring_festival(year: int) -> dt.date:
    """正月初一 of the lunar year that begins in Gregorian `year`."""
    return lunar_to_solar(year, 1, 1)


def new_years_eve(year: int) -> dt.date:
    """除夕: the last day of the lunar year ending in Gregorian `year`, the eve of `spring_festival(year)`."""
    return spring_festival(year) - dt.timedelta(days=1)


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """The Gregorian date of a lunar date; ``ValueError`` when that lunar date does not exist."""
    solar = _lunardate_class()(year, month, day, leap).to_solar_date()
    return dt.date(solar.year, solar.month, solar.day)


def solar_to_lunar(day: dt.date) -> LunarDay:
    """The lunar date of a Gregorian date; ``ValueError`` outside lunar years 1900-2099."""
    lunar = _lunardate_class().from_solar_date(day.year, day.month, day.day)
    found = LunarDay(int(lunar.year), int(lunar.month), int(lunar.day), bool(lunar.is_leap_month))
    # lunardate answers nonsense rather than failing outside its table, so the answer must lead back to `day`.
    if lunar_to_solar(found.year, found.month, found.day, found.leap) != day:
        raise ValueError(
            _("{day} is outside the lunar calendar's range (lunar years 1900-2099)").format(day=day)
        )
    return found


def lunar_month_length(year: int, month: int, leap: bool = False) -> int:
    """How many days (29 or 30) a lunar month has; ``ValueError`` when the month does not exist."""
    try:
        lunar_to_solar(year, month, 30, leap)
    except ValueError:
        lunar_to_solar(year, month, 29, leap)  # raises when the month itself does not exist
        return 29
    return 30


# English names of the festivals, and the key `festival_date` takes for each.
EN_FESTIVAL_PATTERN = (
    r"(?P<name>(?:Chinese|Lunar) New Year|Spring Festival|CNY|Lantern Festival|Qingming(?: Festival)?"
    r"|Tomb[- ]Sweeping Day|Labou?r Day|May Day|Dragon Boat Festival|Mid-Autumn(?: Day)? Festival"
    r"|National Day|Golden Week)"
)
EN_FESTIVAL_NAMES: dict[str, str] = {
    "chinese new year": "春节",
    "lunar new year": "春节",
    "spring festival": "春节",
    "cny": "春节",
    "lantern festival": "元宵",
    "qingming": "清明",
    "qingming festival": "清明",
    "tomb-sweeping day": "清明",
    "tomb sweeping day": "清明",
    "labor day": "劳动",
    "labour day": "劳动",
    "may day": "劳动",
    "dragon boat festival": "端午",
    "mid-autumn festival": "中秋",
    "mid-autumn day festival": "中秋",
    "national day": "国庆",
    "golden week": "国庆",
}


@functools.cache
def festival_date(year: int, name: str) -> dt.date:
    """The day of a named festival in ``year``: 春节 (新春) is 正月初一, 元宵 正月十五, 端午 五月初五, 中秋 八月十五,
    元旦 1 January, 劳动节 (五一) 1 May, 国庆 1 October, 清明 4 April. Raises KeyError for another name."""
    name = name.removesuffix("节")
    if name in ("春节", "新春", "春"):
        return spring_festival(year)
    fixed = {"元旦": (1, 1), "劳动": (5, 1), "五一": (5, 1), "国庆": (10, 1), "清明": (4, 4)}
    if name in fixed:
        return dt.date(year, *fixed[name])
    lunar = {"元宵": (1, 15), "端午": (5, 5), "中秋": (8, 15)}[name]
    return lunar_to_solar(year, *lunar)


@functools.cache
def official_schedule_years() -> range:
    """The years whose State Council holiday schedule the installed ``holidays`` package knows."""
    cached = _cached("china-schedule-years")
    if isinstance(cached, list) and len(cached) == 2:
        return range(cached[0], cached[1])
    known = _schedule_years()
    _store("china-schedule-years", [known.start, known.stop])
    return known


def _schedule_years() -> range:
    try:
        china_module = importlib.import_module("holidays.countries.china")
        years = [int(year) for year in china_module.ChinaStaticHolidays.special_public_holidays]
    except (ImportError, AttributeError):
        return range(0)
    return range(min(years), max(years) + 1) if years else range(0)


def official_schedule_known(year: int) -> bool:
    return year in official_schedule_years()


def _reduce_label(label: str) -> str | None:
    label = _LABEL_SUFFIX.sub("", label.strip())
    if label.startswith(_BRIDGE_LABEL_PREFIX):
        return None
    return _LABEL_ALIASES.get(label, label)


@functools.cache
def _year_facts(year: int) -> _YearFacts:
    # Importing ``holidays`` and building a year is most of a cold `notices check`: the facts are kept in
    # the user's cache (notices.cache), keyed by the installed package's files, so they are never stale.
    cached = _cached(f"china-holidays-{year}")
    if isinstance(cached, dict):
        return _YearFacts(
            {dt.date.fromisoformat(d): tuple(names) for d, names in cached["days_off"].items()},
            {dt.date.fromisoformat(d): tuple(names) for d, names in cached["statutory_names"].items()},
            frozenset(dt.date.fromisoformat(d) for d in cached["weekend_workdays"]),
            bool(cached["official"]),
        )
    facts = _computed_year_facts(year)
    _store(
        f"china-holidays-{year}",
        {
            "days_off": {d.isoformat(): list(names) for d, names in facts.days_off.items()},
            "statutory_names": {d.isoformat(): list(names) for d, names in facts.statutory_names.items()},
            "weekend_workdays": sorted(d.isoformat() for d in facts.weekend_workdays),
            "official": facts.official,
        },
    )
    return facts


@functools.cache
def _holidays_stamp() -> str:
    """The installed ``holidays`` package's identity (found without importing it: that is what is saved)."""
    import importlib.util

    from notices.cache import package_stamp

    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return "absent"
    folder = Path(next(iter(spec.submodule_search_locations)))
    records = sorted(str(p) for p in folder.parent.glob("holidays-*.dist-info/RECORD"))
    return package_stamp(
        *records, *(folder / name for name in ("version.py", "countries/china.py", "groups/chinese.py"))
    )


def _cached(name: str) -> Any:
    from notices.cache import load_json

    return load_json(name, _holidays_stamp())


def _store(name: str, value: Any) -> None:
    from notices.cache import store_json

    store_json(name, _holidays_stamp(), value)


def _computed_year_facts(year: int) -> _YearFacts:
    official = official_schedule_known(year)
    holidays_module = importlib.import_module("holidays")
    try:
        # Outside the covered years the package's 补假 rule would be a guess: only statutory days count.
        calendar = holidays_module.China(years=year, language="zh_CN", observed=official)
        next_calendar = holidays_module.China(years=year + 1, language="zh_CN", observed=official)
    except (NotImplementedError, ValueError):
        return _YearFacts({}, {}, frozenset(), official)
    days_off: dict[dt.date, tuple[str, ...]] = {}
    statutory: dict[dt.date, tuple[str, ...]] = {}
    for day, joined_labels in calendar.items():
        labels = str(joined_labels).split("; ")
        names = tuple(name for label in labels if (name := _reduce_label(label)) is not None)
        days_off[day] = names
        real = tuple(
            name
            for label in labels
            if (name := _reduce_label(label)) is not None and not _LABEL_SUFFIX.search(label.strip())
        )
        if real:
            statutory[day] = real
    # A schedule can make a weekend of the previous December a working day, so both years' data are read.
    workdays = frozenset(
        day
        for day in (*calendar.weekend_workdays, *next_calendar.weekend_workdays)
        if day.year == year and official
    )
    return _YearFacts(days_off, statutory, workdays, official)


def is_adjusted_workday(day: dt.date) -> bool:
    """True for a weekend day that the State Council schedule makes a working day (调休上班).

    Always False for years outside `official_schedule_years`: unknown there, and never guessed.
    """
    return day.weekday() >= 5 and day in _year_facts(day.year).weekend_workdays


def is_statutory_day(day: dt.date) -> bool:
    """A statutory holiday day itself (《全国年节及纪念日放假办法》第二条: 春节 初一 to 初三, 国庆 1 to 3
    October …), not a weekend the schedule moves into the break."""
    return day in _year_facts(day.year).statutory_names


def adjusted_workdays(year: int) -> tuple[dt.date, ...]:
    """The weekend days the State Council schedule of ``year`` makes working days, in order (none when the
    schedule is unknown)."""
    return tuple(sorted(day for day in _year_facts(year).weekend_workdays if day.year == year))


def _is_listed_day_off(day: dt.date) -> bool:
    return day in _year_facts(day.year).days_off


def _is_break_day(day: dt.date) -> bool:
    facts = _year_facts(day.year)
    if day in facts.days_off:
        return True
    # Weekends join a break only where the schedule is known to leave them free.
    return facts.official and day.weekday() >= 5 and day not in facts.weekend_workdays


def is_working_day(day: dt.date) -> bool:
    """A working day in mainland China: a weekday that is no holiday or 调休 day off, or a 调休 weekend."""
    if is_adjusted_workday(day):
        return True
    return not _is_listed_day_off(day) and day.weekday() < 5


def _break_name(first: dt.date, last: dt.date) -> str:
    first_seen: dict[str, dt.date] = {}
    fallback: dict[str, dt.date] = {}
    day = first
    while day <= last:
        facts = _year_facts(day.year)
        for name in facts.statutory_names.get(day, ()):
            first_seen.setdefault(name, day)
        for name in facts.days_off.get(day, ()):
            fallback.setdefault(name, day)
        day += dt.timedelta(days=1)
    chosen = first_seen or fallback
    if not chosen:
        return "调休"

    def order(name: str) -> tuple[dt.date, int]:
        rank = _NAME_ORDER.index(name) if name in _NAME_ORDER else len(_NAME_ORDER)
        return chosen[name], rank

    return "、".join(sorted(chosen, key=order))


def holiday_break(day: dt.date) -> HolidayBreak | None:
    """The holiday break that covers `day`, weekends inside it included; None on other days."""
    if not _is_break_day(day):
        return None
    step = dt.timedelta(days=1)
    first = last = day
    for _day in range(_LONGEST_BREAK_DAYS):
        if not _is_break_day(first - step):
            break
        first -= step
    for _day in range(_LONGEST_BREAK_DAYS):
        if not _is_break_day(last + step):
            break
        last += step
    if not any(
        _is_listed_day_off(first + dt.timedelta(days=offset)) for offset in range((last - first).days + 1)
    ):
        return None  # an ordinary weekend
    official = official_schedule_known(first.year) and official_schedule_known(last.year)
    return HolidayBreak(_break_name(first, last), first, last, official)


def holiday_breaks(year: int) -> tuple[HolidayBreak, ...]:
    """Every holiday break with a day off in `year`, in date order (a break may begin in the year before)."""
    breaks: dict[tuple[dt.date, dt.date], HolidayBreak] = {}
    for day in sorted(_year_facts(year).days_off):
        found = holiday_break(day)
        if found is not None:
            breaks.setdefault((found.first, found.last), found)
    return tuple(breaks.values())


def china_holiday_name(day: dt.date) -> str | None:
    """The statutory holiday whose break covers `day` ("春节", "国庆节、中秋节"), or None.

    The whole break counts: in 2026 every day from 2026-02-15 to 2026-02-23 answers "春节".
    """
    found = holiday_break(day)
    return found.name if found is not None else None
