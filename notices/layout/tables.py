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
- the type size is the one of 四号, 小四 and 五号 (an English letter: its size and a point under it) that
  keeps the most cells on one line, body cells first, then heads; the larger when they keep as many;
- a number column's head may wrap between its words ("原价" / "（元/吨）") while its numbers stay whole;
- when the table is narrower than the type area, the space left is shared equally between the columns, so the
  table spans the type area like the text above it (GB/T 9704 §5.2.2: the text, tables included, within the
  type area).

Numbers are aligned on the right, where their units and decimals line up (Chicago Manual of Style 3.68;
GB/T 1.1-2020 §8.6.5.4's tables likewise right-align numeric columns); text on the left. A cell that stands for
no value ("—", "-", "n/a") is centred in any column, so it is not read as a number's last digit; an English
table prints it as the en dash, and an empty cell of a number column too (Chicago 3.73: a dash for an empty
cell, "rather than leaving it blank"). A Chinese table keeps the mark it was given (一字线 "—" or "/").
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
# A table too wide for its cells to keep to one line at 四号 is set in 小四 (12 pt) or 五号 (10.5 pt), the sizes
# dense tables in 公文 and their attachments are commonly set in; nothing smaller, which a reader would have to
# peer at. A landscape page (GB/T 9704 allows one for a wide table) is not used: the PDF and the DOCX keep one
# orientation. An English table: the letter's size or a point under it.
ZH_TABLE_SIZES_PT = (ZH_TABLE_SIZE_PT, 12.0, 10.5)
EN_TABLE_STEPS = 2  # 11 and 10 pt in an 11 pt letter: smaller reads as small print in a business letter
LINE_HEIGHT = 1.5  # exact line height of a cell, in ems of its text: off the 28.95 pt body grid
PAD_X_PT = 4.0
PAD_Y_PT = 2.0
RULE_PT = 0.5
# A table split across pages leaves at least this many body rows on each side, the header row travelling with
# the first of them (as a paragraph's orphans and widows, CSS 2.1 §13.3.2; no header alone at a page foot).
MIN_ROWS_TOGETHER = 2
FIT_SLACK_PT = 1.0
HEAD_LINES = 2  # a number column's head may take two lines, so that its numbers need not be wider  # rounding room: a cell measured to fit one line must fit it in every renderer

# A number, maybe signed or with a currency, unit, per-unit or percentage: "3,200元/吨", "$460.00 per ton",
# "+5.43%", "上调5.62%", "12 kg". Placeholders (—, -, empty) say nothing about a column.
_NUMBER = re.compile(
    r"^(?:[上下]调|约|[+\-−±~≈])?\s*[¥$€£￥]?\s*\d[\d,，.\s]*(?:[%‰％]|\s*(?:[^\d\s]{1,4}|per\s+\S+)"
    r"(?:\s*/\s*\S{1,4})?)?$"
)
_PLACEHOLDERS = frozenset({"", "—", "-", "–", "——", "/", "n/a", "N/A", "无"})
_DASHES = frozenset({"-", "–", "—", "——", "−"})
EN_ABSENT = "–"  # en dash: no value in an English table
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
    profile: Profile
    pad_x: float = PAD_X_PT
    pad_y: float = PAD_Y_PT
    rule: float = RULE_PT

    @property
    def width(self) -> float:
        return sum(self.columns)

    def align(self, column: int, header: bool = False, row: int | None = None) -> str:
        """ "left", "right" or "center": a Chinese table centres its head (as 公文 tables do); an English
        one aligns each head with its column; a body cell (``row``) that stands for no value is centred."""
        if header and self.zh:
            return "center"
        if not header and row is not None and self.body[row][column].strip() in _PLACEHOLDERS - {""}:
            return "center"
        return "right" if self.numeric[column] else "left"

    def head(self, column: int) -> tuple[str, ...]:
        """The lines of a column head (``head_lines``), as the layout broke them."""
        from notices.layout.zh import role_face

        face = role_face(self.profile, "heading1", self.size_pt)
        return head_lines(face, self.header[column], self.columns[column] - 2 * self.pad_x - self.rule)

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


def count_lines(face: Face, text: str, width: float, reader: bool = False) -> int:
    """Lines of ``text`` broken greedily between tokens within ``width`` (a token wider than it is split).

    ``reader``: as a reader that puts the gaps between Han characters and digits or Latin letters lays it out
    (LibreOffice does, whatever the DOCX says; ``_gaps``): the width the gaps take is not there for the text."""
    if cell_width(face, text) <= width:
        return 1
    if reader:
        width -= _gaps(text, face.size_pt)
    lines, used = 1, 0.0
    for token in tokens(text):
        size = _width(face, token.rstrip(" "))
        if used and used + size > width:
            lines, used = lines + 1, 0.0
        while size > width:  # a token wider than the column breaks where it must
            lines, size = lines + 1, size - width
        used += _width(face, token)
    return lines


def head_lines(face: Face, text: str, width: float) -> tuple[str, ...]:
    """A column head broken as ``count_lines`` counts it: greedily between tokens, so "原价（元/吨）" breaks
    before its unit, never inside the brackets. Both renderers draw these lines as they are."""
    if cell_width(face, text) <= width:
        return (text,)
    lines: list[str] = [""]
    for token in tokens(text):
        if lines[-1] and _width(face, (lines[-1] + token).rstrip(" ")) > width:
            lines[-1] = lines[-1].rstrip(" ")
            lines.append("")
        lines[-1] += token
    return tuple(line.rstrip(" ") for line in lines)


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


def _numbers_narrow(
    natural: Sequence[float], floors: Sequence[float], numeric: Sequence[bool], available: float
) -> list[list[float]]:
    """One more fit to weigh: the number columns only as wide as their numbers (their heads wrap between
    words), the text columns sharing the rest; what the text leaves goes back to the number columns' heads."""
    numbers = [c for c in range(len(natural)) if numeric[c]]
    texts = [c for c in range(len(natural)) if not numeric[c]]
    if not numbers or not texts:
        return []
    room = available - sum(floors[c] for c in numbers)
    text_natural = [natural[c] for c in texts]
    if room <= sum(floors[c] for c in texts):
        return []
    widths = list(floors)
    if sum(text_natural) <= room:
        for c in texts:
            widths[c] = natural[c]
        spare = room - sum(text_natural)
        want = sum(natural[c] - floors[c] for c in numbers)
        for c in numbers:
            widths[c] += spare * (natural[c] - floors[c]) / want if want else spare / len(numbers)
    else:
        for c, width in zip(texts, fit_columns(text_natural, [floors[c] for c in texts], room), strict=True):
            widths[c] = width
    return [widths]


@dataclass(frozen=True)
class _Fit:
    size: float
    columns: tuple[float, ...]
    row_lines: tuple[int, ...]
    wrapped: int  # body cells set on more than one line
    heads_wrapped: int  # column heads set on more than one line


@functools.lru_cache(maxsize=64)
def table_layout(table: Table, profile: Profile) -> TableLayout:
    """The geometry of ``table`` under ``profile`` (cached: the PDF, the DOCX and the pagination ask alike).

    The type size: of the sizes a table may take (``table_sizes``), the one that keeps the most body cells on
    one line, then the most column heads, then the largest. A smaller size is taken only when it keeps more
    cells whole; a long remark that wraps at every size leaves the table at the larger one."""
    zh = profile.lang == "zh"
    count = max((len(row) for row in (table.header, *table.rows)), default=0)
    header = tuple(table.header) + ("",) * (count - len(table.header))
    body = tuple(tuple(row) + ("",) * (count - len(row)) for row in table.rows)
    numeric = numeric_columns(body, count)
    if not zh:
        body = tuple(
            tuple(_absent(cell) if numeric[c] else _dash(cell) for c, cell in enumerate(row)) for row in body
        )
    fits = [_fit_at(size, profile, header, body, numeric) for size in table_sizes(profile)]
    best = min(fits, key=lambda fit: (fit.wrapped, fit.heads_wrapped, -fit.size))
    return TableLayout(
        header=header,
        body=body,
        columns=best.columns,
        numeric=numeric,
        row_lines=best.row_lines,
        size_pt=best.size,
        line_pt=best.size * LINE_HEIGHT,
        caption_size_pt=profile.body_size_pt,
        zh=zh,
        profile=profile,
    )


def table_sizes(profile: Profile) -> tuple[float, ...]:
    """四号, 小四, 五号 in a Chinese notice; the letter's size and a point under it in an English one."""
    if profile.lang == "zh":
        return ZH_TABLE_SIZES_PT
    return tuple(profile.body_size_pt - step for step in range(EN_TABLE_STEPS))


def _fit_at(
    size: float,
    profile: Profile,
    header: tuple[str, ...],
    body: tuple[tuple[str, ...], ...],
    numeric: tuple[bool, ...],
) -> _Fit:
    """The columns and row lines of the table at ``size`` (see the module's docstring)."""
    from notices.layout.zh import role_face

    count = len(header)
    # The outer rules are centred on the table's edges: half a rule lies outside the columns on each side.
    available = profile.type_width_pt - RULE_PT
    chrome = 2 * PAD_X_PT + RULE_PT
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
        solids.append(max(_width(face, text) for face, text in cells) + chrome + FIT_SLACK_PT)
        # Numbers are not wrapped while the text columns can give way instead (the room for a reader's
        # Han-digit gaps, below, may go first); a number column's head may wrap between its words, onto
        # ``HEAD_LINES`` lines at most.
        numbers = max((_width(cell_face, row[column]) for row in body), default=0.0)
        head = _width_in_lines(head_face, header[column], HEAD_LINES)
        keep.append(max(numbers, head) + chrome + FIT_SLACK_PT if numeric[column] else minimum[-1])
    rows = [(head_face, header), *((cell_face, row) for row in body)]

    def lines_of(widths: Sequence[float], reader: bool = False) -> list[int]:
        return [
            max(
                (count_lines(face, text, widths[c] - chrome, reader) for c, text in enumerate(row) if text),
                default=1,
            )
            for face, row in rows
        ]

    if not count:
        columns: list[float] = []
    elif sum(natural) > available >= sum(solids):
        # Every cell fits on one line, not every reader's gap: share what is left in proportion to the gaps.
        room = (available - sum(solids)) / (sum(natural) - sum(solids))
        columns = [solid + (wide - solid) * room for solid, wide in zip(solids, natural, strict=True)]
    else:
        floors = keep if sum(keep) < available else minimum
        columns = fit_columns(natural, floors, available)
        if sum(natural) > available:
            columns = min(
                [
                    columns,
                    *_wrapping_fewest_columns(natural, floors, numeric, available),
                    *_numbers_narrow(natural, floors, numeric, available),
                ],
                key=lambda widths: sum(lines_of(widths, reader=True)),
            )
    # The body cells a reader sees wrapped (a column head wrapping between its words is usual in a table).
    wrapped = sum(
        1
        for row in body
        for c, text in enumerate(row)
        if text and count_lines(cell_face, text, columns[c] - chrome, reader=True) > 1
    )
    heads = sum(
        1 for c, text in enumerate(header) if text and count_lines(head_face, text, columns[c] - chrome) > 1
    )
    return _Fit(size, tuple(columns), tuple(lines_of(columns)) if count else (), wrapped, heads)


def _width_in_lines(face: Face, text: str, lines: int) -> float:
    """The narrowest width that sets ``text`` on at most ``lines`` lines, breaking between tokens."""
    low = max((_width(face, token.rstrip(" ")) for token in tokens(text)), default=0.0)
    high = cell_width(face, text)
    if high <= low or count_lines(face, text, low) <= lines:
        return min(low, high)
    for _ in range(30):
        middle = (low + high) / 2
        if count_lines(face, text, middle) <= lines:
            high = middle
        else:
            low = middle
    return high


def _dash(cell: str) -> str:
    """A dash standing for no value, as an English reader expects it: the en dash."""
    return EN_ABSENT if cell.strip() in _DASHES else cell


def _absent(cell: str) -> str:
    """In a number column, a cell with no value shows the en dash, never a blank a reader takes for an
    omission (an empty cell, "-", "—")."""
    return EN_ABSENT if not cell.strip() or cell.strip() in _DASHES else cell


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
