"""The send ledger: ``DIR/send.sqlite`` beside the batch's manifest, the one record of what went where.

One row per recipient and channel (for e-mail, per address): its state, attempts, next attempt, the server's
last reply, the Message-ID and the SHA-256 of the bytes sent. SQLite in WAL mode with ``synchronous=FULL``:
a state change is on disk when its transaction commits, so the ledger can be trusted after ``kill -9`` or a
power cut. The order of commits is what makes a send exactly-once in effect:

* ``sending`` is committed *before* the DATA command goes out, and the reply's outcome right after it comes.
  A row found in ``sending`` when a run starts was cut off between the two: the server may or may not hold
  the message, so it becomes ``unknown`` and is never sent again on its own.
* A webhook event is written in the same transaction as the state change it reports (an outbox), so an event
  is never lost and never invented.

States: ``pending`` (to send; ``next_attempt`` says when), ``sending``, ``accepted`` (2xx after the message),
``failed`` (5xx, a refusal, or temporary failures for longer than ``give_up_after``; ``last_reply`` says why),
``unknown``, ``bounced`` (a bounce came back; ``status_code``), ``dropped`` (the batch no longer holds this
address or recipient; never sent).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notices.i18n import _

LEDGER_NAME = "send.sqlite"
SCHEMA_VERSION = 1
STATES = ("pending", "sending", "accepted", "failed", "unknown", "bounced", "dropped")
FINAL = ("accepted", "failed", "unknown", "bounced")
ATTENTION = ("failed", "unknown", "bounced")
EVENT_OF_STATE = {
    "accepted": "notice.sent",
    "failed": "notice.failed",
    "unknown": "notice.unknown",
    "bounced": "notice.bounced",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,            -- the recipient's name in the batch (its files' stem)
    row INTEGER NOT NULL,          -- the row in the recipients file
    channel TEXT NOT NULL,         -- 'email'
    address TEXT NOT NULL,         -- '' when the row has no usable address (state failed)
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    transmissions INTEGER NOT NULL DEFAULT 0,   -- times the message itself went out (DATA)
    next_attempt REAL,
    first_failure REAL,
    last_reply TEXT,
    status_code TEXT,
    message_id TEXT,
    sha256 TEXT,
    newer_message_id TEXT,         -- the notice changed after this row was sent: the new version's id
    updated REAL NOT NULL,
    UNIQUE (name, channel, address)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_attempt);
CREATE TABLE IF NOT EXISTS messages (
    message_id TEXT PRIMARY KEY,
    date TEXT NOT NULL,            -- the Date header, fixed when first built: a retry is byte-identical
    sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sends (at REAL NOT NULL, delivery INTEGER NOT NULL);  -- the daily cap's log
CREATE INDEX IF NOT EXISTS sends_at ON sends (at);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,       -- webhook-id: the same on every retry
    type TEXT NOT NULL,
    delivery INTEGER,
    payload TEXT NOT NULL,         -- the exact body posted, fixed when the event happened
    state TEXT NOT NULL,           -- pending, delivered, failed, gone
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt REAL NOT NULL,
    last_reply TEXT,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS events_due ON events (state, next_attempt);
"""


class LedgerError(Exception):
    """The ledger file cannot be opened or was written by a newer notices."""


@dataclass(frozen=True)
class Delivery:
    id: int
    name: str
    row: int
    channel: str
    address: str
    state: str
    attempts: int
    transmissions: int
    next_attempt: float | None
    first_failure: float | None
    last_reply: str | None
    status_code: str | None
    message_id: str | None
    sha256: str | None
    newer_message_id: str | None
    updated: float


@dataclass(frozen=True)
class Planned:
    """What the batch wants delivered to one address now (``address`` '' with ``problem`` for none)."""

    name: str
    row: int
    address: str
    message_id: str | None
    problem: str | None = None


@dataclass(frozen=True)
class Event:
    seq: int
    id: str
    type: str
    payload: str
    attempts: int
    next_attempt: float


