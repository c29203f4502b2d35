"""The quick paths through WeasyPrint's computed values and percentages (weasy/values.py) and the Pango layouts
kept from layout to drawing (weasy/pango_layouts.py) leave every page byte for byte as WeasyPrint makes it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import notices
from notices.layout import lay_out
from notices.renderers.html import to_html
from notices.renderers.pdf import font_configuration, standard_pdf, weasy_document
from notices.renderers.pdf_engine import PdfEngine
from notices.renderers.weasy import lay_out_faster
from notices.renderers.weasy.pango_layouts import keep_text_layouts, make_text_layouts_again
from notices.renderers.weasy.shared_styles import share_computed_styles, unshare_computed_styles
from notices.renderers.weasy.values import compute_values_as_weasyprint, compute_values_faster

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def as_weasyprint() -> Iterator[None]:
    """WeasyPrint's own values and layouts for the test, the quick paths again after it."""
    lay_out_faster()
    compute_values_as_weasyprint()
    make_text_layouts_again()
    unshare_computed_styles()
    yield
    compute_values_faster()
    keep_text_layouts()
    share_computed_styles()


def _quick() -> None:
    compute_values_faster()
    keep_text_layouts()
    share_computed_styles()


@pytest.mark.parametrize(
    "spec",
    [
        "stockup.zh.yaml",
        "long-notice.zh.yaml",
        "price.zh.yaml",
        "meeting.en.yaml",
        "incident.en.yaml",
        "house-styles/recall.zh.yaml",
    ],
)
def test_the_quick_paths_leave_the_pdf_byte_for_byte_the_same(spec: str, as_weasyprint: None) -> None:
    layout = lay_out(notices.compose(notices.load(EXAMPLES / spec)))
    alone = standard_pdf(layout), PdfEngine().render(layout, reuse=False).data
    _quick()
    assert (standard_pdf(layout), PdfEngine().render(layout, reuse=False).data) == alone


# What a notice's HTML has and what it does not: logical and physical properties, custom properties and var(),
# math functions (with percentages, inherited), tables with collapsed borders, flex, justified and preserved
# text with line breaks, ellipses, letter and word spacing, decorations, RTL text, list markers, backgrounds
# (colours, current colour, gradients, hidden), rounded corners and shadows.
EDGES = """<html lang="en"><head><style>
@page { size: 120mm 90mm; margin: 8mm }
:root { --gap: 3pt; --indent: calc(5% + 1em) }
body { font-family: "Liberation Serif"; font-size: 10pt; text-indent: var(--indent) }
.logical { margin-inline-start: 12pt; padding-block: var(--gap); border-inline-end: 2pt solid red }
.calc { width: calc(50% - 10pt); min-height: calc(1em + 2pt); max-width: 80% }
.just { text-align: justify; word-spacing: 2pt; letter-spacing: 0.3pt }
.pre { white-space: pre; letter-spacing: -0.2pt }
.wrap { white-space: pre-wrap }
.clip { width: 30mm; overflow: hidden; white-space: nowrap; text-overflow: ellipsis }
.deco { text-decoration: underline overline; text-decoration-color: blue }
.deco span { text-decoration: line-through }
table { border-collapse: collapse; width: 80% } td { border: 1pt solid; padding: 5% }
.flex { display: flex; gap: 4pt } .flex > * { flex: 1; padding: 2pt }
.rtl { direction: rtl; margin-inline-end: 10% }
li::marker { color: green }
.bg { background: #eef; border-radius: 4pt 0; box-shadow: 1pt 1pt 2pt #888 }
.hidden { visibility: hidden; background: red } .gradient { background-image: linear-gradient(red, blue) }
.round { border-radius: 10%; border: 1pt solid } .shadow { box-shadow: 2pt 2pt 0 #000 } .current { color: red; background-color: currentcolor }
</style></head><body>
<p class="logical">Logical margins and paddings, an inline border at the end.</p>
<div class="calc">Sizes from calc() and percentages, min and max.</div>
<p class="just">Justified text with word and letter spacing that runs over more than one line of this page,
so that the spaces of the first line are stretched and the last line is not.</p>
<p class="pre">Preserved
line breaks	and a tab, in one text box.</p>
<p class="wrap">Preserved and wrapping text, long enough to wrap at least once on a page this narrow.</p>
<div class="clip">A line too long for its box, cut with an ellipsis at its end.</div>
<p class="deco">Under and over <span>and through</span> lines.</p>
<table><tr><td>one</td><td>two</td></tr><tr><td colspan="2">three</td></tr></table>
<div class="flex"><div>a</div><div>b</div></div>
<p class="rtl">Right to left paragraph.</p>
<ol><li>first</li><li>second</li></ol>
<p class="bg">A background, rounded corners and a shadow.</p><p class="hidden">Hidden, on red.</p>
<div class="gradient">A gradient.</div><div class="round">Round corners only.</div><div class="shadow">A shadow only.</div><p class="current">Red.</p>
</body></html>"""


