"""Which dates in a text are deadlines: "2月6日17:00前", "截止时间为2月6日", "最迟于2月6日", "by 6 February"."""

from __future__ import annotations

import re

from notices.check.dates import DateMention
from notices.patterns import LazyPattern

_AFTER = LazyPattern(r"[ \t]*(?:之前|以前|前|截止|为止)")
_BEFORE = LazyPattern(
    r"(?:截止|最晚|最迟|不晚于|务必于|须于|需于|请于|最后[\u4e00-\u9fff]{0,4}(?:时间|日期))"
    r"(?:时间|日期)?(?:为|是|定为|：|:)?[ \t]*(?:于|在)?[ \t]*\Z"
)
_EN_BEFORE = LazyPattern(
    r"\b(?:by|before|no later than|not later than|deadline(?: is)?:?|until)\s+(?:\d{1,2}:\d{2}\s+(?:\([^)]*\)\s+)?on\s+)?\Z",
    re.I,
)
_LOOKBACK = 16


def is_deadline(text: str, mention: DateMention) -> bool:
    """A date the reader must act by: followed by 前 / 截止 / 为止, or led by 截止时间为 / 最迟 / 请于 …

    "截至2026年1月20日" ("as of") is not a deadline; neither is "2月9日起" (a start).
    """
    after = text[mention.end :]
    if _AFTER.match(after):
        return True
    before = text[max(0, mention.start - _LOOKBACK) : mention.start]
    return bool(_BEFORE.search(before))


# "orders can't be delivered until 5 October", "we will not ship until …": a negated "until" names when
# something starts, not a day to act by.
_NOT_UNTIL = LazyPattern(
    r"(?:\b(?:not|cannot|never|nothing|none|no\s+\w+)\b|n't\b)[^.;:!?]{0,60}\buntil\s+(?:\d{1,2}:\d{2}\s+on\s+)?\Z",
    re.I,
)


def is_en_deadline(text: str, start: int) -> bool:
    """An English date led by "by", "before", "no later than", "deadline:", "until" (not after a negation:
    "can't be delivered until 5 October" is when delivery starts)."""
    before = text[max(0, start - 100) : start]
    if not _EN_BEFORE.search(before[-40:]):
        return False
    return not _NOT_UNTIL.search(before)
