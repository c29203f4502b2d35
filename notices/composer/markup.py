"""The line format kind templates write their phrasing in, and its parser.

A kind template turns structured facts into sentences; it writes one block per line, each line opening with a
directive: ``::p`` paragraph, ``::h1``…``::h4`` numbered heading, ``::i1``…``::i4`` numbered item, ``::u`` an
unnumbered item, ``::body`` the spec's own body, ``::row a | b | c`` a table row (the first row of a run is its
header), ``::caption`` a table caption, ``::section NAME`` the start of one of the kind's named sections. Spec text
has its line breaks folded away before it reaches a template, so a value can never start a directive of its own.

Where the writer's own text goes: a body with no ``facts:`` entry prints where the template says ``::body`` (after
the kind's sections, as it always has). A body with ``- facts: all`` (or ``rest``, or a list of section names)
prints in the writer's order, the kind's sections at those places; what the template writes before its first
``::section`` is its lead-in (``opening``), left out when the writer's own text comes before the first ``facts:``
entry (the writer's 缘由 replaces it). Numbers run on across both, since one :class:`Numberer` counts them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from notices.composer.numbering import english_bullet, english_marker, leading_markers, number_for, separated
from notices.document import Block, Heading, Paragraph, Table
from notices.i18n import _
from notices.spec.model import BodyItem, KindSections, Section, pasted_paragraphs

Line = tuple[str, str]  # (directive, text)

_DIRECTIVE = re.compile(r"^::(p|h[1-4]|i[1-4]|u|body|row|caption|section)(?:\s(.*))?$")
OPENING = "opening"  # the lead-in a template writes before its first ::section
_BODY = "::body"


class Numberer:
    """Hierarchical counters: an entry at level L resets the counters of every deeper level."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.counters = [0, 0, 0, 0, 0]

    def next(self, level: int) -> str:
        self.counters[level] += 1
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = 0
        return number_for(level, self.counters[level], self.lang)

    def take(self, level: int, number: int) -> None:
        """The writer typed entry ``number`` at ``level`` ("二、"): what the composer numbers next goes on from it."""
        self.counters[level] = number
        for deeper in range(level + 1, len(self.counters)):
            self.counters[deeper] = 0

    def restart_below(self, level: int) -> None:
        """An unnumbered heading (English) starts the numbering of what follows it afresh."""
        for deeper in range(level, len(self.counters)):
            self.counters[deeper] = 0


def fold(text: str, lang: str) -> list[str]:
    """Split a spec string into paragraphs at blank lines; join the lines within one (no space between CJK)."""
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        joined = lines[0]
        for line in lines[1:]:
            needs_space = lang == "en" or (joined[-1:].isascii() and line[:1].isascii())
            joined += (" " if needs_space else "") + line
        paragraphs.append(joined)
    return paragraphs


def body_blocks(items: Sequence[BodyItem], numberer: Numberer, depth: int = 1) -> list[Block]:
    """The spec's body as blocks: headings numbered by depth, items one level below their heading."""
    lang = numberer.lang
    blocks: list[Block] = []
    for item in items:
        if isinstance(item, str):
            blocks.extend(typed_block(p, numberer) for p in fold(item, lang))
            continue
        blocks.extend(_section_blocks(item, numberer, depth))
    return blocks


# A typed heading is a phrase, not a sentence: "一、订单截止时间", not "一、请于2月6日前下单。"
_SENTENCE = re.compile(r"[。！？；：!?;:]")
_HEADING_MAX_CHARS = 30


def typed_block(text: str, numberer: Numberer) -> Block:
    """A paragraph of the writer's, read for the number the writer typed at its start (GB/T 9704 §7.3.3).

    "一、订单截止时间" and "（一）华东区域", phrases without a sentence's punctuation, are headings of levels 1
    and 2 (黑体, 楷体); "一、…" or "（一）…" opening a sentence, and "1." and "（1）" at any length, are items of
    their level, the number set as the level asks. The writer's number is printed as typed and the composer's
    own numbering goes on from it. An English paragraph typed "1. …" or "(a) …" is an item of level 1 or 2,
    its number hung as the letter's own items are (layout/items.py).
    """
    if numberer.lang != "zh":
        return _typed_english(text, numberer)
    marker = next(iter(leading_markers(text)), None)
    if marker is None or marker.start != 0 or marker.number < 1:
        return Paragraph(text)
    number, rest = text[: marker.end], text[marker.end :].lstrip(" \t\u3000")
    if not rest:
        return Paragraph(text)
    numberer.take(marker.level, marker.number)
    if marker.level <= 2 and len(rest) <= _HEADING_MAX_CHARS and not _SENTENCE.search(rest):
        return Heading(marker.level, number, rest)
    return Paragraph(rest, number=separated(number, rest), level=marker.level)


