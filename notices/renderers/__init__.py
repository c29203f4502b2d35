"""Render stage: the document model → PDF bytes, DOCX bytes or HTML, and files written atomically.

One PDF engine and one DOCX engine per process serve every caller (``notices render``, ``render_bytes``,
``render``, the batch, the preview), so a warm process renders the next notice fast whoever asks for it.
WeasyPrint and python-docx are imported only when a format is produced, so `notices check` starts fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from notices.document import Document
from notices.errors import RenderError
from notices.i18n import _
from notices.layout import Layout, lay_out

FORMATS = ("pdf", "docx", "html")


def document_bytes(doc: Document | Layout, fmt: str, *, reuse: bool = True) -> bytes:
    """``doc`` as ``fmt`` bytes, laid out first unless it is a layout already. ``reuse``: let the engines start
    from an earlier notice's work (the same bytes either way)."""
    if fmt not in FORMATS:
        raise RenderError(_("unknown format {fmt!r}; choose pdf, docx or html").format(fmt=fmt))
    layout = lay_out(doc) if isinstance(doc, Document) else doc
    if fmt == "pdf":
        from notices.renderers.pdf import render_pdf

        return render_pdf(layout, reuse=reuse)
    if fmt == "docx":
        from notices.renderers.docx import render_docx

        return render_docx(layout, reuse=reuse)
    from notices.renderers.html import to_html

    return to_html(layout).encode("utf-8")


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """ "pdf,docx" → ("pdf", "docx"); unknown names are an error that lists the known ones."""
    names = [n.strip().lower() for n in (text.split(",") if isinstance(text, str) else text) if n.strip()]
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise RenderError(
            _("unknown format {value}: choose from {items}").format(
                value=", ".join(unknown) or "(none)", items=", ".join(FORMATS)
            )
        )
    return tuple(dict.fromkeys(names))


def write_outputs(doc: Document, stem: Path, formats: Iterable[str], *, reuse: bool = True) -> list[Path]:
    """Render every format first, then write them all; a failure leaves no partial or stale file behind."""
    from notices.fsio import atomic_write_bytes

    layout = lay_out(doc)  # once, for every format
    rendered = [
        (stem.with_name(f"{stem.name}.{fmt}"), document_bytes(layout, fmt, reuse=reuse)) for fmt in formats
    ]
    for path, data in rendered:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data)
    return [path for path, _ in rendered]
