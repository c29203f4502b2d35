"""``render_many``: one notice per recipient row, into one folder, resumable and reproducible.

The calling process reads the rows in order, gives each a safe unique file name, splits it into recipient
values and spec overrides, and looks it up in the previous manifest. Worker processes compose, render and
write each notice (``worker.py``); results come back in row order, so the manifest, the failures report and
the combined PDF are written by the caller alone, in the same order on every run.

Files are written atomically (``notices.fsio``); stale ``.part`` files of a killed run are removed first.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import itertools
import os
import secrets
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notices.batch.lock import folder_lock
from notices.batch.manifest import Entry, Manifest, canonical_json, file_sha256, load_manifest, sha256_of
from notices.batch.naming import NameAllocator, expand_name_pattern, inside, name_pattern_fields, safe_stem
from notices.batch.overrides import split_row
from notices.batch.recipients import read_recipients
from notices.batch.rows import RecipientRow, RowProblem, RowProblemsError, is_blank, value_problems
from notices.batch.worker import Task, TaskResult, WorkerState, init_worker, run_task, warm_up
from notices.check.findings import Finding
from notices.reader.source import strings_in

if TYPE_CHECKING:
    from notices.batch.row_check import RowGate
from notices.fsio import atomic_write_bytes, remove_stale_parts, sync_all
from notices.i18n import _
from notices.reader import Notice

COMBINED_STEM = "combined"
FAILURES_NAME = "failures.csv"
CHECKPOINT_SECONDS = 2.0
_STATUS_OK = ("rendered", "unchanged")


@dataclass(frozen=True)
class RecipientResult:
    """What became of one row: ``status`` is "rendered", "unchanged" (skipped, up to date) or "failed"."""

    row: int
    name: str | None
    status: str
    files: dict[str, Path] = field(default_factory=dict)
    sha256: dict[str, str] = field(default_factory=dict)
    problems: tuple[RowProblem, ...] = ()
    engine: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in _STATUS_OK


@dataclass
class BatchReport:
    """A batch's outcome: every row's result (unless not kept), the failed ones, and counts by status."""

    outdir: Path
    results: list[RecipientResult]
    manifest: Path
    failures: Path | None = None
    combined: Path | None = None
    counts: Counter[str] = field(default_factory=Counter)
    failed: list[RecipientResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the file as a whole (a title row above the header)
    findings: list[Finding] = field(default_factory=list)  # the spec's check findings (no errors: it ran)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    def count(self, status: str) -> int:
        return self.counts[status]


Progress = Callable[[RecipientResult], None]


def render_many(
    notice: Notice,
    recipients: str | Path | Iterable[Mapping[str, Any] | RecipientRow],
    outdir: str | Path,
    *,
    formats: str | Iterable[str] = ("pdf", "docx"),
    name: str | None = None,
    jobs: int = 1,
    combined: bool = False,
    sheet: str | None = None,
    progress: Progress | None = None,
    keep_results: bool = True,
    check: bool = True,
) -> BatchReport:
    """Render ``notice`` once per recipient into ``outdir``; one result per row, in row order.

    ``recipients`` is a recipients file (CSV, XLSX, JSON, YAML) or rows as mappings. ``name`` is a file-name
    pattern such as ``"{code}-{name}"`` (default: the row's code, else its row number). ``jobs`` > 1 renders
    in that many worker processes. ``combined`` also writes ``combined.pdf`` with every recipient's pages.
    ``keep_results=False`` keeps only the failed rows' results (and the counts), for batches too large to hold
    a result per row in memory; ``progress`` still sees every one.
    ``check`` runs the spec's check once, before anything else: with an error finding it raises
    :class:`~notices.errors.CheckError` and nothing is written; the warnings go into ``BatchReport.findings``.
    A row whose ``spec.*`` columns change the notice is checked as its own notice: an error the spec alone
    does not have fails that row, naming the column.
    Raises :class:`~notices.batch.recipients.RecipientFileError` when the recipients file cannot be read or
    lacks a column every row needs (:class:`~notices.batch.columns.RecipientColumnsError`, before any row),
    :class:`~notices.batch.lock.FolderBusyError` when another batch writes into ``outdir``, ValueError for a
    malformed name pattern, OSError when the output folder cannot be written.
    """
    import notices.fontcheck  # noqa: F401  (the font step of R-FONT)
    from notices.batch.row_check import RowGate
    from notices.check.gate import require_clean
    from notices.renderers import parse_formats

    findings = require_clean(notice) if check else []
    # a row whose spec.* columns change the notice is checked as its own notice
    row_gate = RowGate(notice, findings) if check else None
    chosen = tuple(fmt for fmt in parse_formats(formats))
    if name is not None:
        name_pattern_fields(name)
    notes = _whole_file_check(notice, recipients, sheet, name)
    rows, source_name = _rows(recipients, sheet)
    rows = _primed(rows)  # an unreadable recipients file fails here, before the folder is touched
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    with folder_lock(folder):  # one batch at a time in a folder; a second one is told who holds it
        report = _render_into(
            notice, rows, source_name, folder, chosen, name, jobs, combined, progress, keep_results, row_gate
        )
    report.notes = notes
    report.findings = findings
    return report


def _render_into(
    notice: Notice,
    rows: Iterator[RecipientRow],
    source_name: str,
    folder: Path,
    chosen: tuple[str, ...],
    name: str | None,
    jobs: int,
    combined: bool,
    progress: Progress | None,
    keep_results: bool,
    row_gate: RowGate | None,
) -> BatchReport:
    remove_stale_parts(folder)
    manifest = Manifest(
        spec=_spec_record(notice, folder),
        recipients={"file": source_name},
        render_sha256=render_sha256(),
        formats=list(chosen),
        name_pattern=name,
    )
    previous = load_manifest(folder)
    old_entries = {e.name: e for e in previous.entries if e.name} if previous is not None else {}
    # entries made from another spec, renderer or set of formats are only good for finding stale files
    reusable = old_entries if previous is not None and manifest.same_inputs(previous) else {}

    combined_pdf = _Combined(folder, notice) if combined else None
    run = _Run(folder, manifest, old_entries, reusable, combined_pdf, progress, keep_results)
    tasks = _tasks(rows, folder, name, chosen, reusable)
    if row_gate is not None:
        tasks = row_gate.checked(tasks)
    tasks = run.remember_rows(tasks)
    with _Workers(notice, folder, chosen, combined, jobs) as workers:
        run.consume(workers.results(tasks))
    return run.finish()


class _Workers:
    """Renders tasks in row order: in this process, or in ``jobs`` spawned processes started on first need.

    Rows that already failed, or whose files are up to date, are answered here without a worker, so a batch
    that is already complete starts no process at all.
    """

    WINDOW = 256  # rows read ahead of the workers; bounds memory whatever the number of rows

    def __init__(
        self, notice: Notice, folder: Path, formats: tuple[str, ...], combined: bool, jobs: int
    ) -> None:
        self.setup = (notice, folder, formats, combined)
        self.jobs = jobs
        self._pool: Any = None
        self._local: WorkerState | None = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            if exc[0] is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()

    def results(self, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        window: list[Task] = []
        for task in tasks:
            window.append(task)
            if len(window) >= self.WINDOW:
                yield from self._run(window)
                window = []
        yield from self._run(window)

    def _run(self, window: list[Task]) -> Iterator[TaskResult]:
        answered = [self._answer_here(task) for task in window]
        remote = iter(self._render([t for t, a in zip(window, answered, strict=True) if a is None]))
        for answer in answered:
            yield answer if answer is not None else next(remote)

    def _answer_here(self, task: Task) -> TaskResult | None:
        folder, formats, combined = self.setup[1:]
        if task.problems:
            return TaskResult(task.number, task.name, task.row_sha256, "failed", problems=task.problems)
        if combined or not task.expected_sha256 or task.name is None:
            return None
        if any(
            file_sha256(folder / f"{task.name}.{fmt}") != task.expected_sha256.get(fmt) for fmt in formats
        ):
            return None
        files = {fmt: f"{task.name}.{fmt}" for fmt in formats}
        return TaskResult(
            task.number, task.name, task.row_sha256, "unchanged", files, dict(task.expected_sha256)
        )

    def _render(self, tasks: list[Task]) -> Iterator[TaskResult]:
        if not tasks:
            return iter(())
        if self.jobs <= 1:
            if self._local is None:
                self._local = WorkerState(*self.setup)
            return map(self._local.run, tasks)
        if self._pool is None:
            import multiprocessing

            # Forked workers share what the parent loaded (1-2 s of imports and font metrics each); elsewhere
            # fork is unsafe (macOS) or missing (Windows), and spawned workers load it all themselves.
            method = "fork" if sys.platform == "linux" else "spawn"
            if method == "fork":
                warm_up(self.setup[0], tasks[0])
                gc.freeze()  # the collector would otherwise touch, and so copy, every inherited object
            context = multiprocessing.get_context(method)
            self._pool = context.Pool(self.jobs, initializer=init_worker, initargs=self.setup)
        return iter(self._pool.imap(run_task, tasks, chunksize=4))


def spec_sha256(notice: Notice) -> str:
    """The spec's data and every file inside its folder that the spec names (seal, logo, house style)."""
    parts = [canonical_json(notice.data)]
    for value in strings_in(notice.data):
        candidate = notice.base_dir / value
        with contextlib.suppress(OSError, ValueError):
            if len(value) < 300 and candidate.is_file() and inside(notice.base_dir, candidate):
                parts.append(value.encode() + b"\x00" + candidate.read_bytes())
    return sha256_of(parts)


def _spec_record(notice: Notice, folder: Path) -> dict[str, str]:
    """The spec's name and hash, and where it is seen from DIR, so `notices send` can write cover texts."""
    record = {"file": Path(notice.source.file).name, "sha256": spec_sha256(notice)}
    spec_file = Path(notice.source.file)
    if spec_file.is_file():
        try:
            record["path"] = Path(os.path.relpath(spec_file.resolve(), folder.resolve())).as_posix()
        except ValueError:  # another drive on Windows
            record["path"] = spec_file.resolve().as_posix()
    return record


def render_sha256() -> str:
    """notices' own code and templates, and the versions of the engines that lay out and write the files."""
    from importlib.metadata import version

    import notices
    from notices.templating import templates_dir

    package = Path(notices.__file__).parent
    # The kinds' templates live beside their code (notices/kinds/<kind>/*.j2): they change the output too.
    code = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".j2") and p.is_file())
    files = code + sorted(p for p in templates_dir().rglob("*") if p.is_file())
    engines = ("weasyprint", "pydyf", "python-docx", "fonttools")
    versions = f"notices {notices.__version__}; " + "; ".join(f"{name} {version(name)}" for name in engines)
    return sha256_of([versions.encode(), *(str(p.name).encode() + p.read_bytes() for p in files)])


