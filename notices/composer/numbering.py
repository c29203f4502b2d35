"""Heading and item numbers, by level, as GB/T 9704 §7.3.3 orders them: 一、 → （一） → 1. → （1）."""

from __future__ import annotations

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading numbers never go higher in practice)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return f"{head}十{_CN_DIGITS[ones] if ones else ''}"


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
