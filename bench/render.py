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
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "stockup.zh.yaml"
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- bench/render.py: begin -->", "<!-- bench/render.py: end -->"
VENV_BIN = Path(sys.executable).parent
MAX_PDF_BYTES = 80_000


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(call: Callable[[int], Any], runs: int) -> list[float]:
    out = []
    for number in range(runs):
        start = time.perf_counter()
        call(number)
        out.append(time.perf_counter() - start)
    return out


def cold(command: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        out.append(time.perf_counter() - start)
    return out


def name(number: int) -> str:
    return f"第{number + 1}号经销商商贸有限公司"


def library(runs: int) -> dict[str, float]:
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
    return {
        "pdf_same": median_ms(pdf),
        "docx_same": median_ms(docx),
        "render_both_same": median_ms(both),
        "pdf_different": median_ms(other),
    }


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


def typst_runs(runs: int, folder: Path) -> dict[str, float]:
    import typst

    source = folder / "notice.typ"
    source.write_text(typst_source(), encoding="utf-8")
    compiler = typst.Compiler(str(source))
    compiler.compile(format="pdf", sys_inputs={"name": "参考客户有限公司"})
    warm = timed(lambda n: compiler.compile(format="pdf", sys_inputs={"name": name(n)}), runs)
    size = len(compiler.compile(format="pdf", sys_inputs={"name": name(0)}))
    script = f"import typst; typst.compile({str(source)!r}, format='pdf', sys_inputs={{'name': 'x'}})"
    start = cold([sys.executable, "-c", script], 5)
    return {"typst_warm": median_ms(warm), "typst_cold": median_ms(start), "typst_bytes": size}


def docxtpl_runs(runs: int, folder: Path) -> dict[str, float]:
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
    return {"docxtpl_warm": median_ms(timed(render, runs))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="warm calls per measure")
    parser.add_argument("--cold-runs", type=int, default=7, help="process starts per cold measure")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Cold starts first, in processes of their own, while this one has imported nothing heavy.
        render_cold = cold(
            [str(VENV_BIN / "notices"), "render", str(SPEC), "-o", str(folder)], args.cold_runs
        )
        check_cold = cold([str(VENV_BIN / "notices"), "check", str(SPEC)], args.cold_runs)
        measured = library(args.runs)
        measured.update(typst_runs(args.runs, folder))
        measured.update(docxtpl_runs(args.runs, folder))
    sizes, same_bytes = sizes_and_paths()
    measured["render_cold"] = median_ms(render_cold)
    measured["check_cold"] = median_ms(check_cold)
    load_after = os.getloadavg()
    text = report(args, measured, sizes, same_bytes, load_before, load_after)
    write_section(args.out, text)
    print(text)
    return 0


def report(
    args: argparse.Namespace,
    m: dict[str, float],
    sizes: list[tuple[str, int, int]],
    same_bytes: bool,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> str:
    from importlib.metadata import version

    def verdict(ok: bool) -> str:
        return "met" if ok else "**not met**"

    small = [s for s in sizes if s[2] <= 2]
    largest = max(small, key=lambda s: s[1])
    rows = [
        (
            "library, same notice, new recipient: PDF ≤ 10 ms",
            f"{m['pdf_same']:.1f} ms; typst {m['typst_warm']:.1f} ms (ratio {m['pdf_same'] / m['typst_warm']:.1f})",
            m["pdf_same"] <= 10,
        ),
        (
            "library, same notice, new recipient: DOCX ≤ 5 ms",
            f"{m['docx_same']:.1f} ms; docxtpl {m['docxtpl_warm']:.1f} ms (ratio {m['docx_same'] / m['docxtpl_warm']:.2f})",
            m["docx_same"] <= 5,
        ),
        (
            "library, a different notice each call: PDF ≤ 50 ms",
            f"{m['pdf_different']:.1f} ms",
            m["pdf_different"] <= 50,
        ),
        (
            "cold `notices render` (PDF + DOCX) ≤ 1.0 s",
            f"{m['render_cold'] / 1000:.2f} s; cold typst {m['typst_cold'] / 1000:.2f} s (ratio {m['render_cold'] / m['typst_cold']:.1f})",
            m["render_cold"] <= 1000,
        ),
        ("cold `notices check` ≤ 0.3 s", f"{m['check_cold'] / 1000:.2f} s", m["check_cold"] <= 300),
        (
            "every 1–2 page PDF ≤ 80 KB",
            f"largest {largest[1] / 1000:.0f} KB ({largest[0]}); typst {m['typst_bytes'] / 1000:.0f} KB",
            largest[1] <= MAX_PDF_BYTES,
        ),
        (
            "same bytes through render_bytes, render and render_many",
            "PDF and DOCX identical" if same_bytes else "they differ",
            same_bytes,
        ),
    ]
    lines = [
        BEGIN,
        "## Library and command line: one notice (`bench/render.py`)",
        "",
        f"Command: `.venv/bin/python bench/render.py --runs {args.runs} --cold-runs {args.cold_runs}`  ",
        f"Machine: {os.cpu_count()} CPUs shared with other work; load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after. Python {sys.version.split()[0]}, WeasyPrint {version('weasyprint')}, "
        f"typst {version('typst')}, docxtpl {version('docxtpl')}.  ",
        f"Input: {SPEC.relative_to(ROOT)} (2 pages); warm figures are medians of {args.runs} calls in one process "
        f"after its first, cold ones medians of {args.cold_runs} process starts. Ratios are ours / theirs, "
        "from this run.",
        "",
        "| target | measured | |",
        "|---|---|---|",
        *(f"| {target} | {value} | {verdict(ok)} |" for target, value, ok in rows),
        "",
        f"`notices.render` (PDF + DOCX files, same notice, new recipient): {m['render_both_same']:.1f} ms a call. "
        "typst here is a simplified page in the same faces and text (no grid justification, no seal); docxtpl "
        "fills one tag in a plain template of the same paragraphs.",
        "",
        "| example | PDF | pages |",
        "|---|---|---|",
        *(f"| {name} | {size / 1000:.0f} KB | {pages} |" for name, size, pages in sizes),
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + text.rstrip("\n") + old[old.index(END) + len(END) :]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
