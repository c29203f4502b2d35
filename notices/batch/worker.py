"""One recipient's notice, from row values to files on disk; runs in worker processes (or in the caller's).

Everything a worker keeps between recipients lives in one :class:`WorkerState`: the spec, the laid-out
references and DOCX probes, and the faces already described to the process writing the combined PDF.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notices.batch.manifest import file_sha256
from notices.batch.rows import RowProblem, RowProblemsError
from notices.errors import MissingFontError
from notices.i18n import _
from notices.reader import Notice
from notices.renderers.pdf_fonts import FaceInfo, GlyphRecord
from notices.renderers.pdf_pages import MissingGlyphs, PageDrawing


@dataclass(frozen=True)
class Task:
    """What the parent decided about one row; ``problems`` set means the row already failed."""

    number: int
    name: str | None
    row_sha256: str
    row_data: dict[str, Any] = field(default_factory=dict)
    recipient: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)
    expected_sha256: dict[str, str] = field(default_factory=dict)  # from the manifest: skip when unchanged
    problems: tuple[RowProblem, ...] = ()


@dataclass(frozen=True)
class TaskResult:
    number: int
    name: str | None
    row_sha256: str
    status: str  # "rendered", "unchanged" or "failed"
    files: dict[str, str] = field(default_factory=dict)
    sha256: dict[str, str] = field(default_factory=dict)
    pages: int | None = None
    problems: tuple[RowProblem, ...] = ()
    engine: dict[str, str] = field(default_factory=dict)  # format → how it was made ("reuse", "probe", …)
    drawings: tuple[PageDrawing, ...] = ()  # for the combined PDF
    fonts: dict[str, tuple[FaceInfo | None, dict[int, GlyphRecord]]] = field(default_factory=dict)


class WorkerState:
    def __init__(self, notice: Notice, outdir: Path, formats: tuple[str, ...], combined: bool) -> None:
        from notices.renderers.docx_engine import docx_engine
        from notices.renderers.pdf_engine import pdf_engine

        self.notice = notice
        self.outdir = outdir
        self.formats = formats
        self.combined = combined
        self.pdf = pdf_engine()  # the process's engines: a batch run from a script shares them with it
        self.docx = docx_engine()
        self._described: set[str] = set()
        self._sent_glyphs: dict[str, set[int]] = {}

    def run(self, task: Task) -> TaskResult:
        if task.problems:
            return _failed(task, task.problems)
        try:
            return self._render(task)
        except MissingGlyphs as err:
            from notices.batch.row_errors import glyph_problem

            return _failed(task, [glyph_problem(task.number, err.characters, str(err), task.row_data)])
        except RowProblemsError as err:
            return _failed(task, err.problems)
        except (OSError, MissingFontError):
            raise  # a full disk, a read-only folder, no fonts: every row would fail the same way, so stop
        except Exception as err:  # one broken row must not stop ten thousand others
            from notices.batch.row_errors import notice_error_problems
            from notices.errors import NoticeError

            if isinstance(err, NoticeError):
                problems = notice_error_problems(
                    err, task.number, spec_data=self.notice.data, overrides=task.overrides
                )
            else:
                reason = _("internal error while rendering: {name__}: {err}").format(
                    name__=type(err).__name__, err=err
                )
                problems = [
                    RowProblem(task.number, None, reason, _("report this row to the notices maintainers"))
                ]
            return _failed(task, problems)

    def _render(self, task: Task) -> TaskResult:
        from notices.batch.overrides import apply_overrides
        from notices.composer import compose
        from notices.fsio import atomic_write_bytes
        from notices.layout import lay_out
        from notices.renderers.html import to_html

        assert task.name is not None
        paths = {fmt: self.outdir / f"{task.name}.{fmt}" for fmt in self.formats}
        spec_data = (
            apply_overrides(self.notice.data, task.overrides, number=task.number) if task.overrides else None
        )
        layout = lay_out(compose(self.notice, task.recipient, data=spec_data))  # once, for every format
        outputs: dict[str, bytes] = {}
        engine: dict[str, str] = {}
        drawings: tuple[PageDrawing, ...] = ()
        page_count = None
        if "pdf" in self.formats or self.combined:
            try:
                rendered = self.pdf.render(layout)
            except OSError as err:  # an asset the notice names could not be read: this notice's problem
                from notices.errors import RenderError

                raise RenderError(_("could not produce the PDF: {err}").format(err=err)) from err
            drawings, engine["pdf"] = rendered.pages, rendered.path
            page_count = len(rendered.pages) or _page_count(rendered.data)
            if "pdf" in self.formats:
                outputs["pdf"] = rendered.data
        if "docx" in self.formats:
            rendered_docx = self.docx.render(layout)
            outputs["docx"], engine["docx"] = rendered_docx.data, rendered_docx.path
        if "html" in self.formats:
            outputs["html"] = to_html(layout).encode("utf-8")
        sha = {fmt: hashlib.sha256(content).hexdigest() for fmt, content in outputs.items()}
        # rendered again only for the combined PDF: leave the file alone if it is already this one
        unchanged = sha == task.expected_sha256 and all(file_sha256(paths[f]) == sha[f] for f in outputs)
        if not unchanged:
            for fmt, content in outputs.items():
                # fsynced together before the manifest lists them (runner.py), not one by one
                atomic_write_bytes(paths[fmt], content, durable=not hasattr(os, "sync"))
        return TaskResult(
            task.number,
            task.name,
            task.row_sha256,
            "unchanged" if unchanged else "rendered",
            files={fmt: paths[fmt].name for fmt in outputs},
            sha256=sha,
            pages=page_count,
            engine=engine,
            drawings=drawings if self.combined else (),
            fonts=self._font_exports(drawings) if self.combined else {},
        )

    def _font_exports(
        self, drawings: tuple[PageDrawing, ...]
    ) -> dict[str, tuple[FaceInfo | None, dict[int, GlyphRecord]]]:
        """Faces the combined PDF has not been told about yet, and outlines of glyphs it has not seen."""
        exports: dict[str, tuple[FaceInfo | None, dict[int, GlyphRecord]]] = {}
        used: dict[str, set[int]] = {}
        for drawing in drawings:
            for name, glyphs in drawing.glyphs.items():
                used.setdefault(name, set()).update(glyphs)
        bank = self.pdf.bank
        for name in sorted(used):
            info = None
            if name not in self._described:
                info = bank.info(name, with_file=True)
                self._described.add(name)
            outlines = bank.export(name, self._sent_glyphs.setdefault(name, set()), used[name])
            if info is not None or outlines:
                exports[name] = (info, outlines)
        return exports


def _failed(task: Task, problems: Iterable[RowProblem]) -> TaskResult:
    return TaskResult(task.number, task.name, task.row_sha256, "failed", problems=tuple(problems))


def _page_count(pdf: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def warm_up(notice: Notice, task: Task) -> None:
    """Load in this process what every worker needs (modules, templates, font metrics), before forking them.

    Pure Python only: nothing here touches Pango or fontconfig, so the forked workers start clean.
    """
    import docx  # noqa: F401

    from notices.renderers.pdf import preload

    preload()

    from notices.batch.overrides import apply_overrides
    from notices.composer import compose
    from notices.renderers.html import to_html

    try:
        spec_data = apply_overrides(notice.data, task.overrides) if task.overrides else None
        to_html(compose(notice, task.recipient, data=spec_data))
    except Exception:  # a bad row fails in its worker, with its own report
        pass


_STATE: WorkerState | None = None


def init_worker(notice: Notice, outdir: Path, formats: tuple[str, ...], combined: bool) -> None:
    """Pool initializer: one state per worker process."""
    global _STATE
    _STATE = WorkerState(notice, outdir, formats, combined)


def run_task(task: Task) -> TaskResult:
    assert _STATE is not None, "init_worker must run first"
    return _STATE.run(task)
