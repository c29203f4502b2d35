"""Keep the sign-off with the text above it by tightening the line pitch, as GB/T 9704 §7.3.5.5 allows.

When the sign-off (issuer, date, seal, 附注) does not fit under the last text on a page, a renderer that only
knows "keep together" moves it to a page of its own, or drags text lines along and leaves blank lines at the
foot of the page before. The standard's remedy is to adjust the line spacing: this module finds the page the
sign-off should share, and gives the blocks that start on that page a smaller pitch so that the sign-off fits.
The PDF applies it to its lines, the DOCX to the same paragraphs' exact line spacing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from notices.document import Document, SignOff

MIN_PITCH_RATIO = 0.85  # below this the text looks crowded: rather let the sign-off move
PX_PER_PT = 4 / 3

Plan = Mapping[int, float]  # block index → line pitch, pt


def plan_for_layout(doc: Document, rendered: Any, pitch: float) -> dict[int, float]:
    """Pitches that bring a stranded sign-off back onto the page before it; empty when none is stranded."""
    sign_off = next((i for i, b in enumerate(doc.blocks) if isinstance(b, SignOff)), None)
    if sign_off is None:
        return {}
    pages = [_blocks_on(page) for page in rendered.pages]
    page_of_sign_off = next((n for n, blocks in enumerate(pages) if sign_off in blocks), None)
    if not page_of_sign_off:
        return {}
    here = pages[page_of_sign_off]
    if min(here) < sign_off:
        return {}  # some text shares the sign-off's page
    before = pages[page_of_sign_off - 1]
    earlier = set().union(*pages[: page_of_sign_off - 1]) if page_of_sign_off > 1 else set()
    starting = [index for index in before if index not in earlier]
    if not starting:
        return {}
    page_box = rendered.pages[page_of_sign_off - 1]._page_box
    content_bottom = (page_box.content_box_y() + page_box.height) / PX_PER_PT
    used_bottom = max(bottom for _, bottom, _ in before.values()) / PX_PER_PT
    group = here[sign_off]
    needed = (group[1] - group[0]) / PX_PER_PT - (content_bottom - used_bottom)
    lines = sum(before[index][2] for index in starting)
    if needed <= 0 or lines == 0:
        return {}
    tight = math.floor((pitch - needed / lines) * 20) / 20  # Word's unit: the DOCX can say the same
    if tight < pitch * MIN_PITCH_RATIO:
        return {}
    return dict.fromkeys(starting, tight)


def _blocks_on(page: Any) -> dict[int, tuple[float, float, int]]:
    """Block index → (top, bottom, number of text lines) of the `.blk` boxes on a laid-out page (px)."""
    found: dict[int, tuple[float, float, int]] = {}

    def walk(box: Any) -> None:
        element = getattr(box, "element", None)
        if element is not None and element.get("class") == "blk" and element.get("data-block"):
            index = int(element.get("data-block"))
            top = box.position_y
            found[index] = (top, top + box.margin_height(), _count_lines(box))
            return
        for child in getattr(box, "children", ()):
            walk(child)

    walk(page._page_box)
    return found


def _count_lines(box: Any) -> int:
    element = getattr(box, "element", None)
    if element is not None and element.get("class") == "ln":
        return 1
    return sum(_count_lines(child) for child in getattr(box, "children", ()))


_plans: dict[str, dict[int, float]] = {}


def remember(html: str, plan: dict[int, float]) -> None:
    """Keep the plan of a document's HTML, so that its DOCX needs no second layout (bounded: batches)."""
    if len(_plans) > 64:
        _plans.clear()
    _plans[html] = plan


def plan_for(doc: Document) -> dict[int, float]:
    """The tightening the PDF of `doc` uses, laying it out once if the PDF was not rendered first."""
    from notices.renderers.html import profile_for, to_html
    from notices.renderers.pdf import weasy_document

    html = to_html(doc)
    if html not in _plans:
        remember(html, plan_for_layout(doc, weasy_document(doc, html), profile_for(doc).line_pitch_pt))
    return _plans[html]
