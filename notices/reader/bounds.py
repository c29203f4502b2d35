"""Spec data held to the limits and to plain data, whether it came from YAML, a dict or a rendered template.

YAML text is checked while it is parsed (``yaml_safe.py``); what a YAML escape (``"\\0"``), a Python caller's
dict or a template produced is checked here, on the data itself, before any stage works on it:

- no forbidden character in any text (``characters.py``), at the character's own line and column;
- text values, all the text together, titles and the number of body entries within ``limits.py``;
- lists and mappings nested within :data:`~notices.reader.limits.MAX_DEPTH` (a dict that contains itself stops
  there too);
- only plain data (text, numbers, booleans, dates and times, lists and mappings with text keys): a module, a
  ``Path`` or any other object in ``vars`` or ``recipient`` would hand its methods to every spec string
  (``{{ vars.os.system(...) }}``), so it is refused, naming where it is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from notices.errors import Location, Problem
from notices.i18n import _
from notices.reader.characters import FIX as CHARACTER_FIX
from notices.reader.characters import describe, first_forbidden
from notices.reader.limits import (
    MAX_BODY_ENTRIES,
    MAX_DEPTH,
    MAX_STRING_CHARS,
    MAX_TABLE_CELL_CHARS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    MAX_VALUES,
)
from notices.reader.source import PathKey, SourceMap, path_text
from notices.spec.tables import pasted_rows

PLAIN_SCALARS = (str, int, float, decimal.Decimal, bool, dt.date, dt.time, type(None))
_MAX_PROBLEMS = 20


class _TooMany(Exception):
    pass


def data_problems(data: Any, source: SourceMap, *, check_titles: bool = True) -> list[Problem]:
    """Every way ``data`` (a spec's plain data) breaks a limit or is not plain data, located."""
    walker = _Walker(source)
    with contextlib.suppress(_TooMany):
        walker.walk(data, ())
    problems = walker.problems
    if walker.text_chars > MAX_TEXT_CHARS:
        problems.append(
            Problem(
                _(
                    "the notice holds {text_chars:,} characters of text; the limit is {MAX_TEXT_CHARS:,}"
                ).format(text_chars=walker.text_chars, MAX_TEXT_CHARS=MAX_TEXT_CHARS),
                source.locate(()),
                fix=_("a customer notice is a few pages: move long material into a separate document"),
                code="limit",
            )
        )
    if check_titles and isinstance(data, Mapping):
        problems.extend(_title_problems(data, source))
        problems.extend(_body_problems(data, source))
        problems.extend(_table_cell_problems(data, source))
    return problems


class _Walker:
    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.text_chars = 0
        self.values = 0

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= _MAX_PROBLEMS:
            raise _TooMany

    def walk(self, value: Any, path: PathKey) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            self.add(
                Problem(
                    _("more than {MAX_VALUES:,} values").format(MAX_VALUES=MAX_VALUES),
                    self.source.locate(path),
                    path_text(path),
                    code="limit",
                )
            )
            raise _TooMany
        if len(path) > MAX_DEPTH:
            self.add(
                Problem(
                    _("lists and mappings nested more than {MAX_DEPTH} deep").format(MAX_DEPTH=MAX_DEPTH),
                    self.source.locate(path),
                    path_text(path),
                    _("flatten the structure (or the data refers to itself)"),
                    code="limit",
                )
            )
            return
        if isinstance(value, str):
            self._text(value, path)
        elif isinstance(value, Mapping):
            for key, inner in value.items():
                if not isinstance(key, str):
                    self.add(
                        Problem(
                            _("the key {key!r} is not text").format(key=key),
                            self.source.locate(path),
                            path_text(path),
                            _("use text keys"),
                            code="spec",
                        )
                    )
                    continue
                self._text(key, (*path, key), key=True)
                self.walk(inner, (*path, key))
        elif isinstance(value, list | tuple):
            for index, inner in enumerate(value):
                self.walk(inner, (*path, index))
        elif isinstance(value, float) and not math.isfinite(value):
            self.add(
                Problem(
                    _("{value!r} is not a number a notice can print").format(value=value),
                    self.source.locate(path),
                    path_text(path),
                    _("write a number"),
                )
            )
        elif not isinstance(value, PLAIN_SCALARS):
            self.add(
                Problem(
                    _(
                        "{where} holds {what}; only text, numbers, dates, lists and mappings can reach a notice"
                    ).format(where=path_text(path) or _("the spec"), what=_kind_of(value)),
                    self.source.locate(path),
                    path_text(path),
                    _("pass the value itself (str(path), a number, a date) instead of the object"),
                )
            )

    def _text(self, text: str, path: PathKey, *, key: bool = False) -> None:
        self.text_chars += len(text)
        found = first_forbidden(text)
        if found is not None:
            offset, char = found
            where = self.source.locate(path, key=True) if key else self.source.locate(path, offset)
            self.add(
                Problem(
                    _("the text holds {char}").format(char=describe(char)),
                    where,
                    path_text(path),
                    _(CHARACTER_FIX),
                )
            )
        if len(text) > MAX_STRING_CHARS:
            self.add(
                Problem(
                    _("a text of {count:,} characters; one value is limited to {MAX_STRING_CHARS:,}").format(
                        count=len(text), MAX_STRING_CHARS=MAX_STRING_CHARS
                    ),
                    self.source.locate(path),
                    path_text(path),
                    _("split it into paragraphs (one list entry each)"),
                    code="limit",
                )
            )


def _kind_of(value: Any) -> str:
    kind = type(value)
    if kind.__name__ == "module":
        return _("a Python module ({value})").format(value=getattr(value, "__name__", "?"))
    if callable(value):
        return _("a function or class ({value})").format(value=getattr(value, "__name__", kind.__name__))
    return _("a {type} object").format(type=f"{kind.__module__}.{kind.__qualname__}".replace("builtins.", ""))


def _title_problems(data: Mapping[str, Any], source: SourceMap) -> Iterator[Problem]:
    titles: list[tuple[PathKey, Any]] = [(("title",), data.get("title"))]
    attachments = data.get("attachments")
    if isinstance(attachments, list):
        for index, attachment in enumerate(attachments):
            if isinstance(attachment, Mapping):
                titles.append((("attachments", index, "title"), attachment.get("title")))
    for path, title in titles:
        if isinstance(title, str) and len(title) > MAX_TITLE_CHARS:
            yield Problem(
                _("the title has {count} characters; a title is limited to {MAX_TITLE_CHARS}").format(
                    count=len(title), MAX_TITLE_CHARS=MAX_TITLE_CHARS
                ),
                source.locate(path),
                path_text(path),
                _(
                    "shorten it: a title names the matter in one to three lines (关于…的通知); the details belong in the body"
                ),
                code="limit",
            )


def _body_problems(data: Mapping[str, Any], source: SourceMap) -> Iterator[Problem]:
    entries = _entries(data.get("body"))
    attachments = data.get("attachments")
    if isinstance(attachments, list):
        entries += sum(_entries(a.get("body")) for a in attachments if isinstance(a, Mapping))
    if entries > MAX_BODY_ENTRIES:
        yield Problem(
            _(
                "the body and attachments hold {entries} paragraphs, headings and items; the limit is {MAX_BODY_ENTRIES}"
            ).format(entries=entries, MAX_BODY_ENTRIES=MAX_BODY_ENTRIES),
            source.locate(("body",)),
            "body",
            _("a customer notice is a few pages: move long lists into a separate document"),
            code="limit",
        )


def _table_cell_problems(data: Mapping[str, Any], source: SourceMap) -> Iterator[Problem]:
    """A cell of a writer's table over the limit, located at its row (the limit's reason: reader.limits)."""
    bodies: list[tuple[PathKey, Any]] = [(("body",), data.get("body"))]
    attachments = data.get("attachments")
    if isinstance(attachments, list):
        bodies += [
            (("attachments", i, "body"), a.get("body"))
            for i, a in enumerate(attachments)
            if isinstance(a, Mapping)
        ]
    for path, body in bodies:
        for table_path, table in _tables(body, path, 0):
            rows = table.get("rows")
            lines: list[tuple[PathKey, Any]] = (
                [((*table_path, "rows", i), row) for i, row in enumerate(rows)]
                if isinstance(rows, list)
                else [((*table_path, "rows"), cells) for cells in _pasted_cells(rows)]
                if isinstance(rows, str)
                else []
            )
            header = table.get("header")
            if isinstance(header, list):
                lines.insert(0, ((*table_path, "header"), header))
            for where, cells in lines:
                long = (
                    next((c for c in cells if isinstance(c, str) and len(c) > MAX_TABLE_CELL_CHARS), None)
                    if isinstance(cells, list)
                    else None
                )
                if long is not None:
                    yield Problem(
                        _(
                            "a table cell of {count:,} characters ({cell!r}…); a cell is limited to {MAX_TABLE_CELL_CHARS}"
                        ).format(count=len(long), cell=long[:30], MAX_TABLE_CELL_CHARS=MAX_TABLE_CELL_CHARS),
                        source.locate(where),
                        path_text(where),
                        _(
                            "a table column is a few characters wide: put the long text in a paragraph under the table"
                        ),
                        code="limit",
                    )
                    return


def _pasted_cells(text: str) -> list[list[str]]:
    """Pasted rows split as the spec model splits them (tabs, else |, the Markdown rule left out); a text it
    refuses (no separator) as a cell a line, which the model then reports."""
    try:
        return pasted_rows(text)
    except ValueError:
        return [[line] for line in text.splitlines() if line.strip()]


def _tables(body: Any, path: PathKey, depth: int) -> Iterator[tuple[PathKey, Mapping[str, Any]]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(body, list):
        for index, item in enumerate(body):
            yield from _tables(item, (*path, index), depth + 1)
    elif isinstance(body, Mapping):
        table = body.get("table")
        if isinstance(table, Mapping):
            yield (*path, "table"), table
        yield from _tables(body.get("items"), (*path, "items"), depth + 1)


def _entries(body: Any, depth: int = 0) -> int:
    """Paragraphs, headings, items and table rows; a body pasted as one text (``body: |``) is a paragraph a
    line, as the spec model splits it."""
    if depth > MAX_DEPTH:
        return 0
    if isinstance(body, str):
        return sum(1 for line in body.splitlines() if line.strip()) if depth == 0 else 1
    if isinstance(body, list):
        return sum(_entries(item, depth + 1) for item in body)
    if isinstance(body, Mapping):
        heading = 1 if body.get("heading") else 0
        table = body.get("table")
        rows = table.get("rows") if isinstance(table, Mapping) else None
        table_rows = (
            len(rows) if isinstance(rows, list) else len(_pasted_cells(rows)) if isinstance(rows, str) else 0
        )
        return (
            heading
            + table_rows
            + _entries(body.get("text"), depth + 1)
            + _entries(body.get("items"), depth + 1)
        )
    return 0


def plain_data(value: Any, where: str = "value", depth: int = 0) -> Any:
    """``value`` as plain data (dicts, lists, text, numbers, dates), or ValueError naming what is not.

    For values that reach a template from a Python caller (``recipient=``, rows as mappings): a mapping or a
    sequence of another type is copied into a plain one, so no object of the caller's reaches the sandbox.
    """
    if depth > MAX_DEPTH:
        raise ValueError(
            _("{where} is nested more than {MAX_DEPTH} deep (or refers to itself)").format(
                where=where, MAX_DEPTH=MAX_DEPTH
            )
        )
    if isinstance(value, str):
        return str.__str__(value)  # a plain str, whatever subclass came in
    if isinstance(value, bool | int | decimal.Decimal | dt.date | dt.time) or value is None:
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(
                _("{where} is {value!r}, not a number a notice can print").format(where=where, value=value)
            )
        return value
    if isinstance(value, Mapping):
        out = {}
        for key, inner in value.items():
            if not isinstance(key, str):
                raise ValueError(
                    _("{where} has the key {key!r}, which is not text").format(where=where, key=key)
                )
            out[str(key)] = plain_data(inner, f"{where}.{key}", depth + 1)
        return out
    if isinstance(value, list | tuple):
        return [plain_data(inner, f"{where}[{i}]", depth + 1) for i, inner in enumerate(value)]
    raise ValueError(
        _("{where} holds {value}; only text, numbers, dates, lists and mappings can reach a notice").format(
            where=where, value=_kind_of(value)
        )
    )


def locate_text(data: Any, source: SourceMap, characters: Iterable[str]) -> Location | None:
    """Where the first of ``characters`` was typed in a spec's data (for an error found while drawing)."""
    wanted = set(characters)
    stack: list[tuple[PathKey, Any]] = [((), data)]
    while stack:
        path, node = stack.pop(0)
        if isinstance(node, str):
            for offset, char in enumerate(node):
                if char in wanted:
                    return source.locate(path, offset)
        elif isinstance(node, Mapping):
            stack.extend(((*path, key), value) for key, value in node.items() if key != "checks")
        elif isinstance(node, list):
            stack.extend(((*path, index), value) for index, value in enumerate(node))
    return None
