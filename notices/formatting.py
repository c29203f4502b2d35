"""Dates, times, numbers and money by locale: the one home of every written date form, for the kind templates
(``notices/kinds/<kind>/*.j2``), spec strings (``cn_date`` …), the composer and the checker's fixes.

English forms go through Babel's CLDR data rather than hand-made patterns: an en-US reader gets "February 6, 2026"
and "5:00 PM", an en-GB reader "6 February 2026" and "17:00". The Chinese forms are the project's own rules, not
CLDR's: GB/T 9704-2012 §7.3.5 writes dates in Arabic numerals with full year and no zero padding (2026年2月6日),
and a range is joined by 至 (or the 一字线 "—" of GB/T 15834-2011 §4.9), so what a Chinese notice says cannot
change with a locale library's data release (Babel 2.19's CLDR made the zh interval "2026年2月15日 – 23日").
Locales arrive as the composer passes them to templates: ``zh_CN``, ``en_GB``, ``en_US`` (a hyphen works too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any, Literal

from notices.i18n import _

Number = int | float | Decimal
ListStyle = Literal["standard", "or"]

WEEKDAYS_CN = "一二三四五六日"

# CLDR puts narrow and thin no-break spaces inside times and ranges ("5:00 PM"); not every Latin face has
# them, and a missing glyph prints as a box, so they become the ordinary no-break space every face carries.
_NARROW_SPACES = str.maketrans({"\u202f": "\u00a0", "\u2009": "\u00a0"})


def today() -> dt.date:
    """The date SOURCE_DATE_EPOCH names (reproducible builds and scaffolds), else today."""
    return source_date() or dt.date.today()


def source_date() -> dt.date | None:
    """The date SOURCE_DATE_EPOCH names, or None when it is not set."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return None


def _date_argument(value: Any, name: str) -> dt.date:
    """``value`` when it is a date; a TypeError a spec writer can act on when it is not (``'x'|cn_date``)."""
    if isinstance(value, dt.date):
        return value
    shown = (
        _("the text {value!r}").format(value=value[:30]) if isinstance(value, str) else type(value).__name__
    )
    raise TypeError(
        _("{name} needs a date, not {shown}; write the date as 2026-01-05 (unquoted)").format(
            name=name, shown=shown
        )
    )


def cn_date(value: dt.date) -> str:
    """2026年1月5日: Arabic numerals, full year, no zero padding (GB/T 9704 §7.3.5)."""
    value = _date_argument(value, "cn_date")
    return f"{value.year}年{value.month}月{value.day}日"


def cn_weekday(value: dt.date, style: str = "星期") -> str:
    return f"{style}{WEEKDAYS_CN[_date_argument(value, 'cn_weekday').weekday()]}"


def cn_time(value: dt.time) -> str:
    if not isinstance(value, dt.time | dt.datetime):
        shown = (
            _("the text {value!r}").format(value=value[:30])
            if isinstance(value, str)
            else type(value).__name__
        )
        raise TypeError(_("cn_time needs a time, not {shown}; write the time as '17:00'").format(shown=shown))
    return f"{value.hour}:{value.minute:02d}"


def en_date(value: dt.date, locale: str = "en_GB") -> str:
    """5 January 2026 (en-GB) or January 5, 2026 (en-US), by Babel's CLDR data rather than by hand."""
    from babel.dates import format_date

    return str(format_date(value, format="long", locale=_babel_locale(locale)))


def _babel_locale(locale: str) -> str:
    return locale.replace("-", "_")


def _tidy(text: object) -> str:
    return str(text).translate(_NARROW_SPACES)


def en_day(value: dt.date, locale: str = "en_GB") -> str:
    """Friday, 6 February 2026 (en-GB) or Friday, February 6, 2026 (en-US)."""
    from babel.dates import format_date

    return _tidy(format_date(value, format="full", locale=_babel_locale(locale)))


