"""XLSX recipients, streamed with openpyxl's read-only mode (one row in memory at a time).

Values are what Excel shows: formulas give their cached results, whole numbers stay ints (an Excel number is
always a float inside the file), date cells become ``datetime.date`` (``datetime`` when a time of day is set),
and a number formatted with leading zeros ("00000") comes back as the text the person sees ("00123").
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from notices.batch.rows import (
    HeaderFinder,
    HeaderSeen,
    RecipientFileError,
    RecipientRow,
    RowProblem,
    build_row,
    check_headers,
    header_text,
    table_header,
)
from notices.i18n import _

_ZERO_PADDED = re.compile(r"0{2,}")
_EXACT_FLOAT_INTS = 2**53


def read_xlsx(
    path: Path, file: str, sheet: str | None, seen: HeaderSeen | None = None
) -> Iterator[RecipientRow]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as err:
        raise RecipientFileError(
            file,
            _("this is not a readable XLSX workbook ({err})").format(err=err),
            fix=_("open it in Excel and save it again as 'Excel Workbook (*.xlsx)' without a password"),
        ) from None
    try:
        worksheet = _pick_sheet(workbook, sheet, file)
        # Trust the cells, not the <dimension> tag: some exporters write a wrong one, cutting rows off.
        worksheet.reset_dimensions()
        where = f"{file}[{worksheet.title}]"
        place = _(" on sheet {title!r}").format(title=worksheet.title)
        finder = HeaderFinder()
        headers: list[str] | None = None
        held: dict[int, tuple[Any, ...]] = {}  # cells of the rows the header finder holds back
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            values = [_cell_value(cell) for cell in cells]
            if all(value is None for value in values) and not _error_cells(number, [], cells):
                continue  # blank rows (above the header too)
            held[number] = cells
            for data_number, data_values in finder.feed(number, values):
                headers = headers or _headers(finder, file, place, seen)
                row = _row(data_number, where, headers, data_values, held.pop(data_number, ()))
                if row is not None:
                    yield row
            if finder.header is not None:
                held.clear()
        for data_number, data_values in finder.finish():
            headers = headers or _headers(finder, file, place, seen)
            row = _row(data_number, where, headers, data_values, held.pop(data_number, ()))
            if row is not None:
                yield row
        if finder.header is not None and headers is None:
            _headers(finder, file, place, seen)
        if finder.header is None:
            raise RecipientFileError(
                file,
                _("the sheet {title!r} is empty: no header row").format(title=worksheet.title),
                fix=_("put column names in the first row"),
            )
    finally:
        workbook.close()


def _headers(finder: HeaderFinder, file: str, place: str, seen: HeaderSeen | None) -> list[str]:
    assert finder.header is not None
    number, values = finder.header
    headers = [header_text(value) if value is not None else "" for value in values]
    check_headers(headers, file=file, line=number, label=_letter, place=place)
    if seen is not None:
        seen(table_header(finder, headers))
    return headers


def _row(
    number: int, where: str, headers: list[str], values: list[Any], cells: tuple[Any, ...]
) -> RecipientRow | None:
    return build_row(
        number,
        f"{where}:{number}",
        headers,
        values,
        label=_letter,
        problems=_error_cells(number, headers, cells),
    )


def _pick_sheet(workbook: Any, sheet: str | None, file: str) -> Any:
    names = [worksheet.title for worksheet in workbook.worksheets]
    if sheet is None:
        if not names:
            raise RecipientFileError(
                file, _("the workbook has no worksheet"), fix=_("add a sheet with the recipients")
            )
        return workbook.worksheets[0]
    if sheet not in names:
        raise RecipientFileError(
            file,
            _("the workbook has no sheet named {sheet!r}").format(sheet=sheet),
            fix=_("use one of: {items}").format(items=", ".join(repr(name) for name in names)),
        )
    return workbook[sheet]


def _letter(index: int) -> str:
    return str(get_column_letter(index + 1))


def _cell_value(cell: Any) -> Any:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "e":
        return None  # reported by _error_cells; an error shown in a cell is no value
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_FLOAT_INTS:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        number_format = str(getattr(cell, "number_format", "General"))
        if _ZERO_PADDED.fullmatch(number_format):
            return str(value).zfill(len(number_format))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _error_cells(number: int, headers: list[str], cells: tuple[Any, ...]) -> list[RowProblem]:
    problems = []
    for index, cell in enumerate(cells):
        if getattr(cell, "data_type", None) == "e":
            column = headers[index] if index < len(headers) and headers[index] else f"column {_letter(index)}"
            problems.append(
                RowProblem(
                    number,
                    column,
                    _("cell {index}{number} shows the error {value}").format(
                        index=_letter(index), number=number, value=cell.value
                    ),
                    _("correct the formula or type the value, then save the workbook in Excel"),
                )
            )
    return problems
