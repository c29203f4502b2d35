"""Check what loads when part of a spec does not: one `notices check` run reports every mistake.

A writer who copied a template meets a bad date (``date: 201X-XX-XX``), an unknown key or a value of the wrong
type. The reader reports those (rule ``SPEC``); without this module the rules would not run at all, and the
writer would meet the template's other mistakes only after fixing the first. Here the spec's data is repaired
just enough to validate (a value that does not fit is set aside, a list item or an optional section that lost
a required value is set aside, a missing title is stood in for), the rules run over what is left, and every
string the writer wrote, including the ones set aside, is still read as text by the text rules.

Findings about a stand-in (the empty title put where none was written) are dropped: the ``SPEC`` finding
already says what is missing.

Setting aside a list item shifts the items after it (``deadlines[1]`` becomes ``deadlines[0]`` of the repaired
data), so paths are translated both ways: the rules see the repaired data's paths, and the strings of an item
set aside take a negative index (``-1 - i`` for item ``i``) that cannot be confused with a kept item; the
runner turns every path back into the file's before locating it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from notices.check.render_steps import parse_path_text
from notices.errors import Location, Problem, SpecError
from notices.patterns import LazyPattern
from notices.reader import Notice, validation_problems
from notices.reader.source import PathKey, SourceMap, parse_yaml, value_at
from notices.spec.model import NoticeSpec

_MAX_ROUNDS = 12  # each round sets aside at least one value; a spec has few levels of nesting
# Required values that have no parent to set aside: stand in for them so the rest can be checked.
_STAND_INS: dict[PathKey, Any] = {("title",): "", ("issuer",): {"name": ""}, ("issuer", "name"): ""}


@dataclass(frozen=True)
class Salvaged:
    """A spec that did not load whole, as far as it can be checked."""

    notice: Notice  # the repaired spec; rules read its model and values
    raw: Mapping[str, Any]  # every value as written, the ones set aside included: read by the text rules
    stand_ins: frozenset[PathKey]  # paths given a stand-in value: no finding is reported there
    removed: Mapping[PathKey, tuple[int, ...]]  # list path (as in the file) → indices of the items set aside
    mended: bool = False  # a line YAML refused was read quoted or left out: --fix cannot edit this file
    # line → the file's column of each column of the mended line (a quote put around a value shifts it)
    columns: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()  # the repaired data's own load problems (unknown keys, bad values)

    def written_location(self, location: Location) -> Location:
        """Where a finding located in the mended text stands in the file as written."""
        columns = self.columns.get(location.line) if location.line is not None else None
        if columns is None or location.column is None:
            return location
        column = columns[min(location.column, len(columns)) - 1]
        return replace(location, column=column)

    def checked_path(self, written: PathKey) -> PathKey:
        """The path rules see for a value at ``written`` in the file (see the module docstring)."""
        out: list[str | int] = []
        for position, part in enumerate(written):
            if isinstance(part, int):
                gone = self.removed.get(written[:position], ())
                if part in gone:
                    return (*out, -1 - part, *written[position + 1 :])
                part -= sum(1 for index in gone if index < part)
            out.append(part)
        return tuple(out)

    def written_path(self, checked: PathKey) -> PathKey:
        """The file's path of a path rules report (the inverse of :meth:`checked_path`)."""
        return _written_path(self.removed, checked)


def _written_path(removed: Mapping[PathKey, tuple[int, ...]], checked: PathKey) -> PathKey:
    out: list[str | int] = []
    for position, part in enumerate(checked):
        if isinstance(part, int):
            if part < 0:
                return (*out, -1 - part, *checked[position + 1 :])
            for index in sorted(removed.get(tuple(out), ())):
                if index <= part:
                    part += 1
        out.append(part)
    return tuple(out)


def salvage_text(text: str, *, file: str, base_dir: Path) -> Salvaged | None:
    """The checkable part of a spec whose text parses as YAML but does not validate; None when nothing is.

    A YAML syntax error leaves nothing to check (the reader reports it); neither does a document that is not
    a mapping of keys.
    """
    parsed = _parse_mending_slips(text, file)
    if parsed is None:
        return None
    data, source, columns = parsed
    if not isinstance(data, dict):
        return None
    salvaged = salvage(data, source, base_dir)
    return replace(salvaged, mended=bool(columns), columns=columns) if salvaged is not None else None


_MOST_MENDED_LINES = 5
_KEY_VALUE = LazyPattern(r"^(?P<lead>\s*(?:-\s+)?[^\s:#'\"][^:#]*?:\s+|\s*-\s+)(?P<value>\S.*?)\s*$")


def _parse_mending_slips(text: str, file: str) -> tuple[Any, SourceMap, dict[int, tuple[int, ...]]] | None:
    """Parse ``text``; where YAML gives up on a line (an unquoted "尊敬的用户:", a value with ": " in it), read
    that line's value as quoted text, or leave the line out, so the rest of the spec is still checked. The
    lines keep their numbers; the reader's own SPEC finding says what was wrong on the mended line. Returns
    the file's column of each column of every mended line, so findings there are placed as the file has them."""
    lines = text.split("\n")
    columns: dict[int, tuple[int, ...]] = {}
    for _ in range(_MOST_MENDED_LINES + 1):
        try:
            data, source, _ = parse_yaml("\n".join(lines), file)
        except SpecError as err:
            line = next((p.location.line for p in err.problems if p.location.line), None)
            if line is None or not 0 < line <= len(lines):
                return None
            mended = _mend(lines, line - 1)
            if mended is None:
                return None
            at, mapping = mended
            columns[at + 1] = tuple(columns[at + 1][c - 1] if at + 1 in columns else c for c in mapping)
            continue
        return data, source, columns
    return None