def _whole_file_check(notice: Notice, recipients: Any, sheet: str | None, name: str | None) -> list[str]:
    """Problems of the recipients file as a whole (columns the spec or --name needs), raised once before any
    row; returns the notes to show (title rows stepped over above the header)."""
    from notices.batch.columns import FileShape, RecipientColumnsError, column_problems, file_shape

    if isinstance(recipients, str | Path):
        shape = file_shape(Path(recipients), sheet)
    elif isinstance(recipients, list | tuple):  # rows given as data: their keys are the columns
        keys: dict[str, None] = {}
        for row in recipients:
            keys.update(dict.fromkeys(row.data if isinstance(row, RecipientRow) else row))
        shape = FileShape("<data>", tuple(keys))
    else:
        return []  # a one-pass iterable: its rows are checked one by one
    problems = column_problems(notice, shape, name)
    if problems:
        raise RecipientColumnsError(shape.file, problems)
    return shape.notes()


def _rows(recipients: Any, sheet: str | None) -> tuple[Iterator[RecipientRow], str]:
    if isinstance(recipients, str | Path):
        return read_recipients(Path(recipients), sheet=sheet), Path(recipients).name

    def rows() -> Iterator[RecipientRow]:
        for number, item in enumerate(recipients, start=1):
            yield item if isinstance(item, RecipientRow) else _data_row(number, item)

    return rows(), "<data>"


