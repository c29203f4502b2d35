"""Find every date a notice's text states, with exact character offsets, and the year each one means.

Recognised (digits may be full-width; `numerals` tells Arabic from Chinese):

- dates: "2026年2月5日", "2026 年 2 月 5 日", "2月5日", "2月5号", "2026-01-20", "2026/1/20", "2026.1.20",
  "二〇二六年一月五日", "一月五日"; a bare day "5日" / "五日" only as the end of a range;
- ranges joined by 至 / 到 / 起至 / - / — / —— / – / ~ ("2月15日至23日", "1月20日-2月3日",
  "2026-01-20至2026-01-25", "2月15日（星期日）至2月23日（星期一）");
- right after a date, in （） or () with items joined by 、，,;/: a weekday (星期X, 周X, 礼拜X), a lunar date
  (农历腊月二十八, 正月初八, 闰四月初一, 初八, 除夕, 大年三十, 大年初一, 元宵节, 端午节, 七夕, 中秋节, 重阳节,
  腊八节), the fillers 含 / 不含 / 含当日 / 当日 / 当天 / 下同; without brackets a weekday, or a lunar date
  marked by 农历/阴历 or a festival name (a bare 初三 may be "初三学生"); and a time of day ("17:00",
  "17时30分", "17点", "下午5点", "下午五点", "24:00" read as the end of the day);
- the same items before a date that stands in brackets: "除夕（2月16日）", "周五（2月6日）".

Not recognised: a month alone ("12月", "12月份", "2026年1月": they only name a year for inference), a year
alone, "2026年度", numbers without a four-digit 19xx/20xx year ("3.15", "1.5倍", "1/20"), eight-digit dates
("20260120"), lists that drop the month ("2月14日、15日": only the first is a date), relative days (今天,
明日, 下周五), and lunar dates that stand alone with no Gregorian date beside them.

Years follow P-YEAR: a date's own year; else the nearest year named earlier in its paragraph (an explicit-year
date, a bare "2026年" not followed by 度, or 今年/明年/去年 when the issue date is known); else the first such
month and day on or after the issue date; else `context_year`. A range end takes its month and year from the
range start and moves to the next year when its month is smaller than the start's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from notices.en_dates import safe_date as safe_date  # shared with the English dates
from notices.patterns import LazyPattern

Numerals = Literal["arabic", "chinese"]
DateForm = Literal["cjk", "hyphen", "slash", "dot"]
YearSource = Literal[
    "explicit", "paragraph", "issue_date", "weekday", "context_year", "range_start", "unknown"
]
WeekdayStyle = Literal["星期", "周"]


@dataclass(frozen=True)
class WeekdayClaim:
    """A stated weekday: `weekday` 0 is Monday, 6 is Sunday (星期日/星期天/周日)."""

    start: int
    end: int
    text: str
    weekday: int


@dataclass(frozen=True)
class LunarClaim:
    """A stated lunar date. `month` is None when only the day is written ("初八"); `day` is None for 除夕
    and 大年三十, which mean the last day of 腊月 whether it has 29 or 30 days."""

    start: int
    end: int
    text: str
    month: int | None
    day: int | None
    leap: bool = False


@dataclass(frozen=True)
class DateMention:
    """One date, or one range of dates, as the text states it.

    `start`/`end` cover the whole mention: the date, what is written beside it, and the range end if any;
    `date_start`/`date_end` cover only the date expression itself ("2月15日"). `date` is None when the date
    does not exist (2月30日, 2025年2月29日, 13月1日) or its year cannot be told.
    """

    start: int
    end: int
    text: str
    year: int | None
    year_explicit: bool
    month: int
    day: int
    date: dt.date | None
    date_start: int
    date_end: int
    year_source: YearSource = "unknown"
    time: dt.time | None = None
    weekday: WeekdayClaim | None = None
    lunar: LunarClaim | None = None
    range_end: DateMention | None = None
    numerals: Numerals = "arabic"
    form: DateForm = "cjk"
    zero_padded: bool = False
    fullwidth_digits: bool = False

    @property
    def exists(self) -> bool | None:
        """Whether the month and day exist; None when that depends on an unknown year (2月29日)."""
        if self.date is not None:
            return True
        if self.year is not None:
            return False
        if not 1 <= self.month <= 12:
            return False
        longest = _days_in_month(2024, self.month)  # a leap year: every month at its longest
        if not 1 <= self.day <= longest:
            return False
        return None if (self.month, self.day) == (2, 29) else True

    @property
    def last(self) -> DateMention:
        """The range end, or the mention itself when it is a single date."""
        return self.range_end if self.range_end is not None else self

    @property
    def span_days(self) -> int | None:
        """Days from start to end, both counted ("1月1日至3日" is 3); 1 for a single date."""
        if self.date is None or self.last.date is None:
            return None
        return (self.last.date - self.date).days + 1

    def endpoints(self) -> tuple[DateMention, ...]:
        """The mention and its range end: the mention's own weekday, lunar date and time are the start's."""
        return (self,) if self.range_end is None else (self, self.range_end)


@dataclass(frozen=True)
class DayCount:
    """A stated length: "共3天", "共计9天", "为期两天", "共9个自然日"."""

    start: int
    end: int
    text: str
    days: int


@dataclass(frozen=True)
class DayCountPair:
    """A day count and the date range it sums up (None when its sentence states no date before it)."""

    count: DayCount
    mention: DateMention | None

    @property
    def computed_days(self) -> int | None:
        return self.mention.span_days if self.mention is not None else None

    @property
    def matches(self) -> bool | None:
        computed = self.computed_days
        return None if computed is None else computed == self.count.days


# ---------------------------------------------------------------- normalising without moving offsets

# One character for one character, so offsets in the normalised text are offsets in the text.
_ONE_FOR_ONE = str.maketrans(
    {
        **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
        "：": ":",
        "（": "(",
        "）": ")",
        "－": "-",
        "／": "/",
        "．": ".",
        "～": "~",
        "〜": "~",
        "\u3000": " ",
    }
)


def _normalise(text: str) -> str:
    return text.translate(_ONE_FOR_ONE)


# ---------------------------------------------------------------- patterns

_SP = r"[ \t]*"
_CN_DIGITS = "〇零一二三四五六七八九"
_ONE_TO_NINE = "一二三四五六七八九"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_DAY = r"三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
# "3号楼", "1号仓" are places, not days.
_DAY_MARK = r"(?:日|号(?![楼仓库线门院室店厅馆站口窗台位房车柜]))"


def _date_forms(*, guarded: bool, day_only: bool) -> LazyPattern:
    """All date forms in one alternation, each with its own group names.

    `guarded` adds the look-behinds that stop a match inside a longer number; a range end after "-" needs
    them off. `day_only` admits a bare "23日", which only a range end may be.
    """
    no_digit_before = r"(?<![\d.])" if guarded else ""
    no_number_before = r"(?<![A-Za-z0-9_.\-/])" if guarded else ""
    no_cn_number_before = rf"(?<![{_CN_DIGITS}十廿初正腊冬闰])" if guarded else ""
    # A day without its 日 directly before a range connector and a day that has one: "4月4-6日".
    day_mark = rf"(?:{_SP}{_DAY_MARK}|(?=[-~—–至到]{{1,3}}\d{{1,2}}{_SP}{_DAY_MARK}))"
    forms = [
        rf"{no_digit_before}(?P<fy>\d{{4}}){_SP}年{_SP}(?P<fm>\d{{1,2}}){_SP}月{_SP}(?P<fd>\d{{1,2}}){day_mark}",
        # One separator throughout; a fourth dotted part would make it a version number.
        rf"{no_number_before}(?P<ny>(?:19|20)\d{{2}})(?P<ns>[-/.])(?P<nm>\d{{1,2}})(?P=ns)(?P<nd>\d{{1,2}})"
        r"(?!\d|(?P=ns)\d{1,2}(?!\d))",
        rf"(?P<cy>[{_CN_DIGITS}]{{4}}){_SP}年{_SP}(?P<cm>{_CN_MONTH}){_SP}月{_SP}(?P<cd>{_CN_DAY}){_SP}{_DAY_MARK}",
        rf"{no_digit_before}(?P<mm>\d{{1,2}}){_SP}月{_SP}(?P<md>\d{{1,2}}){day_mark}",
        rf"{no_cn_number_before}(?P<km>{_CN_MONTH})月(?P<kd>{_CN_DAY}){_DAY_MARK}",
    ]
    if day_only:
        forms += [rf"(?P<dd>\d{{1,2}}){_SP}{_DAY_MARK}", rf"(?P<kdd>{_CN_DAY}){_DAY_MARK}"]
    return LazyPattern("|".join(f"(?:{form})" for form in forms))


_DATE_START = _date_forms(guarded=True, day_only=False)
_DATE_INSIDE_BRACKETS = _date_forms(guarded=False, day_only=False)
_DATE_RANGE_END = _date_forms(guarded=False, day_only=True)

_WEEKDAY = r"(?:星期|礼拜|周)(?P<w>[一二三四五六日天])"
_LUNAR_MONTH = r"(?P<leap>闰)?(?P<lm>正|冬|腊|十[一二]?|[一二三四五六七八九])月"
_LUNAR_DAY = (
    rf"(?P<ld>初[{_ONE_TO_NINE}十]|二十[{_ONE_TO_NINE}]?|廿[{_ONE_TO_NINE}]|三十|十[{_ONE_TO_NINE}]?)"
)
_FESTIVAL = r"(?P<fest>除夕|大年三十|大年初[一二三四五六七八九十]|(?:元宵|端午|七夕|中秋|重阳|腊八)节?)"
_LUNAR = (
    rf"(?P<lunar_mark>农历|阴历)?{_SP}"
    rf"(?:{_LUNAR_MONTH}{_LUNAR_DAY}日?|(?P<lone_day>初[一二三四五六七八九十])|{_FESTIVAL})"
)
_FILLER = r"不?含(?:当日|当天)?|当日|当天|下同"
_ITEM = LazyPattern(rf"(?P<weekday>{_WEEKDAY})|(?P<lunar>{_LUNAR})|(?P<filler>{_FILLER})")
_ITEM_SEPARATOR = LazyPattern(rf"{_SP}[、，,;；/ ]{_SP}")
_OPEN = LazyPattern(rf"{_SP}\({_SP}")
_CLOSE = LazyPattern(rf"{_SP}\)")
_BARE_ITEM = LazyPattern(rf"{_SP}(?:(?P<weekday>{_WEEKDAY})|(?P<lunar>{_LUNAR}))")


def _without_group_names(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# Finds where "除夕（" / "周五、农历腊月二十九（" begins, looking back from a date that stands in brackets.
_PLAIN_ITEM = _without_group_names(_ITEM.pattern)
_PREFIX_BEFORE_BRACKET = LazyPattern(
    rf"(?:{_PLAIN_ITEM})(?:{_ITEM_SEPARATOR.pattern}(?:{_PLAIN_ITEM}))*{_SP}\({_SP}\Z"
)
_PREFIX_LOOKBACK = 40

_PERIOD = r"上午|下午|中午|晚上|早上|凌晨|傍晚|夜间|晚|早"
_CN_HOUR = r"二十[一二三四]?|十[一二三四五六七八九]?|[零〇一二两三四五六七八九]"
_TIME = LazyPattern(
    rf"{_SP}(?:(?P<period>{_PERIOD}){_SP})?"
    rf"(?:(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::\d{{2}})?"
    rf"|(?P<h2>\d{{1,2}}){_SP}[时点](?:{_SP}(?P<mi2>\d{{1,2}}){_SP}分|(?P<half>半)|整)?"
    rf"|(?P<ch>{_CN_HOUR})[时点](?P<chalf>半)?)"
)
# 至 and 到 in words; —, –, - and ~ (～, 〜 are normalised to ~) as marks, also typed twice or three times
# ("2023年01月17日---2023年01月28日": P-DASH flags the mark, the range is still read).
_RANGE_CONNECTOR = LazyPattern(rf"{_SP}(?:起{_SP})?(?:至|到|~{{1,2}}|—{{1,3}}|–{{1,2}}|-{{1,3}}){_SP}")

_YEAR_NAMED = LazyPattern(
    rf"(?<![\d.])(?P<y>(?:19|20)\d{{2}}){_SP}年(?!度)|(?P<cy>[{_CN_DIGITS}]{{4}})年(?!度)|(?P<rel>今年|明年|来年|去年)"
)
_RELATIVE_YEAR = {"今年": 0, "明年": 1, "来年": 1, "去年": -1}

_CN_COUNT = r"[一二两三四五六七八九十]{1,3}"
_DAY_COUNT = LazyPattern(
    rf"(?:共计|总计|合计|共|为期|一共){_SP}(?:放假|休假|休息|停业|停运|停止发货){_SP}"
    rf"(?P<n>\d{{1,3}}|{_CN_COUNT}){_SP}(?:个{_SP})?(?:自然日|天|日(?!期))"
    rf"|(?:共计|总计|合计|共|为期|一共){_SP}(?P<n2>\d{{1,3}}|{_CN_COUNT}){_SP}(?:个{_SP})?(?:自然日|天|日(?!期))"
)
_SENTENCE_END = LazyPattern(r"[。！？!?\n]")

_CN_DIGIT_VALUES = {ch: value for value, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_WEEKDAY_VALUES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_LUNAR_MONTH_NAMES = {"正": 1, "冬": 11, "腊": 12}
_FESTIVALS: dict[str, tuple[int, int | None]] = {
    "除夕": (12, None),
    "大年三十": (12, None),
    "元宵": (1, 15),
    "端午": (5, 5),
    "七夕": (7, 7),
    "中秋": (8, 15),
    "重阳": (9, 9),
    "腊八": (12, 8),
}
_PERIODS_AFTER_NOON = ("下午", "晚上", "傍晚", "夜间", "晚")
_PERIODS_AT_NIGHT = ("晚上", "夜间", "晚")


# ---------------------------------------------------------------- numbers


def _cn_number(numeral: str) -> int:
    """Value of a Chinese numeral up to 99: 五, 十, 十五, 二十, 二十八, 廿八, 初八."""
    numeral = numeral.removeprefix("初")
    if numeral.startswith("廿"):
        return 20 + (_CN_DIGIT_VALUES[numeral[1]] if len(numeral) > 1 else 0)
    if "十" not in numeral:
        return _CN_DIGIT_VALUES[numeral]
    tens, _, ones = numeral.partition("十")
    return (_CN_DIGIT_VALUES[tens] if tens else 1) * 10 + (_CN_DIGIT_VALUES[ones] if ones else 0)


def _cn_year(numeral: str) -> int:
    return int("".join(str(_CN_DIGIT_VALUES[ch]) for ch in numeral))


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


# ---------------------------------------------------------------- reading one endpoint


@dataclass
class _Endpoint:
    start: int
    end: int
    date_start: int
    date_end: int
    year: int | None
    month: int | None  # None for a bare day ("23日"), which takes the range start's month
    day: int
    numerals: Numerals
    form: DateForm
    zero_padded: bool
    time: dt.time | None = None
    weekday: WeekdayClaim | None = None
    lunar: LunarClaim | None = None


_FORM_BY_SEPARATOR: dict[str, DateForm] = {"-": "hyphen", "/": "slash", ".": "dot"}


def _endpoint_from_date(match: re.Match[str]) -> _Endpoint:
    groups = match.groupdict()
    year: int | None = None
    month: int | None
    numerals: Numerals = "arabic"
    form: DateForm = "cjk"
    if groups["fy"] is not None:
        year, month_text, day_text = int(groups["fy"]), groups["fm"], groups["fd"]
    elif groups["ny"] is not None:
        year, month_text, day_text = int(groups["ny"]), groups["nm"], groups["nd"]
        form = _FORM_BY_SEPARATOR[groups["ns"]]
    elif groups["mm"] is not None:
        month_text, day_text = groups["mm"], groups["md"]
    elif groups.get("dd") is not None:
        month_text, day_text = None, groups["dd"]
    else:
        numerals = "chinese"
        if groups["cy"] is not None:
            year, month_text, day_text = _cn_year(groups["cy"]), groups["cm"], groups["cd"]
        elif groups["km"] is not None:
            month_text, day_text = groups["km"], groups["kd"]
        else:
            month_text, day_text = None, groups["kdd"]
    if numerals == "chinese":
        month = _cn_number(month_text) if month_text is not None else None
        day = _cn_number(day_text)
        zero_padded = False
    else:
        month = int(month_text) if month_text is not None else None
        day = int(day_text)
        zero_padded = any(len(part) == 2 and part.startswith("0") for part in (month_text, day_text) if part)
    return _Endpoint(
        start=match.start(),
        end=match.end(),
        date_start=match.start(),
        date_end=match.end(),
        year=year,
        month=month,
        day=day,
        numerals=numerals,
        form=form,
        zero_padded=zero_padded,
    )


def _claim_from_item(text: str, match: re.Match[str]) -> WeekdayClaim | LunarClaim | None:
    start, end = match.start(), match.end()
    # Leading blanks belong to the gap, not to the claim.
    while start < end and text[start] in " \t\u3000":
        start += 1
    if match["weekday"] is not None:
        return WeekdayClaim(start, end, text[start:end], _WEEKDAY_VALUES[match["w"]])
    if match["lunar"] is None:
        return None
    leap = match["leap"] is not None
    if match["fest"] is not None:
        festival = match["fest"].removesuffix("节")
        if festival.startswith("大年初"):
            return LunarClaim(start, end, text[start:end], 1, _cn_number(festival.removeprefix("大年")))
        month, day = _FESTIVALS[festival]
        return LunarClaim(start, end, text[start:end], month, day)
    if match["lone_day"] is not None:
        return LunarClaim(start, end, text[start:end], None, _cn_number(match["lone_day"]), False)
    month_name = match["lm"]
    lunar_month = _LUNAR_MONTH_NAMES.get(month_name) or _cn_number(month_name)
    return LunarClaim(start, end, text[start:end], lunar_month, _cn_number(match["ld"]), leap)


def _attach(endpoint: _Endpoint, claim: WeekdayClaim | LunarClaim | None) -> None:
    if isinstance(claim, WeekdayClaim) and endpoint.weekday is None:
        endpoint.weekday = claim
    elif isinstance(claim, LunarClaim) and endpoint.lunar is None:
        endpoint.lunar = claim


def _read_items(text: str, norm: str, pos: int, endpoint: _Endpoint) -> int | None:
    """Items joined by separators from `pos`; returns where they end, or None if no item starts there."""
    item = _ITEM.match(norm, pos)
    if item is None:
        return None
    while True:
        _attach(endpoint, _claim_from_item(text, item))
        pos = item.end()
        separator = _ITEM_SEPARATOR.match(norm, pos)
        following = _ITEM.match(norm, separator.end()) if separator else None
        if following is None:
            return pos
        item = following


def _read_bracket(text: str, norm: str, pos: int, endpoint: _Endpoint) -> int | None:
    """A bracket of known items after a date; None (and nothing attached) when it holds anything else."""
    opening = _OPEN.match(norm, pos)
    if opening is None:
        return None
    trial = replace(endpoint)
    items_end = _read_items(text, norm, opening.end(), trial)
    closing = _CLOSE.match(norm, items_end) if items_end is not None else None
    if closing is None:
        return None
    endpoint.weekday, endpoint.lunar = trial.weekday, trial.lunar
    return closing.end()


def _time_of_day(match: re.Match[str]) -> dt.time | None:
    if match["h"] is not None:
        hour, minute = int(match["h"]), int(match["mi"])
    elif match["h2"] is not None:
        hour = int(match["h2"])
        minute = int(match["mi2"]) if match["mi2"] is not None else (30 if match["half"] else 0)
    else:
        if match["period"] is None:
            return None  # "一时" without 上午/下午 is "for a while", not one o'clock
        hour = _cn_number(match["ch"].replace("两", "二").replace("〇", "零"))
        minute = 30 if match["chalf"] else 0
    period = match["period"]
    if (period in _PERIODS_AFTER_NOON and 1 <= hour < 12) or (period == "中午" and hour < 11):
        hour += 12
    elif period in _PERIODS_AT_NIGHT and hour == 12:
        hour = 24  # "晚上12点" is midnight at the end of that day
    if hour == 24 and minute == 0:
        return dt.time.max  # "24:00" and "晚上12点": the very end of the day
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return dt.time(hour, minute)


def _read_suffix(text: str, norm: str, endpoint: _Endpoint) -> None:
    """Weekday, lunar date and time written after the date, in brackets or straight after it."""
    brackets = time_read = bare = 0
    while True:
        pos = endpoint.end
        if brackets < 2 and (bracket_end := _read_bracket(text, norm, pos, endpoint)) is not None:
            brackets += 1
            endpoint.end = bracket_end
            continue
        bare_item = _BARE_ITEM.match(norm, pos) if not bare else None
        if bare_item is not None and (
            bare_item["weekday"] is not None
            or bare_item["lunar_mark"] is not None
            or bare_item["fest"] is not None
        ):
            bare += 1
            _attach(endpoint, _claim_from_item(text, bare_item))
            endpoint.end = bare_item.end()
            continue
        time_match = _TIME.match(norm, pos) if not time_read else None
        if time_match is not None and (time := _time_of_day(time_match)) is not None:
            time_read += 1
            endpoint.time = time
            endpoint.end = time_match.end()
            continue
        return


def _read_prefixed(text: str, norm: str, pos: int, dates: LazyPattern) -> _Endpoint | None:
    """Reads "除夕（2月16日）": items, then the date in brackets, perhaps with items and a time inside."""
    holder = _Endpoint(pos, pos, pos, pos, None, None, 0, "arabic", "cjk", False)
    items_end = _read_items(text, norm, pos, holder)
    opening = _OPEN.match(norm, items_end) if items_end is not None else None
    date_match = dates.match(norm, opening.end()) if opening is not None else None
    if date_match is None:
        return None
    endpoint = _endpoint_from_date(date_match)
    endpoint.start, endpoint.weekday, endpoint.lunar = pos, holder.weekday, holder.lunar
    inner_end = date_match.end()
    separator = _ITEM_SEPARATOR.match(norm, inner_end)
    if separator is not None and (more_end := _read_items(text, norm, separator.end(), endpoint)) is not None:
        inner_end = more_end
    if (time_match := _TIME.match(norm, inner_end)) is not None and (time := _time_of_day(time_match)):
        endpoint.time, inner_end = time, time_match.end()
    closing = _CLOSE.match(norm, inner_end)
    if closing is None:
        return None
    endpoint.end = closing.end()
    _read_suffix(text, norm, endpoint)
    return endpoint


def _read_range_end(text: str, norm: str, pos: int) -> _Endpoint | None:
    prefixed = _read_prefixed(text, norm, pos, _DATE_RANGE_END)
    if prefixed is not None:
        return prefixed
    date_match = _DATE_RANGE_END.match(norm, pos)
    if date_match is None:
        return None
    endpoint = _endpoint_from_date(date_match)
    _read_suffix(text, norm, endpoint)
    return endpoint


def _is_lunar_context(norm: str, pos: int) -> bool:
    return norm[max(0, pos - 2) : pos] in ("农历", "阴历")


def _scan(text: str, norm: str) -> list[tuple[_Endpoint, _Endpoint | None]]:
    found: list[tuple[_Endpoint, _Endpoint | None]] = []
    pos = 0
    while (date_match := _DATE_START.search(norm, pos)) is not None:
        if _is_lunar_context(norm, date_match.start()):
            pos = date_match.end()
            continue
        start = _read_start(text, norm, date_match, floor=pos)
        end: _Endpoint | None = None
        connector = _RANGE_CONNECTOR.match(norm, start.end)
        if connector is not None:
            end = _read_range_end(text, norm, connector.end())
        found.append((start, end))
        pos = end.end if end is not None else start.end
    return found


def _read_start(text: str, norm: str, date_match: re.Match[str], *, floor: int) -> _Endpoint:
    window_start = max(floor, date_match.start() - _PREFIX_LOOKBACK)
    prefix = _PREFIX_BEFORE_BRACKET.search(norm, window_start, date_match.start())
    if prefix is not None:
        prefixed = _read_prefixed(text, norm, prefix.start(), _DATE_INSIDE_BRACKETS)
        if prefixed is not None and prefixed.date_start == date_match.start():
            return prefixed
    endpoint = _endpoint_from_date(date_match)
    _read_suffix(text, norm, endpoint)
    return endpoint


# ---------------------------------------------------------------- years


def _named_years(norm: str, issue_date: dt.date | None) -> list[tuple[int, int]]:
    named: list[tuple[int, int]] = []
    for match in _YEAR_NAMED.finditer(norm):
        if match["y"] is not None:
            named.append((match.start(), int(match["y"])))
        elif match["cy"] is not None:
            named.append((match.start(), _cn_year(match["cy"])))
        elif issue_date is not None:
            named.append((match.start(), issue_date.year + _RELATIVE_YEAR[match["rel"]]))
    return named


def _infer_year(
    endpoint: _Endpoint,
    norm: str,
    named: Sequence[tuple[int, int]],
    issue_date: dt.date | None,
    context_year: int | None,
) -> tuple[int | None, YearSource]:
    if endpoint.year is not None:
        return endpoint.year, "explicit"
    paragraph_start = norm.rfind("\n", 0, endpoint.date_start) + 1
    earlier = [year for at, year in named if paragraph_start <= at < endpoint.date_start]
    if earlier:
        return earlier[-1], "paragraph"
    if issue_date is not None and endpoint.month is not None:
        on_or_after = (endpoint.month, endpoint.day) >= (issue_date.month, issue_date.day)
        return (issue_date.year if on_or_after else issue_date.year + 1), "issue_date"
    if context_year is not None:
        return context_year, "context_year"
    return None, "unknown"


def _mention(
    text: str,
    endpoint: _Endpoint,
    year: int | None,
    month: int,
    source: YearSource,
    *,
    whole_end: int | None = None,
    range_end: DateMention | None = None,
) -> DateMention:
    end = whole_end if whole_end is not None else endpoint.end
    date_text = text[endpoint.date_start : endpoint.date_end]
    return DateMention(
        start=endpoint.start,
        end=end,
        text=text[endpoint.start : end],
        year=year,
        year_explicit=endpoint.year is not None,
        month=month,
        day=endpoint.day,
        date=safe_date(year, month, endpoint.day),
        date_start=endpoint.date_start,
        date_end=endpoint.date_end,
        year_source=source,
        time=endpoint.time,
        weekday=endpoint.weekday,
        lunar=endpoint.lunar,
        range_end=range_end,
        numerals=endpoint.numerals,
        form=endpoint.form,
        zero_padded=endpoint.zero_padded,
        fullwidth_digits=any("\uff10" <= ch <= "\uff19" for ch in date_text),
    )


def _range_end_mention(text: str, start: DateMention, end: _Endpoint) -> DateMention:
    if end.year is not None:
        return _mention(text, end, end.year, end.month or start.month, "explicit")
    month = end.month if end.month is not None else start.month
    year = start.year
    if year is not None and month < start.month:
        year += 1  # "12月28日至1月3日" runs into the next year
    return _mention(text, end, year, month, "range_start" if year is not None else "unknown")


# ---------------------------------------------------------------- public API


# A date without a year whose weekday fits last year, this many days before the notice, is last year's: a
# notice published in March about "2月4日（星期日）" speaks of the February just past.
_RECENT_PAST = dt.timedelta(days=92)


def find_dates(
    text: str,
    *,
    issue_date: dt.date | None = None,
    context_year: int | None = None,
    notice_years: tuple[int, ...] = (),
) -> list[DateMention]:
    """Every date and date range the text states, in text order, with the year each one means.

    ``notice_years``: the years the notice names elsewhere (its title, other paragraphs). A date without a
    year whose stated weekday does not fit the year P-YEAR gives it, but fits one of those years (or last
    year, for a date in the three months before the notice), is read in that year: the weekday is the
    writer's own evidence of the year they meant.
    """
    norm = _normalise(text)
    scanned = _scan(text, norm)
    named = _named_years(norm, issue_date)
    named += [(start.date_start, start.year) for start, _ in scanned if start.year is not None]
    named += [(end.date_start, end.year) for _, end in scanned if end is not None and end.year is not None]
    named.sort()
    mentions: list[DateMention] = []
    for start, end in scanned:
        year, source = _infer_year(start, norm, named, issue_date, context_year)
        if source == "issue_date" and start.weekday is not None and year is not None:
            new_year = any(other.month == 1 for other, _ in scanned)
            year, source = _year_by_weekday(start, year, issue_date, notice_years, new_year=new_year)
        assert start.month is not None  # only a range end may be a bare day
        head = _mention(text, start, year, start.month, source)
        if end is None:
            mentions.append(head)
            continue
        tail = _range_end_mention(text, head, end)
        mentions.append(_mention(text, start, year, start.month, source, whole_end=end.end, range_end=tail))
    return mentions


def _year_by_weekday(
    endpoint: _Endpoint,
    year: int,
    issue_date: dt.date | None,
    notice_years: tuple[int, ...],
    *,
    new_year: bool = False,
) -> tuple[int, YearSource]:
    """``new_year``: the text also names a January date ("元旦：1月1日放假，12月31日（周二）上班"), so a December
    date beside it may be the last day of the year before."""
    assert endpoint.weekday is not None and endpoint.month is not None
    claimed = endpoint.weekday.weekday
    inferred = safe_date(year, endpoint.month, endpoint.day)
    if inferred is None or inferred.weekday() == claimed:
        return year, "issue_date"
    candidates = set(notice_years)
    if new_year and endpoint.month == 12:
        candidates.update(named - 1 for named in notice_years)
    last_year = safe_date(year - 1, endpoint.month, endpoint.day)
    if (
        issue_date is not None
        and last_year is not None
        and issue_date - _RECENT_PAST <= last_year <= issue_date
    ):
        candidates.add(year - 1)
    fitting = [
        other
        for other in sorted(candidates - {year})
        if (day := safe_date(other, endpoint.month, endpoint.day)) is not None and day.weekday() == claimed
    ]
    return (fitting[0], "weekday") if len(fitting) == 1 else (year, "issue_date")


# A time that ends a range a dated time starts, with no date of its own: "7月30日00:00至03:00",
# "7月29日23:00至次日02:55". 次日 and its kin put the end on the following day; 当日 keeps it on the same one.
_DAY_OF_END = LazyPattern(rf"{_SP}(?:(?P<next>次日|翌日|第二天|隔天|隔日|次晨)|当日|当天|同日)")


@dataclass(frozen=True)
class TimeRangeEnd:
    """The bare time a dated time runs to ("至03:00", "至次日02:55"): its time, whether the text puts it on
    the next day, and where the time is written."""

    time: dt.time
    next_day: bool
    start: int
    end: int


def time_range_end(text: str, mention: DateMention) -> TimeRangeEnd | None:
    """The time that ends the range `mention` starts, when the range end is a time without a date (a range
    with a date at its end is `mention.range_end`). None when the mention has no time or no such end."""
    if mention.time is None or mention.range_end is not None:
        return None
    norm = _normalise(text)
    connector = _RANGE_CONNECTOR.match(norm, mention.end)
    if connector is None:
        return None
    pos, next_day = connector.end(), False
    if (day := _DAY_OF_END.match(norm, pos)) is not None:
        pos, next_day = day.end(), day["next"] is not None
    found = _TIME.match(norm, pos)
    if found is None or (time := _time_of_day(found)) is None:
        return None
    # "晚上8点至10点": the end without a period of its own is in the start's afternoon or evening.
    start_period = _TIME.search(norm, mention.date_end, mention.end)
    if (
        found["period"] is None
        and start_period is not None
        and start_period["period"] in _PERIODS_AFTER_NOON
        and 1 <= time.hour < 12
    ):
        time = time.replace(hour=time.hour + 12)
    written = len(norm[pos : found.end()]) - len(norm[pos : found.end()].lstrip(" \t"))
    return TimeRangeEnd(time, next_day, pos + written, found.end())


def find_day_counts(text: str) -> list[DayCount]:
    """Every stated length in days ("共3天", "共计9天", "为期两天", "共放假15天", "一共放假14天"), in text order;
    工作日 are not counted."""
    counts = []
    for match in _DAY_COUNT.finditer(_normalise(text)):
        number = match["n"] or match["n2"]
        try:
            days = int(number) if number.isdigit() else _cn_number(number.replace("两", "二"))
        except KeyError:
            continue  # a malformed numeral such as 十十
        counts.append(DayCount(match.start(), match.end(), text[match.start() : match.end()], days))
    return counts


def pair_day_counts(
    text: str, mentions: Sequence[DateMention], counts: Sequence[DayCount] | None = None
) -> list[DayCountPair]:
    """Pair each day count with the nearest range before it in the same sentence, or with None.

    A sentence ends at 。！？!? or a line break. A single date does not pair: "2月10日起放假，共7天" counts
    from a start the sentence gives, and a range the reader could not read must never turn "共11天" into a
    "共1天" fix.
    """
    if counts is None:
        counts = find_day_counts(text)
    pairs = []
    for count in counts:
        sentence_start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, count.start)), default=0)
        before = [m for m in mentions if sentence_start <= m.start and m.end <= count.start]
        ranges = [m for m in before if m.range_end is not None]
        pairs.append(DayCountPair(count, ranges[-1] if ranges else None))
    return pairs


def weekday_matches(mention: DateMention) -> bool | None:
    """Whether the stated weekday is the date's; None when no weekday is stated or the date is unknown."""
    if mention.weekday is None or mention.date is None:
        return None
    return mention.date.weekday() == mention.weekday.weekday


