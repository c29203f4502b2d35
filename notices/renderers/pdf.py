"""Document model → PDF: WeasyPrint lays the notice out, the engine (``pdf_engine.py``) draws and writes it.

``render_pdf`` is what every path calls (``notices render``, ``render_bytes``, ``render``, the batch, the
preview): the process's one :class:`~notices.renderers.pdf_engine.PdfEngine`, which keeps earlier layouts and
the faces it has read. ``standard_pdf`` is WeasyPrint's own ``write_pdf``: the fallback when the engine cannot
draw a page, and the oracle the tests hold the engine to.

WeasyPrint may read nothing but ``data:`` URLs and files inside the spec's own folder: a ``<link
rel=attachment href=file:///etc/…>`` or a remote image in a spec string can neither leak a file into the PDF nor
reach the network. One FontConfiguration is shared by every render in the process, which keeps memory flat in a
batch (a new one per document keeps every face's data alive, and memory grows with each notice).
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from notices.document import Document
from notices.errors import RenderError
from notices.i18n import _
from notices.layout import Layout, lay_out
from notices.renderers.html import to_html


def _weasyprint() -> Any:
    """The WeasyPrint module, imported the quick way (``weasy.load_weasyprint``)."""
    from notices.renderers.weasy import load_weasyprint

    return load_weasyprint()


def _fetcher_class() -> Any:
    _weasyprint()
    from weasyprint import URLFetcher

    class AssetsOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self, allowed_root: Path, *more_roots: Path) -> None:
            super().__init__(timeout=5, allowed_protocols={"file", "data"}, allow_redirects=False)
            self.allowed_root = allowed_root
            self.allowed_roots = (allowed_root, *more_roots)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file:"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in self.allowed_roots) or not path.is_file():
                    raise ValueError(
                        f"refused to read {url}: only files inside {self.allowed_root} are allowed"
                    )
            elif not url.startswith("data:"):
                raise ValueError(f"refused to fetch {url}: notices never fetch from the network")
            return super().fetch(url, headers)

    return AssetsOnlyFetcher


@functools.lru_cache(maxsize=1)
def font_configuration() -> Any:
    _weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def weasy_document(doc: Document, html: str) -> Any:
    """The laid-out WeasyPrint document (pages and boxes) of ``doc``'s HTML, for writing or for measuring."""
    from notices.renderers.weasy import html_document, lay_out_faster

    _weasyprint()
    lay_out_faster()
    # A house style's fonts, logo and seal live in its own folder, which is allowed too.
    roots = (doc.assets_dir, *((doc.look.folder,) if doc.look else ()))
    base_url = doc.assets_dir.as_uri() + "/"
    body, css = _without_style(html)
    source = html_document(body, base_url, _fetcher_class()(*roots))
    sheets = [_stylesheet(css, base_url, roots)] if css else None
    return source.render(font_config=font_configuration(), stylesheets=sheets)


# The stylesheet to_html writes into <head>; the same notices of a process share it (the profile's page and
# type grid, a house style's faces), so it is parsed once, not once per document (a visible part
# of a new notice's layout). Given to WeasyPrint as a stylesheet of the document instead of its <style>, it sits in
# the user origin instead of the author one: nothing else of ours is in either (the user-agent sheet is
# below both, the spans' style attributes above both), so the cascade picks the same declarations, and the
# tests hold the PDF to the same bytes and pixels (tests/renderers).
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def _without_style(html: str) -> tuple[str, str]:
    found = _STYLE.search(html)
    if found is None:
        return html, ""
    return html[: found.start()] + html[found.end() :], found.group(1)


@functools.lru_cache(maxsize=16)
def _stylesheet(css: str, base_url: str, roots: tuple[Path, ...]) -> Any:
    from weasyprint import CSS

    fetcher = _fetcher_class()(*roots)
    return CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=font_configuration())


def render_pdf(layout: Layout | Document, *, reuse: bool = True) -> bytes:
    """The notice as PDF bytes: A4, fonts embedded as subsets, the same bytes for the same input.

    ``reuse``: draw from an earlier notice's layout when only some lines' text differs (the same bytes either
    way; ``False`` lays this one out afresh).
    """
    from notices.renderers.pdf_engine import pdf_engine

    return pdf_engine().render(_laid_out(layout), reuse=reuse).data


def standard_pdf(layout: Layout | Document) -> bytes:
    """The notice through WeasyPrint's own ``write_pdf``: the engine's fallback and the tests' oracle."""
    layout = _laid_out(layout)
    html = to_html(layout)
    try:
        rendered = weasy_document(layout.doc, html)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        data = rendered.write_pdf(pdf_identifier=identifier)
    except OSError as err:
        raise RenderError(_("could not produce the PDF: {err}").format(err=err)) from err
    if not isinstance(data, bytes):
        raise RenderError(_("WeasyPrint returned no PDF data"))
    return data


def _laid_out(layout: Layout | Document) -> Layout:
    return lay_out(layout) if isinstance(layout, Document) else layout


# END


def preload() -> None:
    """Import WeasyPrint now (the larger part of a cold start), e.g. before forking batch workers that will all need it."""
    _weasyprint()


def weasyprint_version() -> str:
    return str(_weasyprint().VERSION)
