"""P-WEEKDAY: a weekday or lunar date written beside a date must be that date's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notices.check.calendar import solar_to_lunar
from notices.check.context import CheckContext, TextField
from notices.check.dates import (
    DateMention,
    format_cn_date,
    format_weekday_cn,
    lunar_matches,
    safe_date,
    weekday_matches,
)
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.en_dates import find_en_dates
from notices.i18n import _

_LUNAR_MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
_DIGITS = "一二三四五六七八九十"
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def lunar_text(day: dt.date) -> str:
    """ "农历腊月二十八" for 2026-02-15."""
    lunar = solar_to_lunar(day)
    month = ("闰" if lunar.leap else "") + _LUNAR_MONTHS[lunar.month - 1] + "月"
    n = lunar.day
    if n <= 10:
        name = "初" + _DIGITS[n - 1]
    elif n < 20:
        name = "十" + _DIGITS[n - 11]
    elif n == 20:
        name = "二十"
    elif n < 30:
        name = "二十" + _DIGITS[n - 21]
    else:
        name = "三十"
    return f"农历{month}{name}"


@rule(
    "P-WEEKDAY",
    "error",
    summary="A weekday (星期X, 周X, Friday) or lunar date stated beside a date must be that date's",
    source="GB/T 33661-2017 农历的编算和颁行 (lunar dates); GB/T 7408-2005 (ISO 8601) weekdays",
    good=[
        "body: [最后下单时间为2026年2月6日（星期五）17:00。]",
        "body: [2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假，共9天。]",
        "lang: en\nbody: ['Orders must reach us by Friday, 6 February 2026.']",
        "lang: en\nbody: ['We are closed from Sunday 15 to Monday 23 February 2026.']",
    ],
    bad=[
        "body: [最后下单时间为2026年2月5日（星期三）17:00。]",
        "body: [2月15日（农历腊月二十七、周日）放假。]",
        "lang: en\nbody: ['Orders must reach us by Thursday, 6 February 2026.']",
        "lang: en\nbody: ['We are closed from Monday 15 to Monday 23 February 2026.']",
    ],
)
def stated_weekday(ctx: CheckContext) -> Iterator[Hit]:
    """ "2026年2月5日（星期三）" when 5 February 2026 is a Thursday sends two thousand customers to the wrong
    day. Every weekday written beside a date (in brackets or not: 星期X, 周X, 礼拜X; in English, "Friday,
    6 February 2026", "Sunday 15 to Monday 23 February 2026", where the first day takes the range's month and
    year) must be the date's, and so must a lunar date ("农历腊月二十八", 除夕, 正月初八). A date
    without a year takes the year P-YEAR gives it. No automatic fix: either the date or the weekday is wrong."""
    for field in ctx.iter_texts():
        if ctx.lang == "en" or _looks_english(field.text):
            yield from _english(ctx, field)
        for mention in ctx.dates(field):
            for endpoint in mention.endpoints():
                yield from _weekday(ctx, field, endpoint)
                yield from _lunar(field, endpoint)


def _looks_english(text: str) -> bool:
    return not any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _weekday(ctx: CheckContext, field: TextField, mention: DateMention) -> Iterator[Hit]:
    claim = mention.weekday
    if claim is None or mention.date is None or weekday_matches(mention) is not False:
        return
    actual = format_weekday_cn(mention.date, "周" if claim.text.lstrip().startswith("周") else "星期")
    message = _("{date} is a {EN_WEEKDAYS} ({actual}), not {text}").format(
        date=format_cn_date(mention.date),
        EN_WEEKDAYS=_EN_WEEKDAYS[mention.date.weekday()],
        actual=actual,
        text=claim.text,
    )
    fix = _("write {actual}, or correct the date").format(actual=actual)
    if not mention.year_explicit and mention.year is not None:
        for other_year in (mention.year - 1, mention.year + 1):
            other = safe_date(other_year, mention.month, mention.day)
            if other is not None and other.weekday() == claim.weekday:
                message += _(
                    " (it is {text} in {other_year}; this notice, dated {issue_date}, reads it as {year})"
                ).format(text=claim.text, other_year=other_year, issue_date=ctx.issue_date, year=mention.year)
                fix = _("write the year: {other}, or correct the weekday").format(other=format_cn_date(other))
                break
    yield Hit(field.path, message, fix=fix, offset=claim.start)


def _lunar(field: TextField, mention: DateMention) -> Iterator[Hit]:
    claim = mention.lunar
    if claim is None or mention.date is None or lunar_matches(mention) is not False:
        return
    try:
        actual = lunar_text(mention.date)
    except ValueError:
        return
    yield Hit(
        field.path,
        _("{date} is {actual}, not {text}").format(
            date=format_cn_date(mention.date), actual=actual, text=claim.text
        ),
        fix=_("write {actual}, or correct the date").format(actual=actual),
        offset=claim.start,
    )


def _english(ctx: CheckContext, field: TextField) -> Iterator[Hit]:
    for found in find_en_dates(field.text, ctx.issue_date):
        if found.weekday is None or found.date is None or found.weekday == found.date.weekday():
            continue
        actual = _EN_WEEKDAYS[found.date.weekday()]
        yield Hit(
            field.path,
            _("{date:%-d %B %Y} is a {actual}, not a {weekday_text}").format(
                date=found.date, actual=actual, weekday_text=found.weekday_text
            ),
            fix=_("write {actual}, or correct the date").format(actual=actual),
            offset=found.weekday_start,
        )
