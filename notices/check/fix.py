"""Apply findings' safe edits to the spec file in place, keeping every comment, quote and indent.

An edit names characters of a parsed string value; the source map says where each of those characters sits in
the file. An edit is applied only when those characters stand in the file exactly as in the value (no escape,
no line folding in between), and the result is parsed again: every value must come out as the edit intended and
nothing else may change, or that edit is dropped. The file is replaced atomically.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notices.check.findings import Edit
from notices.errors import NoticeError
from notices.fsio import atomic_write_bytes
from notices.reader.source import PathKey, SourceMap, parse_yaml, value_at

_BOM = "\ufeff"


@dataclass(frozen=True)
class FixResult:
    file: str
    applied: int
    skipped: int


@dataclass(frozen=True)
class _Placed:
    edit: Edit
    start: int  # index in the file text
    end: int


def apply_edits(path: Path, edits: Iterable[Edit]) -> FixResult:
    """Apply ``edits`` to the spec at ``path``; returns how many were applied and how many were unsafe."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    bom = _BOM if raw.startswith(_BOM.encode("utf-8")) else ""
    wanted = _unique(edits)
    new_text, applied = fix_text(text, wanted, str(path))
    if applied:
        atomic_write_bytes(path, (bom + new_text).encode("utf-8"))
    return FixResult(str(path), applied, len(wanted) - applied)


def fix_text(text: str, edits: Sequence[Edit], file: str = "<string>") -> tuple[str, int]:
    """The text with every safe edit applied, and how many were applied."""
    try:
        data, source, _ = parse_yaml(text, file)
    except NoticeError:
        return text, 0
    placed = _non_overlapping([p for e in edits if (p := _place(e, source, text, data)) is not None])
    if not placed:
        return text, 0
    candidate = _splice(text, placed)
    if _verified(candidate, data, placed, file):
        return candidate, len(placed)
    # Some edit broke the YAML or changed more than it meant to: keep the ones that are safe on their own.
    kept: list[_Placed] = []
    for one in placed:
        trial = [*kept, one]
        if _verified(_splice(text, trial), data, trial, file):
            kept.append(one)
    return (_splice(text, kept), len(kept)) if kept else (text, 0)


def _unique(edits: Iterable[Edit]) -> list[Edit]:
    seen: dict[tuple[PathKey, int, int], Edit] = {}
    for edit in edits:
        seen.setdefault((edit.path, edit.start, edit.end), edit)
    return list(seen.values())


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def _index(source: SourceMap, starts: list[int], path: PathKey, offset: int) -> int | None:
    location = source.locate(path, offset)
    if location.line is None or location.column is None:
        return None
    return starts[location.line - 1] + location.column - 1


def _place(edit: Edit, source: SourceMap, text: str, data: Any) -> _Placed | None:
    value = value_at(data, edit.path)
    if (
        not isinstance(value, str)
        or not 0 <= edit.start <= edit.end <= len(value)
        or edit.path not in source.nodes
    ):
        return None
    starts = _line_starts(text)
    end = edit.end
    while end > edit.start:
        first = _index(source, starts, edit.path, edit.start)
        last = _index(source, starts, edit.path, end - 1)
        if first is not None and last is not None and text[first : last + 1] == value[edit.start : end]:
            return _Placed(dataclasses.replace(edit, end=end), first, last + 1)
        # Whitespace the edit also drops may be a folded line break or an escape in the file: keep it there.
        if not value[end - 1].isspace():
            return None
        end -= 1
    if edit.end > edit.start:
        return None
    if edit.start == 0:
        return None
    before = _index(source, starts, edit.path, edit.start - 1)
    if before is None or text[before] != value[edit.start - 1]:
        return None
    return _Placed(edit, before + 1, before + 1)


def _non_overlapping(placed: list[_Placed]) -> list[_Placed]:
    kept: list[_Placed] = []
    for one in sorted(placed, key=lambda p: (p.start, p.end)):
        if kept and one.start < kept[-1].end:
            continue
        kept.append(one)
    return kept


def _splice(text: str, placed: Sequence[_Placed]) -> str:
    out = text
    for one in sorted(placed, key=lambda p: p.start, reverse=True):
        out = out[: one.start] + one.edit.replacement + out[one.end :]
    return out


def _expected(data: Any, placed: Sequence[_Placed]) -> Any:
    expected = copy.deepcopy(data)
    by_path: dict[PathKey, list[Edit]] = {}
    for one in placed:
        by_path.setdefault(one.edit.path, []).append(one.edit)
    for path, edits in by_path.items():
        value: str = value_at(data, path)
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            value = value[: edit.start] + edit.replacement + value[edit.end :]
        parent = value_at(expected, path[:-1])
        parent[path[-1]] = value
    return expected


def _verified(candidate: str, data: Any, placed: Sequence[_Placed], file: str) -> bool:
    try:
        new_data, _, problems = parse_yaml(candidate, file)
    except NoticeError:
        return False
    return not problems and new_data == _expected(data, placed)


__all__ = ["FixResult", "apply_edits", "fix_text"]