def _data_row(number: int, item: Mapping[str, Any]) -> RecipientRow:
    """A row a Python caller gave as a mapping, held to what a file's rows are held to (text stripped,
    no forbidden characters, no over-long values)."""
    data = {
        str(key): value.strip() if isinstance(value, str) else value
        for key, value in dict(item).items()
        if not is_blank(value)  # as an empty cell: no value
    }
    return RecipientRow(number, data, "<data>", tuple(value_problems(number, data)))


def _primed(rows: Iterator[RecipientRow]) -> Iterator[RecipientRow]:
    try:
        first = next(rows)
    except StopIteration:
        return iter(())
    return itertools.chain([first], rows)


def _tasks(
    rows: Iterator[RecipientRow],
    folder: Path,
    pattern: str | None,
    formats: tuple[str, ...],
    old_entries: dict[str, Entry],
) -> Iterator[Task]:
    allocator = NameAllocator()
    allocator.allocate(COMBINED_STEM)
    for row in rows:
        row_hash = sha256_of([canonical_json(row.data)])
        problems = list(row.problems)
        stem: str | None = None
        try:
            stem = allocator.allocate(
                safe_stem(expand_name_pattern(pattern, row), fallback=f"row-{row.number:05d}")
            )
        except RowProblemsError as err:
            problems.extend(err.problems)
        recipient: dict[str, Any] = {}
        overrides: dict[str, Any] = {}
        if not problems:
            try:
                recipient, overrides = split_row(row)
            except RowProblemsError as err:
                problems.extend(err.problems)
        if stem is not None and not all(inside(folder, folder / f"{stem}.{fmt}") for fmt in formats):
            problems.append(
                RowProblem(
                    row.number,
                    None,
                    _("the output file {stem!r} would land outside the folder").format(stem=stem),
                    "",
                )
            )
        expected: dict[str, str] = {}
        old = old_entries.get(stem) if stem else None
        if old and old.status == "ok" and old.row_sha256 == row_hash and set(old.sha256) == set(formats):
            expected = dict(old.sha256)
        yield Task(
            row.number, stem, row_hash, dict(row.data), recipient, overrides, expected, tuple(problems)
        )


