"""``deliver``: every rendered notice of a batch to its recipients, each exactly once in effect.

One run: lock the folder; open the ledger; turn rows a killed run left in ``sending`` into ``unknown``; bring
the ledger up to the batch; then hand due messages to the server one recipient at a time, within the rate and
the daily cap, until nothing is due, the server asks to stop, or the cap is reached. A temporary failure waits
(with jittered, doubling backoff kept in the ledger, so it carries over to the next run and the next day); a
run waits for retries that fall due within ``retry.wait`` and otherwise leaves them to the next run.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notices.errors import Location, NoticeError, Problem
from notices.i18n import _
from notices.send.batch import Batch, Recipient, SendInputError, open_batch
from notices.send.config import SendConfig, SendConfigError
from notices.send.ledger import ATTENTION, Delivery, Ledger
from notices.send.lock import FolderLock
from notices.send.message import attachment_stem, build_message, read_attachments
from notices.send.smtp import SmtpFatal, SmtpSession, SmtpTemporary, Transaction

DAY = 86400.0


class SendError(NoticeError):
    """The server or the operator must act before anything more can be sent (CLI exit code 2)."""


@dataclass(frozen=True)
class Outcome:
    """One address's result in this run, for progress reporting."""

    name: str
    row: int
    address: str
    state: str  # accepted, failed, unknown, pending (will be retried)
    reply: str


@dataclass(frozen=True)
class Preview:
    """What a dry run shows for one recipient."""

    name: str
    row: int
    to: tuple[str, ...]
    subject: str
    attachments: tuple[tuple[str, int], ...]  # (file name as sent, bytes)
    state: str  # what the ledger says: new, pending, accepted, …
    problem: str | None = None
    cover: str = ""


@dataclass
class SendReport:
    folder: Path
    counts: dict[str, int]
    attention: list[Delivery]
    outcomes: list[Outcome] = field(default_factory=list)
    stopped: str | None = None  # why the run stopped early (pacing, throttling, server down)
    next_window: float | None = None  # when a re-run can continue
    next_attempt: float | None = None  # the earliest retry still waiting
    previews: list[Preview] = field(default_factory=list)
    events: dict[str, int] = field(default_factory=dict)
    changed: list[Delivery] = field(default_factory=list)  # sent rows whose notice has a newer version

    @property
    def exit_code(self) -> int:
        """0 when every row is accepted or waits; 1 when any is failed, bounced or unknown."""
        if self.previews:
            return 1 if any(p.problem for p in self.previews) else 0
        return 1 if any(self.counts.get(state) for state in ATTENTION) else 0


Progress = Callable[[Outcome], None]


