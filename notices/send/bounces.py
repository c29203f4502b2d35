"""Bounces: the reports that come back when a server that accepted a notice later fails to deliver it.

A bounce is read from an mbox file or a Maildir folder (where the bounce address's mail is kept). Standard
delivery status notifications (RFC 3464: ``multipart/report; report-type=delivery-status``) give, per
recipient, ``Action``, ``Status`` (5.1.1) and ``Diagnostic-Code``, and identify the message by the envelope id
we sent with the DSN extension (``ENVID``) or by the returned headers' ``Message-ID``. Reports that are not
standard (plain text from older servers) are matched by a Message-ID of this batch found in their text and
an address of that message, with the first status code in the text.

Only ``Action: failed`` marks a row ``bounced``; ``delayed`` is counted and left alone. Reading the same
mailbox again changes nothing: a bounced row stays as it is.
"""

from __future__ import annotations

import email.message
import mailbox
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from notices.errors import Location, Problem
from notices.i18n import _
from notices.send.batch import SendInputError
from notices.send.config import SendConfig
from notices.send.ledger import LEDGER_NAME, Delivery, Ledger
from notices.send.lock import FolderLock

_MESSAGE_ID = re.compile(r"<([0-9a-f]{40})@[^<>\s]+>")
_STATUS = re.compile(r"\b([45]\.\d{1,3}\.\d{1,3})\b")


@dataclass(frozen=True)
class Bounce:
    """One recipient's failure as a report states it."""

    key: str  # the 40-hex part of our Message-ID (also our ENVID)
    address: str
    action: str
    status: str
    diagnostic: str


@dataclass
class BounceReport:
    read: int = 0  # messages read from the mailbox
    marked: list[tuple[str, str, str]] = field(default_factory=list)  # (name, address, status)
    already: int = 0  # rows already bounced
    delayed: int = 0  # reports of a delay only
    unmatched: int = 0  # reports about no row of this batch


def read_bounces(
    outdir: str | Path,
    source: str | Path,
    config: SendConfig | None = None,
    *,
    clock: Callable[[], float] = time.time,
) -> BounceReport:
    """Mark the rows of ``outdir`` that the bounces in ``source`` (mbox file or Maildir) report failed.

    With a ``config`` whose webhook wants ``notice.bounced``, the events are queued and posted.
    """
    folder = Path(outdir)
    path = Path(source)
    if not (folder / LEDGER_NAME).is_file():
        raise SendInputError(
            Problem(
                _("nothing has been sent from {folder} yet (no {LEDGER_NAME})").format(
                    folder=folder, LEDGER_NAME=LEDGER_NAME
                ),
                Location(str(folder)),
            )
        )
    if not path.exists():
        raise SendInputError(
            Problem(
                _("no such mailbox: {path}").format(path=path),
                Location(str(path)),
                fix=_("give an mbox file or a Maildir"),
            )
        )
    report = BounceReport()
    events = config.webhook.events if config and config.webhook else ()
    with FolderLock(folder), Ledger(folder, events=events) as ledger:
        rows: dict[str, list[Delivery]] = {}
        for row in ledger.deliveries("message_id IS NOT NULL"):
            match = _MESSAGE_ID.fullmatch(row.message_id or "")
            if match:
                rows.setdefault(match.group(1), []).append(row)
        for message in _messages(path):
            report.read += 1
            for bounce in parse_bounce(message, set(rows)):
                _apply(ledger, rows.get(bounce.key, []), bounce, report, clock())
        if config is not None and config.webhook is not None and ledger.next_event_due() is not None:
            from notices.send.webhooks import WebhookSender

            sender = WebhookSender(folder, config.webhook, config.webhook.secrets(), clock=clock)
            sender.start()
            sender.finish(clock() + config.retry.wait)
    return report


def _apply(ledger: Ledger, rows: list[Delivery], bounce: Bounce, report: BounceReport, now: float) -> None:
    if bounce.action == "delayed":
        report.delayed += 1
        return
    if bounce.action != "failed":
        return
    matching = [r for r in rows if r.address.lower() == bounce.address.lower()]
    if not matching:
        report.unmatched += 1
        return
    for row in matching:
        fresh = ledger.delivery(row.id)
        if fresh.state == "bounced":
            report.already += 1
        elif fresh.state in ("accepted", "unknown"):
            ledger.mark_bounced(fresh, bounce.status, bounce.diagnostic or f"bounced: {bounce.status}", now)
            report.marked.append((fresh.name, fresh.address, bounce.status))


