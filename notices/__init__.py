"""notices: customer notices in the standard Chinese notice format and English business letters.

One call per stage, each usable on its own::

    import notices
    notice = notices.load("spring.yaml")            # or notices.load({...}) from an ERP script
    notices.render(notice, "out/spring")            # out/spring.pdf and out/spring.docx, written atomically
    pdf = notices.render_bytes(notice, "pdf")       # bytes, for mail or an HTTP response
    html = notices.to_html(notice)
    findings = notices.check_notice(notice)         # the format rules, as `notices check` applies them

Errors are :class:`NoticeError` subclasses whose ``problems`` carry file, line, column and spec path. The
functions that take a notice also take the path of a spec, which they load first.

Every render function checks the notice first, as `notices check` does: a notice with an error finding is not
rendered and :class:`CheckError` is raised, its ``findings`` listing what `notices check` would print. Pass
``check=False`` to render it anyway. A :class:`Document` (already composed) is rendered as it is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notices.document import Document

if TYPE_CHECKING:
    from notices.batch.rows import RowProblem
    from notices.batch.runner import BatchReport, RecipientResult
    from notices.check import Finding
    from notices.reader import Notice, load, loads
from notices.errors import (
    CheckError,
    Location,
    NoticeError,
    OutputError,
    Problem,
    RenderError,
    SpecError,
    TemplateError,
)
from notices.i18n import _

__version__ = "0.1.0"


def _only_notice(value: Notice | str | Path | Mapping[str, Any]) -> Notice:
    from notices.reader import Notice

    loaded = _notice_of(value)
    if not isinstance(loaded, Notice):
        raise SpecError(
            _("expected a Notice (notices.load(...)) or the path of a spec, not a composed Document")
        )
    return loaded


def _notice_of(value: Notice | Document | str | Path | Mapping[str, Any]) -> Notice | Document:
    """A spec path or dict is loaded (``notices.render("spring.yaml", "out/spring")``); a Notice or a Document is
    taken as it is; anything else is refused with the project's error, not an AttributeError deep inside."""
    from notices.reader import Notice, load  # imported on first use, as `import notices` stays light

    if isinstance(value, Notice | Document):
        return value
    if isinstance(value, str | Path):
        return load(Path(value))
    if isinstance(value, Mapping):  # an ERP script's dict: the same as notices.load(value)
        return load(value)
    raise SpecError(  # a caller without type checking passed something else
        _(
            "expected a Notice (notices.load(...)), a Document, a dict or the path of a spec, not {type}"
        ).format(type=type(value).__name__)
    )


def compose(notice: Notice, recipient: Mapping[str, Any] | None = None) -> Document:
    """The document model of ``notice`` (personalised for ``recipient`` when given)."""
    from notices.composer import compose as _compose

    return _compose(notice, recipient)


def check_notice(notice: Notice | str | Path | Mapping[str, Any]) -> list[Finding]:
    """Every finding of the notice format rules for ``notice``, in file order, as `notices check` reports it
    (for a spec read from a file, with the nearest pyproject.toml's ``[tool.notices.checks]`` applied)."""
    import notices.fontcheck  # noqa: F401  (the font step of R-FONT)
    from notices.check.gate import review

    return review(_only_notice(notice))


def render_bytes(
    notice: Notice | Document | str | Path | Mapping[str, Any],
    fmt: str = "pdf",
    recipient: Mapping[str, Any] | None = None,
    *,
    reuse: bool = True,
    check: bool = True,
) -> bytes:
    """The notice as ``"pdf"``, ``"docx"`` or ``"html"`` bytes.

    The process keeps one PDF and one DOCX engine: the next notice that differs from an earlier one only in
    some text (another recipient) is drawn from that one's layout, in a few milliseconds. The bytes are the
    same either way; ``reuse=False`` lays the notice out afresh. Raises :class:`CheckError` when the notice
    has errors, unless ``check=False``.
    """
    from notices.renderers import document_bytes

    loaded = _notice_of(notice)
    doc = _checked_document(loaded, recipient, check)
    with _located(loaded):
        return document_bytes(doc, fmt, reuse=reuse)


def _checked_document(
    notice: Notice | Document, recipient: Mapping[str, Any] | None, check: bool
) -> Document:
    """The document to draw, after the check gate for a notice (a composed Document is taken as it is)."""
    if isinstance(notice, Document):
        return notice
    if check:
        _require_clean(notice)
    return compose(notice, recipient)


# Notices that passed the check gate in this process, by id, with a weak reference proving it is the same
# object and what else the answer depends on. An ERP renders one notice for recipient after recipient: the
# gate checks the notice (its sample recipient), not the recipient, so its answer cannot change between calls
# for the same frozen Notice on the same day under the same settings; checking it again was most of the call.
_PASSED: dict[int, tuple[weakref.ref[Notice], tuple[dt.date, str]]] = {}
_PASSED_LOCK = threading.RLock()  # re-entered when a dying notice is forgotten during an update