class Ledger:
    """Open (or create) the ledger of a batch folder. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self, folder: Path, *, events: Iterable[str] = (), batch: str = "", read_only: bool = False
    ) -> None:
        """``read_only``: for ``--status`` and other readers beside a running send; nothing is created or
        migrated, and a write raises."""
        self.path = Path(folder) / LEDGER_NAME
        self.events = frozenset(events)  # the event types a webhook wants; written to the outbox
        self.batch = batch
        try:
            if read_only:
                self.db = sqlite3.connect(
                    f"{self.path.resolve().as_uri()}?mode=ro",
                    uri=True,
                    isolation_level=None,
                    timeout=30.0,
                    check_same_thread=False,
                )
                self.db.row_factory = sqlite3.Row
                self.db.execute("PRAGMA busy_timeout=30000")
                self._refuse_newer()
                if self.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                    self.ledger_id = self.get_meta("ledger_id") or ""
                    return
                self.db.close()  # an older ledger is brought up to date first, as a send would
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self._refuse_newer()
            self.db.execute("PRAGMA busy_timeout=30000")
            self.db.executescript(_SCHEMA)  # idempotent: every statement is CREATE … IF NOT EXISTS
            with self.transaction() as db:
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                db.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('ledger_id', ?)", (secrets.token_hex(8),)
                )
        except sqlite3.DatabaseError as err:
            raise LedgerError(
                _("cannot open the send ledger {path}: {err}").format(path=self.path, err=err)
            ) from None
        self.ledger_id = self.get_meta("ledger_id") or ""

    def _refuse_newer(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise LedgerError(
                _("{path} was written by a newer notices (ledger version {version})").format(
                    path=self.path, version=version
                )
            )

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic, durable step: BEGIN IMMEDIATE … COMMIT (or ROLLBACK on any exception)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # meta ------------------------------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            _set_meta(db, key, value)

    # reading ---------------------------------------------------------------------------------------------

    def deliveries(self, where: str = "1", params: Sequence[Any] = ()) -> list[Delivery]:
        rows = self.db.execute(f"SELECT * FROM deliveries WHERE {where} ORDER BY row, name, id", params)
        return [Delivery(**dict(r)) for r in rows]

    def delivery(self, delivery_id: int) -> Delivery:
        return self.deliveries("id = ?", (delivery_id,))[0]

    def counts(self) -> dict[str, int]:
        rows = self.db.execute("SELECT state, count(*) FROM deliveries GROUP BY state")
        return {str(state): int(n) for state, n in rows}

    def next_due(self) -> float | None:
        row = self.db.execute(
            "SELECT min(coalesce(next_attempt, 0)) FROM deliveries WHERE state = 'pending'"
        ).fetchone()
        return None if row[0] is None else float(row[0])

    def due(self, now: float, only: Sequence[str] = ()) -> list[Delivery]:
        """Pending rows whose time has come, in row order (``only``: of these recipients)."""
        where, params = _only("state = 'pending' AND coalesce(next_attempt, 0) <= ?", [now], only)
        return self.deliveries(where, params)

    def next_group(self, now: float, only: Sequence[str] = ()) -> list[Delivery]:
        """The due rows of the first recipient that has any (its addresses that share one message)."""
        where, params = _only("state = 'pending' AND coalesce(next_attempt, 0) <= ?", [now], only)
        first = self.db.execute(
            f"SELECT name, message_id FROM deliveries WHERE {where} ORDER BY row, name, id LIMIT 1", params
        ).fetchone()
        if first is None:
            return []
        return self.deliveries(
            "state = 'pending' AND coalesce(next_attempt, 0) <= ? AND name = ? AND message_id IS ?",
            (now, first["name"], first["message_id"]),
        )

    def next_pending(self, only: Sequence[str] = ()) -> float | None:
        """When the earliest pending row (of ``only``) falls due; None when nothing is pending."""
        where, params = _only("state = 'pending'", [], only)
        row = self.db.execute(
            f"SELECT min(coalesce(next_attempt, 0)) FROM deliveries WHERE {where}", params
        ).fetchone()
        return None if row[0] is None else float(row[0])

    def message(self, message_id: str) -> tuple[str, str] | None:
        row = self.db.execute(
            "SELECT date, sha256 FROM messages WHERE message_id = ?", (message_id,)
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def sends_since(self, since: float) -> list[float]:
        return [
            float(r[0]) for r in self.db.execute("SELECT at FROM sends WHERE at > ? ORDER BY at", (since,))
        ]

    # the batch -------------------------------------------------------------------------------------------

    def sync(self, planned: Iterable[Planned], now: float) -> None:
        """Bring the ledger up to the batch: new rows pending, changed notices noted, vanished rows dropped."""
        wanted: set[tuple[str, str]] = set()
        with self.transaction() as db:
            existing = {(d.name, d.address): d for d in self.deliveries("channel = 'email'")}
            for plan in planned:
                key = (plan.name, plan.address)
                wanted.add(key)
                old = existing.get(key)
                if plan.problem is not None:
                    if old is None:
                        cursor = db.execute(
                            "INSERT INTO deliveries (name, row, channel, address, state, updated) "
                            "VALUES (?, ?, 'email', '', 'pending', ?)",
                            (plan.name, plan.row, now),
                        )
                        old = self._fresh_id(db, int(cursor.lastrowid or 0))
                    if old.last_reply != plan.problem or old.state != "failed":
                        db.execute("UPDATE deliveries SET row = ? WHERE id = ?", (plan.row, old.id))
                        self._set_state(db, old, "failed", plan.problem, now)  # an ERP hears of it too
                    continue
                if old is None:
                    db.execute(
                        "INSERT INTO deliveries (name, row, channel, address, state, message_id, updated) "
                        "VALUES (?, ?, 'email', ?, 'pending', ?, ?)",
                        (plan.name, plan.row, plan.address, plan.message_id, now),
                    )
                elif old.message_id == plan.message_id:
                    if old.state == "dropped":
                        db.execute(
                            "UPDATE deliveries SET state = 'pending', next_attempt = NULL, updated = ? WHERE id = ?",
                            (now, old.id),
                        )
                    elif old.newer_message_id is not None or old.row != plan.row:
                        db.execute(
                            "UPDATE deliveries SET newer_message_id = NULL, row = ? WHERE id = ?",
                            (plan.row, old.id),
                        )
                elif old.state in ("pending", "dropped"):
                    # nothing of the old version reached the server: the new one simply takes its place
                    db.execute(
                        "UPDATE deliveries SET state = 'pending', message_id = ?, sha256 = NULL, row = ?, "
                        "newer_message_id = NULL, updated = ? WHERE id = ?",
                        (plan.message_id, plan.row, now, old.id),
                    )
                elif old.newer_message_id != plan.message_id:
                    db.execute(
                        "UPDATE deliveries SET newer_message_id = ?, row = ? WHERE id = ?",
                        (plan.message_id, plan.row, old.id),
                    )
            for key, old in existing.items():
                if key not in wanted and old.state in ("pending", "failed"):
                    db.execute(
                        "UPDATE deliveries SET state = 'dropped', updated = ? WHERE id = ?", (now, old.id)
                    )

    def recover(self, now: float) -> list[Delivery]:
        """Rows a killed run left in ``sending`` become ``unknown``: the server may hold their message."""
        cut = self.deliveries("state = 'sending'")
        if cut:
            reason = (
                "the run stopped after the message was handed to the server and before its reply was "
                "recorded (killed, or the machine went down): it may have been delivered"
            )
            with self.transaction() as db:
                for row in cut:
                    db.execute("UPDATE deliveries SET attempts = attempts + 1 WHERE id = ?", (row.id,))
                    self._set_state(db, self._fresh(db, row), "unknown", reason, now)
        return cut

    # state changes ---------------------------------------------------------------------------------------

    def mark_sending(self, rows: Sequence[Delivery], message: tuple[str, str, str], now: float) -> None:
        """Committed before DATA: from here until the reply is recorded these rows are in doubt.

        ``message`` is (Message-ID, Date header, SHA-256 of the bytes): kept so a retry sends the same bytes.
        """
        message_id, date, sha256 = message
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO messages (message_id, date, sha256) VALUES (?, ?, ?)",
                (message_id, date, sha256),
            )
            for row in rows:
                db.execute(
                    "UPDATE deliveries SET state = 'sending', sha256 = ?, transmissions = transmissions + 1, "
                    "updated = ? WHERE id = ? AND state = 'pending'",
                    (sha256, now, row.id),
                )
                db.execute("INSERT INTO sends (at, delivery) VALUES (?, ?)", (now, row.id))

    def settle(
        self,
        results: Sequence[tuple[Delivery, str, str, float]],
        now: float,
        *,
        give_up_after: float,
        not_before: float = 0.0,
    ) -> list[Delivery]:
        """Record one attempt's outcome for each row, in one transaction: ``(row, outcome, reply, wait)``.

        ``accepted``, ``failed`` and ``unknown`` are final. ``temporary`` makes the row pending again
        ``wait`` seconds on (not before ``not_before``), unless it has been failing for longer than
        ``give_up_after``: then it fails, with the last reply. Returns the rows that gave up.
        """
        gave_up: list[Delivery] = []
        with self.transaction() as db:
            for row, outcome, reply, wait in results:
                db.execute("UPDATE deliveries SET attempts = attempts + 1 WHERE id = ?", (row.id,))
                fresh = self._fresh(db, row)
                if outcome != "temporary":
                    self._set_state(db, fresh, outcome, reply, now)
                    continue
                first = fresh.first_failure if fresh.first_failure is not None else now
                if now - first >= give_up_after:
                    reason = f"gave up after {fresh.attempts} attempts over {_span(now - first)}; last reply: {reply}"
                    self._set_state(db, fresh, "failed", reason, now)
                    gave_up.append(fresh)
                    continue
                db.execute(
                    "UPDATE deliveries SET state = 'pending', next_attempt = ?, first_failure = ?, last_reply = ?, "
                    "updated = ? WHERE id = ?",
                    (max(now + wait, not_before), first, reply, now, fresh.id),
                )
        return gave_up

    def mark_bounced(self, row: Delivery, status_code: str, reply: str, now: float) -> None:
        with self.transaction() as db:
            db.execute("UPDATE deliveries SET status_code = ? WHERE id = ?", (status_code, row.id))
            self._set_state(db, self._fresh(db, row), "bounced", reply, now)

    def reopen(self, rows: Sequence[Delivery], now: float, *, new_version: bool = False) -> None:
        """An explicit command: send these rows again (``unknown`` with the same Message-ID, ``failed`` or
        ``bounced`` as they are, or a changed notice's new version)."""
        with self.transaction() as db:
            for row in rows:
                message_id = row.newer_message_id if new_version and row.newer_message_id else row.message_id
                db.execute(
                    "UPDATE deliveries SET state = 'pending', next_attempt = NULL, first_failure = NULL, "
                    "message_id = ?, newer_message_id = NULL, updated = ? WHERE id = ?",
                    (message_id, now, row.id),
                )

    def _fresh(self, db: sqlite3.Connection, row: Delivery) -> Delivery:
        return self._fresh_id(db, row.id)

    def _fresh_id(self, db: sqlite3.Connection, delivery_id: int) -> Delivery:
        return Delivery(
            **dict(db.execute("SELECT * FROM deliveries WHERE id = ?", (delivery_id,)).fetchone())
        )

    def _set_state(self, db: sqlite3.Connection, row: Delivery, state: str, reply: str, now: float) -> None:
        db.execute(
            "UPDATE deliveries SET state = ?, last_reply = ?, next_attempt = NULL, updated = ? WHERE id = ?",
            (state, reply, now, row.id),
        )
        kind = EVENT_OF_STATE.get(state)
        if kind in self.events:
            data = {
                "batch": self.batch,
                "name": row.name,
                "row": row.row,
                "address": row.address,
                "state": state,
                "reply": reply,
                "message_id": row.message_id,
                "sha256": row.sha256,
                "attempts": row.attempts,
            }
            if state == "bounced":
                data["status_code"] = db.execute(
                    "SELECT status_code FROM deliveries WHERE id = ?", (row.id,)
                ).fetchone()[0]
            occurrence = f"{row.id}|{kind}|{row.transmissions}|{row.message_id}"
            self._add_event(db, kind, data, occurrence, now, row.id)

    # webhook outbox --------------------------------------------------------------------------------------

    def add_event(self, kind: str, data: dict[str, Any], occurrence: str, now: float) -> bool:
        """Queue an event once: the same ``occurrence`` never makes a second event. True when queued."""
        with self.transaction() as db:
            return self._add_event(db, kind, data, occurrence, now, None)

    def _add_event(
        self,
        db: sqlite3.Connection,
        kind: str,
        data: dict[str, Any],
        occurrence: str,
        now: float,
        delivery: int | None,
    ) -> bool:
        digest = hashlib.sha256(f"{self.ledger_id}|{occurrence}".encode()).hexdigest()[:32]
        event_id = f"msg_{digest}"
        payload = {"type": kind, "timestamp": _iso(now), "data": data}
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        gone = db.execute("SELECT 1 FROM meta WHERE key = 'webhook_gone'").fetchone() is not None
        cursor = db.execute(
            "INSERT OR IGNORE INTO events (id, type, delivery, payload, state, next_attempt, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (event_id, kind, delivery, body, "gone" if gone else "pending", now, now),
        )
        return cursor.rowcount > 0

    def due_events(self, now: float, limit: int = 50) -> list[Event]:
        rows = self.db.execute(
            "SELECT seq, id, type, payload, attempts, next_attempt FROM events "
            "WHERE state = 'pending' AND next_attempt <= ? ORDER BY next_attempt, seq LIMIT ?",
            (now, limit),
        )
        return [Event(**dict(r)) for r in rows]

    def next_event_due(self) -> float | None:
        row = self.db.execute("SELECT min(next_attempt) FROM events WHERE state = 'pending'").fetchone()
        return None if row[0] is None else float(row[0])

    def event_done(
        self, event: Event, state: str, reply: str, now: float, next_attempt: float | None = None
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE events SET state = ?, attempts = attempts + 1, last_reply = ?, next_attempt = ?, "
                "updated = ? WHERE seq = ?",
                (
                    state,
                    reply,
                    next_attempt if next_attempt is not None else event.next_attempt,
                    now,
                    event.seq,
                ),
            )

    def events_gone(self, reply: str, now: float) -> None:
        """The endpoint answered 410 Gone: it wants no more events; the rest are kept, marked ``gone``."""
        with self.transaction() as db:
            db.execute(
                "UPDATE events SET state = 'gone', last_reply = ?, updated = ? WHERE state = 'pending'",
                (reply, now),
            )
            _set_meta(db, "webhook_gone", reply)

    def reopen_events(self, now: float) -> None:
        """An explicit command: post failed events again, and events kept after a 410, to the endpoint."""
        with self.transaction() as db:
            db.execute(
                "UPDATE events SET state = 'pending', attempts = 0, next_attempt = ?, updated = ? "
                "WHERE state IN ('failed', 'gone')",
                (now, now),
            )
            _set_meta(db, "webhook_gone", None)

    def event_counts(self) -> dict[str, int]:
        return {
            str(s): int(n) for s, n in self.db.execute("SELECT state, count(*) FROM events GROUP BY state")
        }

    def failed_events(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, type, state, attempts, last_reply FROM events WHERE state IN ('failed', 'gone') ORDER BY seq"
        )
        return [dict(r) for r in rows]


def _only(where: str, params: list[Any], names: Sequence[str]) -> tuple[str, list[Any]]:
    if not names:
        return where, params
    return f"{where} AND name IN ({', '.join('?' * len(names))})", [*params, *names]


def _set_meta(db: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _iso(moment: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(moment, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _span(seconds: float) -> str:
    if seconds >= 86400:
        return f"{seconds / 86400:.1f} days"
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} hours"
    if seconds >= 60:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:.0f} seconds"


def now() -> float:
    return time.time()