class _Run:
    """Collects results in row order: manifest checkpoints, failures, stale files, the combined PDF."""

    def __init__(
        self,
        folder: Path,
        manifest: Manifest,
        old_entries: dict[str, Entry],
        reusable: dict[str, Entry],
        combined: _Combined | None,
        progress: Progress | None,
        keep_results: bool = True,
    ) -> None:
        self.folder = folder
        self.manifest = manifest
        self.old_entries = old_entries
        self.reusable = reusable
        self.progress = progress
        self.keep_results = keep_results
        self.results: list[RecipientResult] = []
        self.failed: list[RecipientResult] = []
        self.counts: Counter[str] = Counter()
        self.done_names: set[str] = set()
        self.pdf_files: list[Path] = []  # for a combined PDF made from the files
        self._last_checkpoint = time.monotonic()
        self._combined = combined
        self._row_data: dict[int, dict[str, Any]] = {}  # rows handed to the workers, not yet recorded

    def remember_rows(self, tasks: Iterator[Task]) -> Iterator[Task]:
        """Keep each row's values until its result arrives, for the manifest (at most a window of rows)."""
        for task in tasks:
            self._row_data[task.number] = task.row_data
            yield task

    def consume(self, results: Iterable[TaskResult]) -> None:
        try:
            for result in results:
                self._take(result)
        except BaseException:
            self._checkpoint()
            if self._combined is not None:
                self._combined.abandon()
            raise

    def _take(self, result: TaskResult) -> None:
        old = self.old_entries.get(result.name) if result.name else None
        ok = result.status in _STATUS_OK
        pages = result.pages if result.pages is not None else (old.pages if old else None)
        self.manifest.add(
            Entry(
                row=result.number,
                name=result.name,
                status="ok" if ok else "failed",
                row_sha256=result.row_sha256,
                files=dict(result.files) if ok else {},
                sha256=dict(result.sha256) if ok else {},
                pages=pages if ok else None,
                problems=tuple(
                    {"row": p.number, "column": p.column, "reason": p.reason, "fix": p.fix}
                    for p in result.problems
                ),
                data=self._row_data.pop(result.number, None),
            )
        )
        if result.name:
            self.done_names.add(result.name)
        if ok and "pdf" in result.files and self._combined is not None:
            self.pdf_files.append(self.folder / result.files["pdf"])
        if not ok and old is not None:
            self._remove_outputs_of(old)
        if self._combined is not None and ok:
            self._combined.add(result)
        recipient = RecipientResult(
            result.number,
            result.name,
            result.status,
            {fmt: self.folder / name for fmt, name in result.files.items()} if ok else {},
            dict(result.sha256) if ok else {},
            result.problems,
            dict(result.engine),
        )
        self.counts[recipient.status] += 1
        if self.keep_results:
            self.results.append(recipient)
        if not recipient.ok:
            self.failed.append(recipient)
        if self.progress is not None:
            self.progress(recipient)
        if time.monotonic() - self._last_checkpoint > CHECKPOINT_SECONDS:
            self._checkpoint()

    def _remove_outputs_of(self, entry: Entry) -> None:
        """A row that fails now must not leave the notice an earlier run made for it looking current."""
        for file_name in entry.files.values():
            path = self.folder / file_name
            if inside(self.folder, path) and path.is_file():
                path.unlink()

    def _checkpoint(self) -> None:
        # rows not reached yet keep their up-to-date entries, so a run killed now can still skip them
        pending = [e for name, e in self.reusable.items() if name not in self.done_names]
        sync_all()  # the files the manifest lists as done are on disk before it says so
        self.manifest.write(self.folder, pending)
        self._last_checkpoint = time.monotonic()

    def finish(self) -> BatchReport:
        combined = self._combined.close(self.pdf_files) if self._combined is not None else None
        self.manifest.complete = True
        sync_all()
        path = self.manifest.write(self.folder)
        failures = _write_failures(self.folder, self.failed)
        return BatchReport(self.folder, self.results, path, failures, combined, self.counts, self.failed)


