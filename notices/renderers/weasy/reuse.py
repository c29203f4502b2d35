"""Reuse a laid-out notice for the next one: find the lines whose text changed, and redraw only them.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): box classes,
their attributes, ``split_first_line`` and ``strut``. What it does and why is told in
``notices/renderers/pdf_engine.py``.
"""

from __future__ import annotations

import functools
import html as html_text
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from notices.renderers.pdf_pages import PageDrawing
from notices.renderers.weasy.drawing import PageDrawer
from notices.renderers.weasy.splice import LineSplice, record, splice

TAG = re.compile(r"(<[^>]*>)")


@dataclass
class _Slot:
    """A text box that may be given other text: where it hangs and how wide its line may grow."""

    page: int
    parent: Any
    position: int
    box: Any
    available: float
    spliceable: bool  # drawn as a plain text object: its page can be redrawn around it (pdf_splice.py)
    # One of several boxes on its line (the layout sets a digit or Latin run as a span of its own: "第", "12",
    # "号经销商"): new text may take it only at exactly its width, so that nothing else on the line moves.
    same_width: bool = False


class LaidOut:
    """A notice laid out by WeasyPrint, drawn once, whose pages can be redrawn with some lines' text replaced."""

    def __init__(self, document: Any, html: str, drawings: list[PageDrawing]) -> None:
        self.document = document
        self.html = html
        self.head, _, body = html.partition("</head>")
        self.tokens = TAG.split(body)
        self.drawings = drawings
        self.splices: dict[int, LineSplice | None] = {}  # by id of the slot's box
        self._slots: dict[int, _Slot | None] = {}

    # Where each text of the HTML sits in the pages: found when a later notice first asks (``slot``), not for a
    # notice laid out for itself alone (``reuse=False``), which never does.
    @functools.cached_property
    def _element_of_token(self) -> dict[int, Any] | None:
        return _align_text_tokens(self.document, self.tokens)

    @functools.cached_property
    def _boxes(self) -> dict[int, list[tuple[int, list[Any], Any]]]:
        return _text_boxes_by_element(self.document.pages) if self._element_of_token else {}

    @functools.cached_property
    def _pages_with_floats(self) -> set[int]:
        return {n for n, page in enumerate(self.document.pages) if _has_floats(page._page_box)}

    def slot(self, token: int) -> _Slot | None:
        if token not in self._slots:
            self._slots[token] = self._find_slot(token)
        return self._slots[token]

    def _find_slot(self, token: int) -> _Slot | None:
        from weasyprint.formatting_structure import boxes

        element = self._element_of_token.get(token) if self._element_of_token else None
        if element is None or len(element):
            return None
        found = self._boxes.get(id(element), [])
        if len(found) != 1 or found[0][2] is None:
            return None
        page, chain, box = found[0]
        if page in self._pages_with_floats or box.text != html_text.unescape(self.tokens[token]):
            return None
        if not _plain_style(box.style) or box.justification_spacing:
            return None
        line_at = max(i for i, ancestor in enumerate(chain) if isinstance(ancestor, boxes.LineBox))
        line, inline_chain = chain[line_at], chain[line_at + 1 :]
        shared = _leaf_count(line) != 1
        if not shared and not _start_aligned(line.style, box.text):
            return None
        if any(not isinstance(a, boxes.InlineBox) or _has_horizontal_decoration(a) for a in inline_chain):
            return None
        if any(not _width_ignores_content(a) for a in chain[1:line_at]):
            return None
        block = chain[line_at - 1]
        available = block.content_box_x() + block.width - box.position_x
        parent = chain[-1]
        plain = (
            getattr(line, "text_overflow", "clip") == "clip"
            and getattr(line, "block_ellipsis", "none") == "none"
        )
        return _Slot(page, parent, parent.children.index(box), box, available, plain, same_width=shared)

    def redraw(self, html: str, drawer: PageDrawer) -> tuple[list[PageDrawing], str] | None:
        """The pages of ``html`` drawn from ``reference``'s layout, or None when its layout could differ."""
        head, _, body = html.partition("</head>")
        tokens = TAG.split(body)
        if head != self.head or len(tokens) != len(self.tokens) or tokens[1::2] != self.tokens[1::2]:
            return None
        changes: list[tuple[_Slot, Any]] = []
        for index in range(0, len(tokens), 2):
            if tokens[index] == self.tokens[index]:
                continue
            slot = self.slot(index)
            text = html_text.unescape(tokens[index])
            if slot is None or not _plain_text(text):
                return None
            new_box = _replacement(slot, text)
            if new_box is None:
                return None
            changes.append((slot, new_box))
        pages = list(self.drawings)
        by_page: dict[int, list[tuple[_Slot, Any]]] = {}
        for slot, new_box in changes:
            by_page.setdefault(slot.page, []).append((slot, new_box))
        path = "line"
        for page, page_changes in sorted(by_page.items()):
            spliced = self._splice(drawer, page_changes) if len(page_changes) == 1 else None
            if spliced is None:
                spliced, path = self._redraw(drawer, page, page_changes), "page"
            pages[page] = spliced
        return pages, path

    def _splice(self, drawer: PageDrawer, changes: list[tuple[_Slot, Any]]) -> PageDrawing | None:
        """The page redrawn around its one changed line only, when that gives the bytes of a full redraw."""
        slot, new_box = changes[0]
        if not slot.spliceable:
            return None
        key = id(slot.box)
        if key not in self.splices:
            page = self.document.pages[slot.page]
            self.splices[key] = record(drawer, page, slot.box, slot.parent, slot.position)
        line = self.splices[key]
        return splice(drawer, line, new_box) if line is not None else None

    def _redraw(self, drawer: PageDrawer, page: int, changes: list[tuple[_Slot, Any]]) -> PageDrawing:
        for slot, new_box in changes:
            slot.parent.children[slot.position] = new_box
        try:
            return drawer.draw(self.document.pages[page])
        finally:
            for slot, _ in changes:
                slot.parent.children[slot.position] = slot.box


