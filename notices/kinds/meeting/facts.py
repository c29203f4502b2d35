"""The facts of a meeting notice (会议通知): the spec's ``meeting:`` section.

Only the meeting's name and date are required: a notice about a meeting cannot exist without them. A place, an
attendee list, an agenda or a reply date that the notice does not state is left out of the text, and
K-MEETING-FACTS warns. A reply slip (回执) and a proxy form (授权委托书) are printed as fill-in attachments.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from notices.formatting import cn_date, en_date
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
    bring: list[str] = Field(default_factory=list, description="What to bring")
    notes: list[str] = Field(default_factory=list, description="Other requirements, one sentence each")
    time_zone: str | None = Field(None, description="Printed after times in English, e.g. Beijing time")

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
