"""K-MEETING: a meeting ends after it starts, replies are due before it, and it is not already past."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.kind_dates import before_issue, cn, on_public_holiday, unstated
from notices.check.registry import rule
from notices.i18n import _
from notices.kinds.meeting.facts import MeetingFacts


def _example(
    when: str = "date: 2026-03-19\n  start: '9:00'\n  end: '12:00'", reply_by: str = "2026-03-10"
) -> str:
    return (
        f"kind: meeting\nmeeting:\n  name: 2026年度经销商大会\n  {when}\n  place: 恒信大厦三楼多功能厅\n"
        f"  attendees: [各经销商负责人]\n  agenda: [销售政策发布]\n  reply_by: {reply_by}\n"
    )


@rule(
    "K-MEETING",
    "error",
    summary="A meeting ends after it starts, replies are due before it, and it is not before the notice",
    source="《党政机关公文处理工作条例》第八条 (通知); 国务院办公厅 部分节假日安排 (meeting and reply dates)",
    good=[_example(), _example("date: 2026-03-19\n  start: '9:00'\n  end_date: 2026-03-20\n  end: '8:00'")],
    bad=[
        _example("date: 2026-03-19\n  start: '14:00'\n  end: '12:00'"),
        _example("date: 2026-03-19\n  start: '9:00'\n  end_date: 2026-03-18"),
        _example(reply_by="2026-03-20"),
        _example(reply_by="2026-01-02"),
        _example("date: 2025-12-19\n  start: '9:00'", reply_by="2025-12-10"),
        _example("date: 2026-01-07\n  start: '9:00'\n  due: [{what: 授权委托书, before: 3天}]", "2026-01-06"),
        _example("date: 2026-02-25\n  start: '9:00'\n  due: [{what: 授权委托书, before: 2 weeks}]"),
    ],
    kinds=("meeting",),
)
def meeting_times(ctx: CheckContext) -> Iterator[Hit]:
    """Errors: the meeting ends before it starts (end time on its only day, or end_date before date); the
    reply is due after the meeting; the reply date, a deadline set relative to the meeting (``due: [{what,
    before: 48 hours}]``, counted back from the start; days and weeks from the date) or the meeting itself is
    before the notice's own date. Warnings: a meeting, a reply date or a relative deadline on a public
    holiday, a check-in after the meeting starts. What the
    notice leaves out (place, time, attendees) is K-MEETING-FACTS's."""
    facts = ctx.spec.facts
    if not isinstance(facts, MeetingFacts):
        return
    last_day = facts.end_date or facts.date
    if last_day < facts.date:
        yield Hit(
            ("meeting", "end_date"),
            _("the meeting ends ({last_day}) before it starts ({date})").format(
                last_day=cn(last_day), date=cn(facts.date)
            ),
            fix=_("correct end_date"),
        )
    elif (
        facts.end is not None
        and facts.start is not None
        and dt.datetime.combine(last_day, facts.end) <= dt.datetime.combine(facts.date, facts.start)
    ):
        yield Hit(
            ("meeting", "end"),
            _("the meeting ends at {end:%H:%M}, not after it starts at {start:%H:%M}").format(
                end=facts.end, start=facts.start
            ),
            fix=_("correct start or end"),
        )
    if facts.registration is not None and facts.registration.date > facts.date:
        yield Hit(
            ("meeting", "registration", "date"),
            _("check-in ({date}) is after the meeting starts ({date2})").format(
                date=cn(facts.registration.date), date2=cn(facts.date)
            ),
            fix=_("correct the check-in date"),
            severity="warning",
        )
    yield from before_issue(ctx, ("meeting", "date"), facts.date, _("the meeting"))
    yield from on_public_holiday(("meeting", "date"), facts.date, _("the meeting"))
    for index, item in enumerate(facts.due):
        # "48 hours before the meeting" is a day the reader must meet like any dated deadline.
        day, _at = item.moment(facts)
        what = _("the deadline for “{what}”").format(what=item.what)
        yield from before_issue(ctx, ("meeting", "due", index, "before"), day, what)
        yield from on_public_holiday(("meeting", "due", index, "before"), day, what)
    if facts.reply_by is None:
        return
    if facts.reply_by > facts.date:
        yield Hit(
            ("meeting", "reply_by"),
            _("replies are due {reply_by}, after the meeting ({date})").format(
                reply_by=cn(facts.reply_by), date=cn(facts.date)
            ),
            fix=_("set reply_by before the meeting"),
        )
    yield from before_issue(ctx, ("meeting", "reply_by"), facts.reply_by, _("the reply date"))
    yield from on_public_holiday(("meeting", "reply_by"), facts.reply_by, _("the reply date"))


@rule(
    "K-MEETING-FACTS",
    "warning",
    summary="A meeting notice says where and when the meeting starts and who should attend",
    source="《党政机关公文处理工作条例》第八条 (通知); GB/T 9704-2012 §7.3.3 (正文)",
    good=_example(),
    bad="kind: meeting\nmeeting:\n  name: 2026年度经销商大会\n  date: 2026-03-19\n",
    kinds=("meeting",),
)
def meeting_facts(ctx: CheckContext) -> Iterator[Hit]:
    """Warnings, one per fact an attendee cannot plan without and the notice leaves out: the starting time,
    the place (or how to join online) and who should attend. Nothing is printed in their place."""
    facts = ctx.spec.facts
    if not isinstance(facts, MeetingFacts):
        return
    if facts.start is None:
        yield unstated("meeting", "start", _("attendees need the time the meeting begins"))
    if facts.place is None and facts.online is None:
        yield unstated("meeting", "place", _("attendees need to know where to go, or how to join online"))
    if not facts.attendees:
        yield unstated("meeting", "attendees", _("readers need to know whether they are expected to attend"))
