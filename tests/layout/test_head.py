"""The letterhead as a reader sees it, in our PDF and in LibreOffice's PDF of our DOCX: the issuer's mark on one
line, the group of logo and mark centred inside the type area (GB/T 9704 §7.2.4), the document number above
the red rule (§7.2.5-7.2.7), and 信函's double rules drawn as two lines each (§10.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notices.document import DocNumber, Letterhead
from notices.layout import profile_of
from notices.layout.zh import SCRIPT_BOUNDARY, ZhLayout

from .conftest import Rendered, example_specs, key_of, rendered_or_skip
from .pdfmeasure import MM, Page, ink_runs, read_pdf

pytestmark = pytest.mark.slow  # each test reads LibreOffice's layout too: the session's one soffice run

KEYS = [key_of(spec) for spec in example_specs()]


def letterhead(rendered: Rendered) -> Letterhead | None:
    return next((b for b in rendered.doc.blocks if isinstance(b, Letterhead)), None)


def both(rendered: Rendered, libreoffice_pdfs: dict[str, Path], key: str) -> list[tuple[str, Path]]:
    return [("our PDF", rendered.pdf), ("LibreOffice", libreoffice_pdfs[key])]


def mark_group(page: Page, text: str) -> tuple[float, float, float]:
    """(left, right, baseline) of the mark and the logo beside it; fails if the mark is not on one line."""
    wanted = "".join(text.split())
    lines = [line for line in page.lines if line.text == wanted]
    assert lines, f"the mark {text!r} is not on one line: {[line.text for line in page.lines[:6]]}"
    mark = lines[0]
    left, right = mark.x0, mark.x1
    top = mark.baseline - 0.88 * mark.size
    for image in page.images:
        if image["top"] < mark.baseline and image["bottom"] > top and image["width"] < 3 * mark.size:
            left, right = min(left, image["x0"]), max(right, image["x1"])
    return left, right, mark.baseline


@pytest.mark.parametrize("key", KEYS)
def test_mark_and_logo_on_one_line_centred_inside_the_type_area(
    key: str, rendered_examples: dict[str, Rendered], libreoffice_pdfs: dict[str, Path]
) -> None:
    rendered = rendered_or_skip(rendered_examples, key)
    block = letterhead(rendered)
    profile = profile_of(rendered.doc)
    if block is None:
        pytest.skip("no letterhead")
    left_edge = profile.margin_left_mm * MM
    right_edge = (profile.page_width_mm - profile.margin_right_mm) * MM
    for reader, pdf in both(rendered, libreoffice_pdfs, key):
        first = read_pdf(pdf)[0]
        left, right, _ = mark_group(first, block.text)
        assert left >= left_edge - 0.5 and right <= right_edge + 0.5, (reader, left / MM, right / MM)
        if rendered.doc.lang != "zh" or not profile.red_head:
            continue  # an English letter sets its letterhead flush left (block format)
        # LibreOffice widens each Han/Latin boundary by about a fifth of an em (test_libreoffice.py).
        size = ZhLayout(rendered.doc, profile).head.mark_size
        slack = 1.0 + (
            0.22 * size * len(SCRIPT_BOUNDARY.findall(block.text)) if reader == "LibreOffice" else 0
        )
        centre = (left + right) / 2
        assert centre == pytest.approx((left_edge + right_edge) / 2, abs=slack), (reader, left, right)


@pytest.mark.parametrize("key", KEYS)
def test_document_number_sits_above_the_red_rule(
    key: str, rendered_examples: dict[str, Rendered], libreoffice_pdfs: dict[str, Path]
) -> None:
    rendered = rendered_or_skip(rendered_examples, key)
    number = next((b for b in rendered.doc.blocks if isinstance(b, DocNumber) and b.text), None)
    profile = profile_of(rendered.doc)
    if number is None or rendered.doc.lang != "zh" or not profile.red_head or profile.name == "letter":
        pytest.skip("no red rule under a document number")
    head = ZhLayout(rendered.doc, profile).head
    assert head.rule_top is not None
    rule = profile.margin_top_mm * MM + head.rule_top
    for reader, pdf in both(rendered, libreoffice_pdfs, key):
        first = read_pdf(pdf)[0]
        line = next(line for line in first.lines if line.text.replace(" ", "").startswith(number.text))
        descent = line.baseline + 0.12 * line.size
        assert descent < rule - 2 * MM, (reader, descent, rule)  # 4 mm by the standard, 2 mm at the least
        ink = ink_runs(pdf, 1, (profile.margin_left_mm + 5) * MM, rule - 3, rule + 5)
        assert len(ink) == 1, (reader, ink)  # the rule is where the layout put it


@pytest.mark.parametrize("key", KEYS)
def test_letter_double_rules_show_as_two_lines(
    key: str, rendered_examples: dict[str, Rendered], libreoffice_pdfs: dict[str, Path]
) -> None:
    rendered = rendered_or_skip(rendered_examples, key)
    profile = profile_of(rendered.doc)
    if rendered.doc.lang != "zh" or profile.name != "letter" or letterhead(rendered) is None:
        pytest.skip("not a 信函")
    head = ZhLayout(rendered.doc, profile).head
    assert head.rule_top is not None and head.letter_bottom_rule_top is not None
    x = 22 * MM  # inside the 170 mm rules, left of the type area: no text there
    for reader, pdf in both(rendered, libreoffice_pdfs, key):
        for top in (head.rule_top, head.letter_bottom_rule_top):
            y = profile.margin_top_mm * MM + top
            strokes = ink_runs(pdf, 1, x, y - 2, y + 5)
            assert len(strokes) == 2, (reader, top, strokes)
            (_, first_end), (second_start, _) = strokes
            assert second_start - first_end >= 0.5, (reader, strokes)  # a visible gap between them
