"""``notices send --status``: what the ledger says, from the ledger alone (no send.toml, no network)."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from notices.errors import Location, Problem
from notices.i18n import _
from notices.send.batch import SendInputError
from notices.send.ledger import LEDGER_NAME, Delivery, Ledger
from notices.send.runner import SendReport

STATE_ORDER = ("accepted", "pending", "sending", "unknown", "failed", "bounced", "dropped")


def status(outdir: str | Path, *, clock: Any = time.time) -> SendReport:
    """Counts per state, the rows that need attention, and when sending can go on."""
    folder = Path(outdir)
    if not (folder / LEDGER_NAME).is_file():
        raise SendInputError(
            Problem(
                _("nothing has been sent from {folder} yet (no {LEDGER_NAME})").format(
                    folder=folder, LEDGER_NAME=LEDGER_NAME
                ),
                Location(str(folder)),
                fix=_("run notices send {folder} --config send.toml").format(folder=folder),
            )
        )
    with Ledger(folder, read_only=True) as ledger:
        report = SendReport(
            folder, ledger.counts(), ledger.deliveries("state IN ('failed', 'unknown', 'bounced')")
        )
        report.next_attempt = ledger.next_due()
        report.events = ledger.event_counts()
        report.changed = ledger.deliveries("newer_message_id IS NOT NULL")
        until = float(ledger.get_meta("paused_until") or 0)
        if until > clock():
            report.stopped = ledger.get_meta("paused_reason")
            report.next_window = until
        gone = ledger.get_meta("webhook_gone")
        if gone:
            report.events["endpoint_gone"] = 1
    return report


def when(moment: float | None) -> str | None:
    """A moment as local ISO 8601 with its offset, to the second."""
    if moment is None:
        return None
    return dt.datetime.fromtimestamp(moment).astimezone().isoformat(timespec="seconds")


def delivery_json(row: Delivery) -> dict[str, Any]:
    return {
        "name": row.name,
        "row": row.row,
        "address": row.address,
        "state": row.state,
        "reply": row.last_reply,
        "status_code": row.status_code,
        "message_id": row.message_id,
        "sha256": row.sha256,
        "attempts": row.attempts,
        "updated": when(row.updated),
    }


def report_json(report: SendReport) -> dict[str, Any]:
    counts = {state: report.counts.get(state, 0) for state in STATE_ORDER if report.counts.get(state)}
    return {
        "folder": str(report.folder),
        "counts": counts,
        "total": sum(report.counts.values()),
        "attention": [delivery_json(d) for d in report.attention],
        "changed": [
            {
                "name": d.name,
                "row": d.row,
                "address": d.address,
                "state": d.state,
                "new_message_id": d.newer_message_id,
            }
            for d in report.changed
        ],
        "next_attempt": when(report.next_attempt),
        "stopped": report.stopped,
        "next_window": when(report.next_window),
        "webhook_events": report.events,
        "exit_code": report.exit_code,
    }
