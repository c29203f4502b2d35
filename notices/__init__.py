"""notices: customer notices in the standard Chinese notice format and English business letters.

One call per stage, each usable on its own::

    import notices
    notice = notices.load("spring.yaml")            # or notices.load({...}) from an ERP script
    notices.render(notice, "out/spring")            # out/spring.pdf and out/spring.docx, written atomically
    pdf = notices.render_bytes(notice, "pdf")       # bytes, for mail or an HTTP response
    html = notices.to_html(notice)
    findings = notices.check_notice(notice)         # the format rules, as `notices check` applies them

Errors are :class:`NoticeError` subclasses whose ``problems`` carry file, line, column and spec path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notices.document import Document

if TYPE_CHECKING:
    from notices.batch.rows import RowProblem
    from notices.batch.runner import BatchReport, RecipientResult
    from notices.check import Finding
from notices.errors import Location, NoticeError, Problem, RenderError, SpecError, TemplateError
from notices.reader import Notice, load, loads

__version__ = "0.1.0"


def compose(notice: Notice, recipient: Mapping[str, Any] | None = None) -> Document:
    """The document model of ``notice`` (personalised for ``recipient`` when given)."""
    from notices.composer import compose as _compose

    return _compose(notice, recipient)


def check_notice(notice: Notice) -> list[Finding]:
    """Every finding of the notice format rules for ``notice``, in file order (``notices check``'s view).

    For a file with the nearest pyproject.toml's ``[tool.notices.checks]`` applied, use
    :func:`notices.check.check_file`.
    """
    from notices.check import check_notice as _check_notice

    return _check_notice(notice)


def render_bytes(
    notice: Notice | Document,
    fmt: str = "pdf",
    recipient: Mapping[str, Any] | None = None,
    *,
    reuse: bool = True,
) -> bytes:
    """The notice as ``"pdf"``, ``"docx"`` or ``"html"`` bytes.

    The process keeps one PDF and one DOCX engine: the next notice that differs from an earlier one only in
    some text (another recipient) is drawn from that one's layout, in a few milliseconds. The bytes are the
    same either way; ``reuse=False`` lays the notice out afresh.
    """
    from notices.renderers import document_bytes

    doc = notice if isinstance(notice, Document) else compose(notice, recipient)
    return document_bytes(doc, fmt, reuse=reuse)


def render(
    notice: Notice | Document,
    path: str | Path,
    formats: Iterable[str] | str = ("pdf", "docx"),
    recipient: Mapping[str, Any] | None = None,
    *,
    reuse: bool = True,
) -> list[Path]:
    """Write the notice to ``path`` + ``.pdf``/``.docx`` (a suffix on ``path`` picks that single format).

    Every format is rendered before anything is written, and each file is replaced atomically. The bytes are
    those of :func:`render_bytes` and of ``notices batch`` for the same notice.
    """
    from notices.renderers import parse_formats, write_outputs

    target = Path(path)
    if target.suffix.lower() in (".pdf", ".docx", ".html"):
        formats, target = (target.suffix.lower()[1:],), target.with_suffix("")
    doc = notice if isinstance(notice, Document) else compose(notice, recipient)
    return write_outputs(doc, target, parse_formats(formats), reuse=reuse)


def render_many(
    notice: Notice,
    recipients: str | Path | Iterable[Mapping[str, Any]],
    outdir: str | Path,
    *,
    formats: str | Iterable[str] = ("pdf", "docx"),
    name: str | None = None,
    jobs: int = 1,
    combined: bool = False,
    sheet: str | None = None,
    progress: Callable[[RecipientResult], None] | None = None,
    keep_results: bool = True,
) -> BatchReport:
    """One notice per recipient into ``outdir``, resumable and reproducible (``notices batch``).

    ``recipients``: a recipients file (CSV, XLSX, JSON, YAML) or rows as mappings. ``name``: a file-name
    pattern such as ``"{code}-{name}"``. ``jobs`` > 1 renders in worker processes. ``combined`` also writes
    ``combined.pdf``. ``progress`` is called with each row's :class:`RecipientResult`; ``keep_results=False``
    keeps only failed rows' results in the report. Returns a :class:`BatchReport`: ``results``, ``failed``,
    ``counts``, ``manifest``, ``failures``, ``combined``. The files are byte for byte what :func:`render`
    writes for the same recipient.
    """
    from notices.batch.runner import render_many as _render_many

    return _render_many(
        notice,
        recipients,
        outdir,
        formats=formats,
        name=name,
        jobs=jobs,
        combined=combined,
        sheet=sheet,
        progress=progress,
        keep_results=keep_results,
    )


def to_html(notice: Notice | Document, recipient: Mapping[str, Any] | None = None) -> str:
    """The notice as the HTML document the PDF is made from."""
    from notices.renderers.html import to_html as _to_html

    return _to_html(notice if isinstance(notice, Document) else compose(notice, recipient))


_BATCH_TYPES = {"BatchReport": "runner", "RecipientResult": "runner", "RowProblem": "rows"}


def __getattr__(name: str) -> Any:
    """The batch's report types, imported on first use so that ``import notices`` stays light."""
    if name in _BATCH_TYPES:
        import importlib

        return getattr(importlib.import_module(f"notices.batch.{_BATCH_TYPES[name]}"), name)
    raise AttributeError(f"module 'notices' has no attribute {name!r}")


__all__ = [
    "BatchReport",
    "Document",
    "Location",
    "Notice",
    "NoticeError",
    "Problem",
    "RecipientResult",
    "RenderError",
    "RowProblem",
    "SpecError",
    "TemplateError",
    "check_notice",
    "compose",
    "load",
    "loads",
    "render",
    "render_bytes",
    "render_many",
    "to_html",
]
