"""K-INCIDENT: an incident's times run forwards, and its status agrees with its resolution."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.kind_dates import cn, unstated
from notices.check.registry import rule
from notices.i18n import _
from notices.kinds.facts import Moment, exact
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
    date; a resolution while the status says the incident is still open (set status: resolved). Times given
    in words (``4月8日晚间``) are printed as written and not compared. The first notice, its updates and the
    resolution are separate specs sharing ``incident.number``."""
    facts = ctx.spec.facts
    if not isinstance(facts, IncidentFacts):
        return
    started = exact(facts.started)
    if started is not None and ctx.issue_last is not None and started.date > ctx.issue_last:
        yield Hit(
            ("incident", "started"),
            _("the incident starts {started}, after the notice's date {issue_date}").format(
                started=_when(started), issue_date=ctx.issue_text
            ),
            fix=_("correct started (or sign_off.date)"),
        )
    update_at = exact(facts.update.at) if facts.update is not None else None
    if update_at is not None and started is not None and update_at.at < started.at:
        yield Hit(
            ("incident", "update", "at"),
            _("the update ({update_at}) is before the incident started ({started})").format(
                update_at=_when(update_at), started=_when(started)
            ),
            fix=_("correct the time"),
        )
    next_update = exact(facts.next_update)
    latest = update_at or started
    if next_update is not None and latest is not None and next_update.at <= latest.at:
        what = _("this update") if update_at is not None else _("the incident started")
        yield Hit(
            ("incident", "next_update"),
            _("the next update ({next_update}) is not after {what} ({latest})").format(
                next_update=_when(next_update), what=what, latest=_when(latest)
            ),
            fix=_("give a later time for the next update"),
        )
    if facts.resolution is not None:
        resolved = exact(facts.resolution.resolved_at)
        if resolved is not None and started is not None and resolved.at < started.at:
            yield Hit(
                ("incident", "resolution", "resolved_at"),
                _("resolved ({resolved}) before it started ({started})").format(
                    resolved=_when(resolved), started=_when(started)
                ),
                fix=_("correct the time"),
            )
        if facts.status != "resolved":
            yield Hit(
                ("incident", "status"),
                _("the status is {status}, but the notice gives a resolution").format(status=facts.status),
                fix=_("set status: resolved, or remove resolution:"),
            )


@rule(
    "K-INCIDENT-FACTS",
    "warning",
    summary="An open incident's notice says when the next update comes and whom to contact",
    source="ITIL 4 Incident management (regular status updates to affected users)",
    good=[_example(), _example("resolved", "", _RESOLUTION)],
    bad=[
        _example(times=""),
        "kind: incident\nincident:\n  summary: 无法登录\n  status: resolved\nsign_off: {date: 2026-04-08}\n",
    ],
    kinds=("incident",),
)
def incident_facts(ctx: CheckContext) -> Iterator[Hit]:
    """Warnings, one per fact the notice leaves out and readers rely on: while the incident is open, when the
    next update comes and whom to contact; once it is resolved, when it was resolved and why it happened.
    Nothing is printed in their place."""
    facts = ctx.spec.facts
    if not isinstance(facts, IncidentFacts):
        return
    if facts.status != "resolved":
        if facts.next_update is None:
            yield unstated(
                "incident",
                "next_update",
                _("customers waiting on the service need to know when they will hear more"),
            )
        if facts.contact is None:
            yield unstated("incident", "contact", _("customers who cannot work need someone to ask"))
        return
    resolution = facts.resolution
    if resolution is None or resolution.resolved_at is None:
        yield unstated(
            "incident",
            "resolution.resolved_at",
            _("customers check their own records against the time of recovery"),
        )
    if resolution is None or resolution.cause is None:
        yield unstated(
            "incident", "resolution.cause", _("customers judge whether it can happen again from the cause")
        )
