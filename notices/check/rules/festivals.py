"""P-FESTIVAL: a holiday break named after a festival contains the festival's day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from notices.check.calendar import festival_date
from notices.check.context import CheckContext, TextField
from notices.check.dates import DateMention, format_cn_date
from notices.check.findings import Hit
from notices.check.registry import rule

# One festival name, or several joined ("中秋、国庆", "中秋节和国庆节"), labelling what follows.
_NAME = r"(?:春节|元旦|元宵节?|清明节?|劳动节|五一|端午节?|中秋节?|国庆节?)"
_LABEL = re.compile(rf"{_NAME}(?:[、和及与]{_NAME})*")
_ONE_NAME = re.compile(_NAME)
# The label and its range stand in one clause: "春节：2月10日至16日", "中秋节放假时间为9月19日至21日".
_BETWEEN = re.compile(r"[^。；;！!？?\n，,\d]{0,12}\Z")
_QINGMING_DAYS = 1  # 清明 is the solar term, 4 or 5 April


@rule(
    "P-FESTIVAL",
    "warning",
    summary="A holiday break named after a festival contains that festival's day (春节 the first day of the lunar year)",
    source="《全国年节及纪念日放假办法》第二条 (the festival days); 国务院办公厅 部分节假日安排 (the breaks)",
    good=[
        "sign_off: {date: 2024-12-01}\nbody: [春节：1月28日至2月4日放假调休，共8天。]",
        "sign_off: {date: 2025-09-01}\nbody: [国庆节、中秋节：10月1日至8日放假调休，共8天。]",
    ],
    bad=[
        "sign_off: {date: 2025-01-02}\nbody: [春节：2月10日至2月16日，共7天。]",
        "sign_off: {date: 2025-01-02}\nbody: [中秋节：9月19日（周五）至9月21日（周日），共3天。]",
    ],
    langs=("zh",),
)
def festival_breaks(ctx: CheckContext) -> Iterator[Hit]:
    """A schedule copied from another year keeps its dates: "春节：2月10日至2月16日" in a 2025 list, when the
    Spring Festival of 2025 fell on 29 January. A break labelled with a festival ("春节：…至…", "中秋节放假时间为
    …至…") must contain that festival's day in the range's year: 春节 正月初一, 元宵 正月十五, 清明 4 or 5 April,
    劳动节 1 May, 端午 五月初五, 中秋 八月十五, 国庆 1 October, 元旦 1 January. A break that misses it is a
    warning: a company may close around a festival, but not for a festival it does not include."""
    for field in ctx.iter_texts():
        for mention in ctx.dates(field):
            if mention.range_end is not None:
                yield from _check(field, mention)


def _check(field: TextField, mention: DateMention) -> Iterator[Hit]:
    first, last = mention.date, mention.last.date
    if first is None or last is None or last < first:
        return
    text = field.text
    label = _label_before(text, mention.start)
    if label is None:
        return
    for name in _ONE_NAME.findall(label):
        for year in sorted({first.year, last.year}):
            day = _day_of(year, name)
            if day is not None and first - _slack(name) <= day <= last + _slack(name):
                break
        else:
            day = _day_of(first.year, name)
            if day is None:
                continue
            yield Hit(
                field.path,
                f"{name} {first.year} is on {format_cn_date(day)}, outside the break “{mention.text}” named after it",
                fix="check the dates against that year's calendar: is the schedule left from another year?",
                offset=mention.date_start,
            )


def _label_before(text: str, start: int) -> str | None:
    """The festival name(s) that label the range starting at ``start`` in its clause, if any."""
    window = text[max(0, start - 24) : start]
    labels = list(_LABEL.finditer(window))
    if not labels:
        return None
    nearest = labels[-1]
    if _BETWEEN.fullmatch(window[nearest.end() :]) is None:
        return None
    return nearest.group()


def _day_of(year: int, name: str) -> dt.date | None:
    try:
        return festival_date(year, name.removesuffix("节") if name != "春节" else name)
    except (KeyError, ValueError):
        return None


def _slack(name: str) -> dt.timedelta:
    return dt.timedelta(days=_QINGMING_DAYS if name.startswith("清明") else 0)
