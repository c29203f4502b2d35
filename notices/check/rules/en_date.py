"""EN-DATE: English notices write the month as a word, in the locale's order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.en_dates import EnRange, find_en_dates, find_en_ranges, format_en_date, format_en_range
from notices.i18n import _
from notices.patterns import LazyPattern
from notices.reader.source import PathKey


@rule(
    "EN-DATE",
    "error",
    summary="English dates name the month: 5 January 2026 (en-GB) or January 5, 2026 (en-US), never 05/01/2026",
    source="New Hart's Rules (2nd ed.) ch. 11 (dates); The Chicago Manual of Style (17th ed.) 6.38, 9.32 (dates)",
    good=[
        "lang: en\nbody: [Orders must reach us by 6 February 2026.]",
        "lang: en\nlocale: en-US\nbody: ['Orders must reach us by February 6, 2026.']",
        "lang: en\nbody: ['Our offices close 15–23 February 2026.']",
    ],
    bad=[
        "lang: en\nbody: [Orders must reach us by 06/02/2026.]",
        "lang: en\nbody: [Stocks are virtually zero today (14.06.2018).]",
        "lang: en\nlocale: en-GB\nbody: ['Our offices close February 15–23, 2026.']",
        "lang: en\nbody: [Orders must reach us by 2026-02-06.]",
        "lang: en\nlocale: en-GB\nbody: ['Orders must reach us by February 6, 2026.']",
        "lang: en\nbody: ['Prices change on 1 February 2026; old prices hold until January 31, 2026.']",
        "lang: en\nbody: ['The new prices apply from March, 12th 2026.']",
        "lang: en\nbody: ['Please order before 7/1.']",
        "lang: en\nbody: ['We close from 9th to 16th and reopen on 18th.']",
        "lang: en\nbody: ['We are closed from February 7th to February 18th,2026.']",
        "lang: en\nbody: ['The warehouse closes 8 February --- 17 February 2026.']",
        "lang: en\nbody: ['The warehouse closes 8~17 February 2026.']",
    ],
    langs=("en",),
)
def english_dates(ctx: CheckContext) -> Iterator[Hit]:
    """ "09/04/2026" is 9 April to a British reader and September 4 to an American one: an all-numeric date
    is an error; one that only one order reads as a date ("14.06.2018") is a warning that --fix rewrites. An ISO date (2026-02-06) is unambiguous but not letter style: an error that --fix rewrites in
    the notice's locale. A written date in the other locale's order ("February 6, 2026" in an en-GB notice) is a
    warning, also fixed by --fix; so is a range, rewritten whole ("February 15–23, 2026" → "15–23 February
    2026"). A date with its weekday is left as written. The order is the one ``locale:`` states; without
    one, the order most of the letter's dates are in (a letter may write "October 1st" throughout), en-GB on
    a tie, so only a date that breaks the letter's own order is flagged.

    Also errors: a day with no month ("from 9th to 16th"), a month and day without a year in figures ("before
    7/1"), and a written date whose form is off: "March, 12th 2021" (the comma goes after the day),
    "February 18th,2024" and "3rd February ,2020" (the comma and its space), "Feb.10" (a space after the
    abbreviation), "Feb.03" (no leading zero), "February 15, 2026to" (a space after the year).

    A range is joined by an en dash or a word ("15–23 February", "15 to 23 February"; Chicago 6.78): hyphens
    typed as a dash ("8 February --- 17 February") and the tilde of Chinese text ("8~17 February") are a
    warning, fixed by --fix together with the range's order."""
    locale = _reference_locale(ctx)
    us = locale == "en-us"
    for field in ctx.iter_texts():
        ranges = find_en_ranges(field.text, ctx.issue_date)
        # A range's ends are judged together: "February 15–23, 2026" is one expression in one order.
        judged_as_range = {d.start for r in ranges if r.form is not None for d in (r.start, r.end)}
        for found in find_en_dates(field.text, ctx.issue_date):
            if found.slips and found.date is not None:
                yield Hit(
                    field.path,
                    _("“{text}”: {items}").format(text=found.text, items="; ".join(found.slips)),
                    fix=_("write {date}").format(
                        date=format_en_date(found.date, locale, with_year=found.year_explicit)
                    ),
                    offset=found.start,
                )
            if found.form == "numeric" and (only := _only_reading(found.text)) is not None:
                # "14.06.2018": no month 14, so no reader misreads it; still not letter style.
                written = format_en_date(only, locale)
                yield Hit(
                    field.path,
                    _(
                        "“{text}” is an all-numeric date: it can only be {date}, but a letter names the month"
                    ).format(text=found.text, date=written),
                    fix=_("write {replacement}").format(replacement=written),
                    offset=found.start,
                    severity="warning",
                    edit=Edit(field.path, found.start, found.end, written),
                )
            elif found.form == "numeric":
                yield Hit(
                    field.path,
                    _(
                        "“{text}” is an all-numeric date: readers in the UK and the US read it differently"
                    ).format(text=found.text),
                    fix=_("write the month as a word: {example}").format(example=_readings(found.text, us)),
                    offset=found.start,
                )
            elif found.form == "day":
                yield Hit(
                    field.path,
                    _("“{text}” names no month: the reader has to guess it").format(text=found.text),
                    fix=_("write the month: {example}").format(example="February 9" if us else "9 February"),
                    offset=found.start,
                )
            elif found.form == "iso":
                replacement = format_en_date(found.date, locale) if found.date else None
                yield Hit(
                    field.path,
                    _("“{text}” is an ISO date, not letter style").format(text=found.text),
                    fix=_("write {replacement}").format(replacement=replacement)
                    if replacement
                    else _("write the month as a word"),
                    offset=found.start,
                    edit=Edit(field.path, found.start, found.end, replacement) if replacement else None,
                )
            elif found.start in judged_as_range:
                continue
            elif (found.form == "us") != us and found.date is not None and found.weekday is None:
                replacement = format_en_date(found.date, locale, with_year=found.year_explicit)
                yield Hit(
                    field.path,
                    (
                        _("“{text}” is in UK order {where}") if us else _("“{text}” is in US order {where}")
                    ).format(text=found.text, where=_where(ctx, us)),
                    fix=_("write {replacement}").format(replacement=replacement),
                    offset=found.start,
                    edit=Edit(field.path, found.start, found.end, replacement),
                    severity="warning",
                )
        for date_range in ranges:
            if _typed_connector(date_range.connector):
                yield from _range_connector(field.path, date_range, locale)
            else:
                yield from _range_order(field.path, date_range, locale, us, _where(ctx, us))


def _readings(numeric: str, us: bool) -> str:
    """What "7/1" or "09/04/2026" may mean, both ways: "July 1 (US reading) or 7 January (UK reading)"."""
    parts = [int(p) for p in re.split(r"[/.]", numeric)]
    first, second = parts[0], parts[1]
    year = parts[2] if len(parts) > 2 else None
    if year is not None and year < 100:
        year += 2000
    suffix_us = f", {year}" if year else ""
    suffix_uk = f" {year}" if year else ""
    readings = []
    if 1 <= first <= 12 and 1 <= second <= 31:
        readings.append((f"{_month_name(first)} {second}{suffix_us}", "US"))
    if 1 <= second <= 12 and 1 <= first <= 31:
        readings.append((f"{first} {_month_name(second)}{suffix_uk}", "UK"))
    if not readings:
        return "February 6, 2026" if us else "6 February 2026"
    readings.sort(key=lambda reading: reading[1] != ("US" if us else "UK"))  # the letter's own order first
    return " or ".join(f"{text} ({who} reading)" for text, who in readings)


def _only_reading(numeric: str) -> dt.date | None:
    """The one date an all-numeric date with its year in full can be ("14.06.2018": day 14, June), or None
    when both orders give a date ("09/04/2026") or it has no year ("7/1")."""
    parts = [int(p) for p in re.split(r"[/.]", numeric)]
    if len(parts) != 3 or parts[2] < 1000:
        return None
    readings = set()
    for month, day in ((parts[0], parts[1]), (parts[1], parts[0])):
        try:
            readings.add(dt.date(parts[2], month, day))
        except ValueError:
            continue
    return readings.pop() if len(readings) == 1 else None


def _month_name(month: int) -> str:
    return dt.date(2000, month, 1).strftime("%B")


def _reference_locale(ctx: CheckContext) -> str:
    return ctx.english_locale


def _where(ctx: CheckContext, us: bool) -> str:
    if isinstance(ctx.data.get("locale"), str):
        return _("in an {locale} notice").format(locale=ctx.data["locale"])
    return (
        _("where the letter's other dates are in US order")
        if us
        else _("where the letter's other dates are in UK order")
    )


# Joins typed on a keyboard for a dash: "-" alone is read as the en dash many letters use, but "--", "---"
# and the Chinese "~" are not English range marks.
_TYPED = LazyPattern(r"\s*(?:-{2,}|~+|～+)\s*")


def _typed_connector(connector: str) -> bool:
    return _TYPED.fullmatch(connector) is not None


def _range_connector(path: PathKey, date_range: EnRange, locale: str) -> Iterator[Hit]:
    start, end = date_range.start.date, date_range.end.date
    mark = date_range.connector.strip()
    fix = _("join the range with an en dash (–) or “to”")
    edit = None
    if start is not None and end is not None and end >= start and not date_range.has_weekday:
        dash = "–" if (start.year, start.month) == (end.year, end.month) else " – "
        with_year = date_range.start.year_explicit or date_range.end.year_explicit
        replacement = format_en_range(start, end, locale, dash, with_year=with_year)
        fix = _("write {replacement}").format(replacement=replacement)
        edit = Edit(path, date_range.start.start, date_range.end.end, replacement)
    yield Hit(
        path,
        _("“{mark}” joins the range “{text}”: English joins a range with an en dash (–) or “to”").format(
            mark=mark, text=date_range.text
        ),
        fix=fix,
        offset=date_range.start.end,
        edit=edit,
        severity="warning",
    )


def _range_order(path: PathKey, date_range: EnRange, locale: str, us: bool, where: str) -> Iterator[Hit]:
    start, end = date_range.start.date, date_range.end.date
    if date_range.form is None or (date_range.form == "us") == us or date_range.has_weekday:
        return
    if start is None or end is None:
        return
    with_year = date_range.start.year_explicit or date_range.end.year_explicit
    replacement = format_en_range(start, end, locale, date_range.connector, with_year=with_year)
    yield Hit(
        path,
        (_("“{text}” is in UK order {where}") if us else _("“{text}” is in US order {where}")).format(
            text=date_range.text, where=where
        ),
        fix=_("write {replacement}").format(replacement=replacement),
        offset=date_range.start.start,
        edit=Edit(path, date_range.start.start, date_range.end.end, replacement),
        severity="warning",
    )
