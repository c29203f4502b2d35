"""Benchmark `notices batch` against one plain WeasyPrint `write_pdf()` per notice, and write bench/RESULTS.md.

    .venv/bin/python bench/batch.py                  # 1,000 and 10,000 recipients, 2 workers (~3 minutes)
    .venv/bin/python bench/batch.py --big 0          # skip the 10,000-recipient run

Everything is measured in this one run on this machine: the baseline (render_pdf: WeasyPrint's layout and
write_pdf of the very HTML the batch lays out), the batch per format, memory, file sizes and checks that each
PDF is standalone, holds only its recipient, and numbers its pages from 1. Memory is the resident set size of
the batch process and every worker, sampled from /proc every 50 ms (Linux): the peak RSS of the largest
process (what `/usr/bin/time -v` calls maximum resident set size) and the peak sum of their PSS.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "stockup.zh.yaml"
RESULTS = ROOT / "bench" / "RESULTS.md"
BASELINE_SAMPLES = 30
WORST_CASE_ROWS = 200

CITIES = tuple(
    [
        "上海",
        "北京",
        "广州",
        "深圳",
        "杭州",
        "南京",
        "苏州",
        "成都",
        "武汉",
        "西安",
        "天津",
        "重庆",
        "宁波",
        "无锡",
        "厦门",
        "青岛",
        "长沙",
        "合肥",
    ]
)
TRADES = tuple(["贸易", "商贸", "食品", "日用品", "物流", "百货", "供应链", "批发", "实业", "电子"])
WORDS = "恒信华达鑫源丰泰盛隆永安康宁瑞福兴旺嘉禾东方金桥"


def write_recipients(path: Path, rows: int, seed: int = 2026) -> Path:
    """Distributors of a trading company as its ERP exports them: code, company name, region."""
    rnd = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "region"])
        for n in range(1, rows + 1):
            words = "".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 4)))
            writer.writerow([f"D{n:05d}", f"{rnd.choice(CITIES)}{words}{rnd.choice(TRADES)}有限公司", "华东"])
    return path


def write_worst_case(path: Path, rows: int) -> Path:
    """Rows that each change a justified body line (their own stock days), so none can reuse a layout."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "spec.stockup.stock_days"])
        for n in range(1, rows + 1):
            writer.writerow([f"W{n:05d}", f"第{n}号经销商有限公司", 10 + n])
    return path


