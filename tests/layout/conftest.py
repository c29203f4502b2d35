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
from once import once_per_run
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
    names = {key: key.replace("/", "--").replace(":", "--") + ".docx" for key in rendered}
    copies = [word_equivalent_copy(r.docx, work / names[key]) for key, r in rendered.items()]
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{work}/profile",
            "--convert-to",
            # with the blank pages a section that starts on an even page makes LibreOffice insert, as a
            # printer gets them (its PDF export leaves them out by default)
            'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
            "--outdir",
            str(work / "pdf"),
            *map(str, copies),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return {key: work / "pdf" / Path(names[key]).with_suffix(".pdf").name for key in rendered}


@pytest.fixture(scope="session")
def sign_off_cases_rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """The sign-off cases (signoff_cases.py) rendered once per session."""
    import notices

    from .signoff_cases import cases

    def render(out: Path) -> dict[str, Rendered]:
        found = {}
        for case in cases():
            doc = notices.compose(notices.load(case.spec, base_dir=case.base_dir))
            paths = {p.suffix[1:]: p for p in notices.render(doc, out / case.name)}
            found[case.name] = Rendered(out / f"{case.name}.yaml", doc, paths["pdf"], paths["docx"])
        return found

    return once_per_run(tmp_path_factory, "sign-off", render)


@pytest.fixture(scope="session")
def libreoffice_everything(
    rendered_examples: dict[str, Rendered],
    sign_off_cases_rendered: dict[str, Rendered],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    """Every DOCX the layout tests hold against LibreOffice, converted in one soffice call (each call starts
    LibreOffice anew, seconds of CPU): the examples as "example:<stem>", the sign-off cases as "case:<name>"."""
    every = {f"example:{key}": r for key, r in rendered_examples.items()}
    every.update({f"case:{name}": r for name, r in sign_off_cases_rendered.items()})
    return once_per_run(tmp_path_factory, "libreoffice", lambda work: libreoffice_convert(every, work))


def _under(converted: dict[str, Path], prefix: str) -> dict[str, Path]:
    return {key.removeprefix(prefix): pdf for key, pdf in converted.items() if key.startswith(prefix)}


@pytest.fixture(scope="session")
def libreoffice_pdfs(libreoffice_everything: dict[str, Path]) -> dict[str, Path]:
    """The examples' DOCX as LibreOffice lays them out, by key."""
    return _under(libreoffice_everything, "example:")


@pytest.fixture(scope="session")
def libreoffice_cases(libreoffice_everything: dict[str, Path]) -> dict[str, Path]:
    """The sign-off cases' DOCX as LibreOffice lays them out, by case name."""
    return _under(libreoffice_everything, "case:")


__all__ = [
    "Rendered",
    "example_specs",
    "key_of",
    "libreoffice_convert",
    "rendered_or_skip",
    "word_equivalent_copy",
]