def _messages(path: Path) -> Iterator[email.message.Message]:
    if path.is_dir():
        if not (path / "cur").is_dir() and not (path / "new").is_dir():
            raise SendInputError(
                Problem(
                    _("{path} is a folder but not a Maildir (no cur/ or new/)").format(path=path),
                    Location(str(path)),
                )
            )
        box: mailbox.Mailbox[mailbox.MaildirMessage] | mailbox.Mailbox[mailbox.mboxMessage] = mailbox.Maildir(
            path, create=False
        )
    else:
        box = mailbox.mbox(path, create=False)
    try:
        for key in box.iterkeys():
            try:
                yield box[key]
            except (OSError, ValueError, UnicodeError):
                continue  # one unreadable message must not hide the others
    finally:
        box.close()


def parse_bounce(message: email.message.Message, keys: set[str]) -> list[Bounce]:
    """The per-recipient failures a bounce reports, for messages whose key is in ``keys``."""
    if message.get_content_type() == "multipart/report":
        found = _standard(message, keys)
        if found:
            return found
    return _plain(message, keys)


def _standard(message: email.message.Message, keys: set[str]) -> list[Bounce]:
    status_part = next((p for p in message.walk() if p.get_content_type() == "message/delivery-status"), None)
    if status_part is None:
        return []
    payload = status_part.get_payload()
    blocks = [b for b in payload if isinstance(b, email.message.Message)] if isinstance(payload, list) else []
    if not blocks:
        return []
    key = _key_of(str(blocks[0].get("Original-Envelope-Id", "")), keys) or _returned_key(message, keys)
    if key is None:
        return []
    found = []
    for block in blocks[1:]:
        address = _address(block.get("Original-Recipient")) or _address(block.get("Final-Recipient"))
        if not address:
            continue
        status = str(block.get("Status", "")).strip()
        match = _STATUS.search(status)
        found.append(
            Bounce(
                key=key,
                address=address,
                action=str(block.get("Action", "")).strip().lower(),
                status=match.group(1) if match else status or "5.0.0",
                diagnostic=" ".join(str(block.get("Diagnostic-Code", "")).split()),
            )
        )
    return found


def _returned_key(message: email.message.Message, keys: set[str]) -> str | None:
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "text/rfc822-headers":
            payload = part.get_payload(decode=True)
            text = (
                payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(part.get_payload())
            )
            key = _key_of(text, keys)
        elif kind == "message/rfc822":
            inner = part.get_payload()
            inner_message = inner[0] if isinstance(inner, list) and inner else None
            if not isinstance(inner_message, email.message.Message):
                continue
            key = (
                _key_of(str(inner_message.get("Message-ID", "")), keys) if inner_message is not None else None
            )
        else:
            continue
        if key:
            return key
    return None


def _plain(message: email.message.Message, keys: set[str]) -> list[Bounce]:
    text = _all_text(message)
    key = _key_of(text, keys)
    if key is None:
        return []
    status = _STATUS.search(text)
    addresses = sorted(set(re.findall(r"[^\s<>()\"',;:]+@[^\s<>()\"',;:]+\.[A-Za-z]{2,}", text)))
    code = status.group(1) if status else "5.0.0"
    line = next((ln.strip() for ln in text.splitlines() if status and status.group(1) in ln), "")
    return [Bounce(key, address, "failed", code, line) for address in addresses]


def _all_text(message: email.message.Message) -> str:
    parts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                parts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
    return "\n".join(parts)


def _key_of(text: str, keys: set[str]) -> str | None:
    for match in re.finditer(r"[0-9a-f]{40}", text):
        if match.group() in keys:
            return match.group()
    return None


def _address(value: object) -> str:
    if not value:
        return ""
    text = str(value).split(";", 1)[-1].strip()
    return text.strip("<>")
