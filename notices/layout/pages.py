"""Which page each line of a Chinese notice falls on, computed from the grid, without laying the PDF out.

A Chinese notice is set on a grid: every text line is its own box exactly one pitch high (`typeset.py`), the
head has the height `geometry.py` gives it, and the few other boxes have stated heights. So the pages can be
counted here, as WeasyPrint will count them, and the decisions that depend on them (the sign-off's place,
`fit.py`) are taken once, for the PDF and the DOCX alike, before either is drawn.

This mirrors, rule by rule, what `templates/html/notice.css.j2` and WeasyPrint do with the notice's HTML:

- a box fits when its bottom is not below the page's (WeasyPrint allows 1e-9 relative for rounding);
- a page breaks between lines, or between blocks; `break-after: avoid` (title, headings) and
  `break-before: avoid` (what travels with the sign-off) move the break back to the last place allowed, and
  a page with no such place breaks anyway (`layout/block.py`, ``find_earlier_page_break``);
- margins are dropped at the foot of a page and cut to nothing at the top of the next, padding is not;
- the sign-off (issuer, date, seal's foot or 附注) is one unbreakable box (`break-inside: avoid`);
- an attachment starts a new page; the 版记 is a footnote: it takes its height from the foot of the page it
  is called on, or goes to the next page when it does not fit there.

Tables are the one element not on the grid: their height is estimated from the cells' text (`Piece.exact`
says so), and `tests/layout/test_pagination.py` holds this module to WeasyPrint's real pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from notices.document import (
    AttachmentNote,
    AttachmentPage,
    Block,
    Closing,
    Colophon,
    Heading,
    Note,
    Paragraph,
    Salutation,
    SignOff,
    Table,
    Title,
)
from notices.layout.zh import COLOPHON_SIZE_PT, ZhLayout
from notices.profiles import MM

HEAD_KINDS = frozenset({"top_matter", "letterhead", "doc_number", "rule"})
OVERFLOW_FUDGE = 1e-9  # WeasyPrint's LayoutContext.overflows
COLOPHON_HEAVY_RULE_PT = 0.35 * MM
COLOPHON_LIGHT_RULE_PT = 0.25 * MM


@dataclass(frozen=True)
class Piece:
    """One box of the flow: a text line, a margin, an unbreakable unit, a forced break or the 版记."""

    kind: str  # "line", "margin", "space" (padding, the head), "unit", "footnote"
    height: float
    block: int  # index of the top-level block it belongs to (-1: the head)
    avoid_before: bool = False  # no page break between the piece before and this one
    forced_before: bool = False  # a page break before this piece (an attachment)
    exact: bool = True  # False: the height is an estimate (tables)


@dataclass(frozen=True)
class Pages:
    """The page (0-based) of every piece, and each block's first and last page."""

    pieces: tuple[Piece, ...]
    page_of: tuple[int, ...]

    def first_page(self, block: int) -> int | None:
        found = self._pages_of(block)
        return found[0] if found else None

    def last_page(self, block: int) -> int | None:
        found = self._pages_of(block)
        return found[-1] if found else None

    def _pages_of(self, block: int) -> list[int]:
        """The pages a block's boxes fall on; a margin left at the foot of a page is not where the block is
        (a table that starts on the next page leaves its top margin behind)."""
        pieces = [
            (piece, p) for piece, p in zip(self.pieces, self.page_of, strict=True) if piece.block == block
        ]
        return [p for piece, p in pieces if piece.kind != "margin"] or [p for _, p in pieces]

    def lines_on(self, page: int) -> list[Piece]:
        return [
            piece
            for piece, p in zip(self.pieces, self.page_of, strict=True)
            if p == page and piece.kind in ("line", "unit")
        ]

    @property
    def count(self) -> int:
        return max(self.page_of, default=0) + 1

    @property
    def exact(self) -> bool:
        return all(piece.exact for piece in self.pieces)


