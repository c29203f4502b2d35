"""Computed styles shared across documents (weasy/shared_styles.py): a later notice gets the styles an earlier
one computed, and every page is still what WeasyPrint lays out without them, byte for byte."""

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
from notices.renderers.weasy.shared_styles import (
    forget_shared_styles,
    share_computed_styles,
    unshare_computed_styles,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Chinese and English, a house style (its own sheet, faces, logo and seal), a 版记 (a footnote, not shared), a
# table, a six-page notice: one after another in one process, so that each starts from the others' styles.
SEQUENCE = (
    "stockup.zh.yaml",
    "meeting.en.yaml",
    "house-styles/recall.zh.yaml",
    "long-notice.zh.yaml",
    "price.zh.yaml",
    "incident.en.yaml",
    "house-styles/stockup.zh.yaml",
    "general.zh.yaml",
)


def _layout(spec: str) -> Layout:
    return lay_out(notices.compose(notices.load(EXAMPLES / spec)))


@pytest.fixture
def sharing() -> Iterator[None]:
    """The engine's WeasyPrint changes, with no styles shared yet; the same state after the test."""
    lay_out_faster()
    share_computed_styles()
    forget_shared_styles()
    yield
    share_computed_styles()


def _root_style(layout: Layout) -> Any:
    document = weasy_document(layout.doc, to_html(layout))
    return document.pages[0]._page_box.children[0].style  # the <html> element's box


def test_a_different_notice_gets_the_styles_an_earlier_one_computed(sharing: None) -> None:
    first = _root_style(_layout("stockup.zh.yaml"))
    assert _root_style(_layout("price.zh.yaml")) is first


def test_without_sharing_each_notice_computes_its_own_styles(sharing: None) -> None:
    unshare_computed_styles()
    first = _root_style(_layout("stockup.zh.yaml"))
    assert _root_style(_layout("price.zh.yaml")) is not first


def test_notices_in_any_order_give_the_pdfs_weasyprint_lays_out_without_sharing(sharing: None) -> None:
    layouts = {spec: _layout(spec) for spec in SEQUENCE}
    order = [*SEQUENCE, *reversed(SEQUENCE)]
    shared = [(spec, PdfEngine().render(layouts[spec], reuse=False).data) for spec in order]
    shared_standard = standard_pdf(layouts["house-styles/recall.zh.yaml"])
    unshare_computed_styles()
    for spec, data in shared:
        assert data == PdfEngine().render(layouts[spec], reuse=False).data, spec
    assert shared_standard == standard_pdf(layouts["house-styles/recall.zh.yaml"])