def _replacement(slot: _Slot, text: str) -> Any:
    """A copy of the slot's text box holding ``text``, laid out as WeasyPrint's ``split_text_box`` would."""
    from weasyprint.layout.inline import strut
    from weasyprint.text.line_break import split_first_line

    box = slot.box
    layout, _, resume, width, height, baseline = split_first_line(text, box.style, None, slot.available, 0)
    if resume is not None or width > slot.available or layout.text != text:
        return None
    if slot.same_width and width != box.width:
        return None
    line_height, _ = strut(box.style)
    half_leading = (line_height - height) / 2
    if height != box.height or half_leading != box.margin_top or baseline + half_leading != box.baseline:
        return None
    new_box = box.copy_with_text(layout.text)
    new_box.width = width
    new_box.pango_layout = layout
    new_box.height = height
    new_box.margin_top = new_box.margin_bottom = half_leading
    new_box.baseline = baseline + half_leading
    return new_box


def _plain_text(text: str) -> bool:
    """Text WeasyPrint would put into a box unchanged: no white-space processing, no controls."""
    if not text or text != text.strip(" ") or "  " in text:
        return False
    return all(unicodedata.category(char)[0] != "C" and (char == " " or not char.isspace()) for char in text)


def _plain_style(style: Any) -> bool:
    return bool(
        style["text_transform"] == "none"
        and style["white_space"] in ("normal", "nowrap", "pre")
        and style["direction"] == "ltr"
        and style["bookmark_level"] == "none"
        and style["string_set"] in ("none", ())
        and style["anchor"] is None
        and style["float"] == "none"
        and style["position"] in ("static", "relative")
    )


def _start_aligned(style: Any, text: str) -> bool:
    """True when the line starts at the same x whatever its width (and whether or not it is the last)."""
    spaces = " " in text or "\u00a0" in text
    for last in (False, True):
        align = style["text_align_all"]
        if last and style["text_align_last"] != "auto":
            align = style["text_align_last"]
        if align in ("start", "left"):
            continue
        if align == "justify" and not spaces:
            continue  # WeasyPrint justifies by widening spaces only
        return False
    return True


