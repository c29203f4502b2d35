"""Deciding a text file's encoding the way Chinese Excel and ERP exports need it, without reading it whole.

Rule: a byte-order mark decides (UTF-8, or UTF-16 as Excel's "Unicode text" export writes it); otherwise
strict UTF-8 if every byte of the file decodes, else GB18030 (a superset of GBK and GB2312, what Chinese
Windows calls "ANSI"), else an error naming the first byte that fits neither. The whole file is checked:
an export whose first 64 KB are ASCII may hold its first Chinese name on line 9,000.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from notices.batch.rows import RecipientFileError
from notices.i18n import _

_CHUNK = 64 * 1024
_LONGEST_CHARACTER = 4  # bytes, in UTF-8, GB18030 and UTF-16 alike


@dataclass(frozen=True)
class TextEncoding:
    open_as: str  # the codec to open the file with; it removes a byte-order mark itself
    name: str  # what to tell a person


@dataclass(frozen=True)
class _Candidate:
    codec: str
    open_as: str
    name: str
    skip: int  # bytes of byte-order mark before the text


_UTF8 = _Candidate("utf-8", "utf-8", "UTF-8", 0)
_GB18030 = _Candidate("gb18030", "gb18030", "GB18030/GBK", 0)


def _candidates(head: bytes) -> list[_Candidate]:
    if head.startswith(codecs.BOM_UTF8):
        return [_Candidate("utf-8", "utf-8-sig", "UTF-8 (with BOM)", 3)]
    if head.startswith(codecs.BOM_UTF16_LE):
        return [_Candidate("utf-16-le", "utf-16", "UTF-16", 2)]
    if head.startswith(codecs.BOM_UTF16_BE):
        return [_Candidate("utf-16-be", "utf-16", "UTF-16", 2)]
    return [_UTF8, _GB18030]


def detect_file_encoding(path: Path, file: str) -> TextEncoding:
    """Scan ``path`` in chunks (constant memory) and return the first candidate encoding it fits."""
    with open(path, "rb") as stream:
        head = stream.read(4)
    failures: list[tuple[_Candidate, int, int | None]] = []
    for candidate in _candidates(head):
        failure = _first_bad_byte(_read_chunks(path, candidate.skip), candidate)
        if failure is None:
            return TextEncoding(candidate.open_as, candidate.name)
        failures.append((candidate, *failure))
    raise _undecodable(file, failures)


def decode_bytes(raw: bytes, file: str) -> str:
    """The same rule for a file already in memory (JSON, YAML)."""
    failures: list[tuple[_Candidate, int, int | None]] = []
    for candidate in _candidates(raw[:4]):
        try:
            return raw[candidate.skip :].decode(candidate.codec)
        except UnicodeDecodeError:
            failure = _first_bad_byte(iter([raw[candidate.skip :]]), candidate)
            assert failure is not None
            failures.append((candidate, *failure))
    raise _undecodable(file, failures)


def _read_chunks(path: Path, start: int) -> Iterator[bytes]:
    with open(path, "rb") as stream:
        stream.seek(start)
        while chunk := stream.read(_CHUNK):
            yield chunk


def _first_bad_byte(chunks: Iterator[bytes], candidate: _Candidate) -> tuple[int, int | None] | None:
    """(file offset, line) of the first byte ``candidate`` cannot decode, or None if all decode.

    A character cut in two by a chunk boundary is carried over to the next chunk rather than reported.
    """
    offset = candidate.skip  # file offset of carry[0]
    newlines = 0
    carry = b""
    counts_lines = not candidate.codec.startswith("utf-16")  # 0x0A is part of other UTF-16 characters
    while True:
        chunk = next(chunks, b"")
        data = carry + chunk
        final = not chunk
        try:
            data.decode(candidate.codec)
            good = len(data)
        except UnicodeDecodeError as err:
            if final or len(data) - err.start >= _LONGEST_CHARACTER:
                bad_at = offset + err.start
                line = newlines + data[: err.start].count(b"\n") + 1 if counts_lines else None
                return bad_at, line
            good = err.start
        if counts_lines:
            newlines += data[:good].count(b"\n")
        offset += good
        carry = data[good:]
        if final:
            return None


def _undecodable(file: str, failures: list[tuple[_Candidate, int, int | None]]) -> RecipientFileError:
    # The candidate that got furthest is most likely the real encoding with one damaged byte in it.
    candidate, offset, line = max(failures, key=lambda failure: failure[1])
    tried = _(" nor ").join(c.name for c, _offset, _line in failures)
    where = (_("byte {offset} (line {line})") if line is not None else _("byte {offset}")).format(
        offset=offset, line=line
    )
    return RecipientFileError(
        file,
        _("the file is neither {tried} text: {where} fits no supported encoding").format(
            tried=tried, where=where
        )
        if len(failures) > 1
        else _("the file says it is {name} but {where} is not valid {name}").format(
            name=candidate.name, where=where
        ),
        line=line,
        fix=_(
            "save it again from Excel as 'CSV UTF-8 (Comma delimited)', or check that it is a table of text"
        ),
    )