def _mend(lines: list[str], index: int) -> tuple[int, tuple[int, ...]] | None:
    """Quote the value on line ``index`` (or the line above, where YAML often stops); else comment it out.
    Returns the line mended and, for each column of the mended line, the column it had before."""
    for at in (index, index - 1):
        if at < 0 or lines[at].lstrip().startswith("#"):
            continue
        match = _KEY_VALUE.match(lines[at])
        if match and not match["value"].startswith(("'", '"', "|", ">", "[", "{")):
            lead, value = match["lead"], match["value"]
            mapping = [c + 1 for c in range(len(lead))] + [
                len(lead) + 1
            ]  # the opening quote: the value's start
            for offset, ch in enumerate(value):
                mapping += [len(lead) + offset + 1] * (2 if ch == "'" else 1)
            mapping.append(len(lead) + len(value))  # the closing quote: the value's last character
            lines[at] = lead + "'" + value.replace("'", "''") + "'"
            return at, tuple(mapping)
    if index < len(lines) and lines[index].strip() and not lines[index].lstrip().startswith("#"):
        lines[index] = "#" + lines[index]
        return index, (1, *range(1, len(lines[index])))
    return None


def salvage(data: dict[str, Any], source: SourceMap, base_dir: Path) -> Salvaged | None:
    from notices.house_style import apply_house_style

    raw = copy.deepcopy(data)
    try:
        repaired, house_style, _ = apply_house_style(copy.deepcopy(data), source, base_dir)
    except SpecError:
        return None
    repair = _Repair(repaired)
    problems: list[Problem] = []
    for round_number in range(_MAX_ROUNDS):
        try:
            spec = NoticeSpec.model_validate(repaired)
        except ValidationError as err:
            if round_number == 0:  # what the data as written gets wrong (a mended file's are not said yet)
                problems = _written_problems(validation_problems(err, repaired, source), repaired)
            if not repair.round(err):
                return None
            continue
        notice = Notice(spec, source, base_dir.resolve(), repaired, house_style)
        removed = {prefix: tuple(sorted(indices)) for prefix, indices in repair.removed.items()}
        return Salvaged(notice, raw, frozenset(repair.stand_ins), removed, problems=tuple(problems))
    return None


def _written_problems(problems: list[Problem], data: Any) -> list[Problem]:
    """The problems of values the writer wrote: a value missing or emptied because a line YAML refused was
    left out is that line's mistake, which the YAML finding already names."""
    return [p for p in problems if value_at(data, parse_path_text(p.path)) is not None]


class _Repair:
    """Sets aside what validation errors are about, remembering stand-ins and list items removed."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.stand_ins: set[PathKey] = set()
        self.removed: dict[PathKey, set[int]] = {}

    def round(self, err: ValidationError) -> bool:
        """One round over the errors; whether anything changed (no change means give up)."""
        changed = False
        paths = {
            _data_path(self.data, error["loc"]): error["type"] for error in err.errors(include_url=False)
        }
        # Deepest and last first, so removing a list item does not shift the index of another to remove.
        for path in sorted(paths, key=_removal_order, reverse=True):
            changed |= self._set_aside(path, paths[path] == "missing")
        return changed

    def _set_aside(self, path: PathKey, missing: bool) -> bool:
        data = self.data
        if not path:
            return False
        if path in _STAND_INS and (missing or not isinstance(_value_at(data, path), str)):
            _put(data, path, copy.deepcopy(_STAND_INS[path]))
            self.stand_ins.update({path, ("issuer", "name")} if path == ("issuer",) else {path})
            return True
        if missing:
            if len(path) == 1:
                # The section the kind names is missing (or was set aside): check it as a general notice.
                if data.get("kind") == path[0]:
                    data["kind"] = "general"
                    return True
                return False
            return self._remove(path[:-1])  # the item or the section that lacks a required value
        return self._remove(path)

    def _remove(self, path: PathKey) -> bool:
        parent = _value_at(self.data, path[:-1]) if len(path) > 1 else self.data
        last = path[-1]
        if isinstance(parent, dict) and isinstance(last, str) and last in parent:
            del parent[last]
            return True
        if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
            written = _written_path({k: tuple(v) for k, v in self.removed.items()}, path)
            self.removed.setdefault(written[:-1], set()).add(int(written[-1]))
            del parent[last]
            return True
        return False


def _removal_order(path: PathKey) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, part) if isinstance(part, int) else (1, part) for part in path)


def _data_path(data: Any, loc: Sequence[int | str]) -> PathKey:
    """pydantic's error location as a path into the data: union-branch labels dropped, a missing or unknown
    key kept as the last part."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_mapping = isinstance(node, Mapping) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            path.append(part)
            node = node[part]
        elif isinstance(node, Mapping) and isinstance(part, str) and _is_field_name(part):
            path.append(part)  # a missing or unknown key: the last part
            break
        # else a union branch ("Section", "str", "list[...]", "function-after[...]"): not in the data
    return tuple(path)


def _is_field_name(part: str) -> bool:
    return part.isidentifier() and not part[:1].isupper()


def _value_at(data: Any, path: PathKey) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _put(data: dict[str, Any], path: PathKey, value: Any) -> None:
    parent: Any = data
    for part in path[:-1]:
        if isinstance(parent, dict) and not isinstance(parent.get(part), dict):
            parent[part] = {}
        parent = parent[part]
    parent[path[-1]] = value
