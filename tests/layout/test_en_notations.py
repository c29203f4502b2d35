"""An English letter's closing lines stay together: the closing formula ("Yours faithfully,"), the signature and
the notations after it ("Enclosure: …", the contact line, "cc: …") are on one page, in our PDF and in the DOCX as
LibreOffice lays it out, for every example and corpus letter, for letters whose page break walks down through
the closing lines, and for the sign-off cases (signoff_cases.py). Before, the DOCX wrote them as a chain of
kept paragraphs, which LibreOffice 7.4 does not keep together: corpus/real/en-emerge-2019-agm printed
"Enclosure: Proxy form" alone on page 2 (notices/renderers/docx.py, `_closing_lines`)."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

import notices
from notices.document import AttachmentNote, Closing, Colophon, Document, Note, Paragraph, SignOff

from .conftest import Rendered, libreoffice_convert

BASE = {
    "lang": "en",
    "issuer": {"name": "Emerge Incorporated"},
    "title": "Notice of 2019 Annual General Meeting",
    "salutation": "Dear Sir or Madam,",
    "sign_off": {"date": "2019-10-24"},
    "contact": {"email": "secretary@emerge.example.org"},
    "attachments": ["Proxy form"],
    "cc": ["General Committee"],
}
# Facts of a real notice (emerge.org.au, 2019 AGM), one sentence a line so that the break walks down the tail.
LINE = "Every financial member may attend the meeting in person or by proxy, and may vote on each motion."
# The lengths at which page 2's foot falls before, inside and after the eleven closing lines: at 41 such lines
# they and the last line go to page 3.
WALK = range(34, 44)


def squeezed(text: str) -> str:
    return "".join(text.split())


def closing_texts(doc: Document) -> list[str]:
    """The first line's text of the closing formula, the signature's last line and each notation after it."""
    blocks = doc.blocks
    at = next((i for i, b in enumerate(blocks) if isinstance(b, SignOff)), None)
    if at is None:
        return []
    sign_off = blocks[at]
    assert isinstance(sign_off, SignOff)
    found = [b.text for b in blocks[at - 1 : at] if isinstance(b, Closing)]
    found.append(sign_off.issuer_lines[-1])
    for block in blocks[at + 1 :]:
        match block:
            case AttachmentNote():
                found += block.titles
            case Colophon():
                found += [t for t in (block.cc,) if t]
            case Note() | Paragraph():
                found.append(block.text)
            case _:
                break
    return [squeezed(t)[:40] for t in found]


def pages_of(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [squeezed(page.extract_text() or "") for page in document.pages]


def apart(doc: Document, pdf: Path) -> str | None:
    """Which closing lines of `doc` stand on another page than the signature in `pdf`, or None."""
    texts = closing_texts(doc)
    if not texts:
        return None
    pages = pages_of(pdf)
    where = {text: [n + 1 for n, page in enumerate(pages) if text in page] for text in texts}
    missing = [text for text, found in where.items() if not found]
    if missing:
        return f"not found: {missing}"
    on = {text: found[-1] for text, found in where.items()}
    if len(set(on.values())) > 1:
        return f"the closing lines are on pages {on}"
    return None


def letters(rendered: dict[str, Rendered]) -> dict[str, Rendered]:
    return {key: r for key, r in rendered.items() if r.doc.lang == "en"}


def test_every_letter_keeps_its_closing_lines_together_in_the_pdf(
    rendered_examples: dict[str, Rendered],
) -> None:
    found = letters(rendered_examples)
    assert sum(len(closing_texts(r.doc)) >= 3 for r in found.values()) >= 4, "no letter with notations"
    problems = [f"{key}: {p}" for key, r in found.items() if (p := apart(r.doc, r.pdf))]
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_every_letter_keeps_its_closing_lines_together_in_libreoffice(
    rendered_examples: dict[str, Rendered], libreoffice_pdfs: dict[str, Path]
) -> None:
    found = letters(rendered_examples)
    problems = [f"{key}: {p}" for key, r in found.items() if (p := apart(r.doc, libreoffice_pdfs[key]))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lines", range(30, 56))
def test_the_notations_travel_with_the_signature(lines: int) -> None:
    pdf = notices.render_bytes(notices.load({**BASE, "body": [LINE] * lines}), "pdf")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    for mark in ("Enclosure: Proxy form", "cc: General Committee", "secretary@emerge.example.org"):
        (where,) = [n for n, text in enumerate(pages) if mark in text]
        # the issuer's name on that page: the letterhead on page 1, the signature on any later one
        assert "Emerge Incorporated" in pages[where], (lines, mark, where)


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Rendered, Path]]:
    """The letter at each length of `WALK`, and LibreOffice's PDF of its DOCX (one soffice call)."""
    out = tmp_path_factory.mktemp("notations")
    rendered = {}
    for lines in WALK:
        doc = notices.compose(notices.load({**BASE, "body": [LINE] * lines}))
        paths = {p.suffix[1:]: p for p in notices.render(doc, out / f"lines-{lines}")}
        rendered[f"lines-{lines}"] = Rendered(out / f"lines-{lines}.yaml", doc, paths["pdf"], paths["docx"])
    converted = libreoffice_convert(rendered, tmp_path_factory.mktemp("notations-libreoffice"))
    return {key: (r, converted[key]) for key, r in rendered.items()}


@pytest.mark.slow
def test_the_closing_lines_travel_together_in_libreoffice_and_the_page_counts_agree(
    walk: dict[str, tuple[Rendered, Path]],
) -> None:
    problems, breaks = [], set()
    for key, (rendered, theirs) in walk.items():
        ours = pages_of(rendered.pdf)
        breaks.add(len(ours))
        for label, pdf in (("PDF", rendered.pdf), ("LibreOffice", theirs)):
            if problem := apart(rendered.doc, pdf):
                problems.append(f"{key} {label}: {problem}")
        if len(ours) != len(pages_of(theirs)):
            problems.append(f"{key}: our PDF {len(ours)} pages, LibreOffice's {len(pages_of(theirs))}")
    assert len(breaks) > 1, "the walk does not cross a page break"
    assert not problems, "\n".join(problems)