def _leaf_count(box: Any) -> int:
    from weasyprint.formatting_structure import boxes

    if not isinstance(box, boxes.ParentBox):
        return 1
    return sum(_leaf_count(child) for child in box.children)


def _has_horizontal_decoration(box: Any) -> bool:
    return any(
        getattr(box, name, 0)
        for name in (
            "margin_left",
            "margin_right",
            "padding_left",
            "padding_right",
            "border_left_width",
            "border_right_width",
        )
    )


def _width_ignores_content(box: Any) -> bool:
    """A block whose width does not depend on what it holds (no table cell, float, inline-block, flex item)."""
    from weasyprint.formatting_structure import boxes

    return (
        isinstance(box, boxes.BlockBox)
        and box.style["float"] == "none"
        and box.style["position"] in ("static", "relative")
    )


def _has_floats(box: Any) -> bool:
    children = getattr(box, "children", ())
    return any(child.style["float"] != "none" or _has_floats(child) for child in children)


def _align_text_tokens(document: Any, tokens: list[str]) -> dict[int, Any] | None:
    """Map each non-blank text token of the body to the parsed element whose ``.text`` it is.

    None when the parser saw the markup differently from the tokenizer (then no line is ever replaced).
    """
    root = document._html.etree_element
    body = next(iter(root.iter("body")), None)
    if body is None:
        return None
    slots: list[tuple[Any, str]] = []

    def walk(element: Any) -> None:
        if element.text and element.text.strip():
            slots.append((element, element.text))
        for child in element:
            walk(child)
            if child.tail and child.tail.strip():
                slots.append((None, child.tail))

    walk(body)
    texts = [(i, html_text.unescape(tokens[i])) for i in range(0, len(tokens), 2) if tokens[i].strip()]
    if len(texts) != len(slots) or any(t != s for (_, t), (_, s) in zip(texts, slots, strict=True)):
        return None
    return {
        index: element for (index, _), (element, _) in zip(texts, slots, strict=True) if element is not None
    }


def _text_boxes_by_element(pages: list[Any]) -> dict[int, list[tuple[int, list[Any], Any]]]:
    """Every text box by the id of its element, with its page and chain of ancestors.

    Text generated by a pseudo-element (``::before``) shares its element; such an element is listed with a
    None box, so it is never taken for a line that holds only the element's own text.
    """
    from weasyprint.formatting_structure import boxes

    found: dict[int, list[tuple[int, list[Any], Any]]] = {}
    for number, page in enumerate(pages):
        stack: list[tuple[Any, list[Any]]] = [(page._page_box, [])]
        while stack:
            box, chain = stack.pop()
            if isinstance(box, boxes.TextBox):
                generated = "::" in (box.element_tag or "")
                found.setdefault(id(box.element), []).append((number, chain, None if generated else box))
                continue
            for child in getattr(box, "children", ()):
                stack.append((child, [*chain, box]))
    return found


def blocks_by_page(document: Any) -> list[dict[int, tuple[float, float, int]]]:
    """For each laid-out page: block index → (top, bottom, text lines) of the `.blk` boxes on it (pt).

    How the tests hold the layout stage's page count (`notices.layout.pages`) to WeasyPrint's real pages.
    """

    def count_lines(box: Any) -> int:
        element = getattr(box, "element", None)
        if element is not None and element.get("class") == "ln":
            return 1
        return sum(count_lines(child) for child in getattr(box, "children", ()))

    def walk(box: Any, found: dict[int, tuple[float, float, int]]) -> None:
        element = getattr(box, "element", None)
        if (
            element is not None
            and "blk" in (element.get("class") or "").split()
            and element.get("data-block")
        ):
            top = box.position_y * 0.75
            found[int(element.get("data-block"))] = (top, top + box.margin_height() * 0.75, count_lines(box))
            return
        for child in getattr(box, "children", ()):
            walk(child, found)

    pages = []
    for page in document.pages:
        found: dict[int, tuple[float, float, int]] = {}
        walk(page._page_box, found)
        pages.append(found)
    return pages
