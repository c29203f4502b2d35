"""The sign-off never stands alone on a page (GB/T 9704 §7.3.5.5), in every profile, measured on the files: the
PDF with pdfplumber, the DOCX as LibreOffice lays it out. Alone means: no line of the body above it on its
page (the closing formula, 附件说明 and 附注 do not count, a page holding only "特此通知。" and the sign-off is
the defect too)."""

from __future__ import annotations

from pathlib import Path

import pytest

import notices
from notices.document import Document, SignOff
from notices.layout import lay_out

from .conftest import Rendered
from .pdfmeasure import MM, read_pdf, text_lines
from .signoff_cases import Case, cases, texts_kept_with_sign_off

pytestmark = pytest.mark.slow


def sign_off_problem(pdf: Path, doc: Document) -> str | None:
    """Why the sign-off of `doc` stands alone in `pdf`, or None when a line of the body shares its page."""
    sign_off = next(b for b in doc.blocks if isinstance(b, SignOff))
    issuer = "".join(sign_off.issuer.split())
    profile = lay_out(doc).profile
    lines = text_lines(read_pdf(pdf), type_bottom=(profile.page_height_mm - profile.margin_bottom_mm) * MM)
    found = [line for line in lines if "".join(line.text.split()) == issuer]
    if not found:
        return f"the issuer {sign_off.issuer!r} is not in the PDF"
    where = found[-1]
    kept = texts_kept_with_sign_off(doc)
    above = [
        line
        for line in lines
        if line.page == where.page and line.baseline < where.baseline - 1 and not _kept(line.text, kept)
    ]
    if above:
        return None
    return f"page {where.page} holds the sign-off with no line of the body above it"


def _kept(text: str, kept: set[str]) -> bool:
    joined = "".join(text.split())
    return any(joined and joined in k for k in kept) or joined.startswith("附件")


@pytest.fixture(scope="module")
def rendered_cases(sign_off_cases_rendered: dict[str, Rendered]) -> dict[str, Rendered]:
    return sign_off_cases_rendered


def test_the_cases_cross_a_page_break_in_every_profile() -> None:
    """The cases are what they claim: in each profile some would strand the sign-off without the fit, and
    the fit both tightens some and moves a line with the sign-off in others."""
    names = {case.name.rsplit("-", 1)[0] for case in cases()}
    assert names == {"enterprise", "gbt9704", "plain", "letter", "en-letter"}
    tightened = moved = 0
    for case in cases():
        layout = lay_out(notices.compose(notices.load(case.spec, base_dir=case.base_dir)))
        tightened += bool(layout.fit.tight)
        moved += layout.fit.pages is not None and not layout.fit.tight and _moves(layout)
    assert tightened >= 2 and moved >= 2


def test_tightened_text_fits_the_grid_lines_libreoffice_fills() -> None:
    """A tightened page holds the sign-off within its 22 whole grid lines, not only within the type area
    WeasyPrint fills: LibreOffice breaks a page of a "lines" document grid there (corpus/real/zh-kedcable
    went to two pages when the fit used the last 0.35 pt under the grid)."""
    from notices.layout.fit import grid_height
    from notices.layout.pages import flow, paginate

    from .conftest import example_specs

    tightened = []
    for spec in example_specs():
        try:
            layout = lay_out(notices.compose(notices.load(spec)))
        except notices.SpecError:
            continue  # wrong on purpose (examples/mistakes/): the loader's test
        if layout.zh is None or not layout.fit.tight or layout.fit.pages is None:
            continue
        on_grid = paginate(
            flow(layout.zh, layout.doc.blocks, layout.fit.tight, layout.fit.keep), grid_height(layout.zh)
        )
        tightened.append(spec.name)
        sign_off = max(layout.fit.keep)
        assert on_grid.first_page(sign_off) == layout.fit.pages.first_page(sign_off), spec.name
    assert tightened, "no example or corpus notice is tightened: the test measures nothing"


def _moves(layout: notices.layout.Layout) -> bool:
    from notices.layout.fit import page_height
    from notices.layout.pages import flow, paginate

    assert layout.zh is not None and layout.fit.pages is not None
    natural = paginate(flow(layout.zh, layout.doc.blocks), page_height(layout.zh))
    first = min(layout.fit.keep)
    return natural.first_page(first - 1) != layout.fit.pages.first_page(first - 1) or natural.last_page(
        first - 1
    ) != layout.fit.pages.last_page(first - 1)


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_pdf_never_leaves_the_sign_off_alone(case: Case, rendered_cases: dict[str, Rendered]) -> None:
    rendered = rendered_cases[case.name]
    assert sign_off_problem(rendered.pdf, rendered.doc) is None


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_docx_in_libreoffice_never_leaves_the_sign_off_alone(
    case: Case, rendered_cases: dict[str, Rendered], libreoffice_cases: dict[str, Path]
) -> None:
    rendered = rendered_cases[case.name]
    assert sign_off_problem(libreoffice_cases[case.name], rendered.doc) is None


def test_every_example_keeps_its_sign_off_with_the_body(
    rendered_examples: dict[str, Rendered], libreoffice_pdfs: dict[str, Path]
) -> None:
    problems = []
    for stem, rendered in rendered_examples.items():
        for label, pdf in (("PDF", rendered.pdf), ("DOCX in LibreOffice", libreoffice_pdfs[stem])):
            problem = sign_off_problem(pdf, rendered.doc)
            if problem:
                problems.append(f"{stem} {label}: {problem}")
    assert not problems, "\n".join(problems)
