"""Benchmark one notice through the library and the CLI against typst and docxtpl, in one run on this machine.

Measures what issue 12 set as targets and writes them into bench/RESULTS.md (between this script's markers):
the library rendering the same notice for a new recipient (PDF, DOCX) and a different notice each call (PDF),
cold `notices render` (PDF + DOCX) and cold `notices check` as a user starts them, the size of every example's
PDF, the same bytes through `render_bytes`, `render` and `render_many`, and on the same notice in the same run
typst (Python binding, warm and cold) and docxtpl (warm). Every figure is a median of repeated runs; the load
average of the shared machine is printed with them.

    .venv/bin/python bench/render.py            # ~2 minutes
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sections import markers, write_section  # bench/sections.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "stockup.zh.yaml"
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = markers("bench/render.py")
VENV_BIN = Path(sys.executable).parent
MAX_PDF_BYTES = 80_000


class Samples(list[tuple[float, float]]):
    """(wall, CPU) seconds of repeated runs. On a shared machine the wall time depends on the load; the CPU
    time (user + system of this process, or of the child for a cold start) is what the work itself costs."""

    @property
    def wall_ms(self) -> float:
        return statistics.median(wall for wall, _ in self) * 1000

    @property
    def cpu_ms(self) -> float:
        return statistics.median(cpu for _, cpu in self) * 1000


def timed(call: Callable[[int], Any], runs: int) -> Samples:
    out = Samples()
    for number in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        call(number)
        out.append((time.perf_counter() - start, time.process_time() - cpu))
    return out


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold(command: list[str], runs: int, env: dict[str, str] | None = None) -> Samples:
    """Process starts as a user's: bytecode written and read (a developer shell may set
    PYTHONDONTWRITEBYTECODE, which makes every start compile notices/ again), notices' own disk cache
    (notices/cache.py) warm from one start before the measured ones, unless ``env`` says otherwise."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment.update(env or {})
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=environment)
    out = Samples()
    for _ in range(runs):
        start, cpu = time.perf_counter(), child_cpu()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=environment)
        out.append((time.perf_counter() - start, child_cpu() - cpu))
    return out


