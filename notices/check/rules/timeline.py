"""P-TIMELINE: ranges run forwards, day counts add up, deadlines are not already past."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.dates import format_cn_date, pair_day_counts
from notices.check.deadlines import is_deadline, is_en_deadline
from notices.check.en_dates import find_en_dates, find_en_ranges
from notices.check.findings import Hit
from notices.check.registry import rule


@rule(
    "P-TIMELINE",
    "error",
    summary="Ranges run forwards, “共N天” equals the span it counts, deadlines are on or after the issue date",
    source="notice-format-rules.md §6 P-TIMELINE, §5 N-HOLIDAY",
    good=[
        "body: [2026年2月15日至23日放假，共9天。]",
        "body: [请于2026年1月20日前确认备货计划。]",
        "deadlines: [{label: 最后下单时间, date: 2026-02-06, time: '17:00'}]",
        "lang: en\nbody: ['Our offices are closed 15–23 February 2026, and from 28 December to 3 January 2027.']",
    ],
    bad=[
        "body: [2026年2月15日至23日放假，共8天。]",
        "body: [2026年2月23日至2026年2月15日放假。]",
        "body: [请于2025年12月20日前确认备货计划。]",
        "deadlines: [{label: 最后下单时间, date: 2025-12-30}]",
        "lang: en\nbody: [Please confirm your plan by 20 December 2025.]",
        "lang: en\nbody: [Our offices are closed from 24 February to 9 February 2026.]",
    ],
)
def timeline(ctx: CheckContext) -> Iterator[Hit]:
    """Errors: a range whose end comes before its start ("2026年2月23日至2026年2月15日", "from 24 February to
    9 February 2026", "23–15 February"; an English range start without a year takes the end's, so "28 December
    to 3 January 2027" runs forwards); a day count that is not the span it sums up ("2月15日至23日…共8天": that
    is 9 days, both ends counted); a deadline before the issue date, whether a value (``deadlines[].date``, or
    a kind's ``order_deadline``, ``reply_by`` …) or in the text ("2026年1月20日前", "截止时间为…",
    "by 20 January 2026"): the reader cannot meet it. A printing date (``printing.date``, 印发) before the
    sign-off date is a warning."""
    issue = ctx.issue_date
    dated = ctx.dated_note
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
                    f"the range “{mention.text}” ends before it starts",
                    fix="swap or correct the dates",
                    offset=end.date_start,
                )
            if is_deadline(field.text, mention):
                last = mention.last
                if last.date is not None and last.date < issue:
                    yield Hit(
                        field.path,
                        f"the deadline {format_cn_date(last.date)} is before the issue date "
                        f"{format_cn_date(issue)}{dated}",
                        fix="correct the deadline (or the sign-off date)",
                        offset=last.date_start,
                    )
        for pair in pair_day_counts(field.text, mentions, ctx.day_counts(field)):
            if pair.matches is False and pair.mention is not None:
                yield Hit(
                    field.path,
                    f"“{pair.count.text}” but “{pair.mention.text}” is {pair.computed_days} days, both ends counted",
                    fix=f"write 共{pair.computed_days}天, or correct the dates",
                    offset=pair.count.start,
                )
        if ctx.lang == "en":
            yield from _english_ranges(field, issue)
            for found in find_en_dates(field.text, issue):
                if found.date is not None and found.date < issue and is_en_deadline(field.text, found.start):
                    yield Hit(
                        field.path,
                        f"the deadline {found.text} is before the issue date {issue:%-d %B %Y}{dated}",
                        fix="correct the deadline (or the sign-off date)",
                        offset=found.start,
                    )
    yield from _structured(ctx, dated)


def _english_ranges(field: TextField, issue: dt.date) -> Iterator[Hit]:
    for date_range in find_en_ranges(field.text, issue):
        start, end = date_range.start.date, date_range.end.date
        if start is not None and end is not None and end < start:
            yield Hit(
                field.path,
                f"the range “{date_range.text}” ends before it starts ({start:%-d %B %Y} to {end:%-d %B %Y})",
                fix="swap or correct the dates",
                offset=date_range.end.start,
            )


def _structured(ctx: CheckContext, dated: str) -> Iterator[Hit]:
    issue = ctx.issue_date
    for path, day in ctx.structured_deadlines():
        if day < issue:
            yield Hit(
                path,
                f"the deadline {ctx.describe(path)} ({format_cn_date(day)}) is before the issue date "
                f"{format_cn_date(issue)}{dated}",
                fix="correct the deadline (or the sign-off date)",
            )
    printing = ctx.spec.printing
    if printing is not None and ctx.spec.sign_off.date is not None and printing.date < ctx.spec.sign_off.date:
        yield Hit(
            ("printing", "date"),
            f"printed ({format_cn_date(printing.date)}) before it was signed ({format_cn_date(ctx.spec.sign_off.date)})",
            fix="the 印发 date is on or after sign_off.date",
            severity="warning",
        )