def flow(
    zh: ZhLayout,
    blocks: Sequence[Block],
    tight: Mapping[int, float] | None = None,
    keep: frozenset[int] = frozenset(),
    tail: Mapping[int, int] | None = None,
) -> list[Piece]:
    """The pieces of the notice's flow. ``tight``: block → line pitch (§7.3.5.5); ``keep``: blocks that may
    not be parted from the block before them, nor split (what travels with the sign-off); ``tail``: block →
    the first of its lines that travels with the sign-off (the body's last lines, `fit.py`): no break after
    it within the tail, nor before the tail's later blocks (CSS ``break-before: avoid`` on those lines)."""
    tight = tight or {}
    tail = tail or {}
    tail_start = min(tail, default=-1)
    out: list[Piece] = [Piece("space", zh.head.title_top, -1)]
    avoid_next = False
    skip = -1
    for index, block in enumerate(blocks):
        if block.kind in HEAD_KINDS or index == skip:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        pitch = tight.get(index, zh.pitch)
        note = following if isinstance(block, SignOff) and isinstance(following, Note) else None
        if note is not None:
            skip = index + 1
        pieces = _block_pieces(zh, index, block, pitch, note)
        if not pieces:
            continue
        if index in keep:  # break-inside: avoid
            margin = pieces[:1] if pieces[0].kind == "margin" else []
            rest = pieces[len(margin) :]
            pieces = [
                *margin,
                Piece("unit", sum(p.height for p in rest), index, exact=all(p.exact for p in rest)),
            ]
        first = next((i for i, p in enumerate(pieces) if p.kind != "margin"), 0)
        if avoid_next or index in keep:
            pieces[first] = _replace(pieces[first], avoid_before=True)
        if index in tail:
            from_line = tail[index] if index == tail_start else 0
            lines = [i for i, p in enumerate(pieces) if p.kind == "line"]
            for i in lines[from_line + 1 :] if index == tail_start else lines:
                pieces[i] = _replace(pieces[i], avoid_before=True)
        avoid_next = isinstance(block, Title | Heading)  # break-after: avoid
        out.extend(pieces)
    return out


def paginate(pieces: Sequence[Piece], page_height: float) -> Pages:
    """Place the pieces on pages as WeasyPrint does (see the module's docstring)."""
    page_of: list[int] = [0] * len(pieces)
    page, y, start, reserve = 0, 0.0, 0, 0.0
    index = 0
    guard = 0
    while index < len(pieces):
        guard += 1
        if guard > 100 * (len(pieces) + 10):  # bounded: every restart moves a piece to a later page
            raise RuntimeError("pagination did not settle")
        piece = pieces[index]
        empty = index == start
        if piece.forced_before and not empty:
            page, y, start, reserve = page + 1, 0.0, index, 0.0
            continue
        if piece.kind == "margin":
            page_of[index] = page
            if not (empty and page > 0):  # a margin at the top of a continued page is cut to nothing
                y += _collapsed(pieces, index)
            index += 1
            continue
        if piece.kind == "footnote":
            if y + reserve + piece.height > page_height * (1 + OVERFLOW_FUDGE) and not empty:
                page, y, start, reserve = page + 1, 0.0, index, 0.0
            page_of[index] = page
            reserve += piece.height
            index += 1
            continue
        bottom = page_height - reserve
        if y + piece.height <= bottom * (1 + OVERFLOW_FUDGE) or empty:
            page_of[index] = page
            y += piece.height
            index += 1
            continue
        # It does not fit: break before it, or before the last piece after which a break is allowed.
        breaking = index
        while breaking > start and (pieces[breaking].avoid_before or pieces[breaking].kind == "margin"):
            breaking -= 1
        if breaking == start:
            breaking = index  # no allowed place on this page: break anyway
        page, y, start, reserve = page + 1, 0.0, breaking, 0.0
        index = breaking
    return Pages(tuple(pieces), tuple(page_of))


def _collapsed(pieces: Sequence[Piece], index: int) -> float:
    """Adjoining margins collapse to the largest: count a margin only by what it adds to the one before."""
    before = pieces[index - 1] if index else None
    if before is not None and before.kind == "margin":
        return max(0.0, pieces[index].height - before.height)
    return pieces[index].height


