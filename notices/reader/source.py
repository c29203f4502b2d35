"""YAML text → plain Python data plus a map from each spec path back to its place in the file.

PyYAML's composer gives every node its start and end marks; we keep them so that any later stage (the model, the
checker, the composer) can say "spec.yaml:14:9" instead of "somewhere in body". The text is composed by the one
hardened loader (``yaml_safe.py``): limits are enforced while the node tree is built, before anything is
expanded, so a 341-byte alias bomb costs nothing.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from notices.errors import Location, Problem, SpecError
from notices.i18n import _
from notices.reader.files import file_noun
from notices.reader.limits import MAX_SPEC_BYTES, MAX_VALUES
from notices.reader.slips import brace_slips, flow_comma_slips, full_width_colon_slips
from notices.reader.yaml_safe import FastLoader, YamlRefusal, character_refusals, compose, yaml_nodes

_SCALAR_ONLY = tuple("tag:yaml.org,2002:" + n for n in ("str", "int", "float", "bool", "null", "timestamp"))
_WRONG_TAGS: dict[type[Node], tuple[str, ...]] = {
    MappingNode: (*_SCALAR_ONLY, "tag:yaml.org,2002:seq"),
    SequenceNode: (*_SCALAR_ONLY, "tag:yaml.org,2002:map"),
    ScalarNode: ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"),
}
# Tags a spec may carry, explicitly or by YAML's own resolution; anything else (!!binary, !!set, !!python/…) is
# refused rather than turned into bytes, sets or tuples no later stage expects.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

PathKey = tuple[str | int, ...]


def path_text(path: PathKey) -> str:
    """``("body", 2, "text")`` → ``body[2].text``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def value_at(data: Any, path: PathKey) -> Any:
    """The value at ``path`` in plain data, or None where the path does not exist."""
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


@dataclass
class SourceMap:
    """Where each value of a spec came from. For a dict spec there is no text, only paths."""

    file: str
    text: str | None = None
    nodes: dict[PathKey, Node] = field(default_factory=dict)
    key_nodes: dict[PathKey, Node] = field(default_factory=dict)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.text is not None:
            self._line_starts = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of a character index in the text."""
        line = bisect.bisect_right(self._line_starts, index) - 1
        return line + 1, index - self._line_starts[line] + 1

    def locate(self, path: PathKey, offset: int | None = None, *, key: bool = False) -> Location:
        """The location of a value, its key, or the character ``offset`` inside a string value.

        Falls back to the nearest ancestor that exists, so a missing field points at the mapping that lacks it.
        """
        table = self.key_nodes if key else self.nodes
        probe = path
        while probe and probe not in table:
            probe = probe[:-1]
            table = self.nodes
        node = table.get(probe)
        if node is None or self.text is None:
            return Location(self.file)
        index = node.start_mark.index
        if offset is not None and isinstance(node, ScalarNode) and probe == path:
            index = self._index_in_scalar(node, offset)
        line, column = self.position(index)
        return Location(self.file, line, column)

    def _index_in_scalar(self, node: ScalarNode, offset: int) -> int:
        """Map a character offset in a parsed string back into the YAML source.

        Quoting, escapes, folding and block indentation only add or drop whitespace and markup around the
        characters of the value, so walking value and source together, matching character by character,
        lands on the right source position without re-implementing YAML's scalar rules.
        """
        assert self.text is not None
        value = str(node.value)
        src_start, src_end = node.start_mark.index, node.end_mark.index
        i = src_start
        if node.style in ("|", ">"):
            newline = self.text.find("\n", src_start, src_end)
            i = newline + 1 if newline != -1 else src_start
        elif node.style in ("'", '"'):
            i = src_start + 1
        for ch in value[: max(0, min(offset, len(value)))]:
            found = self.text.find(ch, i, src_end)
            if found == -1:
                continue  # an escaped character ("\\n" in a double-quoted string): the rest still lines up
            i = found + 1
        if offset < len(value):
            found = self.text.find(value[offset], i, src_end)
            if found != -1:
                i = found
        return min(i, max(src_start, src_end - 1))


class _Builder:
    """Turn the composed node tree into plain data, recording each node's path and collecting problems."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")
        self.node_count = 0

    def build(self, node: Node, path: PathKey) -> Any:
        self.node_count += 1
        if self.node_count > MAX_VALUES:
            raise SpecError(
                Problem(
                    _("the file expands to more than {MAX_VALUES:,} values").format(MAX_VALUES=MAX_VALUES),
                    self.source.locate(path),
                    fix=_("remove repeated aliases; a notice never needs this many values"),
                    code="yaml",
                )
            )
        self.source.nodes[path] = node
        if node.tag not in _PLAIN_TAGS or node.tag in _WRONG_TAGS.get(type(node), ()):
            self._problem(
                node,
                _("the tag {value} is not used in a notice").format(
                    value=node.tag.replace("tag:yaml.org,2002:", "!!")
                ),
                path,
                _(
                    "remove the tag (the word starting with !) and write the value as text, a number or a date"
                ),
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        out: dict[str, Any] = {}
        try:
            self.constructor.flatten_mapping(node)
        except yaml.MarkedYAMLError as err:  # "<<:" merging a value that is not a mapping
            mark = err.problem_mark or node.start_mark
            line, column = mark.line + 1, mark.column + 1
            self.problems.append(
                Problem(
                    _("“<<:” merges mappings into this one, but what it names is not a mapping"),
                    Location(self.source.file, line, column),
                    path_text(path),
                    _("write the keys out, or merge an anchored mapping: <<: *defaults"),
                )
            )
            node.value = [(k, v) for k, v in node.value if k.tag != "tag:yaml.org,2002:merge"]
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                self._problem(
                    key_node, _("a key must be a plain word"), path, _("write the key as text: name: value")
                )
                continue
            key = str(key)
            child = (*path, key)
            if key in out:
                self._problem(
                    key_node,
                    _("duplicate key {key!r}: the later value would silently replace the earlier one").format(
                        key=key
                    ),
                    child,
                    _("keep one of the two"),
                )
                continue
            self.source.key_nodes[child] = key_node
            out[key] = self.build(value_node, child)
        return out

    def _scalar(self, node: Node, path: PathKey) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as err:
            if node.tag == "tag:yaml.org,2002:timestamp":
                self._problem(
                    node,
                    _("impossible date {value!r}: {err}").format(value=node.value, err=err),
                    path,
                    _("use a date that exists (YYYY-MM-DD)"),
                )
            else:
                self._problem(
                    node,
                    _("cannot read value {value!r}").format(value=str(node.value)[:40]),
                    path,
                    _("quote it as text"),
                )
            return node.value
        if isinstance(value, float) and not math.isfinite(value):
            self._problem(
                node,
                _("{value!r} is not a number a notice can print").format(value=node.value),
                path,
                _("write a number"),
            )
            return None
        return value

    def _problem(self, node: Node, message: str, path: PathKey, fix: str) -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(message, Location(self.source.file, line, column), path_text(path), fix))


