"""YAML text → plain Python data plus a map from each spec path back to its place in the file.

PyYAML's composer gives every node its start and end marks; we keep them so that any later stage (the model, the
checker, the composer) can say "spec.yaml:14:9" instead of "somewhere in body". Limits are enforced while the node
tree is built, before anything is expanded, so a 341-byte alias bomb costs nothing.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from notices.errors import Location, Problem, SpecError

MAX_SPEC_BYTES = 1_000_000
MAX_ALIASES = 100
MAX_NODES = 200_000

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


class _CountingLoader(yaml.SafeLoader):
    """A safe loader that refuses alias bombs while composing, before any expansion happens."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.MarkedYAMLError(
                    problem=f"more than {MAX_ALIASES} aliases (*name): refusing to expand them",
                    problem_mark=mark,
                )
        return super().compose_node(parent, index)


def _yaml_problem(file: str, err: yaml.YAMLError) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    if mark is None:
        return Problem(message, Location(file), fix="check the YAML syntax", code="yaml")
    fix = "check indentation, quotes and colons on this line"
    if "tab" in str(problem).lower():
        fix = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in str(problem):
        fix = 'quote the value if it contains ": " (e.g. title: "a: b")'
    return Problem(message, Location(file, mark.line + 1, mark.column + 1), fix=fix, code="yaml")


class _Builder:
    """Turn the composed node tree into plain data, recording each node's path and collecting problems."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")
        self.node_count = 0

    def build(self, node: Node, path: PathKey) -> Any:
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise SpecError(
                Problem(
                    f"the spec expands to more than {MAX_NODES:,} values",
                    self.source.locate(path),
                    fix="remove repeated aliases; a notice never needs this many values",
                    code="yaml",
                )
            )
        self.source.nodes[path] = node
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        out: dict[str, Any] = {}
        self.constructor.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path) if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str | int) or isinstance(key, bool):
                self._problem(
                    key_node, "a key must be a plain word", path, "write the key as text: name: value"
                )
                continue
            key = str(key)
            child = (*path, key)
            if key in out:
                self._problem(
                    key_node,
                    f"duplicate key {key!r}: the later value would silently replace the earlier one",
                    child,
                    "keep one of the two",
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
                    f"impossible date {node.value!r}: {err}",
                    path,
                    "use a date that exists (YYYY-MM-DD)",
                )
            else:
                self._problem(node, f"cannot read value {node.value!r}: {err}", path, "quote it as text")
            return node.value
        if isinstance(value, dt.datetime):
            return value
        return value

    def _problem(self, node: Node, message: str, path: PathKey, fix: str) -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(Problem(message, Location(self.source.file, line, column), path_text(path), fix))


def parse_yaml(text: str, file: str) -> tuple[Any, SourceMap, list[Problem]]:
    """Parse one YAML document; return its data, its source map and the problems found (not raised)."""
    source = SourceMap(file, text)
    if len(text.encode("utf-8")) > MAX_SPEC_BYTES:
        raise SpecError(
            Problem(
                f"the spec is larger than {MAX_SPEC_BYTES // 1000} kB",
                Location(file),
                fix="a notice spec is a few kB; put recipient data in a recipients file",
                code="yaml",
            )
        )
    loader = _CountingLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as err:
        raise SpecError(_yaml_problem(file, err)) from None
    finally:
        loader.dispose()
    if root is None:
        raise SpecError(Problem("the spec is empty", Location(file, 1, 1), fix="start from `notices init`"))
    builder = _Builder(source)
    data = builder.build(root, ())
    return data, source, builder.problems
