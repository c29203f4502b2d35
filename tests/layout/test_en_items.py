"""English numbered items hang their numbers, in our PDF and in the DOCX as LibreOffice lays it out (issue 13):
every line of an item's text starts at one edge, and a second-level item's number stands where the text of
its first-level item starts (notices/layout/items.py); a heading after a list stands a full blank line below
it, as after any paragraph. Measured on the glyphs of the produced files."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import notices
from notices.document import Heading, Paragraph
from notices.layout import lay_out
from notices.layout.items import numbered_items

from .conftest import ROOT, Rendered, libreoffice_convert
from .pdfmeasure import MM, find_paragraph, read_pdf, reading_chars

# en-emerge: LibreOffice set its items flush left (w:leftChars without twips); the incident example has
# second-level items ("(a)") under "To prevent a recurrence".
SPECS = {
    "emerge": ROOT / "corpus/real/en-emerge-2019-agm.yaml",
    "incident": ROOT / "notices/kinds/incident/examples/fullest.en.yaml",
}
TOLERANCE_PT = 0.6


@pytest.fixture(scope="module")
def items_rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("items")
    found = {}
    for name, spec in SPECS.items():
        doc = notices.compose(notices.load(spec))
        paths = {p.suffix[1:]: p for p in notices.render(doc, out / name)}
        found[name] = Rendered(spec, doc, paths["pdf"], paths["docx"])
    return found


def assert_items_hang(rendered: Rendered, pdf: Path) -> None:
    layout = lay_out(rendered.doc)
    margin = layout.profile.margin_left_mm * MM
    pages = read_pdf(pdf)
    items = list(numbered_items(rendered.doc.blocks))
    assert items
    levels = set()
    for item in items:
        assert isinstance(item, Paragraph)
        indent = layout.item(item)
        assert indent is not None
        lines = find_paragraph(pages, item.number + item.text)
        assert lines, f"{pdf.name}: {item.number}{item.text[:30]}… not found"
        number = len(item.number.strip())
        first = lines[0]
        assert first.chars[0].x0 == pytest.approx(margin + indent.number_left, abs=TOLERANCE_PT), first.text
        assert first.chars[number].x0 == pytest.approx(margin + indent.left, abs=TOLERANCE_PT), first.text
        for line in lines[1:]:
            assert line.x0 == pytest.approx(margin + indent.left, abs=TOLERANCE_PT), (first.text, line.text)
        levels.add(item.level)
    if 2 in levels:
        assert layout.items[2].number_left == pytest.approx(layout.items[1].left)
        assert layout.items[2].left > layout.items[1].left


@pytest.mark.parametrize("name", SPECS)
def test_items_hang_their_numbers_in_the_pdf(items_rendered: dict[str, Rendered], name: str) -> None:
    assert_items_hang(items_rendered[name], items_rendered[name].pdf)


@pytest.mark.slow
def test_items_hang_their_numbers_in_libreoffice(
    items_rendered: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory
) -> None:
    converted = libreoffice_convert(items_rendered, tmp_path_factory.mktemp("items-lo"))
    for name, rendered in items_rendered.items():
        assert_items_hang(rendered, converted[name])


def test_wider_numbers_widen_their_column() -> None:
    """Ten items: "10." needs more room than "9.", and every item's text still starts at one edge."""
    spec = {
        "kind": "general",
        "lang": "en",
        "issuer": {"name": "Acme Ltd"},
        "title": "Ten points",
        "sign_off": {"date": "2026-03-02"},
        "body": [{"heading": "Points", "items": [f"Point number {n}." for n in range(1, 12)]}],
    }
    doc = notices.compose(notices.load(spec))
    layout = lay_out(doc)
    few = lay_out(
        notices.compose(notices.load({**spec, "body": [{"heading": "P", "items": ["One.", "Two."]}]}))
    )
    assert layout.items[1].hanging > few.items[1].hanging >= 1.5 * layout.profile.body_size_pt


def enclosure_gap(pdf: Path) -> float:
    """From the signature's baseline (the issuer's name) to the "Enclosure" line's, in the letter's pitch."""
    lines = [line for page in read_pdf(pdf) for line in page.lines]
    enclosure = next(i for i, line in enumerate(lines) if line.text.startswith("Enclosure"))
    return lines[enclosure].baseline - lines[enclosure - 1].baseline


@pytest.mark.slow
def test_a_blank_line_parts_the_signature_from_the_enclosure_in_both_readers(
    items_rendered: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Block format: the signature, a blank line, then "Enclosure: …" (the PDF had none, the DOCX one)."""
    rendered = items_rendered["emerge"]
    pitch = lay_out(rendered.doc).profile.line_pitch_pt
    converted = libreoffice_convert({"emerge": rendered}, tmp_path_factory.mktemp("enclosure-lo"))
    for pdf in (rendered.pdf, converted["emerge"]):
        assert enclosure_gap(pdf) == pytest.approx(2 * pitch, abs=0.5), pdf.name


def gaps_above_headings(rendered: Rendered, pdf: Path) -> list[tuple[str, bool, float]]:
    """(heading, whether a numbered item precedes it, baseline to baseline from the paragraph before) for every
    heading that follows a paragraph on the same page."""
    stream = reading_chars(read_pdf(pdf))
    flat = "".join(char.text for char, _ in stream)
    found = []
    blocks = rendered.doc.blocks
    for before, heading in itertools.pairwise(blocks):
        if not isinstance(heading, Heading) or not isinstance(before, Paragraph):
            continue
        above = "".join((before.number + before.text).split())
        at = flat.find(above + "".join((heading.number + heading.text).split()))
        assert at >= 0, f"{pdf.name}: {heading.text} and the paragraph above it not found"
        (_, last), (_, first) = stream[at + len(above) - 1], stream[at + len(above)]
        if last.page == first.page:
            found.append((heading.text, bool(before.number), first.baseline - last.baseline))
    return found


def en_keys(rendered_examples: dict[str, Rendered]) -> list[str]:
    return sorted(key for key, r in rendered_examples.items() if r.doc.lang == "en")


def assert_a_blank_line_above_every_heading(
    rendered_examples: dict[str, Rendered], pdfs: dict[str, Path]
) -> None:
    after_items, wrong = 0, []
    for key in en_keys(rendered_examples):
        rendered = rendered_examples[key]
        pitch = lay_out(rendered.doc).profile.line_pitch_pt
        for heading, after_item, gap in gaps_above_headings(rendered, pdfs[key]):
            after_items += after_item
            if gap != pytest.approx(2 * pitch, abs=0.5):
                wrong.append(f"{key}: '{heading}' {gap:.1f} pt below the line above, not {2 * pitch:.1f}")
    assert after_items >= 8, "the examples no longer have headings after lists"
    assert not wrong, "\n".join(wrong)


def test_a_heading_after_a_list_stands_a_blank_line_below_it_in_the_pdf(
    rendered_examples: dict[str, Rendered],
) -> None:
    assert_a_blank_line_above_every_heading(
        rendered_examples, {key: r.pdf for key, r in rendered_examples.items()}
    )


@pytest.mark.slow
def test_a_heading_after_a_list_stands_a_blank_line_below_it_in_libreoffice(
    rendered_examples: dict[str, Rendered], libreoffice_pdfs: dict[str, Path]
) -> None:
    assert_a_blank_line_above_every_heading(rendered_examples, libreoffice_pdfs)
