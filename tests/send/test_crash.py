"""The crash test: a 300-recipient send killed with ``kill -9`` at seeded random points, run again until done.

The SMTP server kills the `notices send` process itself, at the protocol point the seed picks (after MAIL,
after RCPT, after the DATA command, after the whole message but before the reply, just after the reply), so
what the client could know at its death is exact; a few kills also fall at a random moment of the run
(start-up, composing, a ledger commit). Then:

* the server holds each Message-ID at most once per address;
* every row ends ``accepted``, ``failed`` (with the server's reason) or ``unknown``;
* the ``unknown`` rows are exactly those whose reply was cut: killed after the DATA command and before the
  reply could be recorded (a kill just after the reply, or at a random moment while a message was out,
  may leave its row either way; nothing else may be unknown);
* every accepted row's message is on the server, once.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from notices.send.ledger import LEDGER_NAME
from tests.send.conftest import address_of, render_batch, write_config
from tests.send.smtp_server import Faults, SmtpServer

ROWS = 300
KILLS = 12
MAX_RUNS = 3 * KILLS + 10  # a planned kill can miss (the run ended first); the last runs finish the batch
SEED = int(os.environ.get("NOTICES_CRASH_SEED", "20260105"))
REJECTED = {address_of(n): f"550 5.1.1 <{address_of(n)}>: user unknown" for n in (17, 150, 299)}
EXACT_CUT = ("data-command", "message")  # the client is in `sending`, the reply never reached it
BEFORE_DATA = ("mail", "rcpt")
AMBIGUOUS = ("replied", "time")


class Killer:
    """Kills the running client when the server reaches the planned transaction and phase."""

    def __init__(self) -> None:
        self.pid = 0
        self.target: tuple[int, str] | None = None  # (transaction, phase)
        self.hit: list[tuple[str, list[str]]] = []  # (phase, addresses of the transaction)
        self.lock = threading.Lock()

    def hook(self, phase: str, number: int, envelope: object) -> None:
        with self.lock:
            # The first transaction at or after the planned one that reaches the phase: a transaction whose
            # only recipient the server rejects never reaches DATA, and an exact match would miss its kill.
            if self.target is None or number < self.target[0] or self.target[1] != _phase_of(phase):
                return
            self.target = None
            addresses = list(getattr(envelope, "rcpt_tos", []))
            self.hit.append((self.planned_phase, addresses))
            if self.planned_phase == "replied":
                threading.Timer(0.0005, self._kill).start()  # just after the 250 goes out
            else:
                self._kill()

    planned_phase = ""

    def plan(self, transaction: int, phase: str) -> None:
        with self.lock:
            self.planned_phase = phase
            self.target = (transaction, phase)

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)


def _phase_of(server_phase: str) -> str:
    return server_phase


@pytest.fixture(scope="module")
def batch_300(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_batch(tmp_path_factory.mktemp("crash"), ROWS)


def ledger_rows(outdir: Path) -> list[dict[str, object]]:
    if not (outdir / LEDGER_NAME).is_file():  # killed before the ledger was made
        return []
    db = sqlite3.connect(f"file:{outdir / LEDGER_NAME}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'deliveries'").fetchone():
            return []
        return [dict(r) for r in db.execute("SELECT * FROM deliveries")]
    finally:
        db.close()


def _pending(outdir: Path) -> bool:
    """Rows a further run would still send (a run that exited normally may have stopped for the rate)."""
    rows = ledger_rows(outdir)
    return not rows or any(r["state"] in ("pending", "sending") for r in rows)


@pytest.mark.slow  # about a minute: a dozen `notices send` processes over 300 recipients
def test_kill_9_at_random_points_never_sends_twice_and_leaves_only_cut_replies_unknown(
    batch_300: Path,
) -> None:
    rng = random.Random(SEED)
    killer = Killer()
    faults = Faults(reject=dict(REJECTED), hook=killer.hook)
    exact_cut: set[str] = set()
    ambiguous: set[str] = set()
    with SmtpServer(faults=faults) as server:
        config = write_config(batch_300.parent, server.port, timeout="5")
        exits: list[int] = []
        for _run in range(MAX_RUNS):
            # Kills are planned until KILLS have really happened: on a loaded machine a timed kill can fall
            # after its run ended, and counting planned kills made the test depend on the machine's speed.
            killed = exits.count(-signal.SIGKILL)
            phase = rng.choice([*EXACT_CUT, *BEFORE_DATA, *AMBIGUOUS]) if killed < KILLS else None
            process = subprocess.Popen(
                [sys.executable, "-m", "notices", "send", str(batch_300), "--config", str(config)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            killer.pid = process.pid
            timer = None
            if phase == "time":
                # Early in the run (start-up, composing, the first commits and messages): a later moment let
                # an unloaded CI machine send the whole remaining batch before the timer fired, so the
                # batch finished with only 4 of the 12 kills.
                timer = threading.Timer(rng.uniform(0.05, 0.8), killer._kill)
                timer.start()
            elif phase is not None:
                killer.plan(
                    server.transactions + rng.randint(1, 15), "message" if phase == "replied" else phase
                )
            _, stderr = process.communicate(timeout=120)
            if timer is not None:
                timer.cancel()
            killer.target = None
            exits.append(process.returncode)
            if phase == "time" and process.returncode == -signal.SIGKILL:
                # whatever was out at that moment is the only row the kill may have left in doubt
                ambiguous.update(str(r["address"]) for r in ledger_rows(batch_300) if r["state"] == "sending")
            if process.returncode in (0, 1) and (phase is None or not _pending(batch_300)):
                break
            assert process.returncode in (0, 1, -signal.SIGKILL), stderr.decode()[-2000:]
        else:
            pytest.fail(f"the batch was not finished after {MAX_RUNS} runs: exits {exits}")
        for planned, addresses in killer.hit:
            if planned in EXACT_CUT:
                exact_cut.update(addresses)
            elif planned in AMBIGUOUS:
                ambiguous.update(addresses)
        held = server.held()

    rows = ledger_rows(batch_300)
    kills = exits.count(-signal.SIGKILL)
    print(f"seed {SEED}: exits {exits}; kills at {[p for p, _ in killer.hit]}; cut {sorted(exact_cut)}")
    assert kills == KILLS, f"{kills} runs were killed, not {KILLS}: {exits}"
    assert exact_cut, "no kill fell between the DATA command and the reply; change the seed"
    # the server holds each Message-ID at most once per address
    assert max(held.values()) == 1, [k for k, n in held.items() if n > 1]
    states = {str(r["address"]): str(r["state"]) for r in rows}
    assert len(states) == ROWS + 1  # one recipient has two addresses
    assert set(states.values()) <= {"accepted", "failed", "unknown"}
    # failed: exactly the refused addresses, with the server's reason
    failed = {str(r["address"]): str(r["last_reply"]) for r in rows if r["state"] == "failed"}
    assert failed == REJECTED
    # unknown: exactly the rows whose reply was cut
    unknown = {a for a, s in states.items() if s == "unknown"}
    assert exact_cut <= unknown <= exact_cut | ambiguous, (exact_cut, ambiguous, unknown)
    # accepted: on the server, once
    for row in rows:
        if row["state"] == "accepted":
            assert held[(str(row["message_id"]), str(row["address"]))] == 1
    # a cut after the whole message leaves it on the server; a cut right after DATA does not
    for planned, addresses in killer.hit:
        for address in addresses:
            row = next(r for r in rows if r["address"] == address)
            on_server = held[(str(row["message_id"]), address)]
            if planned == "data-command":
                assert on_server == 0
            if planned == "message":
                assert on_server == 1
            if planned in BEFORE_DATA:
                assert row["state"] in ("accepted", "failed")
