"""An English letter's notations after the signature ("Enclosure: …", the contact line, "cc: …") never stand
on a page of their own in the PDF: wherever the page break falls, the signature is on their page. (The DOCX
cannot promise it in LibreOffice 7.4, which keeps one paragraph with the next but not a chain of them.)"""

from __future__ import annotations

import io

import pdfplumber
import pytest

import notices

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


@pytest.mark.parametrize("lines", range(30, 56))
def test_the_notations_travel_with_the_signature(lines: int) -> None:
    pdf = notices.render_bytes(notices.load({**BASE, "body": [LINE] * lines}), "pdf")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    for mark in ("Enclosure: Proxy form", "cc: General Committee", "secretary@emerge.example.org"):
        (where,) = [n for n, text in enumerate(pages) if mark in text]
        # the issuer's name on that page: the letterhead on page 1, the signature on any later one
        assert "Emerge Incorporated" in pages[where], (lines, mark, where)