def deliver(
    outdir: str | Path,
    config: SendConfig,
    *,
    dry_run: bool = False,
    only: Sequence[str] = (),
    resend_unknown: bool = False,
    retry_failed: bool = False,
    send_changed: bool = False,
    progress: Progress | None = None,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> SendReport:
    """Send the batch in ``outdir`` as ``config`` says; a report of every row's state.

    ``only`` restricts the run to these recipients (names as in the manifest). ``resend_unknown`` sends the
    ``unknown`` rows again with the same Message-ID, ``retry_failed`` tries ``failed`` and ``bounced`` rows (and webhook events that failed or met a 410)
    again, ``send_changed`` sends the new version of notices that changed after they were sent. Raises
    :class:`SendInputError` (the batch), :class:`SendConfigError` (send.toml, a missing password) or
    :class:`SendError` (the server refuses the login, TLS or the sender).
    """
    folder = Path(outdir)
    batch = open_batch(folder)
    _check_fit(batch, config)
    if dry_run:
        return _dry_run(batch, config, only)
    password = config.smtp.password() if config.smtp else None
    secrets = config.webhook.secrets() if config.webhook else []
    with FolderLock(folder), Ledger(folder, events=_event_types(config), batch=batch.label) as ledger:
        run = _Run(batch, config, ledger, password, secrets, progress, clock, sleep, rng or random.Random())
        return run.go(
            only, resend_unknown=resend_unknown, retry_failed=retry_failed, send_changed=send_changed
        )


def _event_types(config: SendConfig) -> tuple[str, ...]:
    return config.webhook.events if config.webhook else ()


def _check_fit(batch: Batch, config: SendConfig) -> None:
    missing = [fmt for fmt in config.attach if fmt not in batch.manifest.formats]
    if missing:
        raise SendConfigError(
            Problem(
                _("send.toml attaches {items}, but the batch rendered only {items2}").format(
                    items=", ".join(missing), items2=", ".join(batch.manifest.formats)
                ),
                Location(str(config.file)),
                "attach",
                _('run notices batch with --format {items}, or set attach = ["{formats}"]').format(
                    items=",".join(dict.fromkeys([*batch.manifest.formats, *missing])),
                    formats=batch.manifest.formats[0],
                ),
            )
        )
    if config.smtp is not None and batch.manifest.entries and not batch.has_column(config.to_column):
        source = batch.manifest.recipients.get("file", "the recipients file")
        columns = sorted({c for e in batch.manifest.entries for c in (e.data or {})})
        raise SendConfigError(
            Problem(
                _("no row of {source} has a value in the column {to_column!r}").format(
                    source=source, to_column=config.to_column
                ),
                Location(str(config.file)),
                "to_column",
                _("set to_column to the column holding the addresses (columns: {items})").format(
                    items=", ".join(columns)
                ),
            )
        )


def _dry_run(batch: Batch, config: SendConfig, only: Sequence[str]) -> SendReport:
    from notices.send.ledger import LEDGER_NAME

    states: dict[tuple[str, str], str] = {}
    if (batch.folder / LEDGER_NAME).is_file():
        with Ledger(batch.folder) as ledger:
            states = {(d.name, d.address): d.state for d in ledger.deliveries()}
    previews = []
    for recipient in batch.recipients(config):
        if only and recipient.name not in only:
            continue
        if recipient.problem is not None:
            previews.append(
                Preview(recipient.name, recipient.entry.row, (), "", (), "failed", recipient.problem)
            )
            continue
        doc = batch.compose(recipient.entry)
        stem = attachment_stem(doc, recipient.name)
        files = tuple(
            (f"{stem}.{fmt}", (batch.folder / recipient.entry.files[fmt]).stat().st_size)
            for fmt in config.attach
        )
        state = ",".join(sorted({states.get((recipient.name, a), "new") for a in recipient.addresses}))
        cover = ""
        if not previews:
            from notices.send.message import cover_text

            cover = cover_text(doc, batch.notice, [f for f, _ in files])
        to = tuple(
            f"{n} <{a}>" if n else a for n, a in zip(recipient.names, recipient.addresses, strict=True)
        )
        previews.append(
            Preview(recipient.name, recipient.entry.row, to, doc.title, files, state, None, cover)
        )
    return SendReport(batch.folder, {}, [], previews=previews)


class _Run:
    def __init__(
        self,
        batch: Batch,
        config: SendConfig,
        ledger: Ledger,
        password: str | None,
        secrets: list[bytes],
        progress: Progress | None,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
        rng: random.Random,
    ) -> None:
        self.batch = batch
        self.config = config
        self.ledger = ledger
        self.password = password
        self.secrets = secrets
        self.progress = progress
        self.clock = clock
        self.sleep = sleep
        self.rng = rng
        self.recipients: dict[str, Recipient] = {}
        self.report = SendReport(batch.folder, {}, [])
        self.waited = 0.0  # seconds this run spent waiting for retries (bounded by retry.wait)
        self.last_message = 0.0

    def go(
        self, only: Sequence[str], *, resend_unknown: bool, retry_failed: bool, send_changed: bool
    ) -> SendReport:
        now = self.clock()
        self.ledger.recover(now)
        # The rate holds across runs: a re-run straight after a stopped one waits for the gap the last
        # message of that run still owes, rather than sending its first message at once.
        rate = self.config.pacing.rate
        if rate > 0:
            self.last_message = max(self.ledger.sends_since(now - 60.0 / rate), default=0.0)
        self.recipients = {r.name: r for r in self.batch.recipients(self.config)}
        if self.config.smtp is not None:
            self.ledger.sync(self.batch.planned(self.config), now)
        self._reopen(only, resend_unknown, retry_failed, send_changed, now)
        self._check_files(only)
        hooks = self._start_webhooks()
        try:
            if self.config.webhook is not None and self.config.webhook.notice:
                self._queue_documents(only)
                if hooks is not None:
                    hooks.poke()
            if self.config.smtp is not None:
                self._send_all(only, hooks)
        finally:
            if hooks is not None:
                hooks.finish(self.clock() + max(0.0, self.config.retry.wait - self.waited))
        if hooks is not None and hooks.error is not None:
            raise SendError(_("webhook delivery stopped: {error}").format(error=hooks.error))
        return self._finish_report()

    # before sending --------------------------------------------------------------------------------------

    def _reopen(self, only: Sequence[str], unknown: bool, failed: bool, changed: bool, now: float) -> None:
        def chosen(rows: list[Delivery]) -> list[Delivery]:
            return [d for d in rows if not only or d.name in only]

        if unknown:
            rows = chosen(self.ledger.deliveries("state = 'unknown'"))
            stale = [d for d in rows if d.newer_message_id is not None]
            if stale:
                names = ", ".join(sorted({d.name for d in stale}))
                raise SendError(
                    Problem(
                        _(
                            "the notice of {names} changed after it was sent: resending it would not be the same message"
                        ).format(names=names),
                        Location(str(self.batch.folder)),
                        fix=_("use --send-changed to send the new version (a new Message-ID)"),
                    )
                )
            self.ledger.reopen(rows, now)
        if failed:
            self.ledger.reopen_events(now)
            self.ledger.reopen(
                chosen(self.ledger.deliveries("state IN ('failed', 'bounced') AND address != ''")), now
            )
        if changed:
            rows = chosen(self.ledger.deliveries("newer_message_id IS NOT NULL"))
            self.ledger.reopen(rows, now, new_version=True)

    def _check_files(self, only: Sequence[str]) -> None:
        names = {d.name for d in self.ledger.deliveries("state = 'pending'") if not only or d.name in only}
        entries = [self.recipients[n].entry for n in sorted(names) if n in self.recipients]
        if self.config.webhook is not None and self.config.webhook.notice:
            entries = [r.entry for r in self.recipients.values() if r.problem is None]
        changed = self.batch.changed_files(entries, self.config.attach)
        if changed:
            shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
            raise SendInputError(
                Problem(
                    _("{count} file(s) are missing or differ from what the batch wrote: {shown}").format(
                        count=len(changed), shown=shown
                    ),
                    Location(str(self.batch.folder)),
                    fix=_(
                        "run the same notices batch command again; it renders exactly the files that changed"
                    ),
                )
            )

    def _start_webhooks(self) -> Any:
        if self.config.webhook is None:
            return None
        from notices import __version__
        from notices.send.webhooks import WebhookSender

        sender = WebhookSender(
            self.batch.folder,
            self.config.webhook,
            self.secrets,
            clock=self.clock,
            rng=self.rng,
            user_agent=f"notices/{__version__}",
        )
        sender.start()
        return sender

    def _queue_documents(self, only: Sequence[str]) -> None:
        """The notice itself for the ERP: one ``notice.document`` event per recipient and version."""
        for recipient in self.recipients.values():
            if recipient.problem is not None or (only and recipient.name not in only):
                continue
            entry = recipient.entry
            doc = self.batch.compose(entry)
            stem = attachment_stem(doc, recipient.name)
            files = [
                {
                    "format": item.fmt,
                    "filename": item.filename,
                    "sha256": entry.sha256.get(item.fmt),
                    "content_base64": base64.b64encode(item.data).decode("ascii"),
                }
                for item in read_attachments(self.batch.folder, entry.files, self.config.attach, stem)
            ]
            data = {
                "batch": self.batch.label,
                "name": recipient.name,
                "row": entry.row,
                "addresses": list(recipient.addresses),
                "title": doc.title,
                "lang": doc.lang,
                "message_id": recipient.message_id,
                "files": files,
            }
            self.ledger.add_event("notice.document", data, f"document|{recipient.message_id}", self.clock())

    # sending ---------------------------------------------------------------------------------------------

    def _send_all(self, only: Sequence[str], hooks: Any) -> None:
        assert self.config.smtp is not None
        session = SmtpSession(self.config.smtp, self.password)
        try:
            while True:
                now = self.clock()
                if self._paused(now):
                    return
                group = self.ledger.next_group(now, only)
                if not group:
                    if not self._wait_for_retry(now, only):
                        return
                    continue
                if not self._within_cap(group, now):
                    return
                self._pace()
                try:
                    self._send_one(session, group)
                except SmtpTemporary as err:
                    self._server_unavailable(self.ledger.due(now, only), str(err), err.throttled)
                    return
                except SmtpFatal as err:
                    raise SendError(
                        Problem(str(err), Location(str(self.config.file)), "smtp", err.fix)
                    ) from None
                if hooks is not None:
                    hooks.poke()
                if self.report.stopped:
                    return
        finally:
            session.close()

    def _send_one(self, session: SmtpSession, rows: list[Delivery]) -> None:
        recipient = self.recipients[rows[0].name]
        message_id = rows[0].message_id or ""
        entry = recipient.entry
        doc = self.batch.compose(entry)
        attachments = read_attachments(
            self.batch.folder, entry.files, self.config.attach, attachment_stem(doc, recipient.name)
        )
        known = self.ledger.message(message_id)
        date = known[0] if known else email.utils.format_datetime(_local_now(self.clock()))
        names = dict(zip(recipient.addresses, recipient.names, strict=True))
        data = build_message(
            doc=doc,
            notice=self.batch.notice,
            sender=self.config.sender,
            to=[(names.get(a, ""), a) for a in recipient.addresses],
            reply_to=self.config.reply_to,
            message_id=message_id,
            date=date,
            attachments=attachments,
            smtputf8=any(not a.rpartition("@")[0].isascii() for a in recipient.addresses),
        )
        digest = hashlib.sha256(data).hexdigest()
        by_address = {d.address: d for d in rows}

        def before_data(accepted: list[str]) -> None:
            self.ledger.mark_sending(
                [by_address[a] for a in accepted], (message_id, date, digest), self.clock()
            )

        self.last_message = self.clock()
        result = session.send(
            self.config.envelope_sender,
            [d.address for d in rows],
            data,
            envelope_id=message_id.strip("<>").split("@")[0],
            before_data=before_data,
        )
        self._record(rows, result)

    def _record(self, rows: list[Delivery], result: Transaction) -> None:
        now = self.clock()
        pause_until = now + self.config.pacing.pause if result.throttled else 0.0
        results = []
        waits = self._message_waits(rows)
        for row in rows:
            outcome, reply = result.outcomes.get(row.address, ("temporary", "no answer for this address"))
            state = {"permanent": "failed"}.get(outcome, outcome)
            results.append((row, state, reply, waits[(row.name, row.message_id)]))
        gave_up = {
            d.id
            for d in self.ledger.settle(
                results, now, give_up_after=self.config.retry.give_up_after, not_before=pause_until
            )
        }
        for row, state, reply, _extra in results:
            shown = "failed" if row.id in gave_up else "pending" if state == "temporary" else state
            self._tell(Outcome(row.name, row.row, row.address, shown, reply))
        if result.throttled:
            self._pause(
                pause_until,
                _("the server asked to slow down: {throttled}").format(throttled=result.throttled),
            )

    def _server_unavailable(self, due: list[Delivery], reason: str, throttled: bool) -> None:
        """No connection: every due row waits (one backoff per message); the run stops."""
        now = self.clock()
        pause_until = now + self.config.pacing.pause if throttled else 0.0
        waits = self._message_waits(due)
        self.ledger.settle(
            [(row, "temporary", reason, waits[(row.name, row.message_id)]) for row in due],
            now,
            give_up_after=self.config.retry.give_up_after,
            not_before=pause_until,
        )
        if throttled:
            self._pause(pause_until, _("the server asked to slow down: {reason}").format(reason=reason))
        else:
            self.report.stopped = _("the server cannot be reached: {reason}").format(reason=reason)
            self.report.next_window = self.ledger.next_due()

    def _message_waits(self, rows: Sequence[Delivery]) -> dict[tuple[str, str | None], float]:
        """One backoff per message (its recipient and Message-ID), from its most-tried address: the addresses of
        a message fall due together, so the retry is one message again, not one per address."""
        attempts: dict[tuple[str, str | None], int] = {}
        for row in rows:
            key = (row.name, row.message_id)
            attempts[key] = max(attempts.get(key, 0), row.attempts)
        return {key: self._backoff(most) for key, most in attempts.items()}

    def _backoff(self, attempts: int) -> float:
        """Doubling from ``retry.first`` up to ``retry.longest``, each wait between half and all of it."""
        retry = self.config.retry
        wait = min(retry.longest, retry.first * 2.0 ** min(attempts, 30))
        return wait * self.rng.uniform(0.5, 1.0)

    # pacing ----------------------------------------------------------------------------------------------

    def _paused(self, now: float) -> bool:
        until = float(self.ledger.get_meta("paused_until") or 0)
        if until > now:
            self.report.stopped = self.ledger.get_meta("paused_reason") or "paused"
            self.report.next_window = until
            return True
        return False

    def _pause(self, until: float, reason: str) -> None:
        with self.ledger.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('paused_until', ?)", (repr(until),))
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('paused_reason', ?)", (reason,))
        self.report.stopped = reason
        self.report.next_window = until

    def _within_cap(self, group: list[Delivery], now: float) -> bool:
        cap = self.config.pacing.daily_cap
        if cap is None:
            return True
        recent = self.ledger.sends_since(now - DAY)
        if len(recent) + len(group) <= cap or not recent:
            return True
        # the window reopens when enough of the last 24 hours' sends have aged out
        must_expire = len(recent) + min(len(group), cap) - cap
        self.report.stopped = _(
            "the daily cap of {cap} addresses is reached ({count} in the last 24 hours)"
        ).format(cap=cap, count=len(recent))
        self.report.next_window = recent[must_expire - 1] + DAY
        return False

    def _pace(self) -> None:
        rate = self.config.pacing.rate
        if rate > 0 and self.last_message:
            gap = self.last_message + 60.0 / rate - self.clock()
            if gap > 0:
                self.sleep(gap)

    def _wait_for_retry(self, now: float, only: Sequence[str]) -> bool:
        upcoming = self.ledger.next_pending(only)
        if upcoming is None:
            return False
        gap = max(0.0, upcoming - now)
        if self.waited + gap > self.config.retry.wait:
            return False
        self.sleep(gap)
        self.waited += gap
        return True

    # the end ---------------------------------------------------------------------------------------------

    def _tell(self, outcome: Outcome) -> None:
        self.report.outcomes.append(outcome)
        if self.progress is not None:
            self.progress(outcome)

    def _finish_report(self) -> SendReport:
        report = self.report
        report.counts = self.ledger.counts()
        report.attention = self.ledger.deliveries("state IN ('failed', 'unknown', 'bounced')")
        report.next_attempt = self.ledger.next_due()
        report.events = self.ledger.event_counts()
        report.changed = self.ledger.deliveries("newer_message_id IS NOT NULL")
        return report


def _local_now(moment: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(moment).astimezone()
