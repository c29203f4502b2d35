"""The one YAML loader of notices: specs, house styles and recipients files are all read through it.

PyYAML's safe loader builds no objects, but it still hangs, crashes or explodes on hostile text: an alias that
repeats the node it sits in (a recursive structure that never ends when walked), nine levels of nine aliases
(a few hundred bytes standing for hundreds of millions of strings), a few thousand ``[`` (``RecursionError``),
control characters (``ReaderError`` with a character position instead of a line). This loader refuses all of
them while the node tree is composed, before anything is expanded, each with a line, a column and a fix:

- forbidden characters (``characters.py``) are found in the text first, with their line and column;
- an alias weighs one plus the aliases inside what it repeats, and more than :data:`MAX_ALIASES` in all is
  refused, so repeating a repeated part counts what it really expands to; an alias inside its own anchor is
  refused outright;
- mappings and lists nest at most :data:`MAX_DEPTH` deep;
- YAML's own syntax errors are explained in the words a writer needs, and the slips Chinese writers make most
  (a full-width colon after a key, a tab, an unquoted ``{{``) are reported where they were typed
  (``slips.py``), not where the parser gave up.

Everything is parsed by libyaml's event parser where PyYAML was built with it (about four times faster than
PyYAML's own; its marks count characters too, as the source map needs), under PyYAML's composer extended here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from notices.errors import Location, Problem
from notices.i18n import _
from notices.reader.characters import FIX as CHARACTER_FIX
from notices.reader.characters import describe, forbidden_characters
from notices.reader.limits import MAX_ALIASES, MAX_DEPTH, MAX_VALUES

try:  # libyaml's event parser when PyYAML was built with it
    from yaml._yaml import CParser as _EventParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built

    class _EventParser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)


_MAX_REPORTED_CHARACTERS = 20


@dataclass
class YamlRefusal(Exception):
    """Why a YAML text is refused, at a 1-based line and column (None when unknown)."""

    message: str
    fix: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.message

    def problem(self, file: str, code: str = "yaml") -> Problem:
        return Problem(self.message, Location(file, self.line, self.column), fix=self.fix, code=code)


class WeighingComposer(Composer):
    """PyYAML's composer, weighing aliases and counting depth and values while the node tree is built.

    PyYAML shares a repeated node instead of copying it, so composing stays cheap whatever the aliases stand
    for; it is walking the result later (building data, a template, ``str()``) that would explode, so the
    weight is what the walk would cost.
    """

    max_values = MAX_VALUES

    def __init__(self) -> None:
        super().__init__()
        self.alias_weight = 0
        self._weight_inside: dict[int, int] = {}  # id of an anchored node → weight of the aliases inside it
        self._depth = 0
        self._values = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor) if event.anchor is not None else None
            if target is not None:
                inside = self._weight_inside.get(id(target))
                if inside is None:  # the anchor is still open: an alias inside its own definition
                    raise _refusal(
                        _("the alias *{anchor} repeats the part that contains it: it would never end").format(
                            anchor=event.anchor
                        ),
                        _("write the values out instead of repeating them with &anchor / *alias"),
                        event,
                    )
                self.alias_weight += 1 + inside
                if self.alias_weight > MAX_ALIASES:
                    raise _refusal(
                        _(
                            "more than {MAX_ALIASES} aliases (*name), counting those inside repeated parts: refusing to expand them"
                        ).format(MAX_ALIASES=MAX_ALIASES),
                        _("write the values out instead of repeating them with &anchor / *alias"),
                        event,
                    )
            return super().compose_node(parent, index)
        self._values += 1
        if self._values > self.max_values:
            raise _refusal(
                _("more than {max_values:,} values in one file").format(max_values=self.max_values),
                _("a notice never needs this many; split the data"),
                event,
            )
        opens = isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent)
        if opens:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _refusal(
                    _("lists and mappings nested more than {MAX_DEPTH} deep").format(MAX_DEPTH=MAX_DEPTH),
                    _("flatten the structure; a notice spec is at most a few levels deep"),
                    event,
                )
        anchor = getattr(event, "anchor", None)
        before = self.alias_weight
        node = super().compose_node(parent, index)
        if opens:
            self._depth -= 1
        if anchor is not None and node is not None:
            self._weight_inside[id(node)] = self.alias_weight - before
        return node


def _refusal(message: str, fix: str, event: Any) -> YamlRefusal:
    mark = getattr(event, "start_mark", None)
    if mark is None:
        return YamlRefusal(message, fix)
    return YamlRefusal(message, fix, mark.line + 1, mark.column + 1)


class SafeLoader(WeighingComposer, Reader, Scanner, Parser, SafeConstructor, Resolver):
    """Pure-Python parser under the weighing composer: marks count characters, as the source map needs."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        WeighingComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        # The scanner revisits one possible key per open "[" or "{" at every token: a megabyte of "["
        # would take hours before the composer saw the depth, so the scanner stops first.
        if self.flow_level >= MAX_DEPTH:
            mark = self.get_mark()
            raise YamlRefusal(
                _("lists and mappings nested more than {MAX_DEPTH} deep").format(MAX_DEPTH=MAX_DEPTH),
                _("flatten the structure; a notice spec is at most a few levels deep"),
                mark.line + 1,
                mark.column + 1,
            )
        super().fetch_flow_collection_start(TokenClass)


class FastLoader(WeighingComposer, _EventParser, SafeConstructor, Resolver):
    """libyaml's event parser under the weighing composer, for large recipients files."""

    def __init__(self, stream: str) -> None:
        _EventParser.__init__(self, stream)
        WeighingComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def character_refusals(text: str) -> list[YamlRefusal]:
    """Every forbidden character in ``text`` (up to a handful), located."""
    found = []
    line, line_start = 1, 0
    position = 0
    for index, char in forbidden_characters(text):
        line += text.count("\n", position, index)
        if line > 1:
            line_start = text.rfind("\n", 0, index) + 1
        position = index
        found.append(
            YamlRefusal(
                _("the file holds {char}").format(char=describe(char)),
                _(CHARACTER_FIX),
                line,
                index - line_start + 1,
            )
        )
        if len(found) >= _MAX_REPORTED_CHARACTERS:
            break
    return found


def compose(loader: WeighingComposer, text: str) -> Node | None:
    """The root node of the single document in ``loader``'s text (None for an empty one).

    Raises :class:`YamlRefusal`: a forbidden character, a limit, or YAML's own syntax error explained (with
    the writer's slip found where it was typed, when there is one).
    """
    from notices.reader.slips import explain_yaml_error

    characters = character_refusals(text)
    if characters:
        raise characters[0]
    try:
        return loader.get_single_node()
    except yaml.YAMLError as err:
        raise explain_yaml_error(text, err) from None
    except RecursionError:  # pragma: no cover - the depth limit comes first
        raise YamlRefusal(_("lists and mappings nested too deeply"), _("flatten the structure")) from None


__all__ = [
    "FastLoader",
    "SafeLoader",
    "WeighingComposer",
    "YamlRefusal",
    "character_refusals",
    "compose",
]


def yaml_nodes(root: Node | None) -> Iterator[Node]:
    """Every node under ``root`` (keys and values), each once: an alias is the node it names, met again."""
    stack = [root] if root is not None else []
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
