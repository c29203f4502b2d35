"""Where the CPU time of "a different notice each call" goes, stage by stage, and write it into bench/RESULTS.md.

The call is bench/render.py's: ``render_bytes(load(spec with another first paragraph), "pdf", reuse=False)``
on examples/stockup.zh.yaml, in a warm process (faces, templates, the stylesheet parsed once). Each stage's
CPU time (user + system of this process) is taken around the function that does it, in the same calls; the
median of each over the runs is reported, and "WeasyPrint: pages and lines" is what ``weasy_document`` spends
outside parsing, styling and building boxes (its ``layout_document``: block and line layout, margin boxes,
backgrounds; measured apart where WeasyPrint calls them through a name this script can wrap).

    .venv/bin/python bench/render_stages.py --runs 40
"""

from __future__ import annotations

import argparse
import copy
import inspect
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sections import markers, write_section  # bench/sections.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "examples" / "stockup.zh.yaml"
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = markers("bench/render_stages.py")


class Stages:
    """CPU seconds per stage within the current call."""

    def __init__(self) -> None:
        self.current: dict[str, float] = defaultdict(float)
        self.calls: list[dict[str, float]] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:  # an older notices (run against another checkout with PYTHONPATH)
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                result = original(*args, **kwargs)
            finally:
                self.current[label] += time.process_time() - start
            return self._iterated(result, label) if inspect.isgenerator(result) else result

        setattr(owner, name, timed)

    def _iterated(self, generator: Iterator[Any], label: str) -> Iterator[Any]:
        """A generator's items, the time of making each counted (WeasyPrint makes margin boxes lazily)."""
        while True:
            start = time.process_time()
            try:
                item = next(generator)
            except StopIteration:
                return
            finally:
                self.current[label] += time.process_time() - start
            yield item

    @contextmanager
    def call(self) -> Iterator[None]:
        self.current = defaultdict(float)
        start = time.process_time()
        yield
        self.current["total"] = time.process_time() - start
        self.calls.append(dict(self.current))

    def median_ms(self, label: str) -> float:
        return statistics.median(call.get(label, 0.0) for call in self.calls) * 1000


def measure(runs: int) -> Stages:
    import yaml

    import notices
    import notices.renderers as renderers
    import notices.renderers.html as html
    import notices.renderers.pdf as pdf
    import notices.renderers.pdf_engine as pdf_engine
    import notices.renderers.weasy as weasy
    from notices.renderers.weasy.drawing import PageDrawer

    notice = notices.load(SPEC)
    notices.render_bytes(
        notice, "pdf", {"name": "参考客户有限公司"}
    )  # the first call: imports, faces, templates
    data = yaml.safe_load(SPEC.read_text(encoding="utf-8"))

    def different(number: int) -> bytes:
        changed = copy.deepcopy(data)
        changed["body"][0] = f"（第{number + 1}版）" + changed["body"][0]
        return notices.render_bytes(notices.load(changed, base_dir=SPEC.parent), "pdf", reuse=False)

    different(10_000)
    import weasyprint.document as weasy_document
    import weasyprint.layout as weasy_layout
    import weasyprint.layout.inline as weasy_inline

    stages = Stages()
    stages.wrap(notices, "load", "notices: load the spec")
    stages.wrap(notices, "_require_clean", "notices: check gate (every rule)")
    stages.wrap(notices, "compose", "notices: compose")
    stages.wrap(renderers, "lay_out", "notices: layout stage (lines, fit)")
    stages.wrap(html, "to_html", "notices: to_html")
    stages.wrap(weasy, "html_document", "WeasyPrint: parse the HTML")
    stages.wrap(weasy_document, "get_all_computed_styles", "WeasyPrint: styles (cascade)")
    stages.wrap(weasy_document, "build_formatting_structure", "WeasyPrint: boxes")
    stages.wrap(pdf, "weasy_document", "weasy_document")
    stages.wrap(weasy_inline, "split_first_line", "of which Pango: shape and break text boxes")
    stages.wrap(weasy_layout, "make_margin_boxes", "of which page margin boxes")
    stages.wrap(weasy_layout, "layout_backgrounds", "of which backgrounds")
    stages.wrap(PageDrawer, "draw", "draw the pages (WeasyPrint's painter)")
    stages.wrap(pdf_engine, "write_pdf", "write the PDF (fonts cut, objects)")
    for number in range(runs):
        with stages.call():
            different(number)
    return stages


def report(stages: Stages, runs: int, load_before: float, load_after: float) -> str:
    from importlib.metadata import version

    total = stages.median_ms("total")
    weasy_total = stages.median_ms("weasy_document")
    parts = [
        "notices: load the spec",
        "notices: check gate (every rule)",
        "notices: compose",
        "notices: layout stage (lines, fit)",
        "notices: to_html",
        "WeasyPrint: parse the HTML",
        "WeasyPrint: styles (cascade)",
        "WeasyPrint: boxes",
    ]
    rows = [(label, stages.median_ms(label)) for label in parts]
    outside = weasy_total - sum(stages.median_ms(label) for label in parts[5:8])
    rows.append(("WeasyPrint: pages and lines (layout_document)", outside))
    rows.extend(
        (f"— {label}", stages.median_ms(label))
        for label in (
            "of which Pango: shape and break text boxes",
            "of which page margin boxes",
            "of which backgrounds",
        )
    )
    rows.append(
        ("draw the pages (WeasyPrint's painter)", stages.median_ms("draw the pages (WeasyPrint's painter)"))
    )
    rows.append(
        ("write the PDF (fonts cut, objects)", stages.median_ms("write the PDF (fonts cut, objects)"))
    )
    counted = sum(ms for label, ms in rows if not label.startswith("—"))
    rows.append(("the rest (engine, glue)", total - counted))
    lines = [
        BEGIN,
        "## A different notice each call: where the CPU time goes (`bench/render_stages.py`)",
        "",
        f"Command: `.venv/bin/python bench/render_stages.py --runs {runs}`  ",
        f"Machine: {os.cpu_count()} CPUs shared with other work; load average {load_before:.1f} before, "
        f"{load_after:.1f} after. Python {sys.version.split()[0]}, WeasyPrint {version('weasyprint')}.  ",
        'The call of bench/render.py\'s "a different notice" (another first paragraph each call, `reuse=False`), '
        f"in a warm process; CPU ms, medians of {runs} calls per stage (so the stages need not add up to the "
        "median total exactly). Rows starting with — are part of the row above them.",
        "",
        "| stage | CPU ms | share |",
        "|---|---|---|",
        *(f"| {label} | {ms:.1f} | {ms / total * 100:.0f}% |" for label, ms in rows),
        f"| **total, one call** | **{total:.1f}** | |",
        END,
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, run: Callable[[int], Stages] = measure) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="calls measured")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    before = os.getloadavg()[0]
    stages = run(args.runs)
    text = report(stages, args.runs, before, os.getloadavg()[0])
    write_section(args.out, text, BEGIN, END)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
