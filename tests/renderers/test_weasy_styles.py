"""Elements whose style attributes are the same text share one computed style (weasy/styles.py), and the pages
are what WeasyPrint lays out without that."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import notices
from notices.layout import lay_out
from notices.renderers.html import to_html
from notices.renderers.pdf import font_configuration, standard_pdf, weasy_document
from notices.renderers.weasy import lay_out_faster
from notices.renderers.weasy.shared_styles import share_computed_styles, unshare_computed_styles
from notices.renderers.weasy.styles import (
    DEFERRED_PSEUDO_ELEMENTS,
    defer_pseudo_element_styles,
    share_style_attributes,
    undefer_pseudo_element_styles,
    unshare_style_attributes,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _boxes(box: Any, parent: Any = None) -> Iterator[tuple[Any, Any]]:
    yield box, parent
    for child in getattr(box, "children", ()):
        yield from _boxes(child, box)


def _styled_runs(spec: str) -> list[tuple[Any, Any]]:
    """(box, parent box) of the runs with a style attribute, in the laid-out pages of ``spec``."""
    doc = notices.compose(notices.load(EXAMPLES / spec))
    document = weasy_document(doc, to_html(lay_out(doc)))
    return [
        (box, parent)
        for page in document.pages
        for box, parent in _boxes(page._page_box)
        if box.element_tag == "span" and box.element is not None and box.element.get("style")
    ]


@pytest.fixture
def unshared() -> Iterator[None]:
    """WeasyPrint's own styling for the test, the engine's again after it."""
    lay_out_faster()
    unshare_style_attributes()
    undefer_pseudo_element_styles()
    unshare_computed_styles()  # across documents (shared_styles.py), which would share these runs' styles too
    yield
    share_style_attributes()
    defer_pseudo_element_styles()
    share_computed_styles()


def test_runs_with_the_same_style_attribute_share_their_computed_style() -> None:
    runs = _styled_runs("stockup.zh.yaml")
    styles: dict[tuple[int, str, str], set[int]] = {}
    for box, parent in runs:
        styles.setdefault((id(parent.style), box.element.get("class"), box.element.get("style")), set()).add(
            id(box.style)
        )
    # 2026, 2 and 6 in one line of 节前最后一批订单…, all at the spacing of a digit run
    assert max(len(ids) for ids in styles.values()) == 1
    assert len(styles) < len(runs) * 3 / 4


def test_without_sharing_every_styled_run_has_its_own_style(unshared: None) -> None:
    runs = _styled_runs("stockup.zh.yaml")
    assert len({id(box.style) for box, _ in runs}) == len(runs)


@pytest.mark.parametrize(
    "spec", ["stockup.zh.yaml", "meeting.zh.yaml", "price.en.yaml", "house-styles/recall.zh.yaml"]
)
def test_sharing_styles_leaves_the_pdf_byte_for_byte_the_same(spec: str, unshared: None) -> None:
    layout = lay_out(notices.compose(notices.load(EXAMPLES / spec)))
    alone = standard_pdf(layout)
    share_style_attributes()
    defer_pseudo_element_styles()
    assert standard_pdf(layout) == alone


# Every pseudo-element whose style is computed only when asked: list markers, footnote calls and markers in
# rules of their own and the user agent's, and ::before beside them, which is styled the ordinary way.
PSEUDO_ELEMENTS = """<html><head><style>
li::marker { color: red } ::footnote-marker { font-weight: bold }
.fn { float: footnote } .fn::footnote-call { color: blue; font-size: 20pt }
h2::before { content: "§ " }
</style></head><body><ol><li>one</li><li style="list-style-type: upper-roman">two</li></ol>
<p>Text<span class="fn">a footnote</span> more <span class="fn">another</span>.</p><h2 id="x">Head</h2>
<ul><li>bullet</li></ul><div style="display: list-item; list-style-position: inside">item</div></body></html>"""


def test_pseudo_elements_styled_when_asked_draw_what_weasyprint_draws(unshared: None) -> None:
    from weasyprint import HTML

    def pdf() -> bytes:
        data = HTML(string=PSEUDO_ELEMENTS).write_pdf(
            pdf_identifier=b"0" * 32, font_config=font_configuration()
        )
        assert isinstance(data, bytes)
        return data

    alone = pdf()
    defer_pseudo_element_styles()
    share_style_attributes()
    assert pdf() == alone


def test_pseudo_elements_no_one_asks_for_get_no_style() -> None:
    lay_out_faster()
    doc = notices.compose(notices.load(EXAMPLES / "long-notice.zh.yaml"))
    html = to_html(lay_out(doc))
    created: list[tuple[Any, str | None]] = []
    from weasyprint.css import StyleFor

    original = StyleFor.set_computed_styles

    def noting(
        self: Any, element: Any, parent: Any, root: Any = None, pseudo_type: Any = None, **more: Any
    ) -> Any:
        created.append((element, pseudo_type))
        return original(self, element, parent, root=root, pseudo_type=pseudo_type, **more)

    StyleFor.set_computed_styles = noting
    try:
        weasy_document(doc, html)
    finally:
        StyleFor.set_computed_styles = original
    styled = {element for element, kind in created if kind in DEFERRED_PSEUDO_ELEMENTS}
    # The 版记 is the one footnote: its call's and marker's styles, nothing for the other ~200 elements.
    assert [element.get("class") for element in styled] == ["colophon"]
    assert (next(iter(styled)), "footnote-call") in created
