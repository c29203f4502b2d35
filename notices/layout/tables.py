"""A table's geometry, decided once for the PDF and the DOCX: column widths fitted to the measured text, the
type size and exact line height of its cells, the alignment of each column and the lines of each row.

Both renderers draw these numbers as they are (``table-layout: fixed`` with ``<col>`` widths in the PDF;
``w:tblLayout fixed``, ``w:gridCol`` and ``w:tcW`` in the DOCX), so Word, LibreOffice and WeasyPrint break the
cells' lines alike instead of each sizing the columns its own way (issue 13: equal columns in the DOCX that
wrapped "恒信牌复合/肥").

How the columns are fitted, as a typesetter sizes a table by hand:

- every column first gets its widest cell on one line (the header included, its face measured);
- when that is wider than the type area, only the widest text columns give way: they are capped at one
  common width, found by bisection, so that the table fills the type area (or, when that sets fewer lines,
  only the one, two … widest text columns share what the others leave); a column narrower than the cap
  keeps every cell on one line, numbers and column heads stay whole while the text columns can make room, and
  a capped column never goes below its longest unbreakable run (a number, a code, a Latin word), so a cell
  wraps between words or between Han characters, not inside "HX-15-15-15";
- a table whose cells cannot all keep to one line is first set a size smaller (小四 in a Chinese notice);
- when the table is narrower than the type area, the space left is shared equally between the columns, so the
  table spans the type area like the text above it (GB/T 9704 §5.2.2: the text, tables included, within the
  type area).

Numbers are aligned on the right, where their units and decimals line up (Chicago Manual of Style 3.68;
GB/T 1.1-2020 §8.6.5.4's tables likewise right-align numeric columns); text on the left.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from notices.document import Table
from notices.layout.typeset import Face
from notices.layout.zh import MIXED_SCRIPT_GAP_EM, SCRIPT_BOUNDARY
from notices.profiles import Profile

ZH_TABLE_SIZE_PT = 14.0  # 四号: the size of the 版记, a step under the 三号 body (GB/T 9704 §7.4.1)
# A table too wide for its cells to keep to one line at 四号 is set in 小四 (12 pt), as dense tables in
# 公文 attachments are; an English one a point under the letter's size.
ZH_TABLE_SIZES_PT = (ZH_TABLE_SIZE_PT, 12.0)
LINE_HEIGHT = 1.5  # exact line height of a cell, in ems of its text: off the 28.95 pt body grid
PAD_X_PT = 4.0
PAD_Y_PT = 2.0
RULE_PT = 0.5
# A table split across pages leaves at least this many body rows on each side, the header row travelling with
# the first of them (as a paragraph's orphans and widows, CSS 2.1 §13.3.2; no header alone at a page foot).
MIN_ROWS_TOGETHER = 2
FIT_SLACK_PT = 1.0  # rounding room: a cell measured to fit one line must fit it in every renderer

# A number, maybe signed or with a currency, unit, per-unit or percentage: "3,200元/吨", "$460.00 per ton",
# "+5.43%", "上调5.62%", "12 kg". Placeholders (—, -, empty) say nothing about a column.
_NUMBER = re.compile(
    r"^(?:[上下]调|约|[+\-−±~≈])?\s*[¥$€£￥]?\s*\d[\d,，.\s]*(?:[%‰％]|\s*(?:[^\d\s]{1,4}|per\s+\S+)"
    r"(?:\s*/\s*\S{1,4})?)?$"
)
_PLACEHOLDERS = frozenset({"", "—", "-", "–", "——", "/", "n/a", "N/A", "无"})
_HAN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
# Characters that may not start a line (CLREQ 3.1.7, 行首禁则) stick to the token before them, and
# those that may not end one to the token after.
_NO_START = set("，。、；：？！）》」』】〕〉”’％‰·…,.;:?!)]}%/")
_NO_END = set("（《「『【〔〈“‘([{$¥￥/")


@dataclass(frozen=True)
class TableLayout:
    """Everything a renderer needs to draw one table; lengths in pt."""

    header: tuple[str, ...]
    body: tuple[tuple[str, ...], ...]  # every row padded to the number of columns
    columns: tuple[float, ...]  # border-to-border width of each column; they sum to ``width``
    numeric: tuple[bool, ...]  # right-aligned columns
    row_lines: tuple[int, ...]  # lines of each row, the header first
    size_pt: float
    line_pt: float
    caption_size_pt: float
    zh: bool
    pad_x: float = PAD_X_PT
    pad_y: float = PAD_Y_PT
    rule: float = RULE_PT

    @property
    def width(self) -> float:
        return sum(self.columns)

    def align(self, column: int, header: bool = False) -> str:
        """ "left", "right" or "center": a Chinese table centres its head (as 公文 tables do); an English
        one aligns each head with its column."""
        if header and self.zh:
            return "center"
        return "right" if self.numeric[column] else "left"

    def keeps_with_next(self, row: int) -> bool:
        """Whether body row ``row`` (0: the first under the header) may not be parted from the row after it:
        the first and the last ``MIN_ROWS_TOGETHER`` rows stay together, so a page never holds the header
        with a single row, nor a single last row (CSS ``break-after: avoid``, Word's keep with next)."""
        count = len(self.body)
        return row < count - 1 and (row < MIN_ROWS_TOGETHER - 1 or row >= count - MIN_ROWS_TOGETHER)

    def row_height(self, row: int) -> float:
        """Row ``row`` (0: the header) from rule to rule, as both renderers draw it."""
        return self.row_lines[row] * self.line_pt + 2 * self.pad_y + self.rule


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


def numeric_columns(rows: Sequence[Sequence[str]], columns: int) -> tuple[bool, ...]:
    """A column is numeric when it has a number and every other cell of its body is a number or a placeholder."""
    flags = []
    for column in range(columns):
        cells = [row[column].strip() for row in rows if column < len(row)]
        real = [cell for cell in cells if cell not in _PLACEHOLDERS]
        flags.append(bool(real) and all(is_number(cell) for cell in real))
    return tuple(flags)


def tokens(text: str) -> list[str]:
    """The pieces a cell's line may break between: a break falls before or after a Han character and after a
    space, never before closing punctuation nor after opening punctuation (CLREQ 3.1.7, 行首行尾禁则), nor
    between a number and the Han unit or counter after it."""
    pieces: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        breaks = (
            bool(before)
            and char not in _NO_START
            and before not in _NO_END
            and (bool(_HAN.match(char)) or bool(_HAN.match(before)) or before == " ")
            and not (before.isdigit() and _HAN.match(char))  # "6号", "3,200元" stay whole
        )
        if breaks or not pieces:
            pieces.append(char)
        else:
            pieces[-1] += char
    return pieces


def _width(face: Face, text: str) -> float:
    return sum(face.advance(char) for char in text)


def cell_width(face: Face, text: str) -> float:
    """The width ``text`` may take in a cell: its advances and the gaps below."""
    return _width(face, text) + _gaps(text, face.size_pt)


def _gaps(text: str, size: float) -> float:
    """Room for the gap a reader may put between Han characters and digits or Latin letters ("3,200元"): up to
    a quarter em (CLREQ, 中西文混排), which LibreOffice puts in even where the DOCX turns it off (zh.py)."""
    return MIXED_SCRIPT_GAP_EM * size * len(SCRIPT_BOUNDARY.findall(text))


def count_lines(face: Face, text: str, width: float) -> int:
    """Lines of ``text`` broken greedily between tokens within ``width`` (a token wider than it is split)."""
    if cell_width(face, text) <= width:
        return 1
    lines, used = 1, 0.0
    for token in tokens(text):
        size = _width(face, token.rstrip(" "))
        if used and used + size > width:
            lines, used = lines + 1, 0.0
        while size > width:  # a token wider than the column breaks where it must
            lines, size = lines + 1, size - width
        used += _width(face, token)
    return lines


def fit_columns(natural: Sequence[float], minimum: Sequence[float], available: float) -> list[float]:
    """Column widths summing to ``available``: see the module's docstring."""
    total = sum(natural)
    if total <= available:
        extra = (available - total) / len(natural)
        return [width + extra for width in natural]
    floors = list(minimum)
    if sum(floors) >= available:  # even the unbreakable runs do not fit: scale them down
        scale = available / sum(floors)
        return [width * scale for width in floors]

    def used(cap: float) -> float:
        return sum(min(width, max(cap, floor)) for width, floor in zip(natural, floors, strict=True))

    low, high = 0.0, max(natural)
    for _ in range(60):
        middle = (low + high) / 2
        if used(middle) > available:
            high = middle
        else:
            low = middle
    widths = [min(width, max(low, floor)) for width, floor in zip(natural, floors, strict=True)]
    # Bisection leaves a sliver: give it to the capped columns, which wrap, so it can only help them.
    capped = [i for i, (w, n) in enumerate(zip(widths, natural, strict=True)) if w < n] or list(
        range(len(widths))
    )
    share = (available - sum(widths)) / len(capped)
    for i in capped:
        widths[i] += share
    return widths


def _wrapping_fewest_columns(
    natural: Sequence[float], floors: Sequence[float], numeric: Sequence[bool], available: float
) -> list[list[float]]:
    """Other fits to weigh against the common cap: only the k widest text columns wrap (k = 1, 2 …), sharing
    what the others leave them, so a short name keeps to its line while a long remark takes more."""
    order = sorted(range(len(natural)), key=lambda c: (numeric[c], -natural[c]))
    fits = []
    for k in range(1, len(order) + 1):
        capped = order[:k]
        rest = sum(natural[c] for c in range(len(natural)) if c not in capped)
        share = (available - rest) / k
        if share <= 0 or any(share < floors[c] or share >= natural[c] for c in capped):
            continue
        fits.append([share if c in capped else natural[c] for c in range(len(natural))])
    return fits


@functools.lru_cache(maxsize=64)
def table_layout(table: Table, profile: Profile) -> TableLayout:
    """The geometry of ``table`` under ``profile`` (cached: the PDF, the DOCX and the pagination ask alike)."""
    from notices.layout.zh import role_face

    zh = profile.lang == "zh"
    count = max((len(row) for row in (table.header, *table.rows)), default=0)
    header = tuple(table.header) + ("",) * (count - len(table.header))
    body = tuple(tuple(row) + ("",) * (count - len(row)) for row in table.rows)
    numeric = numeric_columns(body, count)
    # The outer rules are centred on the table's edges: half a rule lies outside the columns on each side.
    available = profile.type_width_pt - RULE_PT
    chrome = 2 * PAD_X_PT + RULE_PT
    sizes = ZH_TABLE_SIZES_PT if zh else (profile.body_size_pt, profile.body_size_pt - 1)
    for size in sizes:  # the largest size at which every cell keeps to one line, else the smallest
        cell_face = role_face(profile, "body", size)
        head_face = role_face(profile, "heading1", size)
        natural, solids, keep, minimum = [], [], [], []
        for column in range(count):
            cells = [(head_face, header[column])] + [(cell_face, row[column]) for row in body]
            natural.append(max(cell_width(face, text) for face, text in cells) + chrome + FIT_SLACK_PT)
            runs = max(
                (_width(face, token.rstrip(" ")) for face, text in cells for token in tokens(text)),
                default=0.0,
            )
            minimum.append(runs + chrome + FIT_SLACK_PT)
            # Numbers are not wrapped while the text columns can give way instead (the room for a reader's
            # Han-digit gaps, below, may go first).
            solid = max(_width(face, text) for face, text in cells) + chrome + FIT_SLACK_PT
            solids.append(solid)
            keep.append(solid if numeric[column] else minimum[-1])
        if sum(solids) <= available:
            break
    if count and sum(natural) > available >= sum(solids):
        # Every cell fits on one line, not every reader's gap: share what is left in proportion to the gaps.
        room = (available - sum(solids)) / (sum(natural) - sum(solids))
        columns = [solid + (wide - solid) * room for solid, wide in zip(solids, natural, strict=True)]
    else:
        floors = keep if sum(keep) < available else minimum
        columns = fit_columns(natural, floors, available) if count else []
        if count and sum(natural) > available:
            rows = [(head_face, header), *((cell_face, row) for row in body)]

            def lines(widths: Sequence[float]) -> int:
                return sum(
                    max(
                        (count_lines(face, text, widths[c] - chrome) for c, text in enumerate(row) if text),
                        default=1,
                    )
                    for face, row in rows
                )

            columns = min(
                [columns, *_wrapping_fewest_columns(natural, floors, numeric, available)], key=lines
            )
    row_lines = tuple(
        max(
            (count_lines(face, text, columns[column] - chrome) for column, text in enumerate(row) if text),
            default=1,
        )
        for face, row in [(head_face, header), *((cell_face, row) for row in body)]
    )
    return TableLayout(
        header=header,
        body=body,
        columns=tuple(columns),
        numeric=numeric,
        row_lines=row_lines,
        size_pt=size,
        line_pt=size * LINE_HEIGHT,
        caption_size_pt=profile.body_size_pt,
        zh=zh,
    )


__all__ = [
    "MIN_ROWS_TOGETHER",
    "TableLayout",
    "count_lines",
    "fit_columns",
    "is_number",
    "numeric_columns",
    "table_layout",
    "tokens",
]