def first_start(command: list[str], folder: Path) -> Samples:
    """One start with an empty notices cache (what a user's very first command costs)."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["NOTICES_CACHE_DIR"] = str(folder / "empty-cache")
    start, cpu = time.perf_counter(), child_cpu()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=environment)
    return Samples([(time.perf_counter() - start, child_cpu() - cpu)])


def instructions(command: list[str]) -> int | None:
    """Instructions one start of ``command`` executes (valgrind's cachegrind, no cache simulation), after
    the starts :func:`cold` made: unlike its time, this count does not grow with the load of a shared machine,
    so runs at different loads compare. None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    return int(found.group(1).replace(",", "")) if found else None


def name(number: int) -> str:
    return f"第{number + 1}号经销商商贸有限公司"


def library(runs: int) -> dict[str, Samples]:
    import yaml

    import notices

    notice = notices.load(SPEC)
    for fmt in ("pdf", "docx"):  # the first call of a process: imports, faces, templates
        notices.render_bytes(notice, fmt, {"name": "参考客户有限公司"})
    pdf = timed(lambda n: notices.render_bytes(notice, "pdf", {"name": name(n)}), runs)
    docx = timed(lambda n: notices.render_bytes(notice, "docx", {"name": name(n)}), runs)
    both = timed(
        lambda n: notices.render(
            notice, Path(tempfile.gettempdir()) / "bench-render", recipient={"name": name(n)}
        ),
        runs,
    )

    data = yaml.safe_load(SPEC.read_text(encoding="utf-8"))

    def different(number: int) -> bytes:
        # Another notice each call: its first paragraph differs, and no earlier layout is drawn from
        # (reuse=False), so WeasyPrint lays every page out; the process's faces and templates stay warm.
        changed = copy.deepcopy(data)
        changed["body"][0] = f"（第{number + 1}版）" + changed["body"][0]
        return notices.render_bytes(notices.load(changed, base_dir=SPEC.parent), "pdf", reuse=False)

    other = timed(different, max(10, runs // 3))
    return {"pdf_same": pdf, "docx_same": docx, "render_both_same": both, "pdf_different": other}


def sizes_and_paths() -> tuple[list[tuple[str, int, int]], bool]:
    """Every example's PDF size and page count; and whether render_bytes, render and render_many agree."""
    import pypdf

    import notices

    found = []
    for spec in sorted((ROOT / "examples").glob("*.yaml")) + sorted(
        (ROOT / "examples" / "house-styles").glob("*.yaml")
    ):
        data = notices.render_bytes(notices.load(spec), "pdf")
        found.append(
            (
                str(spec.relative_to(ROOT / "examples")),
                len(data),
                len(pypdf.PdfReader(io.BytesIO(data)).pages),
            )
        )
    notice = notices.load(SPEC)
    row = {"code": "D0001", "name": "上海恒信商贸有限公司"}
    with tempfile.TemporaryDirectory() as folder:
        via_bytes = {fmt: notices.render_bytes(notice, fmt, row, reuse=False) for fmt in ("pdf", "docx")}
        via_render = {
            p.suffix[1:]: p.read_bytes() for p in notices.render(notice, Path(folder) / "one", recipient=row)
        }
        notices.render_many(notice, [row], Path(folder) / "batch")
        via_batch = {fmt: (Path(folder) / "batch" / f"D0001.{fmt}").read_bytes() for fmt in ("pdf", "docx")}
    return found, via_bytes == via_render == via_batch


def typst_source() -> str:
    """The stock-up notice in Typst, the same text in the same faces, sizes, margins and grid."""
    import notices
    from notices.document import Heading, Paragraph, Title

    doc = notices.compose(notices.load(SPEC))
    lines = [
        '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),'
        " footer: context align(if calc.odd(here().page()) { right } else { left },"
        " text(size: 14pt)[— #counter(page).display() —]))",
        '#set text(font: "Noto Serif CJK SC", size: 16pt, lang: "zh", region: "cn")',
        "#set par(justify: true, leading: 12.95pt, first-line-indent: (amount: 2em, all: true))",
        '#align(center, text(fill: rgb("#E60012"), size: 36pt, weight: "bold")[华东恒信控股有限公司文件])',
    ]
    for block in doc.blocks:
        if isinstance(block, Title):
            lines.append(f'#align(center, text(size: 22pt, weight: "bold")[{block.text}])')
        elif isinstance(block, Heading):
            lines.append(f'#text(font: "Noto Sans CJK SC")[{block.number}{block.text}]')
        elif isinstance(block, Paragraph):
            lines.append(block.number + block.text)
        elif block.kind in ("salutation", "closing", "note"):
            lines.append(block.text if block.kind != "salutation" else '#sys.inputs.at("name")')
        lines.append("")
    lines.append("#align(right)[华东恒信控股有限公司 \\ 2026年1月5日]")
    return "\n".join(lines).replace("尊敬的", "")


def typst_runs(runs: int, folder: Path) -> dict[str, Any]:
    import typst

    source = folder / "notice.typ"
    source.write_text(typst_source(), encoding="utf-8")
    compiler = typst.Compiler(str(source))
    compiler.compile(format="pdf", sys_inputs={"name": "参考客户有限公司"})
    warm = timed(lambda n: compiler.compile(format="pdf", sys_inputs={"name": name(n)}), runs)
    size = len(compiler.compile(format="pdf", sys_inputs={"name": name(0)}))
    script = f"import typst; typst.compile({str(source)!r}, format='pdf', sys_inputs={{'name': 'x'}})"
    start = cold([sys.executable, "-c", script], 5)
    return {"typst_warm": warm, "typst_cold": start, "typst_bytes": size}


def docxtpl_runs(runs: int, folder: Path) -> dict[str, Samples]:
    """docxtpl on a Word template holding the same paragraphs, the recipient's name as a tag."""
    import docx
    from docxtpl import DocxTemplate

    import notices

    doc = notices.compose(notices.load(SPEC))
    template = docx.Document()
    for line in doc.plain_text().splitlines():
        template.add_paragraph("尊敬的{{ name }}：" if line.startswith("尊敬的") else line)
    path = folder / "template.docx"
    template.save(str(path))

    def render(number: int) -> bytes:
        document = DocxTemplate(str(path))
        document.render({"name": name(number)})
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    render(0)
    return {"docxtpl_warm": timed(render, runs)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="warm calls per measure")
    parser.add_argument("--cold-runs", type=int, default=7, help="process starts per cold measure")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions of one cold render and check (valgrind; about 2 minutes more)",
    )
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Cold starts first, in processes of their own, while this one has imported nothing heavy.
        render_command = [str(VENV_BIN / "notices"), "render", str(SPEC), "-o", str(folder)]
        check_command = [str(VENV_BIN / "notices"), "check", str(SPEC)]
        render_cold = cold(render_command, args.cold_runs)
        check_cold = cold(check_command, args.cold_runs)
        render_first = first_start(render_command, folder)
        check_first = first_start(check_command, folder)
        counts = (
            {
                "render_instructions": instructions(render_command),
                "check_instructions": instructions(check_command),
            }
            if args.instructions
            else {}
        )
        measured: dict[str, Any] = dict(library(args.runs))
        measured.update(typst_runs(args.runs, folder))
        measured.update(docxtpl_runs(args.runs, folder))
    sizes, same_bytes = sizes_and_paths()
    measured.update(
        render_cold=render_cold, check_cold=check_cold, render_first=render_first, check_first=check_first
    )
    measured.update(counts)
    load_after = os.getloadavg()
    text = report(args, measured, sizes, same_bytes, load_before, load_after)
    write_section(args.out, text, BEGIN, END)
    print(text)
    return 0


# What the anchors cost on the machine issue 12 was filed on (its table: typst 5.7 ms warm and 0.25 s cold,
# docxtpl 19 ms). A target there, times the anchor's time here over its time there, is the target here.
ISSUE_ANCHOR_CPU_MS = {"typst_warm": 5.7, "typst_cold": 250.0, "docxtpl_warm": 19.0}

# (label, measure, target in ms on the issue's machine, the anchor that scales it, the anchor's name, in seconds)
TIMED_TARGETS = (
    ("library, same notice, new recipient: PDF ≤ 10 ms", "pdf_same", 10, "typst_warm", "typst", False),
    ("library, same notice, new recipient: DOCX ≤ 5 ms", "docx_same", 5, "docxtpl_warm", "docxtpl", False),
    ("library, a different notice each call: PDF ≤ 50 ms", "pdf_different", 50, "typst_warm", "typst", False),
    ("cold `notices render` (PDF + DOCX) ≤ 1.0 s", "render_cold", 1000, "typst_cold", "cold typst", True),
    ("cold `notices check` ≤ 0.3 s", "check_cold", 300, "typst_cold", "cold typst", True),
)


def instruction_lines(m: dict[str, Any]) -> list[str]:
    """The instruction counts of a cold start, when measured (``--instructions``)."""
    render, check = m.get("render_instructions"), m.get("check_instructions")
    if render is None or check is None:
        return []
    return [
        "",
        f"Instructions executed by one cold start, the same at any load (valgrind's cachegrind): "
        f"`notices render` {render / 1e9:.2f} G, `notices check` {check / 1e9:.2f} G. Compare these across "
        "runs made at different loads.",
    ]


def report(
    args: argparse.Namespace,
    m: dict[str, Any],
    sizes: list[tuple[str, int, int]],
    same_bytes: bool,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> str:
    from importlib.metadata import version

    def shown(samples: Samples, seconds: bool) -> str:
        unit, scale, digits = ("s", 1000, 2) if seconds else ("ms", 1, 1)
        return f"{samples.wall_ms / scale:.{digits}f} {unit} wall, {samples.cpu_ms / scale:.{digits}f} {unit} CPU"

    def ratio(ours: str, theirs: str) -> str:
        return f"ratio {m[ours].wall_ms / m[theirs].wall_ms:.2f} wall, {m[ours].cpu_ms / m[theirs].cpu_ms:.2f} CPU"

    small = [s for s in sizes if s[2] <= 2]
    largest = max(small, key=lambda s: s[1])
    rows = []
    for label, key, target_ms, anchor, anchor_name, seconds in TIMED_TARGETS:
        samples: Samples = m[key]
        measured = shown(samples, seconds)
        theirs: Samples = m[anchor]
        measured += f"; {anchor_name} {shown(theirs, seconds)} ({ratio(key, anchor)})"
        # The issue's targets are milliseconds on the machine it was filed on; the anchor's time there and
        # here scales them to this machine, so a slower or busier machine neither passes nor fails them alone.
        scaled_ms = target_ms * theirs.cpu_ms / ISSUE_ANCHOR_CPU_MS[anchor]
        unit, scale = ("s", 1000) if seconds else ("ms", 1)
        measured += f"; target here {scaled_ms / scale:.2f} {unit} CPU"
        verdict = "met" if samples.cpu_ms <= scaled_ms else "**not met**"
        if verdict == "met" and samples.cpu_ms > target_ms:
            verdict = "met at this machine's speed (not in the issue's absolute figure)"
        rows.append((label, measured, verdict))
    rows.append(
        (
            "every 1–2 page PDF ≤ 80 KB",
            f"largest {largest[1] / 1000:.0f} KB ({largest[0]}); typst {m['typst_bytes'] / 1000:.0f} KB",
            "met" if largest[1] <= MAX_PDF_BYTES else "**not met**",
        )
    )
    rows.append(
        (
            "same bytes through render_bytes, render and render_many",
            "PDF and DOCX identical" if same_bytes else "they differ",
            "met" if same_bytes else "**not met**",
        )
    )
    first_render, first_check = m["render_first"], m["check_first"]
    lines = [
        BEGIN,
        "## Library and command line: one notice (`bench/render.py`)",
        "",
        f"Command: `.venv/bin/python bench/render.py --runs {args.runs} --cold-runs {args.cold_runs}"
        f"{' --instructions' if args.instructions else ''}`  ",
        f"Machine: {os.cpu_count()} CPUs shared with other work; load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after. Python {sys.version.split()[0]}, WeasyPrint {version('weasyprint')}, "
        f"typst {version('typst')}, docxtpl {version('docxtpl')}.  ",
        f"Input: {SPEC.relative_to(ROOT)} (2 pages); warm figures are medians of {args.runs} calls in one process "
        f"after its first, cold ones medians of {args.cold_runs} process starts (after one start that writes "
        "Python's bytecode and notices' disk cache, as any start after a user's first). Wall time is what a "
        "user waits on this loaded machine; CPU time (user + system, of the process or of the started "
        "command) is what the work costs, and is what to compare across runs. Ratios are ours / theirs, "
        'from this run. Each target was set in milliseconds on the machine issue 12 was filed on; "target '
        "here\" scales it by the anchor's CPU time in this run over the anchor's time there (typst 5.7 ms warm, "
        "0.25 s cold; docxtpl 19 ms), and the verdict compares CPU time with that.",
        "",
        "| target | measured | |",
        "|---|---|---|",
        *(f"| {target} | {value} | {verdict} |" for target, value, verdict in rows),
        "",
        f"`notices.render` (PDF + DOCX files, same notice, new recipient): {m['render_both_same'].wall_ms:.1f} ms "
        f"wall, {m['render_both_same'].cpu_ms:.1f} ms CPU a call. A user's very first start, with an empty "
        f"notices cache: `notices render` {first_render.wall_ms / 1000:.2f} s wall, "
        f"{first_render.cpu_ms / 1000:.2f} s CPU; `notices check` {first_check.wall_ms / 1000:.2f} s wall, "
        f"{first_check.cpu_ms / 1000:.2f} s CPU. typst here is a simplified page in the same faces and text "
        "(no grid justification, no seal); docxtpl fills one tag in a plain template of the same paragraphs.",
        *instruction_lines(m),
        "",
        "| example | PDF | pages |",
        "|---|---|---|",
        *(f"| {name} | {size / 1000:.0f} KB | {pages} |" for name, size, pages in sizes),
        END,
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