def _typed_english(text: str, numberer: Numberer) -> Block:
    after_bullet = english_bullet(text)
    if after_bullet is not None:  # hung as an item, printed "•" whatever dash or dot the writer typed
        return Paragraph(text[after_bullet:], number="• ", level=1)
    marker = english_marker(text)
    if marker is None or marker.number < 1:
        return Paragraph(text)
    numberer.take(marker.level, marker.number)
    return Paragraph(text[marker.end :].lstrip(), number=text[: marker.end] + " ", level=marker.level)


def _section_blocks(section: Section, numberer: Numberer, depth: int) -> list[Block]:
    lang = numberer.lang
    blocks: list[Block] = []
    item_level = depth
    if section.heading:
        if lang == "zh":
            number = numberer.next(depth)
        else:
            number = ""
            numberer.restart_below(depth)
        blocks.append(Heading(depth, number, " ".join(fold(section.heading, lang))))
        # English headings carry no number, so their items start the numbering afresh.
        item_level = depth + 1 if lang == "zh" else depth
    if isinstance(section.text, str) and "\n" in section.text.strip():
        # Text pasted from Word after ``text: |``: each line is one of Word's paragraphs, as after ``body: |``
        # (a line the writer numbered "（1）" is its own item, not run on after the line before it).
        blocks.extend(typed_block(line, numberer) for line in pasted_paragraphs(section.text))
    else:
        texts = [section.text] if isinstance(section.text, str) else list(section.text or [])
        for text in texts:
            blocks.extend(Paragraph(p) for p in fold(text, lang))
    if section.table is not None:
        table = section.table
        blocks.append(Table(table.head, table.body, " ".join(fold(table.caption or "", lang))))
    for entry in section.items or []:
        if isinstance(entry, Section):
            blocks.extend(_section_blocks(entry, numberer, min(item_level, 4)))
            continue
        level = min(item_level, 4)
        paragraphs = fold(entry, lang)
        if paragraphs:
            number = separated(numberer.next(level), paragraphs[0])
            blocks.append(Paragraph(paragraphs[0], number=number, level=level))
            blocks.extend(Paragraph(p) for p in paragraphs[1:])
    return blocks


def parse(
    lines: Iterable[str], body: Sequence[BodyItem | KindSections], numberer: Numberer, source: str
) -> list[Block]:
    """Blocks from a kind template's output, with the spec's body where it belongs."""
    segments = _segments(lines, source)
    blocks: list[Block] = []
    for what, part in _arrange(segments, body, source):
        if what == "body":
            blocks.extend(body_blocks(part, numberer))
        else:
            blocks.extend(_blocks(part, numberer))
    return blocks


def section_names(lines: Iterable[str]) -> list[str]:
    """The ``::section`` names a template's output holds, in order (the kind tests compare them with the kind's)."""
    return [name for name, _lines in _segments(lines, "template") if name not in (OPENING, _BODY)]


def _segments(lines: Iterable[str], source: str) -> list[tuple[str, list[Line]]]:
    """The template's lines cut at each ``::section`` and at ``::body``: (name, lines) in template order."""
    segments: list[tuple[str, list[Line]]] = [(OPENING, [])]
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        match = _DIRECTIVE.match(line)
        if not match:
            raise ValueError(
                _("{source}: a template line must start with a directive (::p, ::h1, …): {line!r}").format(
                    source=source, line=line
                )
            )
        directive, text = match.group(1), (match.group(2) or "").strip()
        if directive == "section":
            if not text or any(text == name for name, _lines in segments):
                raise ValueError(
                    _("{source}: ::section needs a name of its own, not {text!r}").format(
                        source=source, text=text
                    )
                )
            segments.append((text, []))
        elif directive == "body":
            segments.append((_BODY, []))
            segments.append((f"{_BODY}:after", []))  # lines after ::body that no ::section names
        else:
            segments[-1][1].append((directive, text))
    return segments


