"""Benchmark `notices send` and write bench/RESULTS-send.md.

    .venv/bin/python bench/send.py                 # 1,000 recipients over one connection, then a crash round
    .venv/bin/python bench/send.py --rows 300      # quicker

Measured in this one run on this machine, against a real SMTP server (aiosmtpd, tests/send/smtp_server.py)
on 127.0.0.1 in its own process:

* messages per second over one connection: the stock-up notice (PDF, ~70 KB) to N recipients, no pacing;
* the ledger's cost per message: the time spent in its two durable commits (``sending`` before DATA, the
  outcome after the reply; SQLite WAL, synchronous=FULL), as a median and as a share of a message's time;
* duplicates: after that run, and after a send of 300 recipients killed with ``kill -9`` at seeded random
  moments and run again until done, how many (Message-ID, address) pairs the server holds more than once.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "RESULTS-send.md"

SERVER = """
import json, sys
sys.path.insert(0, {root!r})
from tests.send.smtp_server import SmtpServer
with SmtpServer() as server:
    print(server.port, flush=True)
    sys.stdin.read()                       # until the benchmark closes our stdin
    held = server.held()
    print(json.dumps({{"messages": len(server.messages), "pairs": len(held),
                      "duplicates": sum(1 for n in held.values() if n > 1)}}), flush=True)
"""


class Server:
    """The test SMTP server in a process of its own, so it does not share the sender's interpreter lock."""

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER.format(root=str(ROOT))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())
        return self

    def finish(self) -> dict[str, int]:
        out, _ = self.process.communicate("", timeout=60)
        return dict(json.loads(out.strip().splitlines()[-1]))

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--crash-rows", type=int, default=300)
    parser.add_argument("--kills", type=int, default=6)
    parser.add_argument("--seed", type=int, default=20260105)
    args = parser.parse_args()

    import notices.send
    from notices.send.ledger import Ledger
    from tests.send.conftest import render_batch, write_config

    work = Path(tempfile.mkdtemp(prefix="bench-send-"))
    try:
        started = time.perf_counter()
        outdir = render_batch(work / "speed", args.rows)
        render_seconds = time.perf_counter() - started
        sizes = [p.stat().st_size for p in outdir.glob("*.pdf")]

        ledger_times: list[float] = []
        originals = {name: getattr(Ledger, name) for name in ("mark_sending", "settle")}

        def timed(name: str):
            def wrapper(self, *a, **k):
                t = time.perf_counter()
                try:
                    return originals[name](self, *a, **k)
                finally:
                    ledger_times.append(time.perf_counter() - t)

            return wrapper

        stamps: list[float] = []
        with Server() as server:
            config = notices.send.load_config(write_config(work, server.port, timeout="30"))
            for name in originals:
                setattr(Ledger, name, timed(name))
            try:
                t0 = time.perf_counter()
                report = notices.send.deliver(
                    outdir, config, progress=lambda _: stamps.append(time.perf_counter())
                )
                wall = time.perf_counter() - t0
            finally:
                for name, method in originals.items():
                    setattr(Ledger, name, method)
            speed_server = server.finish()
        messages = speed_server["messages"]
        per_message_ledger = [a + b for a, b in zip(ledger_times[0::2], ledger_times[1::2], strict=False)]
        steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
        gaps = [b - a for a, b in itertools.pairwise(stamps) if b > a]
        per_message = statistics.median(gaps) if gaps else 0.0

        crash = crash_round(work, args.crash_rows, args.kills, args.seed)

        write_results(
            args=args,
            rows=args.rows,
            render_seconds=render_seconds,
            pdf_kb=statistics.median(sizes) / 1024,
            wall=wall,
            messages=messages,
            counts=report.counts,
            steady=steady,
            per_message=per_message,
            ledger_median=statistics.median(per_message_ledger),
            ledger_p90=sorted(per_message_ledger)[int(0.9 * (len(per_message_ledger) - 1))],
            speed_duplicates=speed_server["duplicates"],
            crash=crash,
        )
        print(RESULTS.read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def crash_round(work: Path, rows: int, kills: int, seed: int) -> dict[str, object]:
    """`notices send` killed with kill -9 at seeded random moments, then run again until it finishes."""
    from notices.send.ledger import Ledger
    from tests.send.conftest import render_batch, write_config

    rng = random.Random(seed)
    outdir = render_batch(work / "crash", rows)
    exits = []
    with Server() as server:
        config = write_config(work / "crash", server.port, timeout="30")
        for run in range(kills + 5):
            process = subprocess.Popen(
                [sys.executable, "-m", "notices", "send", str(outdir), "--config", str(config)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if run < kills:
                try:
                    process.wait(timeout=rng.uniform(1.0, 4.0))
                except subprocess.TimeoutExpired:
                    os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=300)
            exits.append(process.returncode)
            if run >= kills and process.returncode in (0, 1):
                break
        held = server.finish()
    with Ledger(outdir) as ledger:
        counts = ledger.counts()
    return {"rows": rows, "exits": exits, "counts": counts, **held}


def write_results(**f: object) -> None:
    import notices

    crash = f["crash"]
    assert isinstance(crash, dict)
    kills = sum(1 for e in crash["exits"] if e == -signal.SIGKILL)
    args = f["args"]
    lines = [
        "# `notices send` benchmark",
        "",
        f"Command: `.venv/bin/python bench/send.py --rows {f['rows']} --crash-rows {crash['rows']} "
        f"--kills {getattr(args, 'kills', '')} --seed {getattr(args, 'seed', '')}`  ",
        f"Machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
        f"notices {notices.__version__}, SQLite {__import__('sqlite3').sqlite_version}.  ",
        f"Input: examples/stockup.zh.yaml rendered for {f['rows']} recipients (PDF only, median "
        f"{f['pdf_kb']:.0f} KB; rendering took {f['render_seconds']:.1f} s and is not counted). Server: aiosmtpd "
        "(tests/send/smtp_server.py) on 127.0.0.1 in its own process; one connection, no pacing "
        "(`rate = 0`). Times are wall clock on a shared 2-core machine; load average at the end: "
        f"{os.getloadavg()[0]:.1f} (other engineers' work runs beside it, so figures vary run to run).",
        "",
        "| figure | measured |",
        "|---|---|",
        f"| messages per second over one connection | {f['steady']:.1f} (mean {1000 / float(f['steady']):.1f} ms, "
        f"median {float(f['per_message']) * 1000:.1f} ms "
        f"a message; {f['messages']} messages in {f['wall']:.1f} s including start-up) |",
        f"| ledger overhead per message (two durable commits) | median {float(f['ledger_median']) * 1000:.1f} ms, "
        f"90th percentile {float(f['ledger_p90']) * 1000:.1f} ms "
        f"({float(f['ledger_median']) / float(f['per_message']) * 100:.0f}% of a message's time) |",
        f"| duplicates after the run | {f['speed_duplicates']} (server held {f['messages']} messages) |",
        f"| duplicates after {kills} kill -9 and re-runs ({crash['rows']} recipients) | {crash['duplicates']} "
        f"(ledger: {crash['counts']}; exits {crash['exits']}) |",
        "",
        f"Ledger states after the timed run: {f['counts']}. `unknown` rows in the crash round are messages whose "
        "reply a kill cut off; they are reported and not resent, which is why the duplicates stay at 0.",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
