"""JSON and YAML recipients: a list of mappings (or ``{recipients: [...]}``), read whole but size-capped.

YAML is read by the loader specs and house styles use (``notices/reader/yaml_safe.py``): forbidden characters,
aliases weighed with what they repeat, nesting depth, all refused before anything is expanded, so a few hundred
bytes cannot stand for millions of strings. YAML 1.1 turns some codes and times into numbers (``00123`` → 83,
``10:30`` → 630, ``no`` → False); in a recipients file those stay text as typed, which is what a code, a time or
a country code means here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from notices.batch._encoding import decode_bytes
from notices.batch.rows import (
    RecipientFileError,
    RecipientRow,
    RowProblem,
    header_text,
    is_blank,
    value_problems,
)
from notices.i18n import _
from notices.reader.limits import MAX_RECIPIENTS_DOCUMENT_BYTES, MAX_RECIPIENTS_VALUES
from notices.reader.yaml_safe import FastLoader, YamlRefusal, compose

MAX_DOCUMENT_BYTES = MAX_RECIPIENTS_DOCUMENT_BYTES

LIST_KEY = "recipients"


class _RecipientLoader(FastLoader):
    """The one hardened YAML loader (aliases weighed, depth limited), reading codes and times as typed."""

    max_values = MAX_RECIPIENTS_VALUES

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        if re.fullmatch(r"[-+]?0[0-9_]+|.*:.*", node.value):
            return node.value  # a code with leading zeros, or a time: not YAML 1.1's octal and base 60
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node: ScalarNode) -> Any:
        if ":" in node.value:
            return node.value
        return super().construct_yaml_float(node)

    def construct_yaml_bool(self, node: ScalarNode) -> Any:
        if node.value.lower() not in ("true", "false"):
            return node.value  # yes/no/on/off: the Norway problem
        return super().construct_yaml_bool(node)


_RecipientLoader.yaml_constructors = {
    **SafeConstructor.yaml_constructors,
    "tag:yaml.org,2002:int": _RecipientLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": _RecipientLoader.construct_yaml_float,
    "tag:yaml.org,2002:bool": _RecipientLoader.construct_yaml_bool,
}


def read_json(path: Path, file: str) -> Iterator[RecipientRow]:
    text = decode_bytes(_read_capped(path, file), file)
    try:
        document = json.loads(text, object_pairs_hook=_JsonObject)
    except json.JSONDecodeError as err:
        raise RecipientFileError(
            file,
            _("this is not valid JSON: {msg}").format(msg=err.msg),
            line=err.lineno,
            column=err.colno,
            fix=_LIST_SHAPE,
        ) from None
    except RecursionError:
        raise RecipientFileError(
            file, _("lists and objects are nested too deeply to be a list of recipients"), fix=_LIST_SHAPE
        ) from None
    for index, item in enumerate(_row_list(document, file), start=1):
        source = f"{file}: item {index}"
        if not isinstance(item, dict):
            yield _not_a_mapping(index, source, item)
            continue
        duplicates: list[str] = []
        plain = _plain(item, "", duplicates)
        problems = [
            RowProblem(
                index, key, _("the key appears twice in this object; the last one would win"), _("keep one")
            )
            for key in duplicates
        ]
        yield _mapping_row(index, source, plain, problems)


def read_yaml(path: Path, file: str) -> Iterator[RecipientRow]:
    text = decode_bytes(_read_capped(path, file), file)
    loader = _RecipientLoader(text)
    try:
        try:
            root = compose(loader, text)
        except YamlRefusal as refusal:
            raise RecipientFileError(
                file, refusal.message, line=refusal.line, column=refusal.column, fix=refusal.fix
            ) from None
        if root is None:
            raise RecipientFileError(file, _("the file is empty"), fix=_LIST_SHAPE)
        items = _row_nodes(root, file)
        for index, node in enumerate(items, start=1):
            source = f"{file}:{node.start_mark.line + 1} (item {index})"
            try:
                item = loader.construct_object(node, deep=True)
            except (ConstructorError, ValueError, TypeError) as err:
                yield RecipientRow(index, {}, source, (_unreadable_value(index, err),))
                continue
            if not isinstance(node, MappingNode) or not isinstance(item, dict):
                yield _not_a_mapping(index, source, item)
                continue
            problems = [
                RowProblem(
                    index,
                    key,
                    _("the key appears twice (line {line})").format(line=line),
                    _("keep one of the two"),
                )
                for key, line in _duplicate_yaml_keys(node)
            ]
            yield _mapping_row(index, source, item, problems)
    finally:
        loader.dispose()


_LIST_SHAPE = _("write a list of rows, one mapping per recipient, e.g. [{code: '001', name: 张三}, …]")


def _read_capped(path: Path, file: str) -> bytes:
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise RecipientFileError(
            file,
            _(
                "the file is {value:.1f} MB; JSON and YAML recipient lists are limited to {value2} MB because they are read whole"
            ).format(value=size / 1000000.0, value2=MAX_DOCUMENT_BYTES // (1024 * 1024)),
            fix=_("use CSV or XLSX for long lists: they are read row by row"),
        )
    return path.read_bytes()


def _row_list(document: Any, file: str) -> list[Any]:
    if isinstance(document, dict) and isinstance(document.get(LIST_KEY), list):
        return list(document[LIST_KEY])
    if isinstance(document, list):
        return document
    raise RecipientFileError(file, _("the file holds no list of recipients"), fix=_LIST_SHAPE)


def _row_nodes(root: Node, file: str) -> list[Node]:
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == LIST_KEY and isinstance(value, SequenceNode):
                return list(value.value)
    if isinstance(root, SequenceNode):
        return list(root.value)
    raise RecipientFileError(
        file, _("the file holds no list of recipients"), line=root.start_mark.line + 1, fix=_LIST_SHAPE
    )


def _mapping_row(index: int, source: str, item: dict[Any, Any], problems: list[RowProblem]) -> RecipientRow:
    data: dict[str, Any] = {}
    for key, value in item.items():
        name = header_text(key)
        if not name:
            problems.append(RowProblem(index, None, _("a key is empty"), _("give every value a key")))
        elif name in data:
            problems.append(
                RowProblem(index, name, _("the key appears twice once spaces are ignored"), _("keep one"))
            )
        elif not is_blank(value):
            data[name] = _stripped(value)
    problems.extend(value_problems(index, data))
    return RecipientRow(index, data, source, tuple(problems))


def _stripped(value: Any) -> Any:
    """Text without the spaces around it, in nested values too (as CSV and XLSX cells lose them)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {key: _stripped(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_stripped(inner) for inner in value]
    return value


def _unreadable_value(index: int, err: Exception) -> RowProblem:
    mark = getattr(err, "problem_mark", None)
    reason = getattr(err, "problem", None) or str(err)
    message = (
        _("a value cannot be read (line {line}): {reason}")
        if mark is not None
        else _("a value cannot be read: {reason}")
    ).format(line=mark.line + 1 if mark is not None else 0, reason=reason)
    return RowProblem(index, None, message, _("quote the value to keep it as text"))


def _not_a_mapping(index: int, source: str, item: Any) -> RecipientRow:
    shown = type(item).__name__ if isinstance(item, list | dict) else repr(item)[:40]
    problem = RowProblem(
        index,
        None,
        _("this item is not a mapping of column → value (got {shown})").format(shown=shown),
        _("write it as {key: value, …}"),
    )
    return RecipientRow(index, {}, source, (problem,))


class _JsonObject(dict[str, Any]):
    """A JSON object that remembers which of its keys were written more than once (json keeps the last)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        counts = Counter(key for key, _ in pairs)
        self.duplicates = sorted(key for key, count in counts.items() if count > 1)


def _plain(value: Any, prefix: str, duplicates: list[str]) -> Any:
    """``value`` with plain dicts for :class:`_JsonObject`, collecting duplicate keys as dotted paths."""
    if isinstance(value, _JsonObject):
        duplicates += [prefix + key for key in value.duplicates]
        return {key: _plain(inner, f"{prefix}{key}.", duplicates) for key, inner in value.items()}
    if isinstance(value, list):
        return [_plain(inner, f"{prefix}{position}.", duplicates) for position, inner in enumerate(value)]
    return value


def _duplicate_yaml_keys(node: MappingNode) -> list[tuple[str, int]]:
    seen: set[str] = set()
    found = []
    for key, _value in node.value:
        if isinstance(key, ScalarNode):
            if key.value in seen:
                found.append((key.value, key.start_mark.line + 1))
            seen.add(key.value)
    return found