def parse_yaml(text: str, file: str, *, what: str = "spec") -> tuple[Any, SourceMap, list[Problem]]:
    """Parse one YAML document; return its data, its source map and the problems found (not raised).

    ``what`` names the file in messages ("spec", "house style"). Raises :class:`SpecError` when nothing can be
    read: a forbidden character, YAML that does not parse, a limit passed.
    """
    source = SourceMap(file, text)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_SPEC_BYTES:
        raise SpecError(
            Problem(
                _("the {what} is larger than {value} kB").format(
                    what=file_noun(what), value=MAX_SPEC_BYTES // 1000
                ),
                Location(file),
                fix=_("a {what} is a few kB; put recipient data in a recipients file").format(
                    what=file_noun(what)
                ),
                code="yaml",
            )
        )
    characters = character_refusals(text)
    if characters:
        raise SpecError([c.problem(file) for c in characters])
    loader = FastLoader(text)
    try:
        root = compose(loader, text)
    except YamlRefusal as refusal:
        raise SpecError(refusal.problem(file)) from None
    finally:
        loader.dispose()
    if root is None:
        raise SpecError(
            Problem(
                _("the {what} is empty").format(what=file_noun(what)),
                Location(file, 1, 1),
                fix=_("start from `notices init`"),
            )
        )
    builder = _Builder(source)
    data = builder.build(root, ())
    slips = _slips(text, file, root)
    slipped = {p.location.line for p in slips}
    return data, source, [*slips, *(p for p in builder.problems if p.location.line not in slipped)]


def _slips(text: str, file: str, root: Node) -> list[Problem]:
    """Slips YAML parsed without complaint (``  name：王静`` inside a mapping reads as text)."""
    from notices.reader.spec_keys import all_keys

    skip = frozenset(_block_scalar_lines(root))
    found = full_width_colon_slips(text, all_keys, skip=skip) + brace_slips(text, skip=skip)
    found += flow_comma_slips(text, root)
    return [slip.problem(file, code="slip") for slip in found]


def _block_scalar_lines(root: Node) -> set[int]:
    """1-based lines inside block scalars (``|``, ``>``) and quoted scalars: text, never keys."""
    lines: set[int] = set()
    for node in yaml_nodes(root):
        if isinstance(node, ScalarNode) and node.style in ("|", ">", "'", '"'):
            lines.update(range(node.start_mark.line + 1, node.end_mark.line + 2))
    return lines


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a spec's data (or any nested mappings, lists and tuples), in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for inner in value.values():
            yield from strings_in(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from strings_in(inner)
