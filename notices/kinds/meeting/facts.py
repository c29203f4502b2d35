"""The facts of a meeting notice (会议通知): the spec's ``meeting:`` section.

Only the meeting's name and date are required: a notice about a meeting cannot exist without them. A place, an
attendee list, an agenda or a reply date that the notice does not state is left out of the text, and
K-MEETING-FACTS warns. A reply slip (回执) and a proxy form (授权委托书) are printed as fill-in attachments.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from notices.formatting import cn_date, en_date
from notices.i18n import _
from notices.patterns import LazyPattern
from notices.spec.types import Date, SpecModel, TimeOfDay

FILL = "＿" * 16  # a blank to write in, as printed Chinese forms leave it
FILL_EN = "_" * 24  # the same in an English form: half-width, as EN-HALFWIDTH asks

REPLY_FIELDS = {
    "zh": ("单位名称", "参会人员姓名", "职务", "联系电话"),
    "en": ("Company", "Name(s) of attendee(s)", "Position", "Telephone"),
}


class Registration(SpecModel):
    """报到: the day (and place) attendees check in, when it is not the meeting's own start."""

    date: Date
    start: TimeOfDay | None = None
    end: TimeOfDay | None = None
    place: str | None = None


class ReplySlip(SpecModel):
    """参会回执: the form attendees return. With ``fields`` it is printed as a fill-in attachment; with a title
    alone it is only named (the writer's own form, e.g. 会议报名表, goes out with the notice)."""

    title: str | None = Field(None, description="Default 参会回执 / Reply slip")
    fields: list[str] = Field(
        default_factory=list,
        description="Lines to fill in; reply_slip: true prints 单位名称, 参会人员姓名, 职务, 联系电话",
    )


class ProxyForm(SpecModel):
    """授权委托书: a fill-in form for a member who sends someone in their place."""

    title: str | None = Field(None, description="Default 授权委托书 / Proxy form")
    powers: str | None = Field(
        None, description="What the proxy may do, e.g. 代为行使表决权 / vote on my behalf"
    )


