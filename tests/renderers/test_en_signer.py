"""An English letter's signer: the name under the room for the signature, the job title on the line below it,
in the PDF and in the DOCX, as a reader sees them."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber

import notices

SPEC = {
    "kind": "general",
    "lang": "en",
    # Facts of a real price letter (letters.net.au, "Price Increase", letter #1): the footwear maker's 10%
    # rise; the names are ours.
    "issuer": {"name": "Shell Footwear Co.", "signer": "Jane Miller\nSales Manager"},
    "title": "Price increase from 1 January 2027",
    "body": ["Rising costs for raw materials make it necessary to raise the price of all footwear by 10%."],
    "sign_off": {"date": "2026-12-02"},
}


def test_the_signers_name_and_title_are_two_lines_above_the_company(tmp_path: Path) -> None:
    notice = notices.load(SPEC)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(notices.render_bytes(notice, "pdf"))
    with pdfplumber.open(pdf) as document:
        lines = [line.strip() for line in (document.pages[-1].extract_text() or "").splitlines()]
    at = lines.index("Jane Miller")
    assert lines[at + 1 : at + 3] == ["Sales Manager", "Shell Footwear Co."]

    path = tmp_path / "letter.docx"
    path.write_bytes(notices.render_bytes(notice, "docx"))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    at = texts.index("Jane Miller")
    assert texts[at + 1 : at + 3] == ["Sales Manager", "Shell Footwear Co."]


def test_the_docx_keeps_the_signature_lines_together(tmp_path: Path) -> None:
    """Room for the signature above the name only, a blank line under the company only: with the style's
    spacing on every line, LibreOffice opened three blank lines between name, title and company (TE
    Connectivity's letter, corpus/reviewed/en-te-2021-force-majeure.yaml)."""
    path = tmp_path / "letter.docx"
    path.write_bytes(notices.render_bytes(notices.load(SPEC), "docx"))
    paragraphs = docx.Document(str(path)).paragraphs
    at = [p.text for p in paragraphs].index("Jane Miller")

    def spacing(paragraph: docx.text.paragraph.Paragraph) -> tuple[float, float]:
        own, style = paragraph.paragraph_format, paragraph.style.paragraph_format
        before = own.space_before if own.space_before is not None else style.space_before
        after = own.space_after if own.space_after is not None else style.space_after
        return (before or 0) / 12700, (after or 0) / 12700  # EMU per point

    name, title, company = (spacing(p) for p in paragraphs[at : at + 3])
    assert name[0] > 40 and name[1] == 0
    assert title == (0, 0)
    assert company[0] == 0 and company[1] > 10
