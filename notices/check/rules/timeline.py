"""P-TIMELINE: ranges run forwards, day counts add up, deadlines are not already past."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.dates import DateMention, format_cn_date, pair_day_counts, time_range_end
from notices.check.deadlines import is_deadline, is_en_deadline
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.en_dates import find_en_dates, find_en_ranges
from notices.i18n import _
from notices.patterns import LazyPattern


@rule(
    "P-TIMELINE",
    "error",
    summary="Ranges run forwards, “共N天” equals the span it counts, deadlines are on or after the issue date",
    source="GB/T 15834-2011 §4.13 (连接号: 起止); 国务院办公厅 部分节假日安排 (共N天 counts both ends)",
    good=[
        "body: [2026年2月15日至23日放假，共9天。]",
        "body: [请于2026年1月20日前确认备货计划。]",
        "deadlines: [{label: 最后下单时间, date: 2026-02-06, time: '17:00'}]",
        "lang: en\nbody: ['Our offices are closed 15–23 February 2026, and from 28 December to 3 January 2027.']",
        "body: [停水时间：2026年7月29日23:00至次日06:00；7月30日00:00至03:00。]",
    ],
    bad=[
        "body: [2026年2月15日至23日放假，共8天。]",
        "body: [2026年2月23日至2026年2月15日放假。]",
        "body: [请于2025年12月20日前确认备货计划。]",
        "deadlines: [{label: 最后下单时间, date: 2025-12-30}]",
        "lang: en\nbody: [Please confirm your plan by 20 December 2025.]",
        "lang: en\nbody: [Our offices are closed from 24 February to 9 February 2026.]",
        "body: [2026年2月15日至2月24日放假，2月24日恢复正常发货。]",
        "lang: en\nbody: [We are closed from 15 to 24 February 2026 and back to work on 24 February 2026.]",
        "body: [停水时间：2026年7月30日08:00至06:00。]",
        "body: [系统升级时间：2026年7月29日23:00至7月29日04:00。]",
    ],
)
def timeline(ctx: CheckContext) -> Iterator[Hit]:
    """Errors: a range whose end comes before its start ("2026年2月23日至2026年2月15日", "from 24 February to
    9 February 2026", "23–15 February"; an English range start without a year takes the end's, so "28 December
    to 3 January 2027" runs forwards); a day count that is not the span it sums up ("2月15日至23日…共8天": that
    is 9 days, both ends counted); a deadline before the issue date, whether a value (``deadlines[].date``, or
    a kind's ``order_deadline``, ``reply_by`` …) or in the text ("2026年1月20日前", "截止时间为…",
    "by 20 January 2026"): the reader cannot meet it; work or shipping resuming on a day of the break the same
    text announces ("1月31日-2月7日期间只接单不发货，2月7日恢复正常发货", "closed from 19 January to 3 February
    … back to work on 3 February"): one of the two dates is wrong. A window of hours (停水, 停电, 系统升级) that
    ends before it starts on the same day ("7月29日23:00至7月29日04:00") is an error; one whose end is a bare
    time earlier than its start ("7月29日23:00至04:00") is a warning: it runs past midnight, and the notice
    must say so (至次日04:00, 至7月30日04:00), since a reader cannot tell which night is meant. A printing date (``printing.date``, 印发) before the
    sign-off date is a warning."""
    issue = ctx.issue_date
    dated = ctx.dated_note
    # "Already past" needs a day of issue: the first day of the month when only the month is known; nothing
    # when the notice states no date.
    past_before = ctx.issue_first or dt.date.min
    for field in ctx.iter_texts():
        mentions = ctx.dates(field)
        for mention in mentions:
            end = mention.range_end
            if (
                end is not None
                and mention.date is not None
                and end.date is not None
                and end.date < mention.date
            ):
                yield Hit(
                    field.path,
                    _("the range “{text}” ends before it starts").format(text=mention.text),
                    fix=_("swap or correct the dates"),
                    offset=end.date_start,
                )
            if is_deadline(field.text, mention):
                last = mention.last
                if last.date is not None and last.date < past_before:
                    yield Hit(
                        field.path,
                        _("the deadline {date} is before the issue date {issue}{dated}").format(
                            date=format_cn_date(last.date), issue=ctx.issue_text, dated=dated
                        ),
                        fix=_("correct the deadline (or the sign-off date)"),
                        offset=last.date_start,
                    )
        for pair in pair_day_counts(field.text, mentions, ctx.day_counts(field)):
            if pair.matches is False and pair.mention is not None:
                yield Hit(
                    field.path,
                    _("“{text}” but “{text2}” is {computed_days} days, both ends counted").format(
                        text=pair.count.text, text2=pair.mention.text, computed_days=pair.computed_days
                    ),
                    fix=_("write {text}, or correct the dates").format(
                        text=_recounted(pair.count.text, pair.computed_days)
                    ),
                    offset=pair.count.start,
                )
        yield from _hours_backwards(field, mentions)
        yield from _resumes_inside_break(field, mentions)
        if ctx.lang == "en" or not any("\u4e00" <= ch <= "\u9fff" for ch in field.text):
            yield from _english_resumes(field, issue)
        if ctx.lang == "en":
            yield from _english_ranges(field, issue)
            for found in find_en_dates(field.text, issue):
                if (
                    found.date is not None
                    and found.date < past_before
                    and is_en_deadline(field.text, found.start)
                ):
                    yield Hit(
                        field.path,
                        _("the deadline {text} is before the issue date {issue:%-d %B %Y}{dated}").format(
                            text=found.text, issue=issue, dated=dated
                        ),
                        fix=_("correct the deadline (or the sign-off date)"),
                        offset=found.start,
                    )
    yield from _structured(ctx, dated)


def _hours_backwards(field: TextField, mentions: tuple[DateMention, ...]) -> Iterator[Hit]:
    """ "7月29日23:00至7月29日04:00" runs backwards; "7月29日23:00至04:00" runs into a day it does not name."""
    for mention in mentions:
        end = mention.range_end
        if end is not None:
            if (
                mention.date is not None
                and mention.date == end.date
                and mention.time is not None
                and end.time is not None
                and end.time < mention.time
            ):
                yield Hit(
                    field.path,
                    _("the range “{text}” ends before it starts").format(text=mention.text),
                    fix=_("swap or correct the times"),
                    offset=end.date_start,
                )
            continue
        bare = time_range_end(field.text, mention)
        if bare is None or bare.next_day or mention.time is None or not bare.time < mention.time:
            continue
        yield Hit(
            field.path,
            _(
                "“{text}” ends at {end:%H:%M}, before it starts at {start:%H:%M}: the end is on another day"
            ).format(text=field.text[mention.start : bare.end], end=bare.time, start=mention.time),
            fix=_("name the day it ends (至次日{end:%H:%M}, or its date), or correct the times").format(
                end=bare.time
            ),
            offset=bare.start,
            severity="warning",
        )


# A break (days off, shipping stopped) and what resumes after it; the two must be about the same thing:
# "2月15日至23日停止发货，2月20日恢复接单" stops one activity and resumes another.
_BREAK = LazyPattern(
    r"放假|休假|休息|停工|停产|歇业|(?:停止|暂停|停|不)(?P<what>发货|发运|接单|营业|运营|揽收|派送|办公)"
)
_RESUME_AFTER = LazyPattern(
    r"[^。；;，,！!？?]{0,4}?(?:起|开始)?"
    r"(?:(?P<work>正常上班|正式上班|上班|复工|开工|开门营业|正常营业|正常办公)"
    r"|恢复(?:正常)?(?P<what>发货|发运|接单|营业|运营|揽收|派送|办公|上班|工作)?)"
)
_WORK = frozenset({"营业", "运营", "办公", "上班", "工作"})
_EN_BREAK = LazyPattern(
    r"\b(?:clos(?:ed|e|ing|ure)|holidays?|off|shut|suspend(?:ed)?|break|vacation)\b", re.I
)
_EN_RESUME_BEFORE = LazyPattern(
    r"\b(?:resum\w*|back to work|return\w*|reopen\w*|restart\w*|re-open\w*)\b[^.;!?]{0,40}\Z", re.I
)
_SENTENCE = LazyPattern(r"[^。！？!?\n]+")


def _resumes_inside_break(field: TextField, mentions: tuple[DateMention, ...]) -> Iterator[Hit]:
    """ "1月31日-2月7日期间只接单不发货，2月7日恢复正常发货": work cannot resume on a day of the break."""
    text = field.text
    breaks: list[tuple[DateMention, str]] = []
    for mention in mentions:
        found = _sentence_match(text, mention.start, _BREAK) if mention.range_end is not None else None
        if found is not None:
            breaks.append((mention, found["what"] or "工作"))  # 放假: everything stops
    for mention in mentions:
        if mention.range_end is not None or mention.date is None:
            continue
        resumed = _RESUME_AFTER.match(text, mention.end)
        if resumed is None:
            continue
        what = "工作" if resumed["work"] else resumed["what"] or "工作"
        for gap, stopped in breaks:
            if not (stopped == "工作" or what == stopped or (what in _WORK and stopped in _WORK)):
                continue
            first, last = gap.date, gap.last.date
            if (
                first is not None
                and last is not None
                and first <= mention.date <= last
                and gap.start < mention.start
            ):
                yield Hit(
                    field.path,
                    _("work resumes on {date}, a day of the break “{text}”").format(
                        date=format_cn_date(mention.date), text=gap.text
                    ),
                    fix=_("the break ends the day before work resumes: correct one of the two dates"),
                    offset=mention.date_start,
                )
                break


def _english_resumes(field: TextField, issue: dt.date) -> Iterator[Hit]:
    """The holiday from 19th January to 3rd February, back to work on 3rd February: the same mistake."""
    text = field.text
    breaks = [
        r
        for r in find_en_ranges(text, issue)
        if r.start.date is not None
        and r.end.date is not None
        and _sentence_has(text, r.start.start, _EN_BREAK)
    ]
    for found in find_en_dates(text, issue):
        if found.date is None or found.range_part is not None:
            continue
        if not _EN_RESUME_BEFORE.search(text, max(0, found.start - 60), found.start):
            continue
        for gap in breaks:
            assert gap.start.date is not None and gap.end.date is not None
            if gap.start.date <= found.date <= gap.end.date and gap.end.end <= found.start:
                yield Hit(
                    field.path,
                    _("work resumes on {date:%-d %B %Y}, a day of the break “{text}”").format(
                        date=found.date, text=gap.text
                    ),
                    fix=_("the break ends the day before work resumes: correct one of the two dates"),
                    offset=found.start,
                )
                break


def _sentence_match(text: str, index: int, words: LazyPattern) -> re.Match[str] | None:
    for sentence in _SENTENCE.finditer(text):
        if sentence.start() <= index < sentence.end():
            return words.search(sentence.group())
    return None


def _sentence_has(text: str, index: int, words: LazyPattern) -> bool:
    return _sentence_match(text, index, words) is not None


def _english_ranges(field: TextField, issue: dt.date) -> Iterator[Hit]:
    for date_range in find_en_ranges(field.text, issue):
        start, end = date_range.start.date, date_range.end.date
        if start is not None and end is not None and end < start:
            yield Hit(
                field.path,
                _("the range “{text}” ends before it starts ({start:%-d %B %Y} to {end:%-d %B %Y})").format(
                    text=date_range.text, start=start, end=end
                ),
                fix=_("swap or correct the dates"),
                offset=date_range.end.start,
            )


def _structured(ctx: CheckContext, dated: str) -> Iterator[Hit]:
    past_before = ctx.issue_first or dt.date.min
    for path, day in ctx.structured_deadlines():
        if day < past_before:
            yield Hit(
                path,
                _("the deadline {path} ({day}) is before the issue date {issue}{dated}").format(
                    path=ctx.describe(path), day=format_cn_date(day), issue=ctx.issue_text, dated=dated
                ),
                fix=_("correct the deadline (or the sign-off date)"),
            )
    printing = ctx.spec.printing
    signed = ctx.spec.sign_off.day
    if printing is not None and signed is not None and printing.date < signed:
        yield Hit(
            ("printing", "date"),
            _("printed ({date}) before it was signed ({date2})").format(
                date=format_cn_date(printing.date), date2=format_cn_date(signed)
            ),
            fix=_("the 印发 date is on or after sign_off.date"),
            severity="warning",
        )


def _recounted(written: str, days: int | None) -> str:
    """ "共放假14天" with the right number: the writer's wording kept ("共放假15天", "共计9天")."""
    return re.sub(r"\d{1,3}|[一二三四五六七八九十两]+(?=个?(?:自然日|天|日))", str(days), written, count=1)