def _write_failures(folder: Path, failed: list[RecipientResult]) -> Path | None:
    path = folder / FAILURES_NAME
    if not failed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return None
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["row", "name", "column", "reason", "fix"])
    for result in failed:
        for problem in result.problems or (RowProblem(result.row, None, "failed", ""),):
            writer.writerow(
                [problem.number, result.name or "", problem.column or "", problem.reason, problem.fix]
            )
    atomic_write_bytes(path, text.getvalue().encode("utf-8-sig"))  # with a BOM, Excel reads the CSV as UTF-8
    return path


class _Combined:
    """``combined.pdf``: every recipient's pages in row order, written as results arrive."""

    def __init__(self, folder: Path, notice: Notice) -> None:
        from notices.renderers.pdf_fonts import SharedFonts
        from notices.renderers.pdf_writer import PdfBuilder, PdfMetadata
        from notices.templating import is_template

        spec = notice.spec
        self.metadata = PdfMetadata(
            title="" if is_template(spec.title) else spec.title,
            author=spec.issuer.name,
            creator="notices",
            lang="zh-CN" if spec.lang == "zh" else "en",
            producer="notices batch",
        )
        self.folder = folder
        self.path = folder / f"{COMBINED_STEM}.pdf"
        self.part = folder / f".{self.path.name}.{secrets.token_hex(4)}.part"
        self.handle = open(self.part, "wb")  # noqa: SIM115 - closed in close() or abandon()
        self.fonts = SharedFonts()
        self.builder = PdfBuilder(self.handle, self.fonts)
        self.digests: list[str] = []
        self.missing_drawings = False

    def add(self, result: TaskResult) -> None:
        for name, (info, outlines) in result.fonts.items():
            self.fonts.learn(name, info, outlines)
        if not result.drawings:
            self.missing_drawings = True
            return
        self.builder.add_pages(result.drawings)
        self.digests.append(result.sha256.get("pdf", ""))

    def close(self, pdfs: list[Path]) -> Path | None:
        if self.missing_drawings or not self.builder.page_numbers:
            self.abandon()
            return _combine_files(pdfs, self.path) if pdfs else None
        identifier = sha256_of(d.encode() for d in self.digests)[:32].encode()
        self.builder.close(self.metadata, identifier)
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.part, self.path)
        return self.path

    def abandon(self) -> None:
        self.handle.close()
        with contextlib.suppress(FileNotFoundError):
            self.part.unlink()


def _combine_files(pdfs: list[Path], target: Path) -> Path:
    """The slow way, for a batch where some notice could only be rendered by WeasyPrint itself."""
    import pypdf

    writer = pypdf.PdfWriter()
    for pdf in pdfs:
        writer.append(str(pdf))
    out = io.BytesIO()
    writer.write(out)
    atomic_write_bytes(target, out.getvalue())
    return target


__all__ = ["BatchReport", "RecipientResult", "render_many"]
