"""An English letter's enclosure lines, as a reader finds them in the PDF and the DOCX."""

from __future__ import annotations

from pathlib import Path

import docx
import pdfplumber

import notices

LETTER = {
    "lang": "en",
    "issuer": {"name": "Huadong Hengxin Holdings Co., Ltd."},
    "title": "Our new ordering portal",
    "body": ["We are moving to a new ordering portal on 1 March 2026."],
    "sign_off": {"date": "2026-02-16"},
}


def lines_of(tmp_path: Path, attachments: list[str]) -> tuple[list[str], list[str]]:
    notice = notices.load({**LETTER, "attachments": attachments})
    notices.render(notice, tmp_path / "letter")
    with pdfplumber.open(tmp_path / "letter.pdf") as pdf:
        pdf_lines = (pdf.pages[0].extract_text() or "").splitlines()
    docx_lines = [
        line for p in docx.Document(str(tmp_path / "letter.docx")).paragraphs for line in p.text.split("\n")
    ]
    return pdf_lines, docx_lines


def test_several_enclosures_have_one_label_and_are_numbered(tmp_path: Path) -> None:
    for lines in lines_of(tmp_path, ["Ordering portal user guide", "Account activation form"]):
        enclosure = [line for line in lines if "Enclosure" in line or line[:3] in ("1. ", "2. ")]
        assert enclosure == ["Enclosures (2):", "1. Ordering portal user guide", "2. Account activation form"]


def test_one_enclosure_is_one_line(tmp_path: Path) -> None:
    for lines in lines_of(tmp_path, ["Ordering portal user guide"]):
        assert [line for line in lines if "Enclosure" in line] == ["Enclosure: Ordering portal user guide"]
