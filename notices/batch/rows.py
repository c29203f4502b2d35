"""What a recipients file turns into: rows, per-row problems, and the error for a file that cannot be read.

A whole-file problem (missing file, not a table, no header, duplicate headers, undecidable encoding) stops
everything: :class:`RecipientFileError`. A problem with one row never stops the stream; it travels with the
row as a :class:`RowProblem` so a batch of 10,000 can report every bad row at once and render the good ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from notices.errors import Location, NoticeError, Problem
from notices.i18n import _
from notices.reader.characters import describe, first_forbidden
from notices.reader.limits import MAX_STRING_CHARS


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with one row: where (row number as a person sees it, column name) and how to fix it."""

    number: int
    column: str | None
    reason: str
    fix: str

    def __str__(self) -> str:
        where = (_("row {number}, column {column!r}") if self.column else _("row {number}")).format(
            number=self.number, column=self.column
        )
        if self.fix:
            return _("{where}: {reason} (fix: {fix})").format(where=where, reason=self.reason, fix=self.fix)
        return _("{where}: {reason}").format(where=where, reason=self.reason)


@dataclass(frozen=True)
class RecipientRow:
    """One recipient as read from the file.

    ``number`` is the row a person finds in the file: the 1-based line where a CSV record starts (header is
    line 1), the sheet row of an XLSX, the 1-based position in a JSON/YAML list. ``data`` maps header to
    value; empty cells are absent. ``problems`` holds what was already wrong while reading (a row that is
    not a mapping, a value with no header, a broken quote); such a row should be reported, not rendered.
    """

    number: int
    data: dict[str, Any]
    source: str
    problems: tuple[RowProblem, ...] = field(default=())


