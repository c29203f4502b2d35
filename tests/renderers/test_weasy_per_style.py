"""Used values and struts kept per computed style (weasy/per_style.py): the next box with the same style gets
what WeasyPrint computed for the last one, and every page is still what WeasyPrint lays out, byte for byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import notices
from notices.layout import Layout, lay_out
from notices.renderers.html import to_html
from notices.renderers.pdf import standard_pdf, weasy_document
from notices.renderers.pdf_engine import PdfEngine
from notices.renderers.weasy import lay_out_faster
from notices.renderers.weasy.pango_layouts import keep_text_layouts, make_text_layouts_again
from notices.renderers.weasy.per_style import forget_struts, remember_struts
from notices.renderers.weasy.shared_styles import share_computed_styles, unshare_computed_styles
from notices.renderers.weasy.values import compute_values_as_weasyprint, compute_values_faster

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Chinese and English, house styles, a 版记, tables, six pages, letters: in one process, one after another.
SEQUENCE = (
    "long-notice.zh.yaml",
    "stockup.zh.yaml",
    "price.en.yaml",
    "house-styles/recall.zh.yaml",
    "meeting.zh.yaml",
    "incident-update.en.yaml",
    "price.zh.yaml",
)


def _layout(spec: str) -> Layout:
    return lay_out(notices.compose(notices.load(EXAMPLES / spec)))


def _as_weasyprint() -> None:
    compute_values_as_weasyprint()
    make_text_layouts_again()
    unshare_computed_styles()
    forget_struts()


def _quick() -> None:
    compute_values_faster()
    keep_text_layouts()
    share_computed_styles()
    remember_struts()


@pytest.fixture
def quick() -> Iterator[None]:
    """The engine's WeasyPrint changes for the test, and after it."""
    lay_out_faster()
    _quick()
    yield
    _quick()


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def test_the_styles_of_a_laid_out_notice_keep_their_used_values_and_struts(quick: None) -> None:
    layout = _layout("stockup.zh.yaml")
    document = weasy_document(layout.doc, to_html(layout))
    styles = [box.style for page in document.pages for box in _boxes(page._page_box)]
    assert sum("_notices_used" in vars(style) for style in styles) > len(styles) / 2
    assert any("_notices_strut" in vars(style) for style in styles)


def test_notices_one_after_another_give_the_pdfs_weasyprint_lays_out(quick: None) -> None:
    layouts = {spec: _layout(spec) for spec in SEQUENCE}
    order = [*SEQUENCE, *reversed(SEQUENCE)]
    kept = [(spec, PdfEngine().render(layouts[spec], reuse=False).data) for spec in order]
    kept_standard = standard_pdf(layouts["price.en.yaml"])
    _as_weasyprint()
    for spec, data in kept[: len(SEQUENCE)]:
        assert data == PdfEngine().render(layouts[spec], reuse=False).data, spec
    assert kept_standard == standard_pdf(layouts["price.en.yaml"])
    assert {spec: data for spec, data in kept[: len(SEQUENCE)]} == dict(kept[len(SEQUENCE) :])


# One style in containing blocks of different widths and heights (elements with the same parent style share
# one: here the cells' paragraphs, in columns as wide as their text, and the boxes in floats that shrink to it),
# percentages of each, box-sizing, collapsed borders (not kept) and separate ones, the page boxes.
PERCENTAGES = """<html><head><style>
@page { size: 120mm 160mm; margin: 5% }
body { font-family: "Liberation Serif"; font-size: 9pt; margin: 0 }
.m { margin: 2% 10%; padding: 1% 3%; width: 60%; min-height: 5%; border: 1pt solid; box-sizing: border-box }
.fit { float: left; clear: left } .fit .m { width: auto }
table { border-collapse: separate } .collapse { border-collapse: collapse } td { border: 1pt solid; padding: 2% }
</style></head><body>
<table><tr><td><p class="m">a</p></td><td><p class="m">a cell with a good deal more text in it</p></td></tr></table>
<table class="collapse"><tr><td><p class="m">b</p></td><td><p class="m">and here more text than in the other</p></td></tr></table>
<div class="fit"><p class="m">short</p></div><div class="fit"><p class="m">a float with more words</p></div>
<p class="m">In the whole width.</p>
</body></html>"""


def _percentages_pdf() -> bytes:
    from weasyprint import HTML

    from notices.renderers.pdf import font_configuration

    data = HTML(string=PERCENTAGES).write_pdf(pdf_identifier=b"0" * 32, font_config=font_configuration())
    assert isinstance(data, bytes)
    return data


def test_one_style_in_blocks_of_other_sizes_gets_weasyprints_used_values(quick: None) -> None:
    kept = _percentages_pdf(), _percentages_pdf()
    _as_weasyprint()
    assert kept == (_percentages_pdf(), _percentages_pdf())