_BEFORE = LazyPattern(
    r"^\s*(?:会前)?\s*(\d{1,4})\s*(hours?|hrs?|h|小时|个小时|days?|d|天|日|weeks?|周)\s*(?:before(?: the meeting)?)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Lead:
    """How long before the meeting: a count of hours, days or weeks, kept as the notice writes it."""

    count: int
    unit: Literal["hours", "days", "weeks"]

    @property
    def delta(self) -> dt.timedelta:
        return dt.timedelta(**{self.unit: self.count})


def _lead(value: Any) -> Any:
    if isinstance(value, Lead):
        return value
    match = _BEFORE.match(str(value)) if isinstance(value, str) else None
    if match is None:
        raise ValueError(
            _("{value!r} is not a time before the meeting; write e.g. 48 hours, 3 days, 会前3天").format(
                value=value
            )
        )
    count, unit = int(match.group(1)), match.group(2).lower()
    if count <= 0:
        raise ValueError(_("{value!r}: a time before the meeting is more than zero").format(value=value))
    if unit[0] in "h小个":
        return Lead(count, "hours")
    if unit[0] in "w周":
        return Lead(count, "weeks")
    return Lead(count, "days")


class DueBeforeMeeting(SpecModel):
    """A deadline the notice gives relative to the meeting ("48 hours before the meeting", "会前3天"): printed
    as written, with the day (and time) it works out to when ``show_date`` is set, and checked on that day."""

    what: str = Field(description="What is due, e.g. Proxy forms / 授权委托书")
    before: Annotated[
        Lead,
        BeforeValidator(_lead),
        WithJsonSchema({"type": "string", "examples": ["48 hours", "3 days", "1 week", "会前3天"]}),
    ] = Field(description="How long before the meeting: 48 hours, 3 days, 2 weeks (or 48小时, 3天)")
    to: str | None = Field(None, description="Where it goes: a person, an address, an e-mail")
    show_date: bool = Field(False, description="Print the day (and time) it works out to after the phrase")

    def moment(self, meeting: MeetingFacts) -> tuple[dt.date, dt.time | None]:
        """The last moment: hours count back from the meeting's start; days and weeks from its date."""
        if self.before.unit == "hours" and meeting.start is not None:  # MeetingFacts refuses it without one
            at = dt.datetime.combine(meeting.date, meeting.start) - self.before.delta
            return at.date(), at.time()
        return meeting.date - self.before.delta, None


class MeetingFacts(SpecModel):
    """会议通知: name, time, place, attendees, agenda and what attendees must do (N-MEETING)."""

    name: str = Field(description="The meeting's name")
    date: Date
    start: TimeOfDay | None = None
    end: TimeOfDay | None = None
    end_date: Date | None = Field(None, description="Last day of a meeting over several days")
    registration: Registration | None = Field(None, description="报到: check-in day, time and place")
    place: str | None = Field(None, description="Where; for an online meeting, the platform")
    online: str | None = Field(None, description="Joining details for remote attendees")
    host: str | None = Field(None, description="Who holds the meeting")
    attendees: list[str] = Field(default_factory=list)
    agenda: list[str] = Field(default_factory=list)
    reply_by: Date | None = Field(None, description="Reply (confirm attendance) by")
    reply_to: str | None = Field(None, description="Where replies go: a person, e-mail or phone")
    reply_slip: ReplySlip | Literal[True] | None = Field(
        None, description="true, or {title, fields}: a reply slip (回执) printed as an attachment"
    )
    proxy_form: ProxyForm | Literal[True] | None = Field(
        None, description="true, or {title, powers}: a proxy form (授权委托书) printed as an attachment"
    )
    due: list[DueBeforeMeeting] = Field(
        default_factory=list,
        description="Deadlines relative to the meeting: [{what, before: 48 hours, to, show_date}]",
    )
    bring: list[str] = Field(default_factory=list, description="What to bring")
    notes: list[str] = Field(default_factory=list, description="Other requirements, one sentence each")
    time_zone: str | None = Field(None, description="Printed after times in English, e.g. Beijing time")

    @model_validator(mode="after")
    def _hours_need_a_start(self) -> MeetingFacts:
        for item in self.due:
            if item.before.unit == "hours" and self.start is None:
                raise ValueError(
                    _(
                        "due: {what} is due {count} hours before the meeting, which has no start time; "
                        "give meeting.start, or count in days"
                    ).format(what=item.what, count=item.before.count)
                )
        return self

    def reply_form(self, lang: str) -> str | None:
        """The name of the form attendees return, when the notice names or prints one."""
        if self.reply_slip is None:
            return None
        title = self.reply_slip.title if isinstance(self.reply_slip, ReplySlip) else None
        return title or ("参会回执" if lang == "zh" else "reply slip")

    @property
    def reply_form_printed(self) -> bool:
        slip = self.reply_slip
        return slip is True or (isinstance(slip, ReplySlip) and bool(slip.fields))

    def forms(self, lang: str, locale: str = "en_GB") -> list[tuple[str, list[str]]]:
        """The fill-in attachments (title, paragraphs) this meeting's notice carries, reply slip first."""
        out: list[tuple[str, list[str]]] = []
        if self.reply_slip is not None and self.reply_form_printed:
            slip = self.reply_slip if isinstance(self.reply_slip, ReplySlip) else ReplySlip()
            title = slip.title or ("参会回执" if lang == "zh" else "Reply slip")
            fields = slip.fields or list(REPLY_FIELDS[lang])
            colon, blank = ("：", FILL) if lang == "zh" else (": ", FILL_EN)
            lines = [f"{field}{colon}{blank}" for field in fields]
            if self.reply_by is not None:
                lines.append(
                    f"请于{cn_date(self.reply_by)}前回复。"
                    if lang == "zh"
                    else f"Please return this slip by {en_date(self.reply_by, locale)}."
                )
            out.append((title, lines))
        if self.proxy_form is not None:
            form = self.proxy_form if isinstance(self.proxy_form, ProxyForm) else ProxyForm()
            day = cn_date(self.date)
            if lang == "zh":
                powers = f"，{form.powers.rstrip('。')}" if form.powers else ""
                lines = [
                    f"兹委托{FILL}（身份证号码：{FILL}）代表本单位出席{day}召开的{self.name}{powers}。",
                    f"委托单位（盖章）：{FILL}",
                    f"法定代表人（签字）：{FILL}",
                    "日期：＿＿＿＿年＿＿月＿＿日",
                ]
                out.append((form.title or "授权委托书", lines))
            else:
                powers = form.powers or "attend and act on our behalf"
                lines = [
                    f"We, {FILL_EN}, appoint {FILL_EN} as our proxy to {powers.rstrip('.')} at {self.name} on "
                    f"{en_date(self.date, locale)}.",
                    f"Signature and company stamp: {FILL_EN}",
                    f"Date: {FILL_EN}",
                ]
                out.append((form.title or "Proxy form", lines))
        return out