def _replace(piece: Piece, **changes: object) -> Piece:
    from dataclasses import replace

    return replace(piece, **changes)  # type: ignore[arg-type]


def _lines(count: int, height: float, block: int) -> list[Piece]:
    return [Piece("line", height, block) for _ in range(count)]


def _block_pieces(zh: ZhLayout, index: int, block: Block, pitch: float, note: Note | None) -> list[Piece]:
    base = zh.pitch
    match block:
        case Title():
            return [*_lines(len(zh.title_lines(block.text)), pitch, index), Piece("margin", base, index)]
        case Salutation() | Heading() | Paragraph() | Closing() | Note():
            return _lines(len(zh.text_lines(block)), pitch, index)
        case AttachmentNote():
            geometry = zh.attachment_note(block)
            count = sum(len(zh.set_attachment_title(title, geometry)) for title in block.titles)
            return [Piece("margin", base, index), *_lines(count, pitch, index)]
        case SignOff():
            g = zh.sign_off(block)
            # the date's line, empty under a seal when there is no date: the seal's foot, which keeps the
            # 附注 clear of the seal (notice.html.j2)
            lines = len(g.issuer_lines) + (1 if block.date_text or block.seal is not None else 0)
            if block.seal is not None:
                lines += 1  # the seal's foot, above the 附注 if there is one (notice.html.j2)
            if note is not None:
                lines += len(zh.text_lines(note))
            # at the block's pitch: an unsealed sign-off is tightened with the text above it (fit.py)
            return [Piece("unit", (g.lines_before + lines) * pitch, index)]
        case Table():
            return _table_pieces(zh, index, block)
        case Colophon():
            return [Piece("footnote", colophon_height(zh, block), index)]
        case AttachmentPage():
            inner = [piece for part in block.blocks for piece in _block_pieces(zh, index, part, base, None)]
            title = len(zh.title_lines(block.title))
            pieces = [
                Piece("line", base, index, forced_before=True),
                Piece("margin", base, index),
                *_lines(title, base, index),
                Piece("margin", base, index),
                *[_replace(p, block=index) for p in inner],
            ]
            return pieces
    return []


def colophon_height(zh: ZhLayout, block: Colophon) -> float:
    """版记: the 抄送 lines and the 印发 line on the grid's pitch, between its rules (none in 信函)."""
    ruled = zh.profile.name != "letter"
    height = 0.0
    if block.cc:
        height += len(zh.set_cc(block.cc)) * zh.pitch + (COLOPHON_LIGHT_RULE_PT if ruled else 0.0)
    if block.printer or block.print_date:
        height += zh.pitch
    return height + (2 * COLOPHON_HEAVY_RULE_PT if ruled else 0.0)


def _table_pieces(zh: ZhLayout, index: int, block: Table) -> list[Piece]:
    """The table's title on one grid line, then its rows as ``tables.py`` sizes them. Still an estimate
    (``exact=False``): the browser's line breaks in a wrapped cell may differ, and a header row repeated on a
    continued page is not counted."""
    from notices.layout.tables import table_layout

    geometry = table_layout(block, zh.profile)
    if not geometry.columns:
        return []
    pieces = [Piece("margin", zh.pitch / 2, index, exact=False)]
    if block.caption:
        pieces.append(Piece("line", zh.pitch, index, exact=False))
    for row in range(len(geometry.row_lines)):
        # The title and the header row travel with the first body row, and the first and last rows keep
        # together (``TableLayout.keeps_with_next``; break-after: avoid in the PDF).
        avoid = (row <= 1 and (row > 0 or bool(block.caption))) or (
            row >= 2 and geometry.keeps_with_next(row - 2)
        )
        pieces.append(Piece("line", geometry.row_height(row), index, avoid_before=avoid, exact=False))
    pieces.append(Piece("margin", zh.pitch / 2, index, exact=False))
    return pieces


__all__ = ["COLOPHON_SIZE_PT", "Pages", "Piece", "colophon_height", "flow", "paginate"]
