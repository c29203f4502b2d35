"""Small text helpers rules share: what is Chinese, and which spans of a string are not prose at all."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from notices.patterns import LazyPattern

# {{ expression }}, {% statement %}, {# comment #}: filled in at render time, so never prose to proofread.
TEMPLATE = LazyPattern(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_URL = LazyPattern(r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", re.IGNORECASE)
_EMAIL = LazyPattern(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_DOMAIN = LazyPattern(
    r"(?<![\w.])[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:com|cn|net|org|gov|edu|io)(?:/[\w\-./?=&%]*)?\b"
)
_BOOK_TITLE = LazyPattern(r"《[^《》]*》")

# What `notices init` writes for a fact still to supply (【待补：联系电话】, [TODO: e-mail address]). Such a value is
# one thing left to fill: K-UNFILLED reports it in a phone number or other non-prose value, P-PLACEHOLDER in
# prose, and a rule about the value's form (a document number's brackets) has nothing to say until it is filled.
SCAFFOLD_MARK = LazyPattern(
    r"【[^】\n]{0,12}(?:待补|待填|待定)[^】\n]{0,20}】|\[\s*(?:TODO|TBD|TO FILL)\b[^\]\n]*\]|\bTODO\b"
)

Span = tuple[int, int]


def is_han(ch: str) -> bool:
    """A Chinese character (CJK unified ideographs, extension A, compatibility ideographs) or 〇."""
    if len(ch) != 1:
        return False
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
        or ch == "〇"
    )


def is_cjk_punct(ch: str) -> bool:
    """Full-width punctuation: CJK symbols (、。〈〉《》「」【】〔〕…) and full-width forms (，：；！？（）…)."""
    if len(ch) != 1:
        return False
    code = ord(ch)
    return 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF0F or 0xFF1A <= code <= 0xFF20 or ch in "“”‘’…—·"


def is_chinese(ch: str) -> bool:
    return is_han(ch) or is_cjk_punct(ch)


def han_ratio(text: str) -> float:
    """The share of letters that are Chinese characters: tells Chinese text from English text."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if is_han(ch)) / len(letters) if letters else 0.0


def template_spans(text: str) -> list[Span]:
    return [match.span() for match in TEMPLATE.finditer(text)]


def protected_spans(text: str) -> list[Span]:
    """Spans that are not prose: template expressions, URLs, e-mail addresses, domain names.

    A URL's trailing punctuation (", " "." ")") belongs to the sentence around it, not to the URL.
    """
    spans = [m.span() for pattern in (TEMPLATE, _EMAIL, _DOMAIN) for m in pattern.finditer(text)]
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)'":
            end -= 1
        spans.append((match.start(), end))
    return merge(spans)


def merge(spans: Sequence[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def inside(index: int, spans: Sequence[Span]) -> bool:
    """Whether ``index`` falls in one of the sorted, disjoint ``spans``."""
    position = bisect.bisect_right([start for start, _ in spans], index) - 1
    return position >= 0 and spans[position][0] <= index < spans[position][1]


def overlaps(start: int, end: int, spans: Sequence[Span]) -> bool:
    return any(s < end and start < e for s, e in spans)


def book_title_spans(text: str) -> list[Span]:
    """《…》 spans: the title of a document or a law is quoted as it was published, not proofread."""
    return [match.span() for match in _BOOK_TITLE.finditer(text)]
