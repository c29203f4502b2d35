"""The 附注 stands on the line under the date (GB/T 9704 §7.3.6), and under the issuer when the notice states no
date and has no seal: in our PDF and in the DOCX as LibreOffice lays it out. Issue 13: a sealed notice without a
date ran one line longer in the DOCX than in the PDF; the PDF set the 附注 right under the issuer, where the
seal, which presses on the issuer (§7.3.5.1), covered its telephone number. Both now keep the date's line empty
under the seal and set the 附注 below it, and the seal is where the PDF has it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import notices
from notices.document import Note, SignOff
from notices.layout import lay_out

from .conftest import EXAMPLES, Rendered, libreoffice_convert
from .pdfmeasure import Line, read_pdf

SIGN_OFFS = {
    "seal-date": {"date": "2026-05-06", "seal": "assets/seal.png"},
    "seal-no-date": {"date": "none", "seal": "assets/seal.png"},
    "no-seal-no-date": {"date": "none"},
    "no-seal-date": {"date": "2026-05-06"},
}


def spec(sign_off: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "general.zh.yaml").read_text(encoding="utf-8"))
    data["sign_off"] = sign_off
    assert data.get("contact"), "the 附注 is the contact line"
    return data


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("sign-off-note")
    found = {}
    for name, sign_off in SIGN_OFFS.items():
        doc = notices.compose(notices.load(spec(sign_off), base_dir=EXAMPLES))
        paths = {p.suffix[1:]: p for p in notices.render(doc, out / name)}
        found[name] = Rendered(out / f"{name}.yaml", doc, paths["pdf"], paths["docx"])
    return found


def last_line_starting(pdf: Path, text: str) -> Line:
    """The last line that starts with ``text``'s first characters (the issuer also heads the letterhead)."""
    wanted = "".join(text.split())[:6]
    return [line for page in read_pdf(pdf) for line in page.lines if line.text.startswith(wanted)][-1]


def lines_from_issuer_to_note(rendered: Rendered, pdf: Path) -> float:
    """How many grid lines the 附注's first baseline stands below the issuer's."""
    sign_off = next(b for b in rendered.doc.blocks if isinstance(b, SignOff))
    note = next(b for b in rendered.doc.blocks if isinstance(b, Note))
    pitch = lay_out(rendered.doc).profile.line_pitch_pt
    issuer, first = last_line_starting(pdf, sign_off.issuer), last_line_starting(pdf, note.text)
    assert (issuer.page, first.page) == (issuer.page, issuer.page)
    return (first.baseline - issuer.baseline) / pitch


def expected(name: str) -> int:
    """The 附注 takes the line under the date; with no date, the line under the issuer, unless a seal presses
    on the issuer: then the date's line stays empty. A seal reaches into the line under the date's: that line
    is its foot, so the seal does not cover the 附注."""
    return {"no-seal-no-date": 1, "no-seal-date": 2}.get(name, 3)


def seal_clears_the_note(rendered: Rendered, pdf: Path) -> bool:
    """The seal's lower edge stands above the 附注's first line (its em box), whatever page they are on."""
    note = next(b for b in rendered.doc.blocks if isinstance(b, Note))
    first = last_line_starting(pdf, note.text)
    seals = [img for page in read_pdf(pdf) for img in page.images if page.number == first.page]
    return all(img["bottom"] <= first.chars[0].em_top + 0.5 for img in seals)


def test_the_note_stands_under_the_date_or_the_issuer_in_the_pdf(notes: dict[str, Rendered]) -> None:
    for name, rendered in notes.items():
        assert lines_from_issuer_to_note(rendered, rendered.pdf) == pytest.approx(expected(name), abs=0.05), (
            name
        )
        assert seal_clears_the_note(rendered, rendered.pdf), name


@pytest.mark.slow
def test_the_note_stands_under_the_date_or_the_issuer_in_libreoffice(
    notes: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory
) -> None:
    converted = libreoffice_convert(notes, tmp_path_factory.mktemp("sign-off-note-lo"))
    for name, rendered in notes.items():
        lines = lines_from_issuer_to_note(rendered, converted[name])
        assert lines == pytest.approx(expected(name), abs=0.05), name
        assert seal_clears_the_note(rendered, converted[name]), name
        # the seal over the issuer where the PDF has it
        ours = [img for page in read_pdf(rendered.pdf) for img in page.images]
        theirs = [img for page in read_pdf(converted[name]) for img in page.images]
        assert len(ours) == len(theirs) == (1 if "seal" in name and "no-seal" not in name else 0), name
        for a, b in zip(ours, theirs, strict=True):
            assert a["x0"] == pytest.approx(b["x0"], abs=1.5) and a["top"] == pytest.approx(
                b["top"], abs=1.5
            ), name
