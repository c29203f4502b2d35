"""Output file names from recipient data: one safe path component each, unique, the same on every run.

Whatever a recipient's name holds (``../../x``, ``CON``, control characters, 200 characters of 堃) becomes a
single name that is valid on Windows, macOS and Linux, keeps CJK text readable, and leaves room for a suffix
(``-2``), an extension and the ``.part`` temporary name within the 255-byte limit of common filesystems.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from notices.batch.rows import RecipientRow, RowProblem, RowProblemsError
from notices.i18n import _

MAX_STEM_BYTES = 180  # UTF-8 bytes; 60 CJK characters. "-99999" + ".docx" + the .part wrapping still fit 255
DEFAULT_CODE_FIELDS = ("code", "id", "编号", "客户编码")
ROW_FIELD = "row"
DEFAULT_FALLBACK_PATTERN = "row-{row:05d}"

# Reserved on Windows with or without an extension: "CON.txt" opens the console, not a file.
_RESERVED_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{device}{digit}" for device in ("COM", "LPT") for digit in "0123456789¹²³"]
)
_FORBIDDEN = re.compile(r'[/\\<>:"|?*]')  # separators and what Windows refuses in names
_EDGE_JUNK = " ._-"  # hidden files, "..", Windows' silently dropped trailing dots and spaces, "-rf"
_TRAILING_JUNK = " ."  # what Windows drops from the end of a name by itself
_SIMPLE_FORMAT_SPEC = re.compile(r"[<>=^]?[+\- ]?0?\d*[dsf]?")


def safe_stem(name: str, *, max_len: int = 80, fallback: str = "unnamed") -> str:
    """Turn any text into one file-name component (no extension added); never empty.

    NFC-normalised; path separators and characters Windows forbids become "_"; control and invisible
    formatting characters (NUL, newline, right-to-left override) are dropped; leading and trailing dots,
    spaces, dashes and underscores are removed; Windows device names get a "_" ("CON.txt" → "CON_.txt");
    cut to ``max_len`` characters and :data:`MAX_STEM_BYTES` UTF-8 bytes on a character boundary.
    ``fallback`` (made safe the same way) is used when nothing is left, then "unnamed".
    """
    if max_len < 8:
        raise ValueError("max_len must leave room for a readable name (at least 8)")
    for candidate in (name, fallback, "unnamed"):
        stem = _fit(_clean(candidate), max_len)
        stem = _defuse_device_name(stem, max_len)
        if stem:
            return stem
    raise AssertionError("unreachable: 'unnamed' is a safe stem")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            continue
        else:
            kept.append(char)
    text = _FORBIDDEN.sub("_", "".join(kept))
    return re.sub(r" {2,}", " ", text).strip(_EDGE_JUNK)


def _fit(stem: str, max_len: int) -> str:
    stem = stem[:max_len]
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    # a combining mark left without its base would start a different glyph on the next cut
    while stem and unicodedata.combining(stem[-1]):
        stem = stem[:-1]
    return stem.rstrip(_TRAILING_JUNK)


def _defuse_device_name(stem: str, max_len: int) -> str:
    base, dot, rest = stem.partition(".")
    if base.rstrip(" ").upper() not in _RESERVED_DEVICE_NAMES:
        return stem
    return _fit(f"{base.rstrip(' ')}_{dot}{rest}", max_len)  # a device name is at most 7 < max_len


class NameAllocator:
    """Hands out unique stems in call order: ``A``, then ``a-2``, ``A-3`` for the same name again.

    Names are compared case-insensitively and NFC-normalised, as Windows and macOS compare them, so two
    recipients never overwrite each other's file there. The same sequence of calls gives the same names.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = {self._key(name) for name in taken}
        self._next_suffix: dict[str, int] = {}

    @staticmethod
    def _key(name: str) -> str:
        return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())

    def allocate(self, stem: str) -> str:
        key = self._key(stem)
        chosen = stem
        if key in self._taken:
            suffix = self._next_suffix.get(key, 2)
            while self._key(chosen := f"{stem}-{suffix}") in self._taken:
                suffix += 1
            self._next_suffix[key] = suffix + 1
        self._taken.add(self._key(chosen))
        return chosen

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._key(name) in self._taken


