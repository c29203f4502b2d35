"""`notices batch`: one notice per row of a recipients file, into one folder, resumable."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from notices.cli import app
from notices.cli.output import (
    EXIT_NOTICE_ERRORS,
    EXIT_OK,
    EXIT_UNREADABLE,
    passes_gate,
    report_error,
    report_problems,
    spec_stem,
)
from notices.errors import NoticeError
from notices.i18n import _

if TYPE_CHECKING:
    from notices.batch.runner import RecipientResult

LINE_EVERY_SECONDS = 10.0
REFRESH_SECONDS = 0.1


@app.command()
def batch(
    spec: Annotated[Path, typer.Argument(help="The notice spec (YAML).", show_default=False)],
    recipients: Annotated[
        Path,
        typer.Option(
            "--recipients", "-r", help="CSV (UTF-8 or GBK/GB18030), XLSX, JSON or YAML.", show_default=False
        ),
    ],
    output_dir: Annotated[
        Path | None, typer.Option("--output-dir", "-o", help="Folder for the files [default: SPEC-batch].")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes; 0 = one per CPU, at most 4.", min=0)
    ] = 0,
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: pdf, docx, html.")
    ] = "pdf,docx",
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help='File name pattern, e.g. "{code}-{name}" [default: the code, else row-N].'
        ),
    ] = None,
    combined: Annotated[
        bool, typer.Option("--combined", help="Also write combined.pdf with every recipient, for printing.")
    ] = False,
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX worksheet [default: the first].")] = None,
    no_check: Annotated[
        bool, typer.Option("--no-check", help="Render even when `notices check` finds errors in the spec.")
    ] = False,
) -> None:
    """Render SPEC once per row of the recipients file: DIR/<name>.pdf and DIR/<name>.docx.

    Each row is `recipient` in the spec ({{ recipient.name }}); a column named spec.PATH overrides that spec
    value for the row (spec.sign_off.date). A row with a missing or bad value is reported with its row
    number and column and skipped; every other row is rendered.

    Examples:

        notices batch examples/stockup.zh.yaml -r distributors.csv -o out

        notices batch spring.yaml -r 客户.xlsx --name "{code}-{name}" --combined

    DIR/manifest.json lists every row with its files and their SHA-256; running the same batch again skips
    what is up to date, and a run that was interrupted (even by kill -9) is finished by running it again.
    DIR/failures.csv lists the rows that failed.

    The spec is checked first, once (as `notices check` does): its findings are printed before any row, and a
    spec with errors renders nothing unless --no-check is given.

    Exit codes: 0 every row rendered, 1 the spec has errors or some rows failed, 2 the spec or the recipients
    file could not be read.
    """
    from notices import load
    from notices.batch.columns import file_shape
    from notices.batch.lock import FolderBusyError
    from notices.batch.recipients import RecipientFileError
    from notices.batch.runner import render_many
    from notices.fsio import os_error_text
    from notices.i18n import _

    folder = output_dir if output_dir is not None else Path(f"{spec_stem(spec)}-batch")
    try:
        notice = load(spec)
    except NoticeError as err:
        raise typer.Exit(report_error(err)) from None
    if not passes_gate(notice, spec, no_check=no_check):
        raise typer.Exit(EXIT_NOTICE_ERRORS)
    workers = jobs or min(4, _cpu_count())
    reporter = _Reporter(recipients, sheet)
    try:
        for note in file_shape(recipients, sheet).notes():  # before any row: what was read as a title
            typer.echo(_("note: {note}").format(note=note), err=True)
        with reporter:
            report = render_many(
                notice,
                recipients,
                folder,
                formats=formats,
                name=name,
                jobs=workers,
                combined=combined,
                sheet=sheet,
                progress=reporter.update,
                keep_results=False,  # counts and failures are all this command prints
                check=False,  # checked above, its findings printed once
            )
    except (RecipientFileError, FolderBusyError) as err:
        report_problems(err.problems)
        raise typer.Exit(EXIT_UNREADABLE) from None
    except NoticeError as err:
        raise typer.Exit(report_error(err)) from None
    except ValueError as err:  # a malformed --name pattern
        typer.echo(_("error: {err}").format(err=err), err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None
    except OSError as err:
        typer.echo(
            _("error: cannot write into the output folder: {why}").format(why=os_error_text(err)), err=True
        )
        raise typer.Exit(EXIT_UNREADABLE) from None
    rendered, unchanged = report.count("rendered"), report.count("unchanged")
    failed = report.count("failed")
    typer.echo(
        _("{rows} rows: {rendered} rendered, {unchanged} up to date, {failed} failed → {outdir}").format(
            rows=report.rows, rendered=rendered, unchanged=unchanged, failed=failed, outdir=report.outdir
        )
    )
    typer.echo(_("manifest: {path}").format(path=report.manifest))
    if report.combined is not None:
        typer.echo(_("combined: {path}").format(path=report.combined))
    if report.failures is not None:
        typer.echo(_("failures: {path}").format(path=report.failures))
    raise typer.Exit(EXIT_OK if report.ok else EXIT_NOTICE_ERRORS)


class _Reporter:
    """A progress bar on a terminal; elsewhere (CI, pipes, logs) a line now and then, and every failure."""

    def __init__(self, recipients: Path, sheet: str | None) -> None:
        self.interactive = (
            sys.stderr.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"
        )
        self.recipients, self.sheet = recipients, sheet
        self.done = 0
        self.total: int | None = None
        self._last_line = time.monotonic()
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _Reporter:
        if self.interactive:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn(_("rendering")),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
                auto_refresh=False,  # no refresh thread: worker processes are forked from this one
            )
            self._progress.start()
            self._task = self._progress.add_task("rows", total=self._count_rows())
        else:
            self.total = self._count_rows()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _count_rows(self) -> int | None:
        from notices.batch.recipients import read_recipients

        try:
            return sum(1 for _ in read_recipients(self.recipients, sheet=self.sheet))
        except (NoticeError, OSError):
            return None

    def update(self, result: RecipientResult) -> None:
        self.done += 1
        for problem in result.problems:
            self._say(f"{self.recipients.name}: {problem}")
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self.done)
            if time.monotonic() - self._last_line >= REFRESH_SECONDS:
                self._progress.refresh()
                self._last_line = time.monotonic()
        elif time.monotonic() - self._last_line >= LINE_EVERY_SECONDS:
            done = _("{done} of {total} rows done") if self.total is not None else _("{done} rows done")
            self._say(done.format(done=self.done, total=self.total))
            self._last_line = time.monotonic()

    def _say(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            typer.echo(text, err=True)


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