def lunar_matches(mention: DateMention) -> bool | None:
    """Whether the stated lunar date is the date's; None when none is stated or either side cannot be told."""
    if mention.lunar is None or mention.date is None:
        return None
    from notices.check.calendar import solar_to_lunar

    claim = mention.lunar
    try:
        actual = solar_to_lunar(mention.date)
        if claim.day is None:  # 除夕: the next day must be 正月初一
            following = solar_to_lunar(mention.date + dt.timedelta(days=1))
            is_last_day = (following.month, following.day) == (1, 1)
            return actual.month == claim.month and not actual.leap and is_last_day
    except ValueError:
        return None
    if claim.month is not None and (actual.month, actual.leap) != (claim.month, claim.leap):
        return False
    return actual.day == claim.day


def format_cn_date(day: dt.date) -> str:
    """The GB/T 9704 form: "2026年1月5日" (full year, Arabic numerals, no zero padding); the rule itself lives
    in notices/formatting.py, with every other written date form."""
    from notices.formatting import cn_date

    return cn_date(day)


def format_weekday_cn(day: dt.date, style: WeekdayStyle = "星期") -> str:
    """The weekday in Chinese: "星期一" … "星期日", or with style "周": "周一" … "周日"."""
    from notices.formatting import cn_weekday

    return cn_weekday(day, style)
