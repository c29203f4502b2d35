"""P-HOLIDAY: a deadline that falls on a Chinese public holiday."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from notices.check.calendar import (
    adjusted_workdays,
    holiday_break,
    is_adjusted_workday,
    is_statutory_day,
    official_schedule_known,
)
from notices.check.context import CheckContext, TextField
from notices.check.dates import DateMention, format_cn_date
from notices.check.deadlines import is_deadline, is_en_deadline
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.en_dates import find_en_dates
from notices.i18n import N_, _
from notices.patterns import LazyPattern
from notices.reader.source import PathKey


@rule(
    "P-HOLIDAY",
    "warning",
    summary="A deadline falls on a Chinese public holiday; a day called a working day (上班) is one",
    source="国务院办公厅 部分节假日安排 (yearly, e.g. 国办发明电〔2025〕7号); 《全国年节及纪念日放假办法》第二条",
    good=[
        "deadlines: [{label: 最后下单时间, date: 2026-02-06, time: '17:00'}]",
        "body: [请于2026年2月14日（星期六）17:00前提交订单。]",
    ],
    bad=[
        "deadlines: [{label: 最后下单时间, date: 2026-02-17}]",
        "body: [请于2026年10月3日前提交订单。]",
        "sign_off: {date: 2025-12-01}\nbody: [最后下单时间为1月1日17:00前。]",
        "sign_off: {date: 2025-12-01}\nbody: [春节2月15日至23日放假，2月14日（星期六）、2月21日（星期六）上班。]",
    ],
)
def holiday_deadline(ctx: CheckContext) -> Iterator[Hit]:
    """An order deadline on a public holiday cannot be met by a customer whose own office is closed, and
    nobody is there to take the order. The break is the State Council's for the years the installed
    ``holidays`` package carries (the weekends joined to it included, the adjusted working days
    (调休上班) excluded); for other years only the statutory days themselves (春节 from 除夕 to 初三).
    Deadlines are ``deadlines[].date``, dates whose key says so (``order_deadline``, ``reply_by``), and dates
    in the text followed by 前 / 截止 or led by 截止时间为 / 最迟 / 请于 / "by".

    A day the text says is a working day ("9月23日（星期六）、10月7日（星期六）上班", "2月17日为调休上班日")
    is checked against the same schedule, for the years it is known: a day inside the break, or a Saturday
    or Sunday that is none of the adjusted working days, is a warning that names the real ones. The day a
    company reopens right after the break it states itself may be a weekday the official break rests on (its
    own shorter break), but not a statutory holiday day."""
    for path, day in ctx.structured_deadlines():
        yield from _on_holiday(path, None, day, _("the deadline {path}").format(path=ctx.describe(path)))
    for field in ctx.iter_texts():
        for mention in ctx.dates(field):
            if is_deadline(field.text, mention) and mention.last.date is not None:
                yield from _on_holiday(
                    field.path, mention.last.date_start, mention.last.date, _("the deadline")
                )
        if ctx.lang == "en":
            for found in find_en_dates(field.text, ctx.issue_date):
                if found.date is not None and is_en_deadline(field.text, found.start):
                    yield from _on_holiday(field.path, found.start, found.date, _("the deadline"))
        yield from _stated_working_days(field, ctx.dates(field), ctx.years_in_doubt(field))


# "9月23日（星期六）、10月7日（星期六）上班", "2月4日和2月17日为调休上班日": the dates of a clause that says 上班.
_CLAUSE = LazyPattern(r"[^。；;，,！!？?\n]+")
_WORKING = LazyPattern(r"(?:调休|照常|正常|正式)?(?:上班|补班)")


def _stated_working_days(
    field: TextField, mentions: tuple[DateMention, ...], doubt: frozenset[int]
) -> Iterator[Hit]:
    """A day the text calls a working day is one: not inside the State Council's break, and, when it is a
    weekend day, one of the schedule's adjusted working days (调休上班). A year the paragraph's own weekdays
    contradict is left to P-WEEKDAY: which of the date and the weekday is wrong cannot be told."""
    text = field.text
    for clause in _CLAUSE.finditer(text):
        working = _WORKING.search(clause.group())
        if working is None:
            continue
        said_at = clause.start() + working.start()
        for mention in mentions:
            day = mention.date
            if day is None or mention.range_end is not None or day.year in doubt:
                continue
            if not (clause.start() <= mention.start and mention.end <= said_at):
                continue
            if not official_schedule_known(day.year) or is_adjusted_workday(day):
                continue
            found = holiday_break(day)
            if found is not None and _returns_after_own_break(day, mentions):
                continue
            if found is not None:
                span = f"{format_cn_date(found.first)}–{format_cn_date(found.last)}"
                yield Hit(
                    field.path,
                    _(
                        "{day} is said to be a working day, but it falls in the {name} holiday ({span})"
                    ).format(day=format_cn_date(day), name=found.name, span=span),
                    fix=_("check the date against the State Council's schedule for the year"),
                    offset=mention.date_start,
                )
            elif day.weekday() >= 5:
                workdays = "、".join(
                    format_cn_date(d) for d in adjusted_workdays(day.year) if abs((d - day).days) <= 45
                )
                yield Hit(
                    field.path,
                    (
                        _(
                            "{day} is a {weekday} and not an adjusted working day (调休上班) of the State "
                            "Council's {year} schedule; those near it: {workdays}"
                        )
                        if workdays
                        else _(
                            "{day} is a {weekday} and not an adjusted working day (调休上班) of the State "
                            "Council's {year} schedule"
                        )
                    ).format(
                        day=format_cn_date(day), weekday=weekday_name(day), year=day.year, workdays=workdays
                    ),
                    fix=_("check the date against the State Council's schedule for the year"),
                    offset=mention.date_start,
                )


def _returns_after_own_break(day: dt.date, mentions: tuple[DateMention, ...]) -> bool:
    """The paragraph states its own break ending the day before ("10月1日至10月7日，共7天，10月8日上班"): the
    company reopens on a weekday the State Council's break gives as a moved weekend, which it may choose (its
    staff then rest on another day). A statutory holiday day is never such a choice, and a Saturday or Sunday
    called a working day claims to be an adjusted one (调休上班), which the schedule decides."""
    if is_statutory_day(day) or day.weekday() >= 5:
        return False
    return any(
        mention.range_end is not None and mention.last.date == day - dt.timedelta(days=1)
        for mention in mentions
    )


_WEEKDAY_NAMES = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)


def weekday_name(day: dt.date) -> str:
    """The day of the week in the reader's language (星期六 for a Chinese reader, Saturday otherwise)."""
    return _(_WEEKDAY_NAMES[day.weekday()])


def _on_holiday(path: PathKey, offset: int | None, day: dt.date, what: str) -> Iterator[Hit]:
    if is_adjusted_workday(day):
        return
    found = holiday_break(day)
    if found is None:
        return
    span = f"{format_cn_date(found.first)}–{format_cn_date(found.last)}"
    yield Hit(
        path,
        _("{what} {day} falls in the {name} holiday ({span})").format(
            what=what, day=format_cn_date(day), name=found.name, span=span
        ),
        fix=_("move it to the last working day before {first}").format(first=format_cn_date(found.first)),
        offset=offset,
    )
