"""What a check reports: a rule's hit inside the spec, and the located finding the runner makes of it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from notices.errors import Location
from notices.reader.source import PathKey

Severity = Literal["error", "warning", "info"]
Setting = Literal["error", "warning", "info", "off"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SETTINGS: tuple[Setting, ...] = ("error", "warning", "info", "off")
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Edit:
    """A machine-applicable fix: replace characters ``start:end`` of the string at ``path`` by ``replacement``.

    Offsets count characters of the parsed string value, not of the YAML file; `notices check --fix` maps them
    back into the file. Only offer an edit when applying it can never change what the writer meant (the width of
    a punctuation mark, the written form of a date that is itself right). Whitespace at the end of the replaced
    range that the file does not hold literally (a folded line break, an escaped tab) is left where it is.
    """

    path: PathKey
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Hit:
    """What a rule yields: something wrong at ``path``, optionally at character ``offset`` of that string.

    ``severity`` is only for a rule whose hits differ in weight (e.g. 某某 in a name field versus in running
    text); leave it None to take the rule's default. Configuration still overrides both.
    ``key=True`` points at the key instead of the value (for a key that should not be there).
    ``at`` places a hit that is not about a spec value at all (a line of a company's kind template).
    """

    path: PathKey
    message: str
    fix: str = ""
    offset: int | None = None
    edit: Edit | None = None
    severity: Severity | None = None
    key: bool = False
    at: Location | None = None


@dataclass(frozen=True)
class Finding:
    """One located finding, as every output format prints it. ``line``/``column`` are 1-based."""

    rule: str
    severity: Severity
    message: str
    file: str
    line: int | None
    column: int | None
    path: str
    fix: str = ""
    edit: Edit | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON form: exactly the keys rule, severity, message, file, line, column, path, fix."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "fix": self.fix,
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule)
