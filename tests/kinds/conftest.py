"""Every kind × language example, rendered once per session to PDF and DOCX, with the PDF's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
# The examples of each kind: stockup.zh.yaml, incident-update.en.yaml … (other examples belong to other tests).
KIND_EXAMPLE = re.compile(r"^(general|stockup|holiday|price|meeting|incident)(-[a-z]+)?\.(zh|en)\.yaml$")
KIND_EXAMPLES = sorted(p.name for p in EXAMPLES.glob("*.yaml") if KIND_EXAMPLE.match(p.name))
HOUSE_STYLE_EXAMPLES = sorted(EXAMPLES.glob("house-styles/*.yaml"))


@dataclass(frozen=True)
class Rendered:
    pdf: Path
    docx: Path
    text: str  # the PDF's text with all whitespace removed, as a reader would search it


def flat(text: str) -> str:
    return "".join(text.split())


# A running page number, "— 2 —" in a Chinese notice, "2" in an English letter, alone on its line: three digits
# at most, so a phone number a line break leaves alone on its line ("18108096397") is still read.
_PAGE_NUMBER = re.compile(r"^\s*(?:—\s*)?\d{1,3}(?:\s*—)?\s*$")


def pdf_text(path: Path) -> str:
    """The text a reader reads, without the running page numbers: a sentence that runs over onto the next
    page is found whole whatever the face's widths make the page break fall."""
    with pdfplumber.open(path) as pdf:
        text = "\n".join((page.extract_text() or "") for page in pdf.pages)
    return "\n".join(line for line in text.splitlines() if not _PAGE_NUMBER.match(line))


@pytest.fixture(scope="session")
def rendered_examples(all_rendered_examples: dict[str, Any]) -> dict[str, Rendered]:
    """The kind examples, from the session's shared renders (tests/rendered.py), with their PDF's text."""
    result = {}
    for name in KIND_EXAMPLES:
        shared = all_rendered_examples[name.removesuffix(".yaml")]
        result[name] = Rendered(shared.pdf, shared.docx, flat(pdf_text(shared.pdf)))
    return result
