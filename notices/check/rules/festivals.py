"""P-FESTIVAL: a holiday break named after a festival contains the festival's day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notices.check.calendar import EN_FESTIVAL_NAMES, EN_FESTIVAL_PATTERN, festival_date
from notices.check.context import CheckContext, TextField
from notices.check.dates import format_cn_date
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.en_dates import find_en_ranges
from notices.i18n import _
from notices.patterns import LazyPattern

# One festival name, or several joined ("中秋、国庆", "中秋节和国庆节"), labelling what follows.
_NAME = r"(?:春节|元旦|元宵节?|清明节?|劳动节|五一|端午节?|中秋节?|国庆节?)"
_LABEL = LazyPattern(rf"{_NAME}(?:[、和及与]{_NAME})*")
_ONE_NAME = LazyPattern(_NAME)
# The label and its range stand in one clause: "春节：2月10日至16日", "中秋节放假时间为9月19日至21日".
_BETWEEN = LazyPattern(r"[^。；;！!？?\n，,\d]{0,12}\Z")
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
        "sign_off: {date: 2025-01-02}\nbody: [现将清明节放假安排通知如下：, 1月28日至2月4日放假。]",
        "lang: en\nbody: ['The office closes for the Qingming Festival holiday from 28 January to 4 February 2026.']",
    ],
)
def festival_breaks(ctx: CheckContext) -> Iterator[Hit]:
    """A schedule copied from another year keeps its dates: "春节：2月10日至2月16日" in a 2025 list, when the
    Spring Festival of 2025 fell on 29 January. A break labelled with a festival ("春节：…至…", "中秋节放假时间为
    …至…") must contain that festival's day in the range's year: 春节 正月初一, 元宵 正月十五, 清明 4 or 5 April,
    劳动节 1 May, 端午 五月初五, 中秋 八月十五, 国庆 1 October, 元旦 1 January. A lead-in that names one
    festival and ends with a colon ("现将清明节放假安排通知如下：", "… the Qingming Festival holiday as follows:")
    labels the range that follows it. English letters too ("closed for the Chinese New Year holiday from …").
    A break that misses its festival is a warning: a company may close around a festival, but not for a
    festival it does not include. A paragraph whose own weekdays do not fit the year it is read in is left to
    P-WEEKDAY: one mistake, one finding."""
    # A festival the text before names in a lead-in ("…如下：", "as follows:"); a finding then points at that
    # name, the claim the break that follows does not bear out.
    carried: tuple[str, TextField, int] | None = None
    for field in ctx.iter_texts():
        doubt = ctx.years_in_doubt(field)
        for mention in ctx.dates(field):
            if mention.range_end is not None:
                label = _label_before(field.text, mention.start)
                where = (field, mention.date_start) if label else carried[1:] if carried else None
                label = label or (carried[0] if carried else None)
                yield from _check(where, mention.date, mention.last.date, label, mention.text, doubt)
        for found in find_en_ranges(field.text, ctx.issue_date) if ctx.lang == "en" else ():
            label = _english_label(field.text, found.start.start)
            where = (field, found.start.start) if label else carried[1:] if carried else None
            label = label or (carried[0] if carried else None)
            yield from _check(where, found.start.date, found.end.date, label, found.text, doubt)
        carried = _label_of_lead(field)


def _check(
    where: tuple[TextField, int] | None,
    first: dt.date | None,
    last: dt.date | None,
    label: str | None,
    shown: str,
    doubt: frozenset[int],
) -> Iterator[Hit]:
    if first is None or last is None or last < first or label is None or where is None:
        return
    if first.year in doubt or last.year in doubt:
        return  # the paragraph's weekdays already say its dates are not that year's (P-WEEKDAY)
    field, at = where
    for name in _names(label):
        for year in sorted({first.year, last.year}):
            day = _day_of(year, name)
            if day is not None and first - _slack(name) <= day <= last + _slack(name):
                break
        else:
            day = _day_of(first.year, name)
            if day is None:
                continue
            shown_name = name if not name.isascii() else name.title()
            yield Hit(
                field.path,
                _("{shown_name} {year} is on {day}, outside the break “{shown}” named after it").format(
                    shown_name=shown_name, year=first.year, day=format_cn_date(day), shown=shown
                ),
                fix=_(
                    "check the dates against that year's calendar: is the schedule left from another year?"
                ),
                offset=at,
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


def _names(label: str) -> list[str]:
    """The festivals a label names: Chinese names as written, English ones in lower case."""
    if label.isascii():
        return [label.lower()]
    return _ONE_NAME.findall(label)


_EN_NAME = LazyPattern(EN_FESTIVAL_PATTERN)
# "the Qingming Festival holiday from 4 to 6 April": the name and its range in one sentence.
_EN_BETWEEN = LazyPattern(r"[^.;!?\n]{0,60}\Z")


def _english_label(text: str, start: int) -> str | None:
    window = text[max(0, start - 90) : start]
    names = list(_EN_NAME.finditer(window))
    if not names or _EN_BETWEEN.fullmatch(window[names[-1].end() :]) is None:
        return None
    return names[-1]["name"]


def _label_of_lead(field: TextField) -> tuple[str, TextField, int] | None:
    """The one festival a lead-in names that announces what follows ("现将清明节放假安排通知如下：", "…the
    Qingming Festival holiday as follows:"), with where the name stands."""
    text = field.text
    if not text.rstrip().endswith(("：", ":")):
        return None
    chinese = list(_ONE_NAME.finditer(text))
    english = list(_EN_NAME.finditer(text))
    if len({m.group().removesuffix("节") for m in chinese} | {m["name"].lower() for m in english}) != 1:
        return None
    if chinese:
        return chinese[0].group(), field, chinese[0].start()
    return english[0]["name"].lower(), field, english[0].start()


def _day_of(year: int, name: str) -> dt.date | None:
    key = EN_FESTIVAL_NAMES.get(name, name)
    try:
        return festival_date(year, key.removesuffix("节") if key != "春节" else key)
    except (KeyError, ValueError):
        return None


def _slack(name: str) -> dt.timedelta:
    return dt.timedelta(days=_QINGMING_DAYS if name.startswith("清明") else 0)