class MemoryWatch:
    """Peak memory of a process and its descendants: the largest RSS of one process, and the sum of their
    PSS (shared pages divided among the processes sharing them: what they take from the machine together)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_process = 0.0
        self.peak_total = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            pids = _family(self.pid)
            self.peak_process = max(self.peak_process, *(_status_mb(pid, "VmHWM:") for pid in pids))
            self.peak_total = max(self.peak_total, sum(_pss_mb(pid) for pid in pids))


def _family(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found


def _status_mb(pid: int, field: str) -> float:
    """A /proc/PID/status size (VmHWM: the process's own peak RSS), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Run:
    label: str
    rows: int
    seconds: float
    peak_process: float
    peak_total: float
    engines: Counter[tuple[str, str]] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    first_seconds: float = 0.0  # from the batch's start to its first finished notice
    steady_ms: float = 0.0  # per notice after the first one

    @property
    def ms_per_notice(self) -> float:
        return self.seconds * 1000 / self.rows


def batch_run(label: str, recipients: Path, out: Path, formats: str, jobs: int, rows: int) -> Run:
    """One batch in a fresh process, as `notices batch` runs it, watched from outside."""
    command = [sys.executable, __file__, "--child", str(recipients), str(out), formats, str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with MemoryWatch(process.pid) as memory:
        stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{label}: the batch failed\n{stderr}")
    summary = json.loads(stdout)
    engines = Counter({tuple(key.split("/")): n for key, n in summary["engines"].items()})
    run = Run(
        label, rows, seconds, memory.peak_process, memory.peak_total, engines, Counter(summary["statuses"])
    )
    run.first_seconds = summary["first"]
    run.steady_ms = (summary["last"] - summary["first"]) * 1000 / max(1, rows - 1)
    return run


def child(recipients: str, out: str, formats: str, jobs: str) -> int:
    """The batch itself (``--child``): render_many, then a one-line JSON summary on stdout."""
    import notices
    from notices.batch.runner import render_many

    started = time.perf_counter()
    done: list[float] = []
    engines: Counter[str] = Counter()
    statuses: Counter[str] = Counter()

    def progress(result: Any) -> None:
        done.append(time.perf_counter() - started)
        engines[f"{result.engine.get('pdf', '-')}/{result.engine.get('docx', '-')}"] += 1
        statuses[result.status] += 1

    notice = notices.load(SPEC)
    render_many(notice, Path(recipients), Path(out), formats=formats, jobs=int(jobs), progress=progress,
                keep_results=False)  # as `notices batch` does  # fmt: skip
    print(json.dumps({"engines": engines, "statuses": statuses, "first": done[0], "last": done[-1]}))
    return 0


def baseline_ms(recipients: Path) -> tuple[float, list[float]]:
    """One plain WeasyPrint render + write_pdf per notice (render_pdf), warm, in this process."""
    import notices
    from notices.composer import compose
    from notices.renderers.pdf import standard_pdf as render_pdf

    notice = notices.load(SPEC)
    names = [row["name"] for row in _rows(recipients)][: BASELINE_SAMPLES + 3]
    docs = [compose(notice, {"name": name}) for name in names]
    for doc in docs[:3]:
        render_pdf(doc)  # warm fonts and caches, as a long-running process would be
    times = []
    for doc in docs[3:]:
        started = time.perf_counter()
        render_pdf(doc)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def stage_ms(recipients: Path, count: int = 200) -> dict[str, float]:
    """Median CPU time per notice of each stage inside one worker, after its first notice."""
    import notices
    from notices.composer import compose
    from notices.layout import lay_out
    from notices.renderers.docx_engine import DocxEngine
    from notices.renderers.html import to_html
    from notices.renderers.pdf_engine import PdfEngine, markup_of

    notice = notices.load(SPEC)
    pdf, docx = PdfEngine(), DocxEngine()
    samples: dict[str, list[float]] = {"compose": [], "html": [], "pdf": [], "docx": []}
    names = [row["name"] for row in _rows(recipients)][:count]
    for index, name in enumerate(names):
        clock = [time.process_time()]

        def lap(stage: str, clock: list[float] = clock, index: int = index) -> None:
            now = time.process_time()
            if index > 0:
                samples[stage].append((now - clock[0]) * 1000)
            clock[0] = now

        doc = compose(notice, {"name": name})
        lap("compose")
        layout = lay_out(doc)  # once for both formats, as the batch does
        html = to_html(layout)
        markup = markup_of(html)
        lap("html")
        pdf.render(layout, html, markup)
        lap("pdf")
        docx.render(layout)
        lap("docx")
    return {stage: statistics.median(values) for stage, values in samples.items()}


def check_outputs(folder: Path, recipients: Path, sample: int = 20) -> dict[str, object]:
    """Sizes of every PDF, and for a sample: standalone, only its own recipient, pages numbered from 1."""
    import pypdf

    import notices
    from notices.composer import compose
    from notices.renderers.pdf import standard_pdf as render_pdf

    sizes = [p.stat().st_size for p in folder.glob("*.pdf")]
    rows = _rows(recipients)
    notice = notices.load(SPEC)
    failures = []
    for row in rows[:: max(1, len(rows) // sample)][:sample]:
        reader = pypdf.PdfReader(folder / f"{row['code']}.pdf", strict=True)
        standard = pypdf.PdfReader(io.BytesIO(render_pdf(compose(notice, {"name": row["name"]}))))
        texts = [page.extract_text() for page in reader.pages]
        if len(reader.pages) != len(standard.pages):
            failures.append(f"{row['code']}: {len(reader.pages)} pages, render makes {len(standard.pages)}")
        if texts != [page.extract_text() for page in standard.pages]:
            failures.append(f"{row['code']}: text differs from notices render")
        if "— 1 —" not in texts[0] or sum(f"尊敬的{r['name']}：" in "".join(texts) for r in rows) != 1:
            failures.append(f"{row['code']}: page numbering or recipient text wrong")
    return {"count": len(sizes), "max_kb": max(sizes) / 1024, "median_kb": statistics.median(sizes) / 1024,
            "checked": min(sample, len(rows)), "failures": failures}  # fmt: skip


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        return child(*sys.argv[2:6])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--big", type=int, default=10000, help="rows of the memory run (0: skip)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="notices-bench-"))
    recipients = write_recipients(work / f"r{args.rows}.csv", args.rows)

    print("baseline: render_pdf per notice …", file=sys.stderr)
    baseline, _ = baseline_ms(recipients)
    print("stages …", file=sys.stderr)
    stages = stage_ms(recipients)
    runs: list[Run] = []
    for label, formats in (("PDF", "pdf"), ("DOCX", "docx"), ("PDF+DOCX", "pdf,docx")):
        print(f"batch {label} × {args.rows} …", file=sys.stderr)
        runs.append(batch_run(label, recipients, work / label, formats, args.jobs, args.rows))
    print("re-run, all up to date …", file=sys.stderr)
    rerun = batch_run("PDF+DOCX again", recipients, work / "PDF+DOCX", "pdf,docx", args.jobs, args.rows)
    worst_rows = write_worst_case(work / "worst.csv", WORST_CASE_ROWS)
    print("worst case: no layout reused …", file=sys.stderr)
    worst = batch_run("PDF, every layout new", worst_rows, work / "worst", "pdf", args.jobs, WORST_CASE_ROWS)
    big = None
    if args.big:
        print(f"batch PDF+DOCX × {args.big} …", file=sys.stderr)
        big_rows = write_recipients(work / f"r{args.big}.csv", args.big)
        big = batch_run("PDF+DOCX", big_rows, work / "big", "pdf,docx", args.jobs, args.big)
    outputs = check_outputs(work / "PDF+DOCX", recipients)
    args.load = (load_before, os.getloadavg()[0])  # wall times on a shared machine grow with it
    text = report(args, baseline, stages, runs, rerun, worst, big, outputs)
    # bench/render.py keeps its own section (between its markers) further down the same file: keep it.
    kept = ""
    if args.out.is_file():
        old = args.out.read_text(encoding="utf-8")
        start = old.find("<!-- bench/render.py: begin -->")
        kept = "\n" + old[start:] if start >= 0 else ""
    args.out.write_text(text.rstrip("\n") + "\n" + kept, encoding="utf-8")
    print(text)
    return 0


def report(
    args: argparse.Namespace,
    baseline: float,
    stages: dict[str, float],
    runs: list[Run],
    rerun: Run,
    worst: Run,
    big: Run | None,
    outputs: dict[str, object],
) -> str:
    from importlib.metadata import version

    pdf, docx, both = runs
    ratio = baseline / pdf.ms_per_notice
    peak_process = max(r.peak_process for r in [*runs, rerun] + ([big] if big else []))
    peak_total = max(r.peak_total for r in [*runs, rerun] + ([big] if big else []))
    lines = [
        "# `notices batch` benchmark",
        "",
        f"Command: `.venv/bin/python bench/batch.py --rows {args.rows} --big {args.big} --jobs {args.jobs}`  ",
        f"Machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
        f"WeasyPrint {version('weasyprint')}, python-docx {version('python-docx')}; load average "
        f"{args.load[0]:.1f} before, {args.load[1]:.1f} after (the CPUs are shared: wall times grow with it).  ",
        f"Input: examples/stockup.zh.yaml (2 pages), {args.rows} distributors with different names "
        f"(bench/batch.py writes them), {args.jobs} worker processes. Times are wall clock, start-up included.",
        "",
        "| target | measured | |",
        "|---|---|---|",
        _row("PDF per notice ≤ 10 ms", f"{pdf.ms_per_notice:.2f} ms ({pdf.seconds:.1f} s for {pdf.rows}); "
             f"{pdf.steady_ms:.2f} ms after the first notice", pdf.ms_per_notice <= 10),
        _row("PDF ≥ 14× faster than a plain write_pdf() per notice",
             f"{ratio:.0f}× (baseline render_pdf: median {baseline:.0f} ms of {BASELINE_SAMPLES})", ratio >= 14),
        _row("DOCX per notice ≤ 5 ms", f"{docx.ms_per_notice:.2f} ms ({docx.seconds:.1f} s, the first notice after "
             f"{docx.first_seconds:.1f} s); {docx.steady_ms:.2f} ms after the first notice; "
             f"+{both.ms_per_notice - pdf.ms_per_notice:.2f} ms a notice when added to the PDF run",
             docx.ms_per_notice <= 5),
        _row(f"PDF + DOCX for {both.rows} ≤ 20 s", f"{both.seconds:.1f} s", both.seconds <= 20),
        _row("peak RSS ≤ 400 MB", f"{peak_process:.0f} MB largest process; {peak_total:.0f} MB PSS of all processes",
             peak_process <= 400),
        _row(
            "peak RSS no higher for 10,000 than for 1,000",
            f"{big.peak_process:.0f} MB vs {both.peak_process:.0f} MB (largest process); "
            f"{big.peak_total:.0f} MB vs {both.peak_total:.0f} MB (PSS, all processes)"
            if big else "not run (--big 0)",
            big is not None and big.peak_process <= both.peak_process + 10,
        ),
        _row("each PDF ≤ 150 KB", f"largest {outputs['max_kb']:.0f} KB, median {outputs['median_kb']:.0f} KB "
             f"({outputs['count']} files)", float(str(outputs["max_kb"])) <= 150),
        _row("standalone, only its own pages and text, pages numbered from 1",
             f"{outputs['checked']} sampled files vs `notices render`: "
             + (", ".join(map(str, outputs["failures"])) if outputs["failures"] else "pages and text identical"),  # type: ignore[call-overload]
             not outputs["failures"]),
        "",
        "## All runs",
        "",
        "| run | rows | wall | first notice after | per notice | per notice after the first "
        "| peak RSS of the largest process / PSS of all | how notices were made |",
        "|---|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    for run in [*runs, rerun, worst, *([big] if big else [])]:
        engines = ", ".join(
            f"{pdf_path}/{docx_path}: {n}" for (pdf_path, docx_path), n in run.engines.most_common()
        )
        lines.append(
            f"| {run.label} | {run.rows} | {run.seconds:.1f} s | {run.first_seconds:.1f} s | "
            f"{run.ms_per_notice:.2f} ms | {run.steady_ms:.2f} ms | "
            f"{run.peak_process:.0f} / {run.peak_total:.0f} MB | {engines} ({dict(run.statuses)}) |"
        )
    lines += [
        "",
        "Start-up (until the first notice) is mostly imports, WeasyPrint's ~0.5 s of them (a DOCX-only batch"
        " needs it too, for the layout that decides the sign-off's tightening), then the parent's first `to_html`"
        " (~0.25 s: templates, the title's entries of the tokenizer's dictionary, the faces' tables, once, shared"
        " by the forked workers), and in each worker WeasyPrint's first layout and for the DOCX the first"
        " `render_docx` of a document shape (its probe, a second build, when the shape comes back).",
        "",
        "PDF paths: `line` = the layout of an earlier recipient with only the changed line drawn, `page` = the same"
        " with the changed page drawn again, `layout` = laid out by WeasyPrint, `standard` = WeasyPrint's own write_pdf. DOCX paths: `probe` = texts put into a DOCX"
        " rendered once per document shape, `standard` = render_docx. The worst-case run gives every row its own"
        " stock days, which changes a justified line, so no layout can be reused.",
        "",
        "## Where a worker's time goes (CPU per notice, median, after its first notice)",
        "",
        "| compose | to_html | PDF (line) | DOCX (probe) |",
        "|---|---|---|---|",
        f"| {stages['compose']:.2f} ms | {stages['html']:.2f} ms | {stages['pdf']:.2f} ms | {stages['docx']:.2f} ms |",
        "",
    ]
    return "\n".join(lines)


def _rows(recipients: Path) -> list[dict[str, str]]:
    with open(recipients, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _row(target: str, measured: str, ok: bool) -> str:
    return f"| {target} | {measured} | {'met' if ok else '**not met**'} |"


if __name__ == "__main__":
    sys.exit(main())
