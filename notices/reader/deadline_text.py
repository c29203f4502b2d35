"""A deadline typed as a sentence (``deadlines: 9月25日前提交备货订单``), answered with its rewrite.

A deadline is printed from its parts (``提交备货订单：2026年9月25日（星期五）前。``), so a sentence cannot be
printed as one; the writer is shown the parts their own sentence gives, to paste. The year is never guessed:
a sentence without one is shown with the year to fill in.
"""

from __future__ import annotations

from notices.i18n import _
from notices.patterns import LazyPattern

_DAY = LazyPattern(
    r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]"
    r"|(?P<iso_year>\d{4})[-/.](?P<iso_month>\d{1,2})[-/.](?P<iso_day>\d{1,2})"
)
_TIME = LazyPattern(r"(?P<hour>[01]?\d|2[0-3])\s*[:：]\s*(?P<minute>[0-5]\d)")
# The words that tie the day to the sentence ("请于 … 前", "截至 … 止"), taken out with the day.
_AROUND_DAY = LazyPattern(
    r"(?:请|务必|须|需)?(?:于|在|截止到|截止|截至|至|到|\s+by|\s+before|\s+until)?\s*\x00\s*(?:之前|以前|前|为止|止)?"
)


def deadline_rewrite(text: str) -> str | None:
    """``{label: …, date: …}`` written from ``text``, or None when it holds no day."""
    found = _DAY.search(text)
    if found is None:
        return None
    year = found["year"] or found["iso_year"]
    month = int(found["month"] or found["iso_month"])
    day = int(found["day"] or found["iso_day"])
    rest = text[: found.start()] + "\x00" + text[found.end() :]
    time = _TIME.search(rest)
    if time:
        rest = rest[: time.start()] + rest[time.end() :]
    label = _AROUND_DAY.sub("", rest).strip(" ，,、：:。.；;！!") or "…"
    date = (
        f"{year}-{month:02d}-{day:02d}"
        if year
        else _("<year>-{month:02d}-{day:02d}").format(month=month, day=day)
    )
    parts = [f"label: {label}", f"date: {date}"]
    if time:
        parts.append(f"time: '{int(time['hour']):02d}:{time['minute']}'")
    return "{" + ", ".join(parts) + "}"