def name_pattern_fields(pattern: str) -> tuple[str, ...]:
    """The fields a ``--name`` pattern uses, in order; ValueError for a malformed pattern.

    Fields are column names taken literally ("{contact.phone}" is the column "contact.phone"), plus ``row``
    for the row number. A format spec is limited to padding and width ("{row:05d}"); conversions (``!r``) and
    anything else are refused, so a pattern can only ever produce text.
    """
    fields: list[str] = []
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as err:
        raise ValueError(
            _("the name pattern {pattern!r} is malformed: {err}").format(pattern=pattern, err=err)
        ) from None
    for _literal, field, format_spec, conversion in parsed:
        if field is None:
            continue
        if not field.strip():
            raise ValueError(
                _("the name pattern {pattern!r} has an empty {{}}: put a column name inside").format(
                    pattern=pattern
                )
            )
        if conversion is not None:
            raise ValueError(
                _("the name pattern {pattern!r} uses !{conversion}: drop it").format(
                    pattern=pattern, conversion=conversion
                )
            )
        if format_spec and not _SIMPLE_FORMAT_SPEC.fullmatch(format_spec):
            raise ValueError(
                _("the name pattern {pattern!r} has an unsupported format {format_spec!r}").format(
                    pattern=pattern, format_spec=format_spec
                )
            )
        fields.append(field)
    return tuple(fields)


def expand_name_pattern(pattern: str | None, row: RecipientRow) -> str:
    """The raw name for ``row``: ``pattern`` filled from the row, or the default when ``pattern`` is None.

    The default is the first of :data:`DEFAULT_CODE_FIELDS` the row has, else ``row-00042``. Raises
    :class:`RowProblemsError` naming every field the row lacks. Pass the result through :func:`safe_stem`.
    """
    if pattern is None:
        return _default_name(row)
    name_pattern_fields(pattern)  # refuse a malformed pattern before reading any field
    out: list[str] = []
    problems: list[RowProblem] = []
    for literal, field, format_spec, _conversion in string.Formatter().parse(pattern):
        out.append(literal)
        if field is None:
            continue
        value = _field_value(row, field, problems)
        if value is not None:
            out.append(_format(value, format_spec or "", row.number, field, problems))
    if problems:
        raise RowProblemsError(problems)
    return "".join(out)


def _default_name(row: RecipientRow) -> str:
    for field in DEFAULT_CODE_FIELDS:
        value = row.data.get(field)
        if value is not None and not isinstance(value, dict | list) and str(value).strip():
            return str(value.isoformat() if hasattr(value, "isoformat") else value)
    return DEFAULT_FALLBACK_PATTERN.format(row=row.number)


def _field_value(row: RecipientRow, field: str, problems: list[RowProblem]) -> Any:
    if field == ROW_FIELD:
        return row.number
    if field not in row.data:
        problems.append(
            RowProblem(
                row.number,
                field,
                _("the name pattern uses {{{field}}} but this row has no value for {field!r}").format(
                    field=field
                ),
                _("fill in {field!r} for this row, or choose a --name pattern without it").format(
                    field=field
                ),
            )
        )
        return None
    value = row.data[field]
    if isinstance(value, dict | list):
        reason = _("a list or mapping cannot be part of a file name")
        problems.append(RowProblem(row.number, field, reason, _("use a text column")))
        return None
    return value


def _format(value: Any, format_spec: str, number: int, field: str, problems: list[RowProblem]) -> str:
    if hasattr(value, "isoformat") and not format_spec:
        return str(value.isoformat())
    try:
        return format(value, format_spec)
    except ValueError:
        try:  # "{code:05d}" over a text cell "123": pad the text the way the pattern asks for a number
            return format(int(str(value)), format_spec)
        except ValueError:
            problems.append(
                RowProblem(
                    number,
                    field,
                    _("{value!r} does not fit the format {{{field}:{format_spec}}}").format(
                        value=value, field=field, format_spec=format_spec
                    ),
                    _("use {{{field}}} without a format").format(field=field),
                )
            )
            return ""


def inside(folder: Path, candidate: Path) -> bool:
    """True when ``candidate`` resolves to a path strictly inside ``folder`` (symlinks followed).

    Check it before every write: a name that escaped :func:`safe_stem`, or a symlink planted in the output
    folder, must never let a write land elsewhere.
    """
    root = Path(folder).resolve()
    target = Path(candidate).resolve()
    return target != root and target.is_relative_to(root)
