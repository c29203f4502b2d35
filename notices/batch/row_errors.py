"""Why one recipient's notice could not be made, said in terms of that recipient's row: number, column, reason.

Compose reports problems against the spec (``salutation``, ``stockup.order_deadline.date``); a person fixing a
recipients file needs the column instead: ``region`` for an undefined ``{{ recipient.region }}``,
``spec.sign_off.date`` for an impossible date in an override.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from notices.batch.overrides import SPEC_PREFIX
from notices.batch.rows import RowProblem
from notices.errors import NoticeError, Problem
from notices.i18n import _

# Jinja's own words, and the composer's ("{{ recipient.nmae }} is undefined: the recipient has no 'nmae'")
_UNDEFINED = re.compile(
    r"'([^']+)' is undefined|has no attribute '([^']+)'|is undefined: .* has no '([^']+)'|"
    r"undefined variable '([^']+)'"
)
_RECIPIENT_PATH = re.compile(r"\brecipient((?:\.[^\W\d][\w]*)+)")
_INDEX = re.compile(r"\[(\d+)\]")


def notice_error_problems(
    error: NoticeError,
    number: int,
    *,
    spec_data: Mapping[str, Any],
    overrides: Mapping[str, Any],
) -> list[RowProblem]:
    """The problems of a compose/render error, each tied to the row's column when one is to blame."""
    return [_row_problem(problem, number, spec_data, overrides) for problem in error.problems]


def _row_problem(
    problem: Problem, number: int, spec_data: Mapping[str, Any], overrides: Mapping[str, Any]
) -> RowProblem:
    undefined = _UNDEFINED.search(problem.message)
    name = problem.undefined or (next(group for group in undefined.groups() if group) if undefined else "")
    if name:
        column = _recipient_column(_spec_string(spec_data, problem.path), name)
        if column is not None:
            return RowProblem(
                number,
                column,
                (
                    _(
                        "the notice needs recipient.{column} (spec {path} at {location}) but this row has no value for it"
                    )
                    if problem.path
                    else _("the notice needs recipient.{column} but this row has no value for it")
                ).format(column=column, path=problem.path, location=problem.location),
                _("fill in the column {column!r}, or take recipient.{column} out of the spec").format(
                    column=column
                ),
            )
    spec_path = _INDEX.sub(r".\1", problem.path)
    if spec_path and spec_path in overrides:
        return RowProblem(number, SPEC_PREFIX + spec_path, problem.message, problem.fix)
    message = (
        _("{message} (spec {path} at {location})").format(
            message=problem.message, path=problem.path, location=problem.location
        )
        if problem.path
        else problem.message
    )
    return RowProblem(number, None, message, problem.fix)


def _spec_string(spec_data: Mapping[str, Any], path: str) -> str:
    node: Any = spec_data
    for part in _INDEX.sub(r".\1", path).split(".") if path else []:
        if isinstance(node, Mapping):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return ""
    return node if isinstance(node, str) else ""


def _recipient_column(text: str, name: str) -> str | None:
    """``contact.phone`` for ``{{ recipient.contact.phone }}`` when ``phone`` (or ``contact``) is undefined."""
    for match in _RECIPIENT_PATH.finditer(text):
        parts = match.group(1).lstrip(".").split(".")
        if name in parts:
            return ".".join(parts[: parts.index(name) + 1])
    return name if "recipient" in text else None


def glyph_problem(
    number: int, characters: list[str], message: str, row_data: Mapping[str, Any]
) -> RowProblem:
    """Characters no installed font has: the column holding the first of them, and the message."""
    column = next(
        (key for key, value in row_data.items() if any(char in str(value) for char in characters)),
        None,
    )
    return RowProblem(
        number,
        column,
        message,
        _("replace the character, or install a font that has it (`notices doctor` lists the fonts in use)"),
    )