class RowProblemsError(ValueError):
    """Raised by the per-row helpers (names, overrides) with every problem they found in one row."""

    def __init__(self, problems: Iterable[RowProblem]) -> None:
        self.problems: tuple[RowProblem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class RecipientFileError(NoticeError):
    """The recipients file cannot be read at all. ``line``/``column`` are 1-based, or None when unknown."""

    def __init__(
        self, file: str, message: str, *, fix: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.fix = fix
        super().__init__(Problem(message, Location(file, line, column), fix=fix, code="recipients"))


def column_number(index: int) -> str:
    """A 0-based column index as a person counts it (1-based)."""
    return str(index + 1)


def header_text(value: object) -> str:
    """A header cell as a key: NFC, surrounding whitespace (including U+3000 and a stray BOM) removed."""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return unicodedata.normalize("NFC", text).strip().strip("\ufeff").strip()


def check_headers(
    headers: Sequence[str],
    *,
    file: str,
    line: int,
    label: Callable[[int], str] = column_number,
    place: str = "",
) -> None:
    """Refuse a header row with no names or with a name twice.

    ``label`` shows a 0-based column index as the person sees it; ``place`` (" on sheet 'x'") ends messages.
    """
    if not any(headers):
        raise RecipientFileError(
            file,
            _("the header row{place} has no column names").format(place=place),
            line=line,
            fix=_("put column names in the first row"),
        )
    first_seen: dict[str, int] = {}
    for index, name in enumerate(headers):
        if not name:
            continue
        if name in first_seen:
            raise RecipientFileError(
                file,
                _("the column name {name!r} appears twice (columns {first_seen} and {index}){place}").format(
                    name=name, first_seen=label(first_seen[name]), index=label(index), place=place
                ),
                line=line,
                column=index + 1,
                fix=_("rename one of the two columns so every column name is unique"),
            )
        first_seen[name] = index


MAX_TITLE_ROWS = 3


@dataclass(frozen=True)
class TableHeader:
    """A table's header as found: its line (or sheet row), its column names, the title rows above it."""

    line: int
    names: tuple[str, ...]
    titles: tuple[tuple[int, str], ...] = ()  # (line, text) of each title row stepped over


HeaderSeen = Callable[[TableHeader], None]


def table_header(finder: HeaderFinder, names: Sequence[str]) -> TableHeader:
    assert finder.header is not None
    titles = tuple(
        (number, next(str(value).strip() for value in values if not is_blank(value)))
        for number, values in finder.titles
    )
    return TableHeader(finder.header[0], tuple(names), titles)


class HeaderFinder:
    """Finds a table's header row, stepping over the title rows ERPs and Excel reports put above it.

    An export often starts "客户名单（2026年1月导出）" in cell A1, maybe a date line under it, then the header. A
    row with a single filled cell, followed by a row with more, is such a title: it is set aside (and reported
    once, by :func:`notices.batch.columns.file_shape`) instead of becoming a header of one column that turns
    every value of every row into a problem. A file whose rows all have one cell is a one-column table.
    """

    def __init__(self) -> None:
        self.header: tuple[int, list[Any]] | None = None
        self.titles: list[tuple[int, list[Any]]] = []
        self._held: list[tuple[int, list[Any]]] = []

    def feed(self, number: int, values: list[Any]) -> list[tuple[int, list[Any]]]:
        """Take a non-blank row; return the rows now known to be data (in order)."""
        if self.header is not None:
            return [(number, values)]
        filled = sum(1 for value in values if not is_blank(value))
        if filled == 1 and len(self._held) < MAX_TITLE_ROWS:
            self._held.append((number, values))
            return []
        if filled > 1 and self._held:
            self.titles, self._held = self._held, []
            self.header = (number, values)
            return []
        return self._settle([*self._held, (number, values)])

    def finish(self) -> list[tuple[int, list[Any]]]:
        """At the end of the file: rows still held form a one-column table (header first)."""
        if self.header is not None or not self._held:
            return []
        return self._settle(self._held)

    def _settle(self, rows: list[tuple[int, list[Any]]]) -> list[tuple[int, list[Any]]]:
        self._held = []
        self.header = rows[0]
        return rows[1:]


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def build_row(
    number: int,
    source: str,
    headers: Sequence[str],
    values: Sequence[Any],
    *,
    label: Callable[[int], str] = column_number,
    problems: Iterable[RowProblem] = (),
) -> RecipientRow | None:
    """Pair values with headers; None for a row with nothing in it (Excel leaves many of those)."""
    found = list(problems)
    data: dict[str, Any] = {}
    for index, value in enumerate(values):
        if is_blank(value):
            continue
        if isinstance(value, str):
            value = value.strip()  # the spaces Excel and ERPs leave around a value are not part of it
        name = headers[index] if index < len(headers) else ""
        if not name:
            found.append(
                RowProblem(
                    number,
                    _("column {index}").format(index=label(index)),
                    _("a value ({value}) stands in a column that has no name in the header row").format(
                        value=_preview(value)
                    ),
                    _("give the column a name in the header row, or delete the value"),
                )
            )
            continue
        data[name] = value
    if not data and not found:
        return None
    found.extend(value_problems(number, data))
    return RecipientRow(number, data, source, tuple(found))


def value_problems(number: int, data: dict[str, Any]) -> list[RowProblem]:
    """Characters no notice may hold, and values over the length limit, in a row's values (nested too)."""
    found: list[RowProblem] = []

    def visit(value: Any, column: str) -> None:
        if isinstance(value, str):
            bad = first_forbidden(value)
            if bad is not None:
                offset, char = bad
                found.append(
                    RowProblem(
                        number,
                        column,
                        _("the value holds {char} at character {value}").format(
                            char=describe(char), value=offset + 1
                        ),
                        _("delete the character in the file (it does not print)"),
                    )
                )
            if len(value) > MAX_STRING_CHARS:
                found.append(
                    RowProblem(
                        number,
                        column,
                        _(
                            "the value has {count:,} characters; one value is limited to {MAX_STRING_CHARS:,}"
                        ).format(count=len(value), MAX_STRING_CHARS=MAX_STRING_CHARS),
                        _("shorten it"),
                    )
                )
        elif isinstance(value, dict):
            for key, inner in value.items():
                visit(inner, f"{column}.{key}")
        elif isinstance(value, list):
            for position, inner in enumerate(value):
                visit(inner, f"{column}.{position}")

    for column, value in data.items():
        visit(value, column)
    return found


def _preview(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 30 else text[:27] + "…"
