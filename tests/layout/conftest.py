"""Rendered notices shared by the layout tests: every notice spec under examples/ and corpus/ (the real-notice
and reviewed corpora, when present) as PDF and DOCX, and the DOCX files converted by LibreOffice in one soffice
call. A notice is keyed by its path without ".yaml", relative to examples/ ("long-notice.zh",
"house-styles/recall.zh") or to the project ("corpus/real/…")."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from rendered import Rendered, example_specs, key_of

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
LONG = EXAMPLES / "long-notice.zh.yaml"


@pytest.fixture(scope="session")
def rendered_examples(all_rendered_examples: dict[str, Rendered]) -> dict[str, Rendered]:
    """Every notice spec under examples/ and corpus/ (the session's shared renders, tests/rendered.py)."""
    return all_rendered_examples


def rendered_or_skip(rendered_examples: dict[str, Rendered], key: str) -> Rendered:
    """The notice `key` as rendered; skipped when its spec does not load (wrong on purpose)."""
    if key not in rendered_examples:
        pytest.skip(f"{key} does not load: the loader's and the checker's case, not a page")
    return rendered_examples[key]


@pytest.fixture(scope="session")
def long_notice(rendered_examples: dict[str, Rendered]) -> Rendered:
    return rendered_examples["long-notice.zh"]


def word_equivalent_copy(docx: Path, target: Path) -> Path:
    """A copy LibreOffice 7.4 reads as Word reads the original.

    LibreOffice's DOCX import inverts w:overflowPunct (writerfilter maps val=0 to "hanging punctuation on"),
    so the copy states the opposite value; nothing else changes.
    """
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("word/styles.xml", "word/document.xml"):
                data = data.replace(b'<w:overflowPunct w:val="0"/>', b'<w:overflowPunct w:val="1"/>')
            copy.writestr(item, data)
    return target


def libreoffice_convert(rendered: dict[str, Rendered], work: Path) -> dict[str, Path]:
    """Each rendered DOCX as LibreOffice lays it out (one soffice call for all), by the same keys."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is installed by scripts/setup")
    copies = [word_equivalent_copy(r.docx, work / r.docx.name) for r in rendered.values()]
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{work}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "pdf"),
            *map(str, copies),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return {key: work / "pdf" / r.docx.with_suffix(".pdf").name for key, r in rendered.items()}


@pytest.fixture(scope="session")
def libreoffice_pdfs(
    rendered_examples: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    return libreoffice_convert(rendered_examples, tmp_path_factory.mktemp("libreoffice"))


__all__ = [
    "Rendered",
    "example_specs",
    "key_of",
    "libreoffice_convert",
    "rendered_or_skip",
    "word_equivalent_copy",
]
