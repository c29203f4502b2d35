"""K-INCIDENT: an incident's times run forwards, and its status agrees with its resolution."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.kind_dates import cn
from notices.check.registry import rule
from notices.kinds.facts import Moment
from notices.kinds.incident.facts import IncidentFacts


def _example(
    status: str = "investigating", times: str = "  next_update: 2026-04-08 12:00\n", extra: str = ""
) -> str:
    return (
        "kind: incident\nincident:\n  number: INC-2026-0042\n  summary: 无法登录\n  services: [订货平台]\n"
        "  customers: 全部经销商\n  impact: 无法在线下单\n  started: 2026-04-08 09:20\n"
        f"  status: {status}\n{times}  contact: {{name: 客服中心, phone: 400-820-1688}}\n{extra}"
        "sign_off: {date: 2026-04-08}\n"
    )


_RESOLUTION = "  resolution: {resolved_at: 2026-04-08 14:10, cause: 证书过期, fix: 更换证书}\n"
_UPDATE = "  update: {sequence: 1, at: 2026-04-08 12:00, changes: [已查明原因]}\n"


def _when(moment: Moment) -> str:
    return f"{cn(moment.date)} {moment.time:%H:%M}"


@rule(
    "K-INCIDENT",
    "error",
    summary="An incident's start, updates, next update and resolution run forwards; its status fits",
    source="ITIL 4 Incident management (status updates, resolution); the order of the stated times",
    good=[
        _example(),
        _example("identified", "  next_update: 2026-04-08 15:00\n", _UPDATE),
        _example("resolved", "", _RESOLUTION),
    ],
    bad=[
        _example(times="  next_update: 2026-04-08 09:00\n"),
        _example("identified", "  next_update: 2026-04-08 11:00\n", _UPDATE),
        _example(extra=_RESOLUTION),
        _example(
            "resolved", "", "  resolution: {resolved_at: 2026-04-07 14:10, cause: 证书过期, fix: 更换证书}\n"
        ),
        _example(times="  next_update: 2026-04-09 12:00\n", extra="").replace(
            "started: 2026-04-08", "started: 2026-04-09"
        ),
    ],
    kinds=("incident",),
)
def incident_timeline(ctx: CheckContext) -> Iterator[Hit]:
    """Errors: the next update is not after the incident started, or not after the update this notice is;
    an update or a resolution before the incident started; an incident that starts after the notice's own
    date; a resolution while the status says the incident is still open (set status: resolved). The first
    notice, its updates and the resolution are separate specs sharing ``incident.number``."""
    facts = ctx.spec.facts
    if not isinstance(facts, IncidentFacts):
        return
    started = facts.started.at
    if facts.started.date > ctx.issue_date:
        yield Hit(
            ("incident", "started"),
            f"the incident starts {_when(facts.started)}, after the notice's date {cn(ctx.issue_date)}",
            fix="correct started (or sign_off.date)",
        )
    if facts.update is not None and facts.update.at.at < started:
        yield Hit(
            ("incident", "update", "at"),
            f"the update ({_when(facts.update.at)}) is before the incident started ({_when(facts.started)})",
            fix="correct the time",
        )
    if facts.next_update is not None:
        latest = facts.update.at if facts.update is not None else facts.started
        if facts.next_update.at <= latest.at:
            what = "this update" if facts.update is not None else "the incident started"
            yield Hit(
                ("incident", "next_update"),
                f"the next update ({_when(facts.next_update)}) is not after {what} ({_when(latest)})",
                fix="give a later time for the next update",
            )
    if facts.resolution is not None:
        if facts.resolution.resolved_at.at < started:
            yield Hit(
                ("incident", "resolution", "resolved_at"),
                f"resolved ({_when(facts.resolution.resolved_at)}) before it started ({_when(facts.started)})",
                fix="correct the time",
            )
        if facts.status != "resolved":
            yield Hit(
                ("incident", "status"),
                f"the status is {facts.status}, but the notice gives a resolution",
                fix="set status: resolved, or remove resolution:",
            )