def en_time(value: dt.time, locale: str = "en_GB") -> str:
    """17:00 (en-GB) or 5:00 PM (en-US)."""
    from babel.dates import format_time

    return _tidy(format_time(value, format="short", locale=_babel_locale(locale)))


def cn_range(start: dt.date, end: dt.date, joiner: str = "至") -> str:
    """2026年2月15日至23日, 2026年2月15日至3月1日, 2025年12月30日至2026年1月2日.

    The end drops the year and month it shares with the start, as Chinese notices write a range; the year is
    kept on both sides across 1 January (reference P-YEAR). ``joiner="—"`` gives the 一字线 form.
    """
    if start == end:
        return cn_date(start)
    if start.year != end.year:
        tail = cn_date(end)
    elif start.month != end.month:
        tail = f"{end.month}月{end.day}日"
    else:
        tail = f"{end.day}日"
    return f"{cn_date(start)}{joiner}{tail}"


def cn_day(value: dt.date) -> str:
    """2026年2月6日（星期五）: the form the checker reads a weekday claim from."""
    return f"{cn_date(value)}（{cn_weekday(value)}）"


def span_days(start: dt.date, end: dt.date) -> int:
    """Days from ``start`` to ``end``, both counted: the N of 共N天."""
    return (end - start).days + 1


def _is_chinese(locale: str) -> bool:
    return _babel_locale(locale).lower().startswith("zh")


LARGEST_PRINTABLE = (
    Decimal(10) ** 15
)  # a thousand trillion: beyond any price, amount or percentage a notice states


def _decimal(value: Number) -> Decimal:
    """``value`` as a Decimal a notice can print; ValueError for one that is not a number or is absurdly large."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise ValueError(_("{value!r} is not a number").format(value=value)) from None
    if not number.is_finite() or abs(number) >= LARGEST_PRINTABLE:
        raise ValueError(
            _("{value!r} is not a number a notice can print (the limit is 10^15)").format(value=value)
        )
    return number


def _cents(value: Decimal) -> Decimal:
    """Rounded to two places, 四舍五入 as invoices round, with the precision the value needs."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=Context(prec=40))


def _grouped(value: Decimal, signed: bool = False) -> str:
    """12,800 / 12,800.5 / -3.25: thousands by comma, at most two decimals, no trailing zeros (our zh rule)."""
    rounded = _cents(_decimal(value))
    sign = "-" if rounded < 0 else ("+" if signed else "")
    whole, _point, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    return f"{sign}{int(whole):,}" + (f".{fraction}" if fraction else "")


def number(value: Number, locale: str = "zh_CN") -> str:
    """12,800 or 12,800.5: grouping by locale, no trailing zeros."""
    if _is_chinese(locale):
        return _grouped(_decimal(value))
    from babel.numbers import format_decimal

    return _tidy(format_decimal(_decimal(value), format="#,##0.##", locale=_babel_locale(locale)))


def money(value: Number, currency: str = "CNY", locale: str = "zh_CN") -> str:
    """12,800元 in Chinese text for yuan, else the locale's currency form (CN¥12,800.00, $12,800.00)."""
    from babel.numbers import format_currency

    code = _babel_locale(locale)
    if code.startswith("zh") and currency == "CNY":
        return number(value, locale) + "元"
    return _tidy(format_currency(_decimal(value), currency, locale=code))


def amount(value: Number, currency: str = "CNY", locale: str = "zh_CN") -> str:
    """A price as :func:`money` prints it, without the currency: 3,200 (元 in the column head), 460.00 ($).

    A table states its unit once, in the column head (原价（元/吨）), and sets plain numbers in the cells,
    which then line up on the right (GB/T 1.1-2020 §8.6.5.4: a unit common to a column goes in its head).
    """
    from babel.numbers import format_currency

    code = _babel_locale(locale)
    if code.startswith("zh") and currency == "CNY":
        return number(value, locale)
    return _tidy(format_currency(_decimal(value), currency, format="#,##0.00", locale=code))


