"""The PDF engine of every path: lay a notice out once, then redraw only the lines the next notice changes.

In a batch most recipients' notices differ from each other in a few words: the name in the salutation, a code,
a date. WeasyPrint's layout of a notice and its ``write_pdf`` cost far more than drawing one changed line
(bench/RESULTS.md), so
for each recipient this module:

1. compares the recipient's HTML (``to_html``, exactly what ``notices render`` lays out) with the HTML of a
   notice already laid out (a *reference*) with the same markup. When they differ only in text that sits
   alone on one line of a left-aligned block, and the new text fits on that line with the same height and
   baseline, the reference's line box gets a new text box, shaped by WeasyPrint's own ``split_first_line``,
   exactly as WeasyPrint's layout would have made it; only that line is drawn, between the kept operators of
   the rest of its page (``weasy/splice.py``), or where that cannot be exact, its whole page;
2. otherwise lays the recipient's HTML out with ``weasy_document`` and keeps the result as another reference;
3. writes the drawn pages with fonts cut to the recipient's glyphs (``pdf_writer.py``).

Path 1 and path 2 give byte-identical files for the same recipient (tests/renderers/test_engines.py), so which
path a notice took, or whether an earlier call made its reference, never shows in the output. Everything that
touches WeasyPrint's internals is in ``weasy/``, checked against the versions it was verified on; elsewhere,
or when a page holds something the engine does not draw, the PDF is WeasyPrint's own ``write_pdf``.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_text
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

from notices.document import Document
from notices.layout import Layout, lay_out
from notices.renderers.pdf_pages import PageDrawing, UnsupportedDrawing
from notices.renderers.pdf_writer import PdfMetadata, write_pdf
from notices.renderers.weasy.drawing import PageDrawer
from notices.renderers.weasy.faces import FontBank
from notices.renderers.weasy.reuse import TAG, LaidOut

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


def markup_of(html: str) -> str:
    """A key for the layout of ``html`` apart from its text: its head (styles) and every tag."""
    head, _, body = html.partition("</head>")
    return hashlib.sha256((head + "\x00".join(TAG.split(body)[1::2])).encode()).hexdigest()


class PdfEngine:
    """Renders notices to PDF bytes, reusing layouts across the notices of one process.

    One engine serves one process (:func:`pdf_engine`); a lock makes it safe to call from several threads.
    """

    def __init__(self) -> None:
        self.drawer = PageDrawer()
        self.bank = FontBank(self.drawer.fonts)
        self._references: OrderedDict[tuple[str, int], LaidOut] = OrderedDict()
        self._lock = threading.RLock()

    def render(
        self,
        layout: Layout | Document,
        html: str | None = None,
        markup: str | None = None,
        *,
        reuse: bool = True,
    ) -> RenderedPdf:
        """The PDF of ``layout``; ``html`` is ``to_html(layout)`` and ``markup`` its :func:`markup_of`, when
        the caller has them already. ``reuse=False`` lays the notice out afresh (the same bytes, slower).

        Raises :class:`~notices.renderers.pdf_pages.MissingGlyphs` for text no installed font can print.
        """
        from notices.renderers.html import to_html

        layout = lay_out(layout) if isinstance(layout, Document) else layout
        html = html if html is not None else to_html(layout)
        markup = markup or markup_of(html)
        with self._lock:
            return self._render(layout, html, markup, reuse)

    def _render(self, layout: Layout, html: str, markup: str, reuse: bool) -> RenderedPdf:
        from notices.renderers.weasy import unverified, warn_once

        problem = unverified()
        if problem is not None:  # WeasyPrint's internals are not the ones this engine knows
            from notices.renderers.pdf import standard_pdf

            warn_once(problem)
            return RenderedPdf(standard_pdf(layout), (), "standard")
        try:
            for reference in self._candidates(markup) if reuse else ():
                reused = reference.redraw(html, self.drawer)
                if reused is not None:
                    pages, path = reused
                    return self._write(pages, html, path)
            reference = self._lay_out(layout.doc, html)
            if reuse:
                self._remember(markup, reference)
            return self._write(reference.drawings, reference.html, "layout")
        except UnsupportedDrawing:
            from notices.renderers.pdf import standard_pdf

            return RenderedPdf(standard_pdf(layout), (), "standard")

    def _write(self, pages: list[PageDrawing], html: str, path: str) -> RenderedPdf:
        head = html.partition("</head>")[0]
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        return RenderedPdf(write_pdf(pages, _metadata(head), self.bank, identifier), tuple(pages), path)

    def _candidates(self, markup: str) -> Iterator[LaidOut]:
        for (key, _), reference in list(self._references.items()):
            if key == markup:
                yield reference

    def _remember(self, markup: str, reference: LaidOut) -> None:
        same = [k for k in self._references if k[0] == markup]
        if len(same) >= REFERENCES_PER_MARKUP:
            del self._references[same[0]]
        self._references[(markup, id(reference))] = reference
        while len(self._references) > MAX_REFERENCES:
            self._references.popitem(last=False)

    def _lay_out(self, doc: Document, html: str) -> LaidOut:
        """Lay the notice's HTML out with WeasyPrint (the sign-off's fit is in the HTML already)."""
        from notices.renderers.pdf import weasy_document

        document = weasy_document(doc, html)
        drawings = [self.drawer.draw(page) for page in document.pages]
        return LaidOut(document, html, drawings)


@functools.cache
def pdf_engine() -> PdfEngine:
    """The process's PDF engine: every caller shares its layouts and the faces it has read."""
    return PdfEngine()


def _metadata(head: str) -> PdfMetadata:
    """The PDF metadata ``notices render`` gets from WeasyPrint, read from our own template's head."""
    from notices.renderers.pdf import weasyprint_version

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
        producer=f"WeasyPrint {weasyprint_version()}",
    )
