"""CSV recipients, read one record at a time.

Row numbers are the line a record starts on, so a quoted cell holding line breaks (an address typed
with Alt+Enter in Excel) does not shift every number after it. Values stay exactly as typed: "00123" keeps
its zeros.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from notices.batch._encoding import detect_file_encoding
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

DELIMITERS = (",", ";", "\t")
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 50
_EXCEL_SEP_LINE = re.compile(r"sep=(.)\r?\n?\Z")  # Excel's own hint, written by some European exports
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_csv(path: Path, file: str, seen: HeaderSeen | None = None) -> Iterator[RecipientRow]:
    _refuse_workbook_named_csv(path, file)
    encoding = detect_file_encoding(path, file)
    with open(path, encoding=encoding.open_as, newline="") as stream:
        sample = stream.read(_SNIFF_CHARS)
    delimiter, skip_first_line = _delimiter(sample)
    with open(path, encoding=encoding.open_as, newline="") as stream:
        if skip_first_line:
            stream.readline()
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        line_offset = 1 if skip_first_line else 0
        finder = HeaderFinder()
        headers: list[str] | None = None
        while True:
            number = reader.line_num + line_offset + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                problem = _record_problem(err, number, reader.line_num + line_offset, file)
                yield RecipientRow(number, {}, f"{file}:{number}", (problem,))
                continue
            if not any(cell.strip() for cell in record):
                continue  # blank lines (above the header too)
            for data_number, data_record in finder.feed(number, list(record)):
                headers = headers or _headers(finder, file, seen)
                row = build_row(data_number, f"{file}:{data_number}", headers, data_record)
                if row is not None:
                    yield row
        for data_number, data_record in finder.finish():
            headers = headers or _headers(finder, file, seen)
            row = build_row(data_number, f"{file}:{data_number}", headers, data_record)
            if row is not None:
                yield row
        if finder.header is not None and headers is None:
            _headers(finder, file, seen)
        if finder.header is None:
            raise RecipientFileError(
                file, _("the file is empty: no header row"), fix=_("put column names in the first line")
            )


def _headers(finder: HeaderFinder, file: str, seen: HeaderSeen | None) -> list[str]:
    assert finder.header is not None
    number, record = finder.header
    headers = [header_text(cell) for cell in record]
    check_headers(headers, file=file, line=number)
    if seen is not None:
        seen(table_header(finder, headers))
    return headers


def _refuse_workbook_named_csv(path: Path, file: str) -> None:
    try:
        with open(path, "rb") as stream:
            head = stream.read(4)
    except OSError as err:
        raise RecipientFileError(
            file, _("cannot read the file: {strerror}").format(strerror=err.strerror), fix=_("check the path")
        ) from None
    if head.startswith(_ZIP_MAGIC):
        raise RecipientFileError(
            file,
            _("this is an Excel workbook (XLSX) saved under a CSV name"),
            fix=_("rename it to end in .xlsx"),
        )
    if head.startswith(_OLE_MAGIC):
        raise RecipientFileError(
            file,
            _("this is an old Excel .xls workbook or a password-protected one, not CSV text"),
            fix=_(
                "open it in Excel and save as 'CSV UTF-8 (Comma delimited)' or as .xlsx without a password"
            ),
        )


def _delimiter(sample: str) -> tuple[str, bool]:
    """The delimiter among , ; tab that splits the first records most consistently; and whether line 1 is
    Excel's ``sep=`` hint."""
    first_line = sample.split("\n", 1)[0]
    hint = _EXCEL_SEP_LINE.match(first_line.lstrip("\ufeff"))
    if hint and hint.group(1) in DELIMITERS:
        return hint.group(1), True
    complete = sample if len(sample) < _SNIFF_CHARS else sample[: sample.rfind("\n") + 1] or sample
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        records = []
        try:
            for record in csv.reader(io.StringIO(complete, newline=""), delimiter=delimiter):
                if any(cell.strip() for cell in record):
                    records.append(record)
                if len(records) >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistency = sum(len(record) == width for record in records) / len(records)
        score = (consistency, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best, False


def _record_problem(err: csv.Error, number: int, last_line: int, file: str) -> RowProblem:
    message = str(err)
    if "unexpected end of data" in message or "field larger than field limit" in message:
        raise RecipientFileError(
            file,
            _(
                "a quoted cell opened on line {number} never closes, so every line after it would be read as part of that cell"
            ).format(number=number),
            line=number,
            fix=_('close the quote, or write a quote inside a cell as two quotes ("")'),
        )
    lines = f"line {number}" if last_line <= number else f"lines {number}–{last_line}"
    return RowProblem(
        number,
        None,
        _("this record cannot be split into cells ({message}, {lines})").format(message=message, lines=lines),
        _('quote the whole cell ("ACME ""Ltd""") or remove the stray quote'),
    )
