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
from notices.renderers.pdf import standard_pdf, weasy_document
from notices.renderers.weasy import lay_out_faster
from notices.renderers.weasy.styles import share_style_attributes, unshare_style_attributes

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
    lay_out_faster()
    unshare_style_attributes()
    yield
    share_style_attributes()


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
    assert standard_pdf(layout) == alone
