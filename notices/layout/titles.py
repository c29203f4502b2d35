"""Break a long title into lines the way GB/T 9704 §7.3.3 asks: words kept whole, lines shaped as a trapezoid
or a diamond, never a rectangle (equal lines) or an hourglass (a short middle line).

Words come from jieba's dictionary, with the issuer's name added as one word so that a company name is never
split. Numbers stay with the unit after them ("2026年"), and the line-start and line-end rules of the body
breaker apply. Among the partitions into the fewest lines that fit, the one with the best shape wins: two
lines prefer a short line over a long one (正梯形); three prefer a long middle line (菱形).
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from notices.layout.linebreak import LINE_END_FORBIDDEN, LINE_START_FORBIDDEN

_MAX_LINES = 4
_UNITS_AFTER_NUMBERS = frozenset("年月日号期届季次批项个天")
_FUNCTION_WORDS = ("关于", "对于")  # a break beside 关于 reads naturally: "某公司 / 关于……的通知"
_BOOK_TITLE = re.compile(r"《[^》]*》|“[^”]*”")


def word_breaks(text: str, keep_whole: str = "") -> list[int]:
    """Offsets inside `text` where a title line may end."""
    return list(_word_breaks(text, keep_whole))


@functools.lru_cache(maxsize=256)
def _word_breaks(text: str, keep_whole: str) -> tuple[int, ...]:
    tokenizer = _tokenizer(text, keep_whole if keep_whole and keep_whole in text else "")
    words: list[str] = list(tokenizer.cut(text, HMM=True))  # type: ignore[attr-defined]
    offsets = list(itertools.accumulate(len(word) for word in words))[:-1]
    protected = [range(m.start() + 1, m.end()) for m in _BOOK_TITLE.finditer(text)]
    if keep_whole:
        start = text.find(keep_whole)
        if start >= 0:
            protected.append(range(start + 1, start + len(keep_whole)))
    allowed = []
    for offset in offsets:
        before, after = text[offset - 1], text[offset]
        if after in LINE_START_FORBIDDEN or before in LINE_END_FORBIDDEN:
            continue
        if before.isdigit() and (after in _UNITS_AFTER_NUMBERS or after.isdigit()):
            continue
        if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
            continue
        if any(offset in span for span in protected):
            continue
        allowed.append(offset)
    return tuple(allowed)


@functools.lru_cache(maxsize=64)
def _tokenizer(text: str, extra_word: str) -> object:
    """A jieba tokenizer that cuts `text` exactly as one holding jieba's whole dictionary would.

    jieba's dictionary is 349,000 words: loading it is slow and large, once per tokenizer. Cutting a
    text only ever looks up pieces of that text, so the tokenizer is given the entries of those pieces (and,
    as jieba builds it, each of their prefixes) and the dictionary's total count, which weighs every word.
    """
    jieba = _jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(_entries_within(text))
    tokenizer.total = _dictionary_total()
    tokenizer.initialized = True
    if extra_word:
        tokenizer.add_word(extra_word, freq=10**6)
    return tokenizer


@functools.lru_cache(maxsize=64)
def _entries_within(text: str) -> tuple[tuple[str, int], ...]:
    """jieba's prefix dictionary (word → count, a prefix of a word → 0) restricted to pieces of `text`."""
    characters = "".join(re.escape(char) for char in sorted(set(text)) if not char.isspace())
    if not characters:
        return ()
    # A line of dict.txt is "word count tag"; jieba takes the first two fields of each.
    line = re.compile(f"\n([{characters}]+) ([0-9]+)(?![^ \r\n])")
    counts: dict[str, int] = {}
    for match in line.finditer("\n" + _dictionary_text()):
        word = match.group(1)
        if word in text:
            counts[word] = int(match.group(2))  # as in jieba, a repeated word keeps its last count
            for end in range(1, len(word)):
                counts.setdefault(word[:end], 0)
    return tuple(counts.items())


