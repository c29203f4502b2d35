"""Break a long title into lines the way GB/T 9704 §7.3.1 asks: words kept whole, lines shaped as a trapezoid
or a diamond, a rectangle (equal lines) or an hourglass (a short middle line) only when every other shape
would cut a phrase.

Words come from jieba's dictionary, with the issuer's name added as one word so that a company name is never
split. Numbers stay with the unit after them ("2026年"), a date and a time stay whole ("10月29日8:00", never
"8:" / "00"), and the line-start and line-end rules of the body breaker apply. §7.3.1 asks first that a broken
title keep its sense whole (词意完整), then that its lines be symmetric: so each break is weighed by the words on
either side (their parts of speech, from the same dictionary). A break beside a function word (关于, 的, 及, 至)
or after the issuer's name costs least; one between a verb and its object more; one inside a string of nouns
("工业/用油", "车用/润滑油") most, more than a rectangle's symmetry costs. Among the partitions into the fewest
lines that fit, the cheapest wins: two lines prefer a short line over a long one (正梯形); three prefer a long
middle line (菱形).
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
from notices.patterns import LazyPattern

_MAX_LINES = 4
_UNITS_AFTER_NUMBERS = frozenset("年月日号期届季次批项个天时点分秒元万亿吨件箱%％前后起止内")
_RANGE_MARKS = frozenset("至到—-－～~")
# Parts of speech (jieba's tags): a break after a preposition, a conjunction or a particle (关于, 及, 的) keeps
# each phrase whole; one between two nouns cuts a compound (工业用油, 车用润滑油).
_NOMINAL_TAGS = ("n", "vn", "an", "b", "j", "l", "i", "s", "ng", "nr", "ns", "nt", "nz", "f", "g")
_FUNCTION_TAGS = ("p", "c", "u")
_COST_FUNCTION = 0.0  # beside 关于 / after 及, 的 / after the issuer's name
_COST_BEFORE_CONJUNCTION = 0.5  # "… / 及…"
_COST_WORD = 1.0  # between two words of no closer bond (a time phrase and what follows it)
_COST_VERB_OBJECT = 2.0  # "调整 / 工业用油": the verb apart from its object
_COST_RANGE = 6.0  # "9:00至 / 10月29日": the two ends of a range apart
_COST_COMPOUND = 6.0  # "工业 / 用油": two nouns of one compound apart
_COST_DOCUMENT_TYPE = 20.0  # the document type alone on the last line ("…的 / 通知")
# Lines of equal length (or an hourglass) break §7.3.1's trapezoid or diamond; the standard puts the sense of
# the words first (词意完整), so a rectangle costs less than a phrase cut in two.
_RECTANGLE = 5.0
_FUNCTION_WORDS = ("关于", "对于")  # a break beside 关于 reads naturally: "某公司 / 关于……的通知"
_BOOK_TITLE = re.compile(r"《[^》]*》|“[^”]*”")


def word_breaks(text: str, keep_whole: str = "") -> list[int]:
    """Offsets inside `text` where a title line may end."""
    return list(_word_breaks(text, keep_whole))


def break_costs(text: str, keep_whole: str = "") -> dict[int, float]:
    """Each offset where a title line may end, and what a break there costs the title's sense."""
    return dict(_word_breaks(text, keep_whole))


@functools.lru_cache(maxsize=256)
def _word_breaks(text: str, keep_whole: str) -> dict[int, float]:
    extra = keep_whole if keep_whole and keep_whole in text else ""
    tokenizer = _tokenizer(text, extra)
    words: list[str] = list(tokenizer.cut(text, HMM=True))  # type: ignore[attr-defined]
    offsets = list(itertools.accumulate(len(word) for word in words))[:-1]
    protected = [range(m.start() + 1, m.end()) for m in _BOOK_TITLE.finditer(text)]
    protected.extend(range(m.start() + 1, m.end()) for m in _DATE_TIME.finditer(text))
    issuer_end = -1
    if keep_whole:
        start = text.find(keep_whole)
        if start >= 0:
            protected.append(range(start + 1, start + len(keep_whole)))
            issuer_end = start + len(keep_whole)
    tags = _tags_within(text)
    allowed: dict[int, float] = {}
    for index, offset in enumerate(offsets):
        before, after = text[offset - 1], text[offset]
        if after in LINE_START_FORBIDDEN or before in LINE_END_FORBIDDEN:
            continue
        if before.isdigit() and (after in _UNITS_AFTER_NUMBERS or after.isdigit()):
            continue
        if before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
            continue
        if any(offset in span for span in protected):
            continue
        left, right = words[index], words[index + 1]
        if offset == issuer_end:
            cost = _COST_FUNCTION
        else:
            following = words[index + 2] if index + 2 < len(words) else ""
            right_tag = tags.get(right, "")
            if right_tag.startswith("v") and _ends_phrase(following, tags.get(following, "")):
                right_tag = "vn"  # "发货安排及…", "…放假安排的通知": the verb heads the phrase as a noun
            cost = _pair_cost(left, right, tags.get(left, ""), right_tag)
        if text[offset:] in ("通知", "的通知") or (len(text) - offset <= 3 and text.endswith(_DOCUMENT_ENDS)):
            cost += _COST_DOCUMENT_TYPE
        allowed[offset] = cost
    return allowed


