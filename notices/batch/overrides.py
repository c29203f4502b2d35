"""Per-recipient values: which columns describe the recipient and which change the notice itself.

The rule a spreadsheet author follows:

* A column whose header starts with ``spec.`` overrides one value of the spec for that row only:
  ``spec.title``, ``spec.sign_off.date``, ``spec.deadlines.0.date`` (list positions count from 0;
  ``spec.deadlines[0].date`` means the same). The value must already exist in the spec: an override can
  change a deadline, not invent a key the spec lacks or a list item past its end, so a typo in a header is
  reported instead of silently ignored. A whole section (a mapping or list) can only be replaced by another
  of the same kind (from JSON or YAML rows).
* Every other column becomes a field of ``recipient`` for the templates, nested at dots:
  ``contact.phone`` → ``recipient["contact"]["phone"]``.
* An empty cell overrides nothing: the spec's own value stands, and the recipient field is absent.

Values arrive as typed (CSV cells are text); the spec model converts and validates them afterwards, as it does
for the spec file itself. An override is data, like every other cell: it is printed as typed and never rendered
as a template, so a cell holding ``关于{{ 7*7 }}`` prints those characters.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Mapping
from typing import Any

from notices.batch.rows import RecipientRow, RowProblem, RowProblemsError
from notices.i18n import _
from notices.templating import as_data

SPEC_PREFIX = "spec."
_BRACKET_INDEX = re.compile(r"\[(\d+)\]")


def split_row(row: RecipientRow) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(recipient, overrides)`` for one row; overrides map a spec path ("deadlines.0.date") to its value.

    Raises :class:`RowProblemsError` listing every malformed or conflicting column of the row.
    """
    recipient: dict[str, Any] = {}
    overrides: dict[str, Any] = {}
    problems: list[RowProblem] = []
    for column, value in row.data.items():
        if column[: len(SPEC_PREFIX)].lower() == SPEC_PREFIX:
            path = column[len(SPEC_PREFIX) :]
            if _segments(path) is None:
                problems.append(_malformed(row.number, column))
            else:
                overrides[_canonical(path)] = value
            continue
        parts = column.split(".")
        if any(not part.strip() for part in parts):
            problems.append(_malformed(row.number, column))
            continue
        _put(recipient, parts, copy.deepcopy(value), row.number, column, problems)
    if problems:
        raise RowProblemsError(problems)
    return recipient, overrides


def apply_overrides(
    spec: Mapping[str, Any], overrides: Mapping[str, Any], *, number: int = 0
) -> dict[str, Any]:
    """A new spec dict with ``overrides`` applied in order; ``spec`` and its contents are never changed.

    ``number`` is the row the overrides came from, for the problems. Raises :class:`RowProblemsError` with one
    problem per override whose path the spec does not have.
    """
    result: dict[str, Any] = copy.deepcopy(dict(spec))
    problems: list[RowProblem] = []
    for path, value in overrides.items():
        column = SPEC_PREFIX + path
        segments = _segments(path)
        if segments is None:
            problems.append(_malformed(number, column))
            continue
        # DataText: a cell is data, printed as typed, never rendered as a template (关于{{ 7*7 }} stays so)
        problem = _set(result, segments, as_data(copy.deepcopy(value)))
        if problem is not None:
            reason, fix = problem
            problems.append(RowProblem(number, column, reason, fix))
    if problems:
        raise RowProblemsError(problems)
    return result


def _segments(path: str) -> list[str] | None:
    parts = _canonical(path).split(".")
    return None if any(not part.strip() for part in parts) else parts


def _canonical(path: str) -> str:
    return _BRACKET_INDEX.sub(r".\1", path.strip())


def _malformed(number: int, column: str) -> RowProblem:
    return RowProblem(
        number,
        column,
        _("the column name has an empty part (two dots in a row, or nothing after a dot)"),
        _("write names like contact.phone or spec.deadlines.0.date"),
    )


def _put(
    target: dict[str, Any], parts: list[str], value: Any, number: int, column: str, problems: list[RowProblem]
) -> None:
    """Nest ``value`` under ``parts``, merging mappings, refusing a value and a section under one name."""
    node = target
    for depth, part in enumerate(parts[:-1]):
        existing = node.setdefault(part, {})
        if not isinstance(existing, dict):
            name = ".".join(parts[: depth + 1])
            problems.append(_conflict(number, column, name))
            return
        node = existing
    last = parts[-1]
    if last not in node:
        node[last] = value
    elif isinstance(node[last], dict) and isinstance(value, dict):
        for key, inner in value.items():
            _put(node[last], [key], inner, number, column, problems)
    else:
        problems.append(_conflict(number, column, ".".join(parts)))


def _conflict(number: int, column: str, name: str) -> RowProblem:
    return RowProblem(
        number,
        column,
        _("{name!r} is given both as a value and as a group of fields (or twice)").format(name=name),
        _("keep either the column {name!r} or the columns {value!r}, not both").format(
            name=name, value=name + ".…"
        ),
    )


def _set(spec: dict[str, Any], segments: list[str], value: Any) -> tuple[str, str] | None:
    """Replace the value at ``segments``; (reason, fix) when the spec has no such place."""
    node: Any = spec
    for depth, segment in enumerate(segments):
        here = ".".join(segments[:depth]) or _("the spec")
        if isinstance(node, dict):
            if segment not in node:
                known = [str(key) for key in node]
                guess = difflib.get_close_matches(segment, known, n=1)
                fix = (
                    _("did you mean {guess!r}? (an override can only change what the spec has)")
                    if guess
                    else _("keys in {here}: {known} (an override can only change what the spec has)")
                    if known
                    else _("{here} has no keys (an override can only change what the spec has)")
                ).format(guess=guess[0] if guess else "", here=here, known=", ".join(known))
                return _("{here} has no {segment!r}").format(here=here, segment=segment), fix
            key: Any = segment
        elif isinstance(node, list):
            if not segment.isdigit():
                return _("{here} is a list: {segment!r} is not a position").format(
                    here=here, segment=segment
                ), _("use a number from 0, e.g. .0.")
            key = int(segment)
            if key >= len(node):
                return (
                    _("{here} has {count} item(s), so position {key} is past its end").format(
                        here=here, count=len(node), key=key
                    ),
                    _("use a position from 0 to {value}, or add the item to the spec first").format(
                        value=len(node) - 1
                    )
                    if node
                    else _("add the item to the spec first"),
                )
        else:
            return _("{here} is a single value and has no {segment!r}").format(here=here, segment=segment), _(
                "remove the part after it"
            )
        if depth == len(segments) - 1:
            current = node[key]
            if isinstance(current, dict | list) and not isinstance(value, type(current)):
                name = ".".join(segments)
                return (
                    (
                        _("{name} is a whole section (a mapping); one cell cannot replace it")
                        if isinstance(current, dict)
                        else _("{name} is a whole section (a list); one cell cannot replace it")
                    ).format(name=name),
                    _("override the single values inside it, e.g. {name}.…").format(name=name),
                )
            node[key] = value
            return None
        node = node[key]
    return None
