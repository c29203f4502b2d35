"""Errors that carry the place in the input they are about.

Every problem a person can fix names the file, line and column (1-based, as editors count), the spec path
(``body[2].text``) and a fix. The CLI prints them; a library caller catches :class:`NoticeError` and reads
``.problems``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notices.check.findings import Finding


@dataclass(frozen=True)
class Location:
    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located precisely enough to fix it without searching."""

    message: str
    location: Location
    path: str = ""
    fix: str = ""
    code: str = "spec"
    # The variable a template could not find ("phone" of {{ recipient.phone }}), whatever language the message
    # is in: a batch names the recipient column from it.
    undefined: str = ""

    def __str__(self) -> str:
        from notices.i18n import _

        where = f"{self.location}: " if self.location.file else ""
        said = (
            _("{message} (at {path})").format(message=self.message, path=self.path)
            if self.path
            else self.message
        )
        hint = "\n    " + _("fix: {fix}").format(fix=self.fix) if self.fix else ""
        return f"{where}{said}{hint}"


class NoticeError(Exception):
    """Base of every error this package raises on purpose."""

    def __init__(self, problems: Sequence[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, Location(""))]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SpecError(NoticeError):
    """The spec could not be read or does not fit the model (CLI exit code 2)."""


class TemplateError(NoticeError):
    """A spec string or a template could not be rendered: undefined variable, syntax, sandbox refusal."""


class RenderError(NoticeError):
    """Producing the PDF or DOCX failed for a reason outside the spec (missing font, unreadable asset)."""


class OutputError(RenderError, OSError):
    """An output file could not be written: a folder that cannot be made, no permission, a full disk, a name
    too long. Also an :class:`OSError`, so a caller that caught that before still catches it."""


class MissingFontError(RenderError):
    """No installed face can set a role (the Chinese body, the title …): the machine lacks the fonts.

    Not located in a file: the fix is on the machine (``scripts/setup``, ``notices doctor``), and every notice
    would fail the same way, so a batch stops at once instead of failing each row.
    """


class CheckError(NoticeError):
    """The notice breaks the format rules at error severity, so it is not rendered (CLI exit code 1).

    ``findings`` holds every finding of the check (warnings and info too), in file order; ``problems`` the
    errors among them, located like any other problem. Render anyway with ``check=False`` (``--no-check``).
    """

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__(
            [
                Problem(
                    f"{f.rule} {f.message}", Location(f.file, f.line, f.column), f.path, f.fix, code=f.rule
                )
                for f in self.findings
                if f.severity == "error"
            ]
        )

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")


def collect(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then line, then column, so output reads top to bottom."""
    return sorted(
        problems,
        key=lambda p: (p.location.file, p.location.line or 0, p.location.column or 0, p.path),
    )
