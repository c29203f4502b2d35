"""Every kind × language example, rendered once per session to PDF and DOCX, with the PDF's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

import notices

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


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join((page.extract_text() or "") for page in pdf.pages)


@pytest.fixture(scope="session")
def rendered_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("kind-examples")
    result = {}
    for name in KIND_EXAMPLES:
        stem = name.removesuffix(".yaml")
        paths = {p.suffix: p for p in notices.render(notices.load(EXAMPLES / name), out / stem)}
        result[name] = Rendered(paths[".pdf"], paths[".docx"], flat(pdf_text(paths[".pdf"])))
    return result
