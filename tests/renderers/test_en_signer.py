"""An English letter's signer: the name under the room for the signature, the job title on the line below it,
in the PDF and in the DOCX, as a reader sees them."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

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
    texts = [line for p in docx.Document(str(path)).paragraphs for line in p.text.split("\n")]
    at = texts.index("Jane Miller")
    assert texts[at + 1 : at + 3] == ["Sales Manager", "Shell Footwear Co."]


def test_the_docx_sets_the_closing_lines_as_the_pdf_does(tmp_path: Path) -> None:
    """The closing formula, three blank lines of room for the signature, the name, the job title and the
    company on consecutive lines (with a style's spacing on every line, LibreOffice once opened three blank
    lines between name, title and company: TE Connectivity's letter, corpus/reviewed/en-te-2021-force-
    majeure.yaml), a blank line, the contact: one paragraph at the letter's exact pitch, which LibreOffice
    keeps whole (notices/renderers/docx.py, `_closing_lines`)."""
    path = tmp_path / "letter.docx"
    path.write_bytes(notices.render_bytes(notices.load({**SPEC, "cc": ["Sales team"]}), "docx"))
    document = docx.Document(str(path))
    (closing,) = [p for p in document.paragraphs if "Jane Miller" in p.text]
    assert closing.text.split("\n") == [
        "Yours faithfully,",
        "",
        "",
        "",
        "Jane Miller",
        "Sales Manager",
        "Shell Footwear Co.",
        "",
        "cc: Sales team",
    ]
    style = closing.style  # the spacing as the style chain states it (Notice Closing → Notice Body → Normal)
    while style.paragraph_format.line_spacing_rule is None:
        style = style.base_style
    assert style.paragraph_format.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.EXACTLY
    assert style.paragraph_format.line_spacing.pt == 14
    assert closing.paragraph_format.keep_together


def test_a_seal_floats_over_the_room_for_the_signature_in_both_files(tmp_path: Path) -> None:
    """In the PDF the seal fills the three blank lines above the name (notice.css.j2, .seal); in the DOCX it
    floats over the same lines of the closing paragraph, so the name stays four lines under the closing."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    notice = notices.load(
        {**SPEC, "sign_off": {**SPEC["sign_off"], "seal": "assets/seal.png"}}, base_dir=examples
    )
    pdf, path = notices.render(notice, tmp_path / "sealed")
    with pdfplumber.open(pdf) as document:
        page = document.pages[-1]
        closing = next(w for w in page.extract_words() if w["text"] == "Yours")
        name = next(w for w in page.extract_words() if w["text"] == "Jane")
        (seal,) = page.images
    assert name["bottom"] - closing["bottom"] == pytest.approx(4 * 14, abs=0.5)
    assert seal["top"] == pytest.approx(closing["bottom"], abs=4) and seal["height"] == pytest.approx(
        42, abs=0.5
    )
    (closing_lines,) = [p for p in docx.Document(str(path)).paragraphs if "Jane Miller" in p.text]
    assert closing_lines.text.split("\n")[:5] == ["Yours faithfully,", "", "", "", "Jane Miller"]
    anchor = closing_lines._p.find(".//" + qn("wp:anchor"))
    assert anchor is not None, "the seal is not floating"
    vertical = anchor.find(qn("wp:positionV"))
    assert vertical.get("relativeFrom") == "paragraph"
    assert int(vertical.find(qn("wp:posOffset")).text) == 14 * 12700  # one line down: under the closing
    assert int(anchor.find(qn("wp:extent")).get("cy")) == 42 * 12700  # three lines high