@functools.cache
def _dictionary_total() -> int:
    """The sum of every count in jieba's dictionary, as jieba's Tokenizer.gen_pfdict adds them up.

    Adding up 349,000 lines is a visible part of a cold start, so the sum is kept in the user's cache (notices.cache),
    keyed by the dictionary file's path, size and modification time."""
    from notices.cache import load_json, package_stamp, store_json

    stamp = package_stamp(Path(_jieba().__file__).parent / "dict.txt")
    cached = load_json("jieba-dictionary-total", stamp)
    if isinstance(cached, int):
        return cached
    # Searched in bytes and from the newline before each line: the regular expression engine skips ahead
    # to a literal first character, twice as fast as testing every position for a line start.
    counts = re.findall(rb"\n[^ \n]+ ([0-9]+)(?![^ \r\n])", b"\n" + _dictionary_bytes())
    total = sum(map(int, counts))
    store_json("jieba-dictionary-total", stamp, total)
    return total


def _dictionary_text() -> str:
    return _dictionary_bytes().decode("utf-8")


def _dictionary_bytes() -> bytes:
    handle = _jieba().Tokenizer().get_dict_file()
    try:
        return bytes(handle.read())
    finally:
        handle.close()


@functools.cache
def _jieba() -> Any:
    # jieba imports pkg_resources only to open its data files when it can (slow to import, and a deprecation
    # warning); without it, jieba opens them by path.
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


def break_title(
    text: str, *, width: float, advance: Callable[[str], float], keep_whole: str = ""
) -> list[str]:
    """The title's lines: as few as fit in `width`, shaped as the standard asks."""
    total = sum(advance(ch) for ch in text)
    if total <= width or len(text) < 2:
        return [text]
    breaks = word_breaks(text, keep_whole)
    widths = [0.0, *itertools.accumulate(advance(ch) for ch in text)]
    for count in range(2, _MAX_LINES + 1):
        if total > count * (width + 1e-6):
            continue  # no partition into this many lines can fit: skip its (cubic) search
        best: tuple[float, tuple[int, ...]] | None = None
        for cuts in itertools.combinations(breaks, count - 1):
            bounds = (0, *cuts, len(text))
            lengths = [widths[b] - widths[a] for a, b in itertools.pairwise(bounds)]
            if max(lengths) > width + 1e-6:
                continue
            cost = _shape_cost(lengths, advance("国")) + _break_cost(text, cuts)
            if best is None or cost < best[0]:
                best = (cost, bounds)
        if best is not None:
            bounds = best[1]
            return [text[a:b] for a, b in itertools.pairwise(bounds)]
    # No word boundary fits: fall back to breaking between any two characters.
    lines, line, line_width = [], "", 0.0
    for ch in text:
        step = advance(ch)
        if line and line_width + step > width:
            lines.append(line)
            line, line_width = "", 0.0
        line += ch
        line_width += step
    return [*lines, line]


def _shape_cost(lengths: Sequence[float], em: float) -> float:
    """Lower is better; in em. Rectangles and hourglasses cost more than any balanced alternative."""
    spread = (max(lengths) - min(lengths)) / em
    if len(lengths) == 2:
        first, second = lengths
        if abs(first - second) < em / 2:
            return 50.0  # a rectangle
        upright = 0.0 if first < second else 3.0  # 正梯形 preferred to 倒梯形
        return upright + abs((second - first) / em - 2)
    middle = lengths[1:-1]
    if len(lengths) == 3:
        diamond = middle[0] > max(lengths[0], lengths[2])
        trapezoid = lengths[0] < lengths[1] < lengths[2]
        if not (diamond or trapezoid):
            return 50.0 + spread
        return spread * 0.5
    increasing = all(a < b for a, b in itertools.pairwise(lengths))
    widest_inside = max(middle) >= max(lengths[0], lengths[-1])
    return spread * 0.5 + (0.0 if increasing or widest_inside else 50.0)


def _break_cost(text: str, cuts: Sequence[int]) -> float:
    cost = 0.0
    for cut in cuts:
        if any(text.startswith(word, cut) or text[:cut].endswith(word) for word in _FUNCTION_WORDS):
            continue
        cost += 1.0
        if text[cut:] in ("通知", "的通知"):
            cost += 20.0  # never leave the document type alone on the last line
    return cost
