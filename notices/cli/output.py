"""What the commands share: how problems are reported, which exit code each failure gets, output names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from notices.errors import NoticeError, Problem, RenderError, SpecError
from notices.i18n import _

if TYPE_CHECKING:
    from notices.reader import Notice

EXIT_OK = 0
EXIT_NOTICE_ERRORS = 1  # the notice has errors (failed checks, template errors)
EXIT_UNREADABLE = 2  # the input could not be read (missing file, YAML or model errors, missing asset)


def exit_code_for(error: NoticeError) -> int:
    return EXIT_UNREADABLE if isinstance(error, SpecError | RenderError) else EXIT_NOTICE_ERRORS


def report_problems(problems: Iterable[Problem], *, label: str = "error") -> None:
    from notices.i18n import _

    shown = {"error": _("error"), "warning": _("warning"), "info": _("info")}.get(label, label)
    for problem in problems:
        where = f"{problem.location}: " if problem.location.file else ""
        at = f" [{problem.path}]" if problem.path else ""
        typer.echo(
            where + _("{label}: {message}").format(label=shown, message=_(problem.message)) + at, err=True
        )
        if problem.fix:
            typer.echo("    " + _("fix: {fix}").format(fix=_(problem.fix)), err=True)


def report_error(error: NoticeError) -> int:
    report_problems(error.problems)
    return exit_code_for(error)


def passes_gate(notice: Notice, spec: Path, *, no_check: bool) -> bool:
    """Check ``notice`` as `notices check` would and print its findings once; whether it may be rendered.

    With an error finding it may not, unless ``no_check`` (--no-check) says to render it anyway.
    """
    import notices.fontcheck  # noqa: F401  (the font step of R-FONT)
    from notices.check.formats import as_text
    from notices.check.gate import has_errors, review

    findings = review(notice)
    if findings:
        typer.echo(as_text(findings), err=True, nl=False)
    if has_errors(findings) and not no_check:
        typer.echo(
            _("{spec}: not rendered: fix the errors above, or render with --no-check").format(spec=spec),
            err=True,
        )
        return False
    return True


def spec_stem(spec: Path) -> str:
    """The name outputs take from a spec: ``stockup.zh.yaml`` → ``stockup.zh``."""
    return spec.name.removesuffix(".yaml").removesuffix(".yml")