def _arrange(
    segments: list[tuple[str, list[Line]]], body: Sequence[BodyItem | KindSections], source: str
) -> list[tuple[str, list[Any]]]:
    """The print order: ("lines", a template segment) and ("body", a run of the writer's body items)."""
    placements = [item for item in body if isinstance(item, KindSections)]
    plain = [item for item in body if not isinstance(item, KindSections)]
    if not placements:  # the template's own order, the body at ::body
        return [("body", plain) if name == _BODY else ("lines", lines) for name, lines in segments]
    by_name = {name: lines for name, lines in segments if name != _BODY}
    named = [n for item in placements if isinstance(item.facts, list) for n in item.facts]
    for name in named:
        if name not in by_name:
            known = ", ".join(n for n in by_name if not n.startswith(_BODY))
            raise ValueError(
                _(
                    "{source}: the body places a section {name!r} the template does not write ({known})"
                ).format(source=source, name=name, known=known)
            )
    writer_opens = not isinstance(body[0], KindSections)
    # A template without ::section lines (a company's own kind) has no lead-in apart from its text: all of it is
    # one section, placed where the body says, never dropped.
    sectioned = any(not name.startswith(_BODY) and name != OPENING for name, _lines in segments)
    lead_in = OPENING if sectioned else None
    rest = [name for name, _lines in segments if name != _BODY and name not in named and name != lead_in]
    out: list[tuple[str, list[Any]]] = []
    if sectioned and not writer_opens and OPENING not in named:
        out.append(("lines", by_name[OPENING]))
    run: list[BodyItem] = []
    last_placement = max(i for i, item in enumerate(body) if isinstance(item, KindSections))
    has_rest = any(isinstance(item.facts, str) for item in placements)
    for index, item in enumerate(body):
        if not isinstance(item, KindSections):
            run.append(item)
            continue
        if run:
            out.append(("body", run))
            run = []
        names = item.facts if isinstance(item.facts, list) else rest
        out.extend(("lines", by_name[name]) for name in names)
        if index == last_placement and not has_rest:  # sections no entry names follow the last entry
            out.extend(("lines", by_name[name]) for name in rest)
    if run:
        out.append(("body", run))
    return out


# A value that ends in its own stop ("etc.", "Co., Ltd.", "Join us!") before the stop a template ends its
# sentence with: the sentence takes one mark (Chicago Manual of Style 6.13: "When an abbreviation that takes a
# period ends a sentence, no additional period follows"). An ellipsis ("...") is left as written.
_DOUBLE_STOP = re.compile(r"(?<!\.)([.!?])\s*\.(?!\.)")


def one_stop(text: str) -> str:
    """``text`` with a full stop dropped where it follows another sentence-ending mark (English lines only)."""
    return _DOUBLE_STOP.sub(r"\1", text)


def _blocks(lines: list[Line], numberer: Numberer) -> list[Block]:
    if numberer.lang == "en":
        lines = [(directive, one_stop(text)) for directive, text in lines]
    blocks: list[Block] = []
    table_rows: list[tuple[str, ...]] = []
    caption = ""

    def flush_table() -> None:
        nonlocal caption
        if table_rows:
            blocks.append(Table(table_rows[0], tuple(table_rows[1:]), caption))
            table_rows.clear()
            caption = ""

    for directive, text in lines:
        if directive == "row":
            table_rows.append(tuple(cell.strip() for cell in text.split("|")))
            continue
        flush_table()
        if directive == "caption":
            caption = text
        elif directive == "p":
            blocks.append(Paragraph(text))
        elif directive == "u":
            blocks.append(Paragraph(text, level=1))
        elif directive[0] == "h":
            level = int(directive[1])
            if numberer.lang == "zh":
                number = numberer.next(level)
            else:
                number = ""
                numberer.restart_below(level)
            blocks.append(Heading(level, number, text))
        else:
            level = int(directive[1])
            blocks.append(Paragraph(text, number=separated(numberer.next(level), text), level=level))
    flush_table()
    return blocks
