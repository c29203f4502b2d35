"""The PDF engine of every path: lay a notice out once, then redraw only the lines the next notice changes.

In a batch most recipients' notices differ from each other in a few words: the name in the salutation, a code,
a date. WeasyPrint's layout of a two-page notice costs ~50 ms, its ``write_pdf`` ~145 ms more (anchors.md), so
for each recipient this module:

1. compares the recipient's HTML (``to_html``, exactly what ``notices render`` lays out) with the HTML of a
   notice already laid out (a *reference*) with the same markup. When they differ only in text that sits
   alone on one line of a left-aligned block, and the new text fits on that line with the same height and
   baseline, the reference's line box gets a new text box, shaped by WeasyPrint's own ``split_first_line``,
   exactly as WeasyPrint's layout would have made it; only that line is drawn, between the kept operators of
   the rest of its page (``pdf_splice.py``), or where that cannot be exact, its whole page;
2. otherwise lays the recipient's HTML out with ``weasy_document`` (the function ``notices render`` uses) and
   keeps the result as another reference;
3. writes the drawn pages with fonts cut to the recipient's glyphs (``pdf_writer.py``).

Path 1 and path 2 give byte-identical files for the same recipient (tests/batch check this), so which path a
recipient took, or whether an earlier run made its reference, never shows in the output.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_text
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from notices.document import Document
from notices.renderers.pdf_fonts import FontBank
from notices.renderers.pdf_pages import PageDrawer, PageDrawing, UnsupportedDrawing
from notices.renderers.pdf_splice import LineSplice, record, splice
from notices.renderers.pdf_writer import PdfMetadata, write_pdf

_TAG = re.compile(r"(<[^>]*>)")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_META = re.compile(r'<meta name="([^"]*)" content="([^"]*)">')
_LANG = re.compile(r'<html lang="([^"]*)"')
MAX_REFERENCES = 12  # laid-out notices kept per process (a few MB each)
REFERENCES_PER_MARKUP = 3


@dataclass(frozen=True)
class RenderedPdf:
    """One recipient's PDF, the pages it was made from, and how it was made.

    ``path``: "line" (an earlier layout, only the changed lines drawn), "page" (an earlier layout, the pages with
    changed lines drawn again), "layout" (laid out by WeasyPrint) or "standard" (WeasyPrint's own write_pdf).
    """

    data: bytes
    pages: tuple[PageDrawing, ...]
    path: str


@dataclass
class _Slot:
    """A text box that may be given other text: where it hangs and how wide its line may grow."""

    page: int
    parent: Any
    position: int
    box: Any
    available: float
    spliceable: bool  # drawn as a plain text object: its page can be redrawn around it (pdf_splice.py)


class _Reference:
    """A laid-out notice whose pages can be redrawn with some lines' text replaced."""

    def __init__(self, document: Any, html: str, drawings: list[PageDrawing], plan: dict[int, float]) -> None:
        self.document = document
        self.html = html
        self.head, _, body = html.partition("</head>")
        self.tokens = _TAG.split(body)
        self.drawings = drawings
        self.plan = plan
        self.splices: dict[int, LineSplice | None] = {}  # by id of the slot's box
        self._slots: dict[int, _Slot | None] = {}
        self._element_of_token = _align_text_tokens(document, self.tokens)
        self._boxes = _text_boxes_by_element(document.pages) if self._element_of_token else {}
        self._pages_with_floats = {n for n, page in enumerate(document.pages) if _has_floats(page._page_box)}

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
        if _leaf_count(line) != 1 or not _start_aligned(line.style, box.text):
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
        return _Slot(page, parent, parent.children.index(box), box, available, plain)


def markup_of(html: str) -> str:
    """A key for the layout of ``html`` apart from its text: its head (styles) and every tag."""
    head, _, body = html.partition("</head>")
    return hashlib.sha256((head + "\x00".join(_TAG.split(body)[1::2])).encode()).hexdigest()


class PdfEngine:
    """Renders notices to PDF bytes, reusing layouts across the notices of one process.

    One engine serves one process (:func:`pdf_engine`); a lock makes it safe to call from several threads.
    """

    def __init__(self) -> None:
        self.drawer = PageDrawer()
        self.bank = FontBank(self.drawer.fonts)
        self._references: OrderedDict[tuple[str, int], _Reference] = OrderedDict()
        self._lock = threading.RLock()

    def render(
        self, doc: Document, html: str | None = None, markup: str | None = None, *, reuse: bool = True
    ) -> RenderedPdf:
        """The PDF of ``doc``; ``html`` is ``to_html(doc)`` and ``markup`` its :func:`markup_of`, when the
        caller has them already. ``reuse=False`` lays the notice out afresh (the same bytes, slower).

        Raises :class:`~notices.renderers.pdf_pages.MissingGlyphs` for text no installed font can print.
        """
        from notices.renderers.html import to_html

        html = html if html is not None else to_html(doc)
        markup = markup or markup_of(html)
        with self._lock:
            return self._render(doc, html, markup, reuse)

    def _render(self, doc: Document, html: str, markup: str, reuse: bool) -> RenderedPdf:
        try:
            for reference in self._candidates(markup) if reuse else ():
                final = html if not reference.plan else _tightened_html(doc, reference.plan)
                reused = self._reuse(reference, final)
                if reused is not None:
                    pages, path = reused
                    _remember_plan(html, reference.plan)
                    return self._write(pages, final, path)
            reference = self._lay_out(doc, html)
            if reuse:
                self._remember(markup, reference)
            return self._write(reference.drawings, reference.html, "layout")
        except UnsupportedDrawing:
            from notices.renderers.pdf import standard_pdf

            return RenderedPdf(standard_pdf(doc), (), "standard")

    def _write(self, pages: list[PageDrawing], html: str, path: str) -> RenderedPdf:
        head = html.partition("</head>")[0]
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        return RenderedPdf(write_pdf(pages, _metadata(head), self.bank, identifier), tuple(pages), path)

    def _candidates(self, markup: str) -> Iterator[_Reference]:
        for (key, _), reference in list(self._references.items()):
            if key == markup:
                yield reference

    def _remember(self, markup: str, reference: _Reference) -> None:
        same = [k for k in self._references if k[0] == markup]
        if len(same) >= REFERENCES_PER_MARKUP:
            del self._references[same[0]]
        self._references[(markup, id(reference))] = reference
        while len(self._references) > MAX_REFERENCES:
            self._references.popitem(last=False)

    def _lay_out(self, doc: Document, html: str) -> _Reference:
        """Lay ``doc`` out as ``render_pdf`` does, sign-off tightening included (GB/T 9704 §7.3.5.5)."""
        from notices.renderers.pdf import weasy_document

        document = weasy_document(doc, html)
        plan: dict[int, float] = {}
        if doc.lang == "zh":
            from notices.renderers.fit import plan_for_layout
            from notices.renderers.html import profile_for

            plan = plan_for_layout(doc, document, profile_for(doc).line_pitch_pt)
            _remember_plan(html, plan)
            if plan:
                html = _tightened_html(doc, plan)
                document = weasy_document(doc, html)
        drawings = [self.drawer.draw(page) for page in document.pages]
        return _Reference(document, html, drawings, plan)

    def _reuse(self, reference: _Reference, html: str) -> tuple[list[PageDrawing], str] | None:
        """The pages of ``html`` drawn from ``reference``'s layout, or None when its layout could differ."""
        head, _, body = html.partition("</head>")
        tokens = _TAG.split(body)
        if (
            head != reference.head
            or len(tokens) != len(reference.tokens)
            or tokens[1::2] != reference.tokens[1::2]
        ):
            return None
        changes: list[tuple[_Slot, Any]] = []
        for index in range(0, len(tokens), 2):
            if tokens[index] == reference.tokens[index]:
                continue
            slot = reference.slot(index)
            text = html_text.unescape(tokens[index])
            if slot is None or not _plain_text(text):
                return None
            new_box = _replacement(slot, text)
            if new_box is None:
                return None
            changes.append((slot, new_box))
        pages = list(reference.drawings)
        by_page: dict[int, list[tuple[_Slot, Any]]] = {}
        for slot, new_box in changes:
            by_page.setdefault(slot.page, []).append((slot, new_box))
        path = "line"
        for page, page_changes in sorted(by_page.items()):
            spliced = self._splice(reference, page_changes) if len(page_changes) == 1 else None
            if spliced is None:
                spliced, path = self._redraw(reference, page, page_changes), "page"
            pages[page] = spliced
        return pages, path

    def _splice(self, reference: _Reference, changes: list[tuple[_Slot, Any]]) -> PageDrawing | None:
        """The page redrawn around its one changed line only, when that gives the bytes of a full redraw."""
        slot, new_box = changes[0]
        if not slot.spliceable:
            return None
        key = id(slot.box)
        if key not in reference.splices:
            page = reference.document.pages[slot.page]
            reference.splices[key] = record(self.drawer, page, slot.box, slot.parent, slot.position)
        line = reference.splices[key]
        return splice(self.drawer, line, new_box) if line is not None else None

    def _redraw(self, reference: _Reference, page: int, changes: list[tuple[_Slot, Any]]) -> PageDrawing:
        for slot, new_box in changes:
            slot.parent.children[slot.position] = new_box
        try:
            return self.drawer.draw(reference.document.pages[page])
        finally:
            for slot, _ in changes:
                slot.parent.children[slot.position] = slot.box


@functools.cache
def pdf_engine() -> PdfEngine:
    """The process's PDF engine: every caller shares its layouts and the faces it has read."""
    return PdfEngine()


def _tightened_html(doc: Document, plan: dict[int, float]) -> str:
    from notices.renderers.html import to_html

    return to_html(doc, plan)


def _remember_plan(html: str, plan: dict[int, float]) -> None:
    """Tell the DOCX renderer the tightening, so a DOCX made the slow way needs no layout of its own."""
    from notices.renderers.fit import remember

    remember(html, plan)


def _replacement(slot: _Slot, text: str) -> Any:
    """A copy of the slot's text box holding ``text``, laid out as WeasyPrint's ``split_text_box`` would."""
    from weasyprint.layout.inline import strut
    from weasyprint.text.line_break import split_first_line

    box = slot.box
    layout, _, resume, width, height, baseline = split_first_line(text, box.style, None, slot.available, 0)
    if resume is not None or width > slot.available or layout.text != text:
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


def _metadata(head: str) -> PdfMetadata:
    """The PDF metadata ``notices render`` gets from WeasyPrint, read from our own template's head."""
    from weasyprint import VERSION

    title = _TITLE.search(head)
    meta = {name: html_text.unescape(content) for name, content in _META.findall(head)}
    lang = _LANG.search(head)
    created = meta.get("dcterms.created", "")
    return PdfMetadata(
        title=html_text.unescape(title.group(1)).strip() if title else "",
        author=meta.get("author", ""),
        creator=meta.get("generator", ""),
        created="D:" + created.replace("-", "") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", created) else "",
        lang=lang.group(1) if lang else "",
        producer=f"WeasyPrint {VERSION}",
    )