def currency_unit(currency: str = "CNY", locale: str = "zh_CN") -> str:
    """The currency as a column head names it: 元 (or 美元, 欧元) in Chinese, the ISO code (USD) in English."""
    from babel.numbers import get_currency_name

    code = _babel_locale(locale)
    if code.startswith("zh"):
        return "元" if currency == "CNY" else str(get_currency_name(currency, locale=code))
    return currency


def percent(value: Number, locale: str = "zh_CN") -> str:
    """5.5 → 5.5%: ``value`` is in percent already, as writers state a change."""
    if _is_chinese(locale):
        return _grouped(_decimal(value)) + "%"
    from babel.numbers import format_percent

    return _tidy(format_percent(_decimal(value) / 100, format="#,##0.##%", locale=_babel_locale(locale)))


def signed_percent(value: Number, locale: str = "zh_CN") -> str:
    """+5.47% or -3.5%: a change states its direction."""
    if _is_chinese(locale):
        return _grouped(_decimal(value), signed=bool(_decimal(value))) + "%"
    from babel.numbers import format_percent

    pattern = "+#,##0.##%;-#,##0.##%"
    return _tidy(format_percent(_decimal(value) / 100, format=pattern, locale=_babel_locale(locale)))


def join(items: Iterable[object], locale: str = "zh_CN", style: ListStyle = "standard") -> str:
    """提货和退换货 / 提货、退货和换货 / pickup and returns / a, b, and c (en-US).

    Chinese lists are joined with 、 and a final 和 (或 for ``style="or"``), as GB/T 15834-2011 §4.5 uses the
    顿号 between coordinate items; English follows the locale's CLDR list pattern.
    """
    if _is_chinese(locale):
        words = [str(i) for i in items]
        if len(words) < 2:
            return "".join(words)
        return "、".join(words[:-1]) + ("或" if style == "or" else "和") + words[-1]
    from babel.lists import format_list

    return str(format_list([str(i) for i in items], style=style, locale=_babel_locale(locale)))


def clause(text: str) -> str:
    """A value without its closing punctuation, so a template can end the sentence it puts it in."""
    return str(text).rstrip().rstrip("。．.；;，,！!")


def pick(keys: Iterable[str], table: Mapping[str, str]) -> list[str]:
    """The entries of ``table`` for ``keys``, in order: a template's wording for each listed value."""
    return [table[key] for key in keys]


def change_percent(old: Number, new: Number) -> Decimal | None:
    """The change from ``old`` to ``new`` in percent, rounded to two places; None from an old price of 0."""
    if not old:
        return None  # K-PRICE reports the price; the notice prints no percentage
    before, after = _decimal(old), _decimal(new)
    change = Context(prec=40).divide(after - before, before) * 100
    return change.quantize(Decimal("0.01"), context=Context(prec=40))  # the context's half-even, as before


KIND_FILTERS: Mapping[str, Callable[..., Any]] = {
    "clause": clause,
    "cn_day": cn_day,
    "cn_range": cn_range,
    "cn_time": cn_time,
    "en_day": en_day,
    "en_time": en_time,
    "number": number,
    "money": money,
    "amount": amount,
    "currency_unit": currency_unit,
    "percent": percent,
    "signed_percent": signed_percent,
    "join_list": join,
    "pick": pick,
}

KIND_GLOBALS: Mapping[str, Callable[..., Any]] = {
    "span_days": span_days,
    "change_percent": change_percent,
}

__all__ = [
    "KIND_FILTERS",
    "KIND_GLOBALS",
    "amount",
    "change_percent",
    "clause",
    "cn_day",
    "cn_range",
    "currency_unit",
    "en_day",
    "en_time",
    "join",
    "money",
    "number",
    "percent",
    "pick",
    "signed_percent",
    "span_days",
]
