"""Heading and item numbers, by level, as GB/T 9704 §7.3.3 orders them: 一、 → （一） → 1. → （1）."""

from __future__ import annotations

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 100 → 一百, 105 → 一百零五, 110 → 一百一十.

    Counts of headings stay far below 10,000 (the body's entries are limited to a few hundred); the numbers
    are read as a Chinese reader counts: 零 for each run of skipped places, 一十 only after a higher place.
    """
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out += "零"
            out += _CN_DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
        if n == 0:
            break
    return out


def number_for(level: int, n: int, lang: str = "zh") -> str:
    """The printed number of the ``n``-th entry (1-based) at ``level`` (1-4)."""
    if lang == "en":
        if level <= 1:
            return f"{n}. "
        if level == 2:
            return f"({chr(ord('a') + (n - 1) % 26)}) "
        return f"({_roman(n)}) "
    if level <= 1:
        return f"{chinese_number(n)}、"
    if level == 2:
        return f"（{chinese_number(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def _roman(n: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out
