"""The line format kind templates write their phrasing in, and its parser.

A kind template turns structured facts into sentences; it writes one block per line, each line opening with a
directive: ``::p`` paragraph, ``::h1``…``::h4`` numbered heading, ``::i1``…``::i4`` numbered item, ``::u`` an
unnumbered item, ``::body`` the spec's own body, ``::row a | b | c`` a table row (the first row of a run is its
header), ``::caption`` a table caption. Spec text has its line breaks folded away before it reaches a template,
so a value can never start a directive of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from notices.composer.numbering import number_for
from notices.document import Block, Heading, Paragraph, Table
from notices.i18n import _
from notices.spec.model import BodyItem, Section

_DIRECTIVE = re.compile(r"^::(p|h[1-4]|i[1-4]|u|body|row|caption)(?:\s(.*))?$")


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
            blocks.extend(Paragraph(p) for p in fold(item, lang))
            continue
        blocks.extend(_section_blocks(item, numberer, depth))
    return blocks


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
    texts = [section.text] if isinstance(section.text, str) else list(section.text or [])
    for text in texts:
        blocks.extend(Paragraph(p) for p in fold(text, lang))
    for entry in section.items or []:
        if isinstance(entry, Section):
            blocks.extend(_section_blocks(entry, numberer, min(item_level, 4)))
            continue
        level = min(item_level, 4)
        paragraphs = fold(entry, lang)
        if paragraphs:
            blocks.append(Paragraph(paragraphs[0], number=numberer.next(level), level=level))
            blocks.extend(Paragraph(p) for p in paragraphs[1:])
    return blocks


def parse(lines: Iterable[str], body: Sequence[BodyItem], numberer: Numberer, source: str) -> list[Block]:
    """Blocks from a kind template's output."""
    blocks: list[Block] = []
    table_rows: list[tuple[str, ...]] = []
    caption = ""

    def flush_table() -> None:
        nonlocal caption
        if table_rows:
            blocks.append(Table(table_rows[0], tuple(table_rows[1:]), caption))
            table_rows.clear()
            caption = ""

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
        if directive == "row":
            table_rows.append(tuple(cell.strip() for cell in text.split("|")))
            continue
        flush_table()
        if directive == "caption":
            caption = text
        elif directive == "body":
            blocks.extend(body_blocks(body, numberer))
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
            blocks.append(Paragraph(text, number=numberer.next(level), level=level))
    flush_table()
    return blocks