# A date with its time and weekday, the one unit of sense a title's date is: 2020年10月28日9:00, 12月5日（星期六）
# 22:00, 8月7日23时30分. Its pieces are separate words to jieba; no line may end inside it.
_DATE_TIME = LazyPattern(
    r"(?:\d{2,4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
    r"(?:\s*[（(](?:星期|周|礼拜)[一二三四五六日天][）)])?"
    r"(?:\s*(?:凌晨|早上|上午|中午|下午|晚上|夜间|晚)?\s*\d{1,2}(?:[:：]\d{2}|[时点](?:\d{1,2}分?|半)?))?"
    r"|\d{1,2}[:：]\d{2}"
)
_DATE_UNITS = frozenset(("年", "月", "日", "号", "时", "分", "点", "日至"))
_DOCUMENT_ENDS = ("通知", "通告", "公告", "函", "说明")


def _pair_cost(left: str, right: str, left_tag: str, right_tag: str) -> float:
    """What breaking between two words costs the title's sense."""
    if left in _FUNCTION_WORDS or right in _FUNCTION_WORDS:
        return _COST_FUNCTION
    if left[-1] in _RANGE_MARKS or right[0] in _RANGE_MARKS:
        return _COST_RANGE if _numeric_end(left) or right[:1].isdigit() else _COST_WORD
    if left_tag.startswith(_FUNCTION_TAGS) or left in "、，":
        return _COST_FUNCTION
    if right_tag.startswith("c"):
        return _COST_BEFORE_CONJUNCTION
    if _numeric_end(left) or right[:1].isdigit() or left in _DATE_UNITS:
        return _COST_WORD  # a date or an amount ends: "10月29日8:00 / 大庆河…"
    left_nominal = _nominal(left, left_tag)
    right_nominal = _nominal(right, right_tag)
    numeral = all(char in _CN_NUMERALS for char in left)
    if (left_nominal or numeral or left_tag == "a") and right_nominal:
        return _COST_COMPOUND  # 工业/用油; a numeral and its noun, 北京二/地域; an adjective and its noun, 先进/材料
    if left_tag.startswith("v") and right_nominal:
        return _COST_VERB_OBJECT
    return _COST_WORD


_CN_NUMERALS = frozenset("一二三四五六七八九十百千万两几")


def _ends_phrase(following: str, tag: str) -> bool:
    """The next word closes a phrase: a conjunction or particle (及, 的), the document type, or the end."""
    return not following or tag.startswith(("c", "u")) or following in _DOCUMENT_ENDS


def _numeric_end(word: str) -> bool:
    return word[-1:].isdigit() or (len(word) > 1 and word[-2].isdigit())


def _nominal(word: str, tag: str) -> bool:
    """A noun-like word; a word jieba found by its model alone (a place, a product name) counts as one."""
    if not tag:
        return not word.isascii() and len(word) > 1
    return tag.startswith(_NOMINAL_TAGS) and not tag.startswith(("nx",))


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
    counts: dict[str, int] = {}
    for word, count, _tag in _lines_within(text):
        counts[word] = count  # as in jieba, a repeated word keeps its last count
        for end in range(1, len(word)):
            counts.setdefault(word[:end], 0)
    return tuple(counts.items())


@functools.lru_cache(maxsize=64)
def _tags_within(text: str) -> dict[str, str]:
    """The part of speech jieba's dictionary gives each of its words found in `text` (工业 n, 的 uj, 及 c)."""
    return {word: tag for word, _count, tag in _lines_within(text)}


@functools.lru_cache(maxsize=64)
def _lines_within(text: str) -> tuple[tuple[str, int, str], ...]:
    """The dictionary's lines (word, count, tag) whose word is a piece of `text`, in the dictionary's order."""
    characters = "".join(re.escape(char) for char in sorted(set(text)) if not char.isspace())
    if not characters:
        return ()
    # A line of dict.txt is "word count tag"; jieba takes the first two fields of each.
    line = re.compile(f"\n([{characters}]+) ([0-9]+)(?: ([a-z]+))?(?![^ \r\n])")
    return tuple(
        (match.group(1), int(match.group(2)), match.group(3) or "")
        for match in line.finditer("\n" + _dictionary_text())
        if match.group(1) in text
    )


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
    costs = _word_breaks(text, keep_whole)
    breaks = list(costs)
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
            cost = _shape_cost(lengths, advance("国")) + sum(costs[cut] for cut in cuts)
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
    """Lower is better; in em. Rectangles and hourglasses cost more than any balanced alternative, and less
    than a break that cuts a phrase (_COST_COMPOUND, _COST_RANGE)."""
    spread = (max(lengths) - min(lengths)) / em
    if len(lengths) == 2:
        first, second = lengths
        if abs(first - second) < em / 2:
            return _RECTANGLE  # a rectangle
        upright = 0.0 if first < second else 3.0  # 正梯形 preferred to 倒梯形
        return upright + abs((second - first) / em - 2)
    middle = lengths[1:-1]
    if len(lengths) == 3:
        diamond = middle[0] > max(lengths[0], lengths[2])
        trapezoid = lengths[0] < lengths[1] < lengths[2]
        if not (diamond or trapezoid):
            return _RECTANGLE + spread
        return spread * 0.5
    increasing = all(a < b for a, b in itertools.pairwise(lengths))
    widest_inside = max(middle) >= max(lengths[0], lengths[-1])
    return spread * 0.5 + (0.0 if increasing or widest_inside else _RECTANGLE)
