"""An English letter leaves no line of a paragraph alone at the foot or the head of a page (issue 13), in our PDF
and in the DOCX as LibreOffice lays it out: every paragraph split across two pages keeps at least two lines on
each (CSS orphans/widows 2, w:widowControl). A Chinese notice keeps its full 22-line grid instead (GB/T 9704
§5.2.2; test_pdf_layout.py).

The letters: paragraphs of three to five lines, pushed down a line at a time by short paragraphs above them, so
that the page break falls after every line of some paragraph in one of them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import notices

from .conftest import Rendered, libreoffice_convert
from .pdfmeasure import Line, Page, read_pdf

MIN_LINES = 2
SHIFTS = range(5)
WORDS = (
    "We write to set out the arrangements for deliveries over the coming quarter, the terms on which orders are "
    "accepted and the people to contact if anything in this letter is unclear or does not match your records "
)


def paragraph(n: int) -> str:
    return f"Point {n}: " + WORDS * (1 + n % 3)


def letter(shift: int) -> dict[str, object]:
    body: list[object] = [f"Short note {k}." for k in range(shift)]
    body += [paragraph(n) for n in range(1, 13)]
    return {
        "kind": "general",
        "lang": "en",
        "issuer": {"name": "Acme Trading Ltd"},
        "title": "Deliveries in the coming quarter",
        "body": body,
        "sign_off": {"date": "2026-03-02"},
    }


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("widows")
    found = {}
    for shift in SHIFTS:
        doc = notices.compose(notices.load(letter(shift)))
        paths = {p.suffix[1:]: p for p in notices.render(doc, out / f"shift-{shift}")}
        found[f"shift-{shift}"] = Rendered(out / f"shift-{shift}.yaml", doc, paths["pdf"], paths["docx"])
    return found


def paragraph_lines(pages: tuple[Page, ...], text: str) -> list[Line]:
    """The lines holding ``text`` (spaces ignored), the running page numbers left out of the reading order."""
    stream = [
        (c, line) for page in pages for line in page.lines if not line.text.isdigit() for c in line.chars
    ]
    flat = "".join(char.text for char, _ in stream)
    wanted = "".join(text.split())
    at = flat.find(wanted)
    found: list[Line] = []
    for _char, line in stream[at : at + len(wanted)] if at >= 0 else []:
        if not found or found[-1] is not line:
            found.append(line)
    return found


def split_paragraphs(pdfs: dict[str, Path]) -> list[tuple[str, str, Counter[int]]]:
    """(letter, paragraph, lines on each page) of every paragraph that runs over a page break."""
    found = []
    for name, pdf in pdfs.items():
        pages = read_pdf(pdf)
        for n in range(1, 13):
            lines = paragraph_lines(pages, paragraph(n))
            assert lines, f"{name}: point {n} not found"
            per_page = Counter(line.page for line in lines)
            if len(per_page) > 1:
                found.append((name, f"point {n}", per_page))
    return found


def assert_no_lone_lines(pdfs: dict[str, Path]) -> None:
    splits = split_paragraphs(pdfs)
    assert splits, "no paragraph runs over a page break: the letters test nothing"
    lone = [s for s in splits if min(s[2].values()) < MIN_LINES]
    assert not lone, "\n".join(f"{name}, {what}: lines per page {dict(c)}" for name, what, c in lone)


def test_no_line_alone_at_a_page_foot_or_head_in_the_pdf(letters: dict[str, Rendered]) -> None:
    assert_no_lone_lines({name: r.pdf for name, r in letters.items()})


@pytest.mark.slow
def test_no_line_alone_at_a_page_foot_or_head_in_libreoffice(
    letters: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory
) -> None:
    converted = libreoffice_convert(letters, tmp_path_factory.mktemp("widows-lo"))
    assert_no_lone_lines(converted)
    for name, rendered in letters.items():  # and the pages fall as in our PDF
        assert len(read_pdf(converted[name])) == len(read_pdf(rendered.pdf)), name
