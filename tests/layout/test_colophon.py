"""The 版记 at the foot of the last even page, with its rules, in the PDF and in the DOCX (GB/T 9704 §7.4.1,
§7.5; notices/layout/colophon.py): measured in the produced files, for every example that has one and for
notices whose text ends on an odd page, on an even page with room, and on an even page without room."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

import notices
from notices.document import Colophon
from notices.layout import Layout, lay_out, profile_of
from notices.layout.colophon import ColophonPlace

from .conftest import EXAMPLES, Rendered, libreoffice_convert
from .pdfmeasure import MM, Page, read_pdf

HEAVY = 0.35 * MM
# A grid line of ordinary prose, 28 characters (as signoff_cases.py).
ZH_LINE = "请各经销商合作伙伴及时安排人员做好库存盘点和订单核对工作。"


def colophon_of(rendered: Rendered) -> Colophon | None:
    return next((b for b in rendered.doc.blocks if isinstance(b, Colophon)), None)


def geometry(rendered: Rendered) -> tuple[float, float, float]:
    p = profile_of(rendered.doc)
    return (
        p.margin_left_mm * MM,
        (p.page_width_mm - p.margin_right_mm) * MM,
        (p.page_height_mm - p.margin_bottom_mm) * MM,
    )


def texts(page: Page) -> str:
    return "".join(line.text for line in page.lines)


def check_colophon(rendered: Rendered, pdf: Path, place: ColophonPlace | None) -> list[str]:
    """What a reviewer checks on the page: the 版记 on the last page, an even one; its last heavy rule on the
    type area's lower edge, its rules as wide as the type area; no page number on its own page or on a blank
    page before it; the blank page blank."""
    colophon = colophon_of(rendered)
    assert colophon is not None and place is not None
    left, right, bottom = geometry(rendered)
    pages = read_pdf(pdf)
    last = pages[-1]
    found = []
    wanted = "".join((colophon.printer or colophon.cc or "").split())
    if wanted[:8] not in texts(last):
        found.append(f"the 版记 is not on the last page ({len(pages)}): {texts(last)[:40]}")
    if len(pages) % 2:
        found.append(f"the 版记 is on odd page {len(pages)}")
    rules = [r for r in last.rects if r["x1"] - r["x0"] > 0.9 * (right - left)]
    if not rules:
        found.append("no rules")
    else:
        lowest = max(r["bottom"] for r in rules)
        if abs(lowest - bottom) > 1.0:
            found.append(f"the last rule ends {lowest - bottom:+.2f} pt from the type area's lower edge")
        for r in rules:
            if abs(r["x0"] - left) > 1 or abs(r["x1"] - right) > 1:
                found.append(
                    f"a rule spans {r['x0']:.1f}-{r['x1']:.1f}, the type area {left:.1f}-{right:.1f}"
                )
    numbered = [page.number for page in pages if any(line.baseline > bottom + 5 for line in page.lines)]
    if place.own_page:
        if len(pages) in numbered:
            found.append("the 版记's own page carries a page number")
        body = [line.text for line in last.lines if line.baseline < bottom - 3 * 28.95 - 2]
        if body:
            found.append(f"the 版记's own page holds text: {body[:2]}")
        if place.blank_before and (texts(pages[-2]) or len(pages) - 1 in numbered):
            found.append("the page before the 版记 is not blank")
    elif len(pages) not in numbered:
        found.append("the last page, shared with the text, has no page number")
    return found


@functools.cache
def grown_cases() -> dict[str, tuple[dict[str, Any], Layout]]:
    """The general notice with a 版记, its body grown a line at a time, one for each place the 版记 can take."""
    base: dict[str, Any] = yaml.safe_load((EXAMPLES / "general.zh.yaml").read_text(encoding="utf-8"))
    base["cc"] = ["公司董事会办公室", "监事会", "各分公司"]
    base["printing"] = {"office": "华东恒信控股有限公司办公室", "date": "2026-01-05"}
    found: dict[str, tuple[dict[str, Any], Layout]] = {}
    for lines in range(0, 60):
        data = dict(base, body=[*base["body"], ZH_LINE * lines])
        layout = lay_out(notices.compose(notices.load(data, base_dir=EXAMPLES)))
        place = layout.colophon
        assert place is not None
        name = "shared" if not place.own_page else f"own-{place.blank_before}"
        found.setdefault(name, (data, layout))
        if len(found) == 3:
            break
    return found


@pytest.fixture(scope="module")
def colophon_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Rendered, Layout]]:
    out = tmp_path_factory.mktemp("colophon")
    rendered = {}
    for name, (_data, layout) in grown_cases().items():
        paths = {p.suffix[1:]: p for p in notices.render(layout.doc, out / name)}
        rendered[name] = (Rendered(out / f"{name}.yaml", layout.doc, paths["pdf"], paths["docx"]), layout)
    return rendered


def test_the_cases_cover_every_place() -> None:
    assert set(grown_cases()) == {"shared", "own-0", "own-1"}


def colophon_problems(rendered_examples: dict[str, Rendered], pdfs: dict[str, Path]) -> list[str]:
    problems, checked = [], 0
    for key, rendered in rendered_examples.items():
        if colophon_of(rendered) is None or rendered.doc.lang != "zh" or rendered.doc.profile == "letter":
            continue
        checked += 1
        problems += [
            f"{key}: {p}" for p in check_colophon(rendered, pdfs[key], lay_out(rendered.doc).colophon)
        ]
    assert checked >= 1
    return problems


def test_every_example_has_its_colophon_on_the_last_even_page(rendered_examples: dict[str, Rendered]) -> None:
    problems = colophon_problems(rendered_examples, {key: r.pdf for key, r in rendered_examples.items()})
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_every_example_has_its_colophon_on_the_last_even_page_in_libreoffice(
    rendered_examples: dict[str, Rendered], libreoffice_pdfs: dict[str, Path]
) -> None:
    problems = colophon_problems(rendered_examples, libreoffice_pdfs)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["shared", "own-0", "own-1"])
def test_pdf_colophon_in_each_place(name: str, colophon_cases: dict[str, tuple[Rendered, Layout]]) -> None:
    rendered, layout = colophon_cases[name]
    assert not check_colophon(rendered, rendered.pdf, layout.colophon)


@pytest.mark.slow
def test_docx_colophon_in_each_place_through_libreoffice(
    colophon_cases: dict[str, tuple[Rendered, Layout]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    every = {name: rendered for name, (rendered, _) in colophon_cases.items()}
    converted = libreoffice_convert(every, tmp_path_factory.mktemp("lo-colophon"))
    problems = []
    for name, rendered in every.items():
        place = lay_out(rendered.doc).colophon
        problems += [f"{name}: {p}" for p in check_colophon(rendered, converted[name], place)]
    assert not problems, "\n".join(problems)
