"""What a recipients file holds as a whole, checked once before any row: its columns against what the spec and
the ``--name`` pattern use.

A column the spec's ``{{ recipient.phone }}`` needs but the file lacks, or a ``--name "{客户编码}"`` naming no
column, makes every row fail the same way: 300 rows gave 300 identical lines. Such a problem belongs to the
file, so it is reported once, before any row is rendered or any file written, with the columns the file has and
the nearest one by name. Title rows an ERP puts above the header are stepped over by the readers
(:class:`~notices.batch.rows.HeaderFinder`) and reported here as a note.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notices.batch.naming import name_pattern_fields
from notices.batch.overrides import SPEC_PREFIX
from notices.batch.recipients import read_recipients
from notices.batch.rows import RecipientFileError, TableHeader
from notices.errors import Location, NoticeError, Problem
from notices.i18n import _
from notices.reader import Notice
from notices.reader.source import PathKey, path_text

_ROW_FIELD = "row"  # the row number, always available to --name
_OPTIONAL_FILTERS = frozenset({"default", "d"})
_OPTIONAL_TESTS = frozenset({"defined", "undefined", "none"})


@dataclass(frozen=True)
class FileShape:
    """The columns a recipients file has (a table's header, or every key its JSON/YAML rows use)."""

    file: str
    columns: tuple[str, ...]
    header_line: int | None = None
    titles: tuple[tuple[int, str], ...] = ()

    def has(self, field: str) -> bool:
        """Whether ``field`` (a recipient field, maybe dotted) is a column or a group of dotted columns."""
        return any(column == field or column.startswith(field + ".") for column in self.columns)

    def notes(self) -> list[str]:
        if not self.titles or self.header_line is None:
            return []
        shown = "; ".join(f"{line}: {text[:40]!r}" for line, text in self.titles)
        return [
            (
                _(
                    "{file}: the row above the header ({shown}) reads as a title, not as column names; the header "
                    "is row {header_line}"
                )
                if len(self.titles) == 1
                else _(
                    "{file}: the rows above the header ({shown}) read as a title, not as column names; the header "
                    "is row {header_line}"
                )
            ).format(file=self.file, shown=shown, header_line=self.header_line)
        ]


class RecipientColumnsError(RecipientFileError):
    """The file's columns do not give what the spec or the name pattern asks for (every row would fail)."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        NoticeError.__init__(self, problems)
        self.file = file
        self.line = problems[0].location.line
        self.column = problems[0].location.column
        self.message = problems[0].message
        self.fix = problems[0].fix


class _HeaderFound(Exception):
    def __init__(self, header: TableHeader) -> None:
        self.header = header


def file_shape(path: Path, sheet: str | None = None) -> FileShape:
    """The columns of ``path``: a CSV or XLSX header (read up to it only), or the keys of JSON/YAML rows."""
    file = Path(path).name

    def stop(header: TableHeader) -> None:
        raise _HeaderFound(header)

    keys: dict[str, None] = {}
    try:
        for row in read_recipients(Path(path), sheet=sheet, seen=stop):
            keys.update(dict.fromkeys(_flat_keys(row.data)))
    except _HeaderFound as found:
        header = found.header
        return FileShape(file, tuple(name for name in header.names if name), header.line, header.titles)
    return FileShape(file, tuple(keys))


def _flat_keys(data: Mapping[str, Any], prefix: str = "") -> Iterator[str]:
    for key, value in data.items():
        yield prefix + key
        if isinstance(value, Mapping):
            yield from _flat_keys(value, f"{prefix}{key}.")


def column_problems(notice: Notice, shape: FileShape, name_pattern: str | None) -> list[Problem]:
    """Every field the spec or the name pattern needs that no column of the file gives."""
    where = Location(shape.file, shape.header_line)
    problems = []
    recipient_columns = [c for c in shape.columns if not c.lower().startswith(SPEC_PREFIX)]
    for field, path in required_recipient_fields(notice).items():
        if not shape.has(field):
            spec_place = notice.source.locate(path)
            problems.append(
                Problem(
                    _(
                        "the spec uses {{{{ recipient.{field} }}}} ({spec_place}, {path}), but the file has no column {field!r}: every row would fail. Its columns: {recipient_columns}"
                    ).format(
                        field=field,
                        spec_place=spec_place,
                        path=path_text(path),
                        recipient_columns=_listed(recipient_columns),
                    ),
                    where,
                    fix=_nearest(
                        field, recipient_columns, _("add a column named {field!r}").format(field=field)
                    ),
                    code="recipients",
                )
            )
    if name_pattern is not None:
        for field in name_pattern_fields(name_pattern):
            if field != _ROW_FIELD and not shape.has(field):
                problems.append(
                    Problem(
                        _(
                            "the name pattern {name_pattern!r} uses {{{field}}}, but the file has no column {field!r}. Its columns: {recipient_columns}"
                        ).format(
                            name_pattern=name_pattern,
                            field=field,
                            recipient_columns=_listed(recipient_columns),
                        ),
                        where,
                        fix=_nearest(
                            field, recipient_columns, _("use one of the columns, or {row} for the row number")
                        ),
                        code="recipients",
                    )
                )
    return problems


def _listed(columns: list[str]) -> str:
    return ", ".join(columns) if columns else "none"


# The headers a Chinese spreadsheet gives the fields a spec asks for most: a column named 名称 is the
# recipient's name to its writer, and no spelling distance finds it from 'name'.
_CHINESE_HEADERS = {
    "name": ("名称", "客户名称", "单位名称", "公司名称", "经销商名称", "经销商", "客户", "收件人", "姓名"),
    "email": ("邮箱", "电子邮箱", "电子邮件", "邮件", "邮件地址", "电邮"),
    "code": ("编号", "客户编号", "编码", "客户编码", "代码", "客户代码"),
    "phone": ("电话", "联系电话", "手机", "手机号", "电话号码"),
    "contact": ("联系人",),
    "address": ("地址", "联系地址", "收货地址"),
}


def _nearest(field: str, columns: list[str], otherwise: str) -> str:
    meant = [column for column in columns if column.strip() in _CHINESE_HEADERS.get(field, ())]
    if meant:
        return _(
            "the column {column!r} looks like {field!r}: rename it to {field}, or write {{{{ recipient.{column} }}}} in the spec"
        ).format(column=meant[0], field=field)
    guess = difflib.get_close_matches(field, columns, n=1, cutoff=0.5)
    return (
        _("did you mean {guess!r}? Rename the column or the field").format(guess=guess[0])
        if guess
        else otherwise
    )


def required_recipient_fields(notice: Notice) -> dict[str, PathKey]:
    """Top-level ``recipient`` fields the spec's strings use without a fallback, each with its first place.

    A field used anywhere with ``| default(…)`` or under ``is defined`` is optional: the writer has planned for
    rows without it.
    """
    from jinja2 import TemplateSyntaxError

    from notices.templating import is_template, string_environment

    environment = string_environment()
    required: dict[str, PathKey] = {}
    optional: set[str] = set()
    for path, text in _spec_strings(notice.data, ()):
        if not is_template(text):
            continue
        try:
            tree = environment.parse(text)
        except TemplateSyntaxError:
            continue  # reported when the notice is composed
        for field, guarded in _recipient_uses(tree, False):
            if guarded:
                optional.add(field)
            else:
                required.setdefault(field, path)
    return {field: path for field, path in required.items() if field not in optional}


def _spec_strings(node: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            if not path and key in ("recipient", "vars", "checks"):
                continue  # data, never templates
            yield from _spec_strings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _spec_strings(value, (*path, index))


def _recipient_uses(node: Any, guarded: bool) -> Iterator[tuple[str, bool]]:
    from jinja2 import nodes

    if isinstance(node, nodes.Filter) and node.name in _OPTIONAL_FILTERS:
        if node.node is not None:
            yield from _recipient_uses(node.node, True)
        for argument in node.args:
            yield from _recipient_uses(argument, guarded)
        return
    if isinstance(node, nodes.Test) and node.name in _OPTIONAL_TESTS:
        yield from _recipient_uses(node.node, True)
        return
    if isinstance(node, nodes.Getattr | nodes.Getitem) and _is_recipient(node.node):
        key = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(key, str):
            yield key, guarded
            return
    for child in node.iter_child_nodes():
        yield from _recipient_uses(child, guarded)


def _is_recipient(node: Any) -> bool:
    from jinja2 import nodes

    return isinstance(node, nodes.Name) and node.name == "recipient"