def _require_clean(notice: Notice) -> None:
    import notices.fontcheck  # noqa: F401  (the font step of R-FONT)
    from notices.check.gate import require_clean, settings_for

    key = (dt.date.today(), repr(settings_for(notice)))
    with _PASSED_LOCK:
        passed = _PASSED.get(id(notice))
        if passed is not None and passed[0]() is notice and passed[1] == key:
            return
    require_clean(notice)  # raises CheckError: a notice with errors is never remembered
    number = id(notice)

    def forget(_: object) -> None:
        with _PASSED_LOCK:
            _PASSED.pop(number, None)

    with _PASSED_LOCK:
        _PASSED[number] = (weakref.ref(notice, forget), key)


def render(
    notice: Notice | Document | str | Path | Mapping[str, Any],
    path: str | Path,
    formats: Iterable[str] | str = ("pdf", "docx"),
    recipient: Mapping[str, Any] | None = None,
    *,
    reuse: bool = True,
    check: bool = True,
) -> list[Path]:
    """Write the notice to ``path`` + ``.pdf``/``.docx`` (a suffix on ``path`` picks that single format).

    Every format is rendered before anything is written, and each file is replaced atomically. The bytes are
    those of :func:`render_bytes` and of ``notices batch`` for the same notice. Raises :class:`CheckError`
    (and writes nothing) when the notice has errors, unless ``check=False``, and :class:`OutputError` when a
    file cannot be written.
    """
    from notices.renderers import parse_formats, write_outputs

    target = Path(path)
    if target.suffix.lower() in (".pdf", ".docx", ".html"):
        formats, target = (target.suffix.lower()[1:],), target.with_suffix("")
    chosen = parse_formats(formats)
    loaded = _notice_of(notice)
    doc = _checked_document(loaded, recipient, check)
    with _located(loaded):
        try:
            return write_outputs(doc, target, chosen, reuse=reuse)
        except OSError as err:
            from notices.fsio import os_error_text

            raise OutputError(
                Problem(
                    _("cannot write the output: {why}").format(why=os_error_text(err)),
                    Location(str(target)),
                    fix=_("choose a folder you can write to, with room on its disk"),
                )
            ) from err


@contextlib.contextmanager
def _located(notice: Notice | Document) -> Iterator[None]:
    """A character no font has, said at the place in the spec where it was typed."""
    from notices.renderers.pdf_pages import MissingGlyphs

    try:
        yield
    except MissingGlyphs as err:
        if isinstance(notice, Document):
            raise
        from notices.reader.bounds import locate_text

        raise err.at(locate_text(notice.data, notice.source, err.characters)) from None


def render_many(
    notice: Notice | str | Path | Mapping[str, Any],
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
    check: bool = True,
) -> BatchReport:
    """One notice per recipient into ``outdir``, resumable and reproducible (``notices batch``).

    ``recipients``: a recipients file (CSV, XLSX, JSON, YAML) or rows as mappings. ``name``: a file-name
    pattern such as ``"{code}-{name}"``. ``jobs`` > 1 renders in worker processes. ``combined`` also writes
    ``combined.pdf``. ``progress`` is called with each row's :class:`RecipientResult`; ``keep_results=False``
    keeps only failed rows' results in the report. Returns a :class:`BatchReport`: ``results``, ``failed``,
    ``counts``, ``manifest``, ``failures``, ``combined``, ``findings``. The files are byte for byte what
    :func:`render` writes for the same recipient.

    The notice is checked once, before any row: with an error it raises :class:`CheckError` and writes
    nothing (not even the folder), unless ``check=False``; its warnings are in the report's ``findings``.
    """
    from notices.batch.runner import render_many as _render_many

    return _render_many(
        _only_notice(notice),
        recipients,
        outdir,
        formats=formats,
        name=name,
        jobs=jobs,
        combined=combined,
        sheet=sheet,
        progress=progress,
        keep_results=keep_results,
        check=check,
    )


def to_html(
    notice: Notice | Document | str | Path | Mapping[str, Any], recipient: Mapping[str, Any] | None = None
) -> str:
    """The notice as the HTML document the PDF is made from."""
    from notices.renderers.html import to_html as _to_html

    loaded = _notice_of(notice)
    return _to_html(loaded if isinstance(loaded, Document) else compose(loaded, recipient))


# Imported on first use, so that ``import notices`` stays light: the reader brings pydantic and the spec's
# models, and a program (the command line) may have to set something up before they are built.
_LATER = {
    "Notice": "notices.reader",
    "load": "notices.reader",
    "loads": "notices.reader",
    "BatchReport": "notices.batch.runner",
    "RecipientResult": "notices.batch.runner",
    "RowProblem": "notices.batch.rows",
}


def __getattr__(name: str) -> Any:
    """The reader's ``load``, ``loads`` and ``Notice`` and the batch's report types, imported on first use."""
    if name in _LATER:
        import importlib

        value = getattr(importlib.import_module(_LATER[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'notices' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LATER})


__all__ = [
    "BatchReport",
    "CheckError",
    "Document",
    "Location",
    "Notice",
    "NoticeError",
    "OutputError",
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
