"""Heading and item numbers, by level, as GB/T 9704 §7.3.3 orders them: 一、 → （一） → 1. → （1）."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from notices.patterns import LazyPattern

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


# Numbers a writer typed: the forms of GB/T 9704 §7.3.3 and the near misses people type for them (一. 一，
# （一）、 1、), which B-LEVELS reports and the composer still reads as the level they mean.
_CN = "一二三四五六七八九十"
_MARKER = LazyPattern(
    rf"(?P<l1>(?P<n1>[{_CN}]{{1,3}})(?P<p1>[、.．,，]))"
    rf"|(?P<l2>[（(](?P<n2>[{_CN}]{{1,3}})[）)](?P<p2>[、.．]?))"
    r"|(?P<l4>[（(](?P<n4>\d{1,2})[）)](?P<p4>[、.．]?))"
    # "1.5倍" is a number, not item 1; but "1.12月30日前" and "1.2026年起" are item 1 and a date, typed without
    # the space a writer's eye does not miss (a month or a year never follows a decimal point).
    r"|(?P<l3>(?P<n3>\d{1,2})(?P<p3>[.．、])(?!(?!\d{1,2}\s*月|\d{4}\s*年)\d))"
)

# The numbers an English writer types: "1." or "1)" at level 1, "(a)" or "a)" at level 2, each followed by a
# space ("1.5% more" and "a)" inside a sentence are not numbers). Roman "(i)" is read as a letter: an English
# letter's own third level is rarely typed by hand.
_EN_MARKER = LazyPattern(r"(?P<l1>(?P<n1>\d{1,2})[.)])\s+(?=\S)|(?P<l2>\(?(?P<n2>[a-z])\))\s+(?=\S)")


@dataclass(frozen=True)
class Marker:
    """A typed number at the start of a line: its level (1 一、 … 4 （1）), its value, where it and its
    punctuation sit in the text."""

    level: int
    number: int
    start: int
    end: int
    punct: str
    punct_start: int


def cn_value(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (the numerals a hand-typed heading number uses)."""
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CN.index(numeral[1]) + 1
    if "十" in numeral:
        tens, _ten, ones = numeral.partition("十")
        return (_CN.index(tens) + 1) * 10 + (_CN.index(ones) + 1 if ones else 0)
    return _CN.index(numeral) + 1


def separated(number: str, text: str) -> str:
    """The number as printed before ``text``: "1." before a digit takes a space, so that item 1 dated
    "12月30日" does not read "1.12月30日" (a decimal, or a date of 1 December)."""
    if number.rstrip().endswith((".", "．")) and number == number.rstrip() and text[:1].isdigit():
        return number + " "
    return number


# The bullets a letter pasted from Word or an e-mail keeps at the start of a line, each followed by a space
# ("-5% on all lines" and "–" inside a sentence are not bullets).
_EN_BULLET = LazyPattern(r"(?P<bullet>[•·●▪■◦○‣∙*\-–—])\s+(?=\S)")


def english_bullet(text: str) -> int | None:
    """Where the text after a bullet typed at the start of an English paragraph ("• ", "- ") starts."""
    bullet = _EN_BULLET.match(text)
    return bullet.end() if bullet is not None else None


def english_marker(text: str) -> Marker | None:
    """The number an English paragraph opens with ("1. ", "(a) "), if it is one."""
    match = _EN_MARKER.match(text)
    if match is None:
        return None
    level = 1 if match["l1"] else 2
    numeral = match[f"n{level}"]
    number = int(numeral) if level == 1 else ord(numeral) - ord("a") + 1
    end = match.end(f"l{level}")
    return Marker(level, number, 0, end, text[end - 1], end - 1)


def leading_markers(text: str) -> Iterator[Marker]:
    """The numbering marker at the start of each line of ``text``, if any."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = len(line) - len(line.lstrip(" \t\u3000"))
        match = _MARKER.match(line, stripped)
        if match:
            level = next(n for n in (1, 2, 3, 4) if match[f"l{n}"])
            numeral = match[f"n{level}"]
            try:
                number = int(numeral) if numeral.isdigit() else cn_value(numeral)
            except ValueError:
                number = 0
            punct = match[f"p{level}"] or ""
            yield Marker(
                level,
                number,
                offset + match.start(),
                offset + match.end(),
                punct,
                offset + (match.start(f"p{level}") if punct else match.end()),
            )
        offset += len(line)
