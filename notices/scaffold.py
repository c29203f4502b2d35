"""`notices init`: a commented spec of one kind to fill, which cannot go out unfilled.

Every fact a writer must supply is a placeholder the checker's P-PLACEHOLDER rule flags: 【待补：…】 in Chinese
and '[TODO: …]' in English (phone numbers and e-mail addresses, which that rule does not read as prose, are
flagged by K-UNFILLED). Typed values cannot hold a placeholder and still load, so dates are suggested from the
State Council holiday schedule and the issue date, and prices start at 0, which K-PRICE refuses: the comments
say to check each one. The scaffolds are templates in each kind's folder
(``notices/kinds/<kind>/scaffold.<lang>.yaml.j2``), sharing a head and tail from ``templates/scaffolds``.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
from dataclasses import dataclass
from typing import Any

import jinja2

from notices import kinds
from notices.i18n import _
from notices.spec.model import BUILT_IN_KINDS
from notices.templating import make_environment, templates_dir

LANGS = ("zh", "en")
EN_HOLIDAY_NAMES = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Qingming Festival",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
    "国庆节": "National Day",
}
LEAD_DAYS = 7  # a notice goes out at least this long before what it announces
_SWAPPED_FROM = re.compile(r"由\s*(\d{4}-\d{2}-\d{2})\s*调休")


@dataclass(frozen=True)
class Break:
    """A holiday break with the working days around it that a stock-up or holiday notice needs."""

    name: str
    first: dt.date
    last: dt.date
    workdays: tuple[dt.date, ...]  # 调休: weekend days worked to make the break
    order_deadline: dt.date
    shipping_stop: dt.date
    shipping_resume: dt.date
    official: (
        bool  # False: the State Council's schedule for that year is not known yet, only the statutory days
    )


def today() -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible scaffolds), else today."""
    from notices.formatting import today as today_or_epoch

    return today_or_epoch()


def next_break(after: dt.date, name: str | None = None) -> Break:
    """The first holiday break (of ``name``, when given) starting at least LEAD_DAYS after ``after``."""
    from notices.check.calendar import holiday_breaks, is_adjusted_workday, is_working_day

    earliest = after + dt.timedelta(days=LEAD_DAYS)
    found = next(
        b
        for year in (after.year, after.year + 1, after.year + 2)
        for b in holiday_breaks(year)
        if b.first >= earliest and (name is None or b.name == name)
    )

    def working_day(day: dt.date, step: int) -> dt.date:
        while not is_working_day(day):
            day += dt.timedelta(days=step)
        return day

    shipping_stop = working_day(found.first - dt.timedelta(days=6), -1)
    return Break(
        name=found.name,
        first=found.first,
        last=found.last,
        workdays=tuple(day for day in swapped_workdays(found.first, found.last) if is_adjusted_workday(day)),
        order_deadline=working_day(shipping_stop - dt.timedelta(days=3), -1),
        shipping_stop=shipping_stop,
        shipping_resume=working_day(found.last + dt.timedelta(days=1), 1),
        official=found.official,
    )


def swapped_workdays(first: dt.date, last: dt.date) -> list[dt.date]:
    """The weekend days worked in exchange for days off between ``first`` and ``last``.

    The ``holidays`` package names them on the days off themselves ("休息日（由 2026-09-20 调休）"), which tells
    a break's own 调休 days from those of a neighbouring break (2026: 20 September belongs to National Day, not
    to the Mid-Autumn Festival five days later).
    """
    holidays: Any = importlib.import_module("holidays")  # imported on use: a big package of countries
    calendar = holidays.China(years=range(first.year, last.year + 1), language="zh_CN")
    found: set[dt.date] = set()
    for day in range((last - first).days + 1):
        label = str(calendar.get(first + dt.timedelta(days=day)) or "")
        found.update(dt.date.fromisoformat(iso) for iso in _SWAPPED_FROM.findall(label))
    return sorted(found)


@functools.lru_cache(maxsize=1)
def scaffold_environment() -> jinja2.Environment:
    # The shared head and tail (templates/scaffolds), and each kind's own scaffold in its folder.
    env = make_environment([templates_dir() / "scaffolds", kinds.FOLDER])
    env.keep_trailing_newline = True
    return env


def scaffold(kind: str, lang: str, *, issued: dt.date | None = None, house_style: str | None = None) -> str:
    """The YAML text of a spec of ``kind`` in ``lang`` to fill; ``house_style``: its path as the spec names it."""
    if kind not in BUILT_IN_KINDS:
        raise ValueError(
            _("unknown kind {kind!r}: choose one of {kinds}").format(
                kind=kind, kinds=", ".join(BUILT_IN_KINDS)
            )
        )
    if lang not in LANGS:
        raise ValueError(_("unknown language {lang!r}: choose zh or en").format(lang=lang))
    issue_date = issued or today()
    context: dict[str, Any] = {
        "kind": kind,
        "lang": lang,
        "today": issue_date,
        "later": lambda days: issue_date + dt.timedelta(days=days),
        "house_style": house_style,
        "en_holiday": lambda name: EN_HOLIDAY_NAMES.get(name, name),
    }
    if kind == "stockup":
        context["holiday"] = next_break(issue_date, "春节")
    elif kind == "holiday":
        context["holiday"] = next_break(issue_date)
    return scaffold_environment().get_template(kinds.built_in()[kind].scaffold_name(lang)).render(context)


__all__ = ["Break", "next_break", "scaffold", "today"]
