"""Read a recipients file (CSV, XLSX, JSON, YAML) as a stream of :class:`RecipientRow`.

The format is chosen by the file name's ending. CSV and XLSX are streamed, so 10,000 rows cost the memory
of one; JSON and YAML are read whole and capped at 20 MB. Errors that make the whole file unreadable raise
:class:`RecipientFileError` when iteration starts; problems confined to one row ride along in
``RecipientRow.problems`` and never stop the stream.

The encoding of CSV text is decided from the whole file: UTF-8 (with or without BOM) if it all decodes, else
GB18030 (what Chinese Excel and most Chinese ERPs write, covering GBK). Because many byte sequences are
also valid GB18030, a file in another legacy encoding (Windows-1252 with "ü") may read as wrong Chinese
rather than fail: such files should be saved as UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from notices.batch._csv_source import read_csv
from notices.batch._document_source import MAX_DOCUMENT_BYTES, read_json, read_yaml
from notices.batch._xlsx_source import read_xlsx
from notices.batch.rows import HeaderSeen, RecipientFileError, RecipientRow, RowProblem, RowProblemsError
from notices.fsio import length_problem, shorten
from notices.i18n import _
from notices.reader.limits import MAX_ALIASES

__all__ = [
    "FORMATS",
    "MAX_ALIASES",
    "MAX_DOCUMENT_BYTES",
    "RecipientFileError",
    "RecipientRow",
    "RowProblem",
    "RowProblemsError",
    "read_recipients",
]

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def read_recipients(
    path: Path, *, sheet: str | None = None, seen: HeaderSeen | None = None
) -> Iterator[RecipientRow]:
    """Yield one row per recipient, in file order, skipping blank rows.

    ``sheet`` picks an XLSX worksheet by name (default: the first). ``seen`` is told the header of a CSV or XLSX
    table once it is found (with the title rows stepped over above it). Raises :class:`RecipientFileError` on
    the first ``next()`` when the file cannot be read as a table at all.
    """
    path = Path(path)
    file = path.name
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        if path.suffix.lower() == ".xls":
            message = _("cannot tell the format of {suffix} (save old .xls workbooks as .xlsx)")
        elif path.suffix:
            message = _("cannot tell the format of {suffix}")
        else:
            message = _("cannot tell the format of a file without an ending")
        raise RecipientFileError(
            file,
            message.format(suffix=path.suffix),
            fix=_("give the file one of these endings: {endings}").format(endings=", ".join(FORMATS)),
        )
    too_long = length_problem(path)
    if too_long:
        raise RecipientFileError(
            shorten(str(path), 200),
            _("the recipients file cannot be read: {why}").format(why=too_long),
            fix=_("check the path given to --recipients"),
        )
    if not path.is_file():
        raise RecipientFileError(
            str(path),
            _("the recipients file does not exist")
            if not path.exists()
            else _("this is a folder, not a file"),
            fix=_("check the path given to --recipients"),
        )
    if sheet is not None and kind != "xlsx":
        raise RecipientFileError(
            file, _("a sheet name only applies to XLSX workbooks"), fix=_("drop the sheet option")
        )
    if kind == "csv":
        yield from read_csv(path, file, seen)
    elif kind == "xlsx":
        yield from read_xlsx(path, file, sheet, seen)
    elif kind == "json":
        yield from read_json(path, file)
    else:
        yield from read_yaml(path, file)
