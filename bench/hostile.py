"""Run the hostile corpus and thousands of fuzz cases; count tracebacks, hangs, slow answers and bad files.

Issue 11's done-when: the hostile corpus and at least 3,000 fuzz cases run with zero tracebacks, zero hangs (every
case answers within 5 s) and zero outputs that fail to open. Each case is run as a library caller runs it
(load → check → compose → PDF and DOCX, ``tests/hostile/harness.py``) in warm worker processes, one case at a
time per worker, with a wall-clock and a CPU-time measure; a case still running after ``--hang`` seconds is killed
and counted as a hang. Files are opened back with pdfplumber and python-docx. A sample is also run through the
CLI (``notices check`` and ``notices render`` as separate processes) to see exit codes and stderr. Fuzz cases that
fail are written to ``tests/hostile/found/``, where the test suite keeps them as permanent cases.

    .venv/bin/python bench/hostile.py                 # corpus + 3,000 fuzz cases + 100 CLI runs; ~1 h here
    .venv/bin/python bench/hostile.py --fuzz 200 --cli 10 --no-write     # a quick look

Figures go to ``bench/HOSTILE.md``, with the command and the machine's load average (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile.corpus import FOUND, all_cases  # noqa: E402
from tests.hostile.fuzz import fuzz_case  # noqa: E402
from tests.hostile.harness import Case, mismatch, run_case, write_case  # noqa: E402

RESULTS = ROOT / "bench" / "HOSTILE.md"
LIMIT_SECONDS = 5.0


@dataclass
class Result:
    id: str
    category: str
    status: str  # ok, refused, traceback, unopenable, hang
    wall: float
    cpu: float
    wrong: str | None = None  # the corpus case's expected answer not met
    detail: str = ""


def _case(task: tuple[Any, ...]) -> Case:
    if task[0] == "corpus":
        return _CORPUS[task[1]]
    return fuzz_case(task[1], task[2])


_CORPUS: dict[str, Case] = {}


def _worker(connection: Connection) -> None:
    global _CORPUS
    _CORPUS = {case.id: case for case in all_cases()}
    with tempfile.TemporaryDirectory(prefix="hostile-") as root:
        warm = _CORPUS["enc-utf8-bom"]
        run_case(warm, Path(root) / "warm")  # imports, fonts, metrics: not part of any case's time
        connection.send("ready")
        number = 0
        while True:
            task = connection.recv()
            if task is None:
                return
            number += 1
            case = _case(task)
            wall, cpu = time.perf_counter(), time.process_time()
            outcome = run_case(case, Path(root) / f"c{number}")
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            wrong = mismatch(case, outcome) if task[0] == "corpus" else None
            connection.send(
                Result(case.id, case.category, outcome.status, wall, cpu, wrong, outcome.summary()[:300])
            )


class Pool:
    """Worker processes run one case at a time; one that runs past ``hang`` seconds is killed and replaced."""

    def __init__(self, size: int, hang: float) -> None:
        self.context = multiprocessing.get_context("fork")
        self.hang = hang
        self.workers: list[tuple[Any, Connection]] = [self._start() for _ in range(size)]

    def _start(self) -> tuple[Any, Connection]:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(child,), daemon=True)
        process.start()
        if parent.recv() != "ready":
            raise RuntimeError("a worker did not start")
        return process, parent

    def run(self, tasks: list[tuple[Any, ...]], progress: int = 200) -> list[Result]:
        results: list[Result] = []
        pending = list(reversed(tasks))
        busy: dict[int, tuple[tuple[Any, ...], float]] = {}
        while pending or busy:
            for index, (_, connection) in enumerate(self.workers):
                if index not in busy and pending:
                    task = pending.pop()
                    connection.send(task)
                    busy[index] = (task, time.perf_counter())
            ready = wait([self.workers[i][1] for i in busy], timeout=0.5)
            for index in list(busy):
                process, connection = self.workers[index]
                task, started = busy[index]
                if connection in ready:
                    results.append(connection.recv())
                    del busy[index]
                elif time.perf_counter() - started > self.hang:
                    process.kill()
                    process.join()
                    case = _case_for_report(task)
                    results.append(Result(case[0], case[1], "hang", self.hang, float("nan")))
                    self.workers[index] = self._start()
                    del busy[index]
            if len(results) % progress == 0 and results:
                print(f"  {len(results)} / {len(tasks)}", file=sys.stderr, flush=True)
        return results

    def close(self) -> None:
        for process, connection in self.workers:
            connection.send(None)
            process.join(timeout=10)


def _case_for_report(task: tuple[Any, ...]) -> tuple[str, str]:
    if task[0] == "corpus":
        case = {c.id: c for c in all_cases()}[task[1]]
        return case.id, case.category
    return f"fuzz-{task[1]}-{task[2]}", "fuzz"


def save_found(results: list[Result], seed: int) -> list[str]:
    """Fuzz cases that broke something, written to tests/hostile/found/ to stay as permanent cases."""
    saved = []
    for result in results:
        if result.category != "fuzz" or result.status not in ("traceback", "unopenable", "hang"):
            continue
        _, run, number, *_ = result.id.split("-")
        case = fuzz_case(int(run), int(number))
        FOUND.mkdir(exist_ok=True)
        if case.data is not None:
            path = FOUND / f"{result.id}.json"
            path.write_text(
                json.dumps(case.data, ensure_ascii=False, default=str, indent=1), encoding="utf-8"
            )
        else:
            path = FOUND / f"{result.id}.yaml"
            path.write_bytes(
                case.spec if isinstance(case.spec, bytes) else case.spec.encode("utf-8", "replace")
            )
        saved.append(path.name)
    return saved


def run_cli(cases: list[Case], hang: float) -> list[dict[str, Any]]:
    """Each case through `notices check` and `notices render` as a user starts them."""
    out = []
    for case in cases:
        with tempfile.TemporaryDirectory(prefix="hostile-cli-") as folder:
            spec = write_case(case, Path(folder) / "case")
            for command in (
                ["check", str(spec)],
                ["render", str(spec), "-o", str(Path(folder) / "out"), "--no-check"],
            ):
                started = time.perf_counter()
                try:
                    done = subprocess.run(
                        [sys.executable, "-m", "notices", *command],
                        capture_output=True,
                        text=True,
                        timeout=hang,
                        cwd=folder,
                        errors="replace",
                    )
                    status = _cli_status(done, Path(folder) / "out" if command[0] == "render" else None)
                except subprocess.TimeoutExpired:
                    status = "hang"
                out.append(
                    {
                        "id": case.id,
                        "command": command[0],
                        "status": status,
                        "wall": time.perf_counter() - started,
                    }
                )
    return out


def _cli_status(done: subprocess.CompletedProcess[str], outputs: Path | None) -> str:
    if "Traceback" in done.stderr or done.returncode not in (0, 1, 2):
        return "traceback"
    if outputs is not None and outputs.is_dir():
        for path in outputs.iterdir():
            try:
                _open(path)
            except Exception:
                return "unopenable"
    return f"exit {done.returncode}"


def _open(path: Path) -> None:
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
    elif path.suffix == ".docx":
        import docx

        docx.Document(str(path))


def summarise(
    results: list[Result], cli: list[dict[str, Any]], args: argparse.Namespace, seconds: float
) -> str:
    statuses = Counter(r.status for r in results)
    slow_wall = [r for r in results if r.wall > LIMIT_SECONDS and r.status != "hang"]
    slow_cpu = [r for r in results if r.cpu > LIMIT_SECONDS and r.status != "hang"]
    wrong = [r for r in results if r.wrong]
    bad = [r for r in results if r.status in ("traceback", "unopenable", "hang")]
    corpus = [r for r in results if r.category != "fuzz"]
    fuzz = [r for r in results if r.category == "fuzz"]
    walls = [r.wall for r in results if r.status != "hang"]
    load = os.getloadavg()
    lines = [
        "# Hostile inputs: the corpus and the fuzzer",
        "",
        f"Command: `.venv/bin/python bench/hostile.py --fuzz {args.fuzz} --seed {args.seed} --workers {args.workers}"
        f" --cli {args.cli}` ({seconds / 60:.0f} min; load average at the end {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} on 2 cores shared by the team).",
        "",
        "| | cases | tracebacks | hangs (killed at "
        f"{args.hang:g} s) | files that do not open | over {LIMIT_SECONDS:g} s wall | over {LIMIT_SECONDS:g} s CPU |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, group in (("corpus", corpus), ("fuzz", fuzz), ("all", results)):
        count = Counter(r.status for r in group)
        over_wall = sum(1 for r in group if r.wall > LIMIT_SECONDS and r.status != "hang")
        over_cpu = sum(1 for r in group if r.cpu > LIMIT_SECONDS and r.status != "hang")
        lines.append(
            f"| {label} | {len(group)} | {count['traceback']} | {count['hang']} | {count['unopenable']} | "
            f"{over_wall} | {over_cpu} |"
        )
    lines += [
        "",
        f"Answers: {statuses['ok']} rendered (PDF and DOCX opened back), {statuses['refused']} refused with located "
        f"problems. Corpus cases whose expected answer was not met: {len(wrong)}.",
        f"Time per case in a warm worker: median {statistics.median(walls) * 1000:.0f} ms, "
        f"95th percentile {sorted(walls)[int(len(walls) * 0.95)] * 1000:.0f} ms, max {max(walls):.1f} s (wall).",
        "",
    ]
    if cli:
        cli_status = Counter(c["status"] for c in cli)
        cli_walls = [c["wall"] for c in cli if c["status"] != "hang"]
        lines += [
            f"CLI: {len(cli) // 2} corpus cases through `notices check` and `notices render --no-check` as new "
            f"processes: {', '.join(f'{n} {s}' for s, n in sorted(cli_status.items()))}; median "
            f"{statistics.median(cli_walls):.1f} s, max {max(cli_walls):.1f} s a command (start-up included).",
            "",
        ]
    slowest = sorted((r for r in results if r.status != "hang"), key=lambda r: -r.wall)[:8]
    lines += ["Slowest cases (wall / CPU):", ""]
    lines += [f"- `{r.id}` ({r.category}): {r.wall:.1f} s / {r.cpu:.1f} s, {r.status}" for r in slowest]
    if bad or wrong or slow_wall or slow_cpu:
        lines += ["", "Cases to look at:", ""]
        for r in (bad + wrong + slow_cpu)[:40]:
            lines.append(f"- `{r.id}` ({r.category}): {r.status} {r.wall:.1f} s — {r.wrong or r.detail}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fuzz", type=int, default=3000, help="fuzz cases (default 3000)")
    parser.add_argument("--seed", type=int, default=11, help="fuzz run; case N of seed S is always the same")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--hang", type=float, default=20.0, help="seconds after which a case is killed")
    parser.add_argument("--cli", type=int, default=100, help="corpus cases also run through the CLI")
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print the figures, do not write HOSTILE.md")
    args = parser.parse_args()
    started = time.perf_counter()
    corpus = all_cases()
    tasks: list[tuple[Any, ...]] = [] if args.no_corpus else [("corpus", case.id) for case in corpus]
    tasks += [("fuzz", args.seed, number) for number in range(args.fuzz)]
    print(f"{len(tasks)} cases in {args.workers} workers", file=sys.stderr)
    pool = Pool(args.workers, args.hang)
    try:
        results = pool.run(tasks)
    finally:
        pool.close()
    saved = save_found(results, args.seed)
    files = [case for case in corpus if case.data is None and case.recipient is None]
    cli = (
        run_cli(random.Random(args.seed).sample(files, min(args.cli, len(files))), args.hang * 3)
        if args.cli
        else []
    )
    text = summarise(results, cli, args, time.perf_counter() - started)
    if saved:
        text += "\nNew permanent cases in tests/hostile/found/: " + ", ".join(saved) + "\n"
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
