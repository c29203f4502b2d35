"""Text as the writer typed it, where YAML (or a caller's dict) gave a number, a date or a yes/no instead.

YAML 1.1 turns an unquoted ``4008201688`` into an int, ``02162`` into the octal number 1138, ``2026-01-01``
into a date and ``No`` into False. Where the model wants text (a phone number, a paragraph, a title), the
writer meant the characters they typed: a sales-admin does not know which values YAML reads as something
else, and "Input should be a valid string" does not tell them to quote. So when validation refuses such a
value, the reader puts back the scalar's own text from the file and validates once more; only what still
fails is reported. A dict from an ERP script has no text: an int or a Decimal there becomes its decimal text,
anything else stays refused (a bool in a text field is a bug in the caller, not a typing habit).
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import ScalarNode

from notices.reader.source import PathKey, SourceMap, value_at
from notices.spec.types import TEXT_WANTED

# pydantic's error types for "this is not text (or a list or a model)": a scalar's text may be what was meant.
_NOT_TEXT = frozenset(
    {"string_type", "model_type", "dict_type", "list_type", "model_attributes_type", TEXT_WANTED}
)
_TYPED_SCALARS = (int, float, decimal.Decimal, dt.date)  # bool is an int; datetime is a date

Model = TypeVar("Model", bound=BaseModel)


def validate_as_typed(
    model: type[Model], data: dict[str, Any], source: SourceMap
) -> tuple[Model | None, ValidationError | None, dict[str, Any]]:
    """``model`` validated from ``data``, with refused numbers, dates and yes/no read as the text typed.

    Returns the instance (or ``None``), the error still standing (or ``None``) and the data validated last,
    whose paths the error's locations follow.
    """
    try:
        return model.model_validate(data), None, data
    except ValidationError as first:
        retyped = as_typed_text(first, data, source)
        if retyped is None:
            return None, first, data
    try:
        return model.model_validate(retyped), None, retyped
    except ValidationError as again:
        return None, again, retyped


def as_typed_text(err: ValidationError, data: dict[str, Any], source: SourceMap) -> dict[str, Any] | None:
    """A copy of ``data`` with each refused number, date or yes/no replaced by its text as typed, or ``None``
    when no refusal is of that sort (so validating again could not change anything)."""
    replacements: dict[PathKey, str] = {}
    for error in err.errors(include_url=False):
        if error["type"] not in _NOT_TEXT:
            continue
        path = _data_path(error["loc"], data)
        if path is None or path in replacements:
            continue
        text = _typed_text(value_at(data, path), source, path)
        if text is not None:
            replacements[path] = text
    if not replacements:
        return None
    patched: dict[str, Any] = _copy(data)
    for path, text in replacements.items():
        parent = value_at(patched, path[:-1])
        parent[path[-1]] = text
    return patched


def _typed_text(value: Any, source: SourceMap, path: PathKey) -> str | None:
    if not isinstance(value, _TYPED_SCALARS):
        return None
    node = source.nodes.get(path)
    if isinstance(node, ScalarNode) and not node.style and source.text is not None:  # plain ("" from libyaml)
        return str(node.value)  # the characters in the file: 02162, 2026-01-01, No
    if source.text is None and isinstance(value, int | decimal.Decimal) and not isinstance(value, bool):
        return str(value)  # a caller's number, in the decimal form every reader knows
    return None


def _data_path(loc: tuple[int | str, ...], data: Any) -> PathKey | None:
    """The path of the value an error is about, following pydantic's location through the data and skipping
    its union-branch labels (``str``, ``list[str]``, ``Section``); ``None`` when it does not lead to a value."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_mapping = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            path.append(part)
            node = node[part]
        elif isinstance(node, dict | list):
            continue  # a union branch's label inside a container
        else:
            break  # a label after the value itself: the value is reached
    return tuple(path) if path else None


def _copy(value: Any) -> Any:
    """A copy of the containers (the scalars are shared: they are never changed in place)."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
