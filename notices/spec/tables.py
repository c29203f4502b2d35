"""A table the writer puts in the body or an attachment: a list of rows, or cells copied from Excel.

Real notices carry tables the writer made — the cut-off times of each region, a delivery schedule, a price list
sent as 附件 — not only the ones a kind builds from its facts. The writer gives the rows as YAML lists, or pastes
the cells from Excel after ``rows: |`` (Excel copies cells as lines of tab-separated text); the first row is the
header unless ``header:`` is given. The layout stage fits it as it fits a kind's tables (notices/layout/tables.py).

A cell prints exactly as typed, so a value YAML would turn into something else is refused with the fix: ``2.50``
would print 2.5 and ``no`` False (YAML 1.1), so such cells are quoted.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from notices.i18n import _
from notices.spec.types import SpecModel

MAX_COLUMNS = 12  # beyond this no column of an A4 type area holds even a number at 小四


class BodyTable(SpecModel):
    """A table: optional caption, header (else the first row) and rows of cells."""

    caption: str | None = Field(None, description="The table's title, printed above it, e.g. 各区域截单时间")
    header: list[str] | None = Field(None, description="Column heads; left out, the first row is the header")
    rows: list[list[str]] = Field(
        description="Rows of cells (lists), or cells pasted from Excel after `rows: |` (tab-separated lines)"
    )

    @field_validator("header", mode="before", json_schema_input_type=list[str | int] | None)
    @classmethod
    def _header_cells(cls, value: Any) -> Any:
        return _as_typed([value], first_row=0)[0] if isinstance(value, list) else value

    @field_validator("rows", mode="before", json_schema_input_type=str | list[list[str | int]])
    @classmethod
    def _pasted_or_listed(cls, value: Any) -> Any:
        if isinstance(value, str):
            return pasted_rows(value)
        return _as_typed(value, first_row=1) if isinstance(value, list) else value

    @model_validator(mode="after")
    def _every_row_fits_the_header(self) -> BodyTable:
        header = self.header if self.header is not None else (self.rows[0] if self.rows else [])
        data = self.rows if self.header is not None else self.rows[1:]
        if not header or not data:
            raise ValueError(_("a table needs a header and at least one row under it"))
        if len(header) > MAX_COLUMNS:
            raise ValueError(
                _(
                    "a table of {count} columns cannot be read on an A4 page; split it (at most {most})"
                ).format(count=len(header), most=MAX_COLUMNS)
            )
        uneven = [
            _("row {number} “{first}”: {count}").format(
                number=number, first=row[0] if row else "", count=len(row)
            )
            for number, row in enumerate(data, 1 if self.header is not None else 2)
            if len(row) != len(header)
        ]
        if uneven:
            raise ValueError(
                _(
                    "the header has {columns} cells and these rows another number ({rows}); give every row a "
                    "cell per column (an empty one as '')"
                ).format(columns=len(header), rows="; ".join(uneven))
            )
        return self

    @property
    def head(self) -> tuple[str, ...]:
        return tuple(self.header if self.header is not None else self.rows[0])

    @property
    def body(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(row) for row in (self.rows if self.header is not None else self.rows[1:]))


def pasted_rows(text: str) -> list[list[str]]:
    """Cells copied from Excel: a line per row, a tab between cells; ``|`` between cells when typed by hand
    or pasted from a Markdown table."""
    lines = [line for line in text.splitlines() if line.strip()]
    separator = "\t" if any("\t" in line for line in lines) else "|"
    if lines and not any(separator in line for line in lines):
        raise ValueError(
            _(
                "the pasted table has no tab or | between its cells; paste the cells from Excel, or type | between them"
            )
        )
    if separator == "\t":
        # Excel ends a row whose last cells are empty with their tabs, and an editor that trims trailing
        # whitespace drops them: a short pasted row has empty cells at its end, as in the sheet.
        rows = [[cell.strip() for cell in line.strip(" \r\u3000").split("\t")] for line in lines]
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
    else:
        rows = [[cell.strip() for cell in line.strip().strip("|").split(separator)] for line in lines]
    # A table pasted from Markdown has a rule under its header ("|---|:--:|"): a line, not a row.
    return [row for row in rows if not all(cell and set(cell) <= set("-:= ") for cell in row)]


def _as_typed(rows: list[Any], first_row: int) -> list[Any]:
    """Rows of cells as the writer typed them: whole numbers as text, an empty cell as ''. Numbers YAML
    reshapes (2.50 → 2.5) and its yes/no/on/off (→ True/False) are refused, every such cell named at once."""
    reshaped = []
    out: list[Any] = []
    for number, row in enumerate(rows, first_row):
        if not isinstance(row, list):
            out.append(row)
            continue
        cells = []
        for column, cell in enumerate(row, 1):
            if isinstance(cell, bool | float):
                where = _("header") if number == 0 else _("row {row}").format(row=number)
                reshaped.append(
                    _("{where}, cell {column}: {shown}").format(where=where, column=column, shown=str(cell))
                )
            cells.append("" if cell is None else str(cell) if isinstance(cell, int) else cell)
        out.append(cells)
    if reshaped:
        raise ValueError(
            _(
                "these cells would not print as you typed them ({cells}); put each value in quotes: '2.50', 'no'"
            ).format(cells="; ".join(reshaped))
        )
    return out