def _edge_pdf() -> bytes:
    from weasyprint import HTML

    data = HTML(string=EDGES).write_pdf(pdf_identifier=b"0" * 32, font_config=font_configuration())
    assert isinstance(data, bytes)
    return data


def test_the_quick_paths_draw_what_weasyprint_draws_outside_a_notice(as_weasyprint: None) -> None:
    alone = _edge_pdf()
    _quick()
    assert _edge_pdf() == alone


def _every_computed_value() -> list[dict[str, str]]:
    """Every property of every box's style in the edge document's pages, as text."""
    from weasyprint import HTML
    from weasyprint.css import INITIAL_VALUES

    document = HTML(string=EDGES).render(font_config=font_configuration())

    def boxes(box: Any) -> Iterator[Any]:
        yield box
        for child in getattr(box, "children", ()):
            yield from boxes(child)

    def value(style: Any, key: str) -> str:
        try:
            return re.sub(" at 0x[0-9a-f]+", "", repr(style[key]))  # objects without a repr of their own
        except KeyError as err:  # WeasyPrint computes no logical property of an anonymous box's style
            return f"KeyError {err}"

    return [
        {key: value(box.style, key) for key in INITIAL_VALUES}
        for page in document.pages
        for box in boxes(page._page_box)
    ]


def test_computed_values_are_weasyprints_own(as_weasyprint: None) -> None:
    alone = _every_computed_value()
    _quick()
    quick = _every_computed_value()
    assert len(quick) == len(alone) > 50
    assert quick == alone


def _layouts_made_while_drawing(spec: str) -> tuple[int, int]:
    """(Pango layouts made while the pages are drawn, text boxes drawn)."""
    from weasyprint.draw import text as weasy_text
    from weasyprint.text.line_break import Layout

    doc = notices.compose(notices.load(EXAMPLES / spec))
    document = weasy_document(doc, to_html(lay_out(doc)))
    made, drawn = [0], [0]
    setup, draw_first_line = Layout.setup, weasy_text.draw_first_line

    def counting_setup(self: Any, style: Any) -> Any:
        made[0] += 1
        return setup(self, style)

    def counting_draw(*args: Any) -> Any:
        drawn[0] += 1
        return draw_first_line(*args)

    Layout.setup, weasy_text.draw_first_line = counting_setup, counting_draw
    try:
        for page in document.pages:
            PdfEngine().drawer.draw(page)
    finally:
        Layout.setup, weasy_text.draw_first_line = setup, draw_first_line
    return made[0], drawn[0]


def test_a_notices_text_is_drawn_from_the_layouts_made_in_layout() -> None:
    lay_out_faster()
    made, drawn = _layouts_made_while_drawing("stockup.zh.yaml")
    assert drawn > 80
    assert made <= drawn // 10  # the page numbers' boxes are laid out again after the page; the lines are not


def test_without_the_kept_layouts_every_text_box_is_shaped_again(as_weasyprint: None) -> None:
    made, drawn = _layouts_made_while_drawing("stockup.zh.yaml")
    assert made == drawn > 80
