"""Break a paragraph into lines that fill the type area, the way GB/T 9704 sets body text.

WeasyPrint justifies only by widening spaces, and Chinese has none, so lines holding half-width digits or
Latin stop short of the right margin. Instead we choose the line breaks here and give every line but the last
the extra letter-spacing that makes its last glyph end exactly at the margin.

Decisions, with their sources:

- Greedy first fit, as Word, WPS and GB/T 9704 templates do: a line takes as much as fits.
- Break opportunities: between any two Han characters or full-width punctuation marks; at spaces, which stay
  at the end of their line and are dropped there; between a Han character and an adjacent half-width run.
- Unbreakable runs (CLREQ "符号分离禁则",
  https://www.w3.org/TR/clreq/#prohibition_rules_for_unbreakable_marks: numbers stay whole, "%", "‰" and "°"
  stay with their number, currency signs and "±" with the number after them). A maximal run of half-width
  characters - Latin words, numbers, "17:00", "3.5", URLs, e-mail addresses, "RTX-4090", the "2026" of
  "2026年" - is never split unless it is wider than a whole line; then it is broken between any two
  characters, starting on the current line so that the line before it is not stretched.
- Ellipsis "……" and dash "——" each stay in one piece (GB/T 15834-2011 §5.1, 横排文稿: neither is divided
  between the end of one line and the start of the next).
- 行首禁则 / 行尾禁则 (CLREQ "行首行尾禁则",
  https://www.w3.org/TR/clreq/#prohibition_rules_for_line_start_end). CLREQ describes four levels; this is
  its strictest, 严格处理: pause and stop marks (，。、；：？！), closing quotes, brackets and book-title
  marks, connector marks, interpuncts, solidi, and also dashes and ellipses may not start a line; opening
  quotes, brackets and book-title marks, and solidi, may not end one. "%" and "‰" (which stay with their
  number) and JLREQ's small kana and iteration marks ("行頭禁則") may not start one either.
- Order of repair, CLREQ's "先挤进，后推出": when the next line would start with a forbidden mark, first
  try to squeeze the mark (and any marks glued to it) onto the current line; this is allowed when the
  overflow is at most half the width of a full-width punctuation mark, the blank half typesetters compress
  out of such a mark (CLREQ "标点挤压"). The justification then comes out negative, no less than
  -max_squeeze / (n - 1). Otherwise push the previous character down with it (推出), walking back further
  while the new line end is itself forbidden (an opening bracket, say); the line left behind is stretched.
  A paragraph's last line is never squeezed: its spacing stays 0, so it would overflow the margin.
- If no legal break exists on a line (nothing but forbidden marks), the rules yield to the width.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

_PAUSE_AND_STOP_MARKS = "，。、；：？！．,.;:!?"
_CLOSING_MARKS = "）》」』】〕〉〗〙〛］｝)]}»”’"
_CONNECTOR_MARKS = "–～〜"
_INTERPUNCTS = "·・･‧"
_SOLIDI = "／"
_DASHES = "—―⸺⸻"
_ELLIPSES = "…‥⋯"
_SMALL_KANA_AND_ITERATION_MARKS = (
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿーゝゞヽヾ々〻"
)
_SUFFIXES = "%‰％"

LINE_START_FORBIDDEN = frozenset(
    _PAUSE_AND_STOP_MARKS
    + _CLOSING_MARKS
    + _CONNECTOR_MARKS
    + _INTERPUNCTS
    + _SOLIDI
    + _DASHES
    + _ELLIPSES
    + _SMALL_KANA_AND_ITERATION_MARKS
    + _SUFFIXES
)
LINE_END_FORBIDDEN = frozenset("（《「『【〔〈〖〘〚［｛([{«“‘" + _SOLIDI + "￥＄￡¥$£€±")

# Marks of ambiguous East Asian width that Chinese text uses as full-width punctuation: each stands alone
# instead of joining the half-width run next to it.
_CHINESE_AMBIGUOUS_PUNCTUATION = frozenset("“”‘’·" + _DASHES + _ELLIPSES)
_INDIVISIBLE_REPEATS = ((1, frozenset(_DASHES)), (2, frozenset(_ELLIPSES)))
_COLLAPSIBLE_WHITESPACE = re.compile(r"[^\S\u3000\u00a0\u2007\u202f]+")  # all but ideographic/no-break spaces
_FIT_TOLERANCE = 1e-6  # points; absorbs float error in sums that should fill the line exactly
_SQUEEZE_REFERENCE = "，"  # a full-width punctuation mark, half of which may be squeezed out
_split_numbers = itertools.count()


@dataclass(frozen=True)
class Line:
    """One line of a paragraph, to be set as its own box.

    `natural_width` is the indent plus the advances plus (len(text) - 1) times the base letter-spacing.
    `justify_spacing` is the extra spacing between every pair of adjacent characters that makes the last glyph
    end at the line width: natural_width + justify_spacing * (len(text) - 1) == width. It is 0.0 on the last
    line and negative on a line a closing mark was squeezed onto.
    """

    text: str
    natural_width: float
    indent: float
    last: bool
    justify_spacing: float


class _Kind(Enum):
    HALF_WIDTH_RUN = "run"
    SOLO = "solo"  # a Han character, full-width mark, or an indivisible "……"/"——"
    SPACE = "space"


@dataclass
class _Unit:
    text: str
    char_advances: list[float]
    kind: _Kind
    advance: float  # sum of char_advances, without letter-spacing
    split_from: int = -1  # pieces of one over-long run share a number; breaks between them are free


def fill_grid_spacing(width: float, chars_per_line: int, size: float) -> float:
    """Letter-spacing that makes `chars_per_line` full-width characters of `size` exactly fill `width`.

    Spacing is counted between adjacent characters, chars_per_line - 1 times. For GB/T 9704 (156 mm, 28
    characters of 16 pt) it is (442.205 - 448) / 27, about -0.2146 pt. A first-line indent of k characters
    that keeps the grid is k * (size + spacing), not k em.
    """
    if chars_per_line < 2:
        raise ValueError("a grid needs at least two characters per line")
    return (width - chars_per_line * size) / (chars_per_line - 1)


def break_paragraph(
    text: str,
    *,
    width: float,
    advance: Callable[[str], float],
    first_indent: float = 0.0,
    letter_spacing: float = 0.0,
    max_squeeze: float | None = None,
) -> list[Line]:
    """Break `text` into lines of `width` points, justified by letter-spacing (see the module docstring).

    `advance` gives the advance of one character, in points, at the size the text is set in. Runs of
    whitespace collapse to one space, as in HTML; ideographic and no-break spaces are kept as characters.
    `max_squeeze` is the most a line may overflow to take a closing mark rather than push a character down;
    by default half the advance of "，". An empty paragraph gives one empty last line.
    """
    if width <= 0:
        raise ValueError("the line width must be positive")
    squeeze_limit = advance(_SQUEEZE_REFERENCE) / 2 if max_squeeze is None else max_squeeze
    units = _units_of(_COLLAPSIBLE_WHITESPACE.sub(" ", text).strip(" "), advance)
    units = _explode_wider_than(units, width, letter_spacing)
    return _Breaker(units, width, first_indent, letter_spacing, squeeze_limit).lines()


class _Breaker:
    def __init__(
        self,
        units: list[_Unit],
        width: float,
        first_indent: float,
        letter_spacing: float,
        squeeze_limit: float,
    ) -> None:
        self.width = width
        self.first_indent = first_indent
        self.letter_spacing = letter_spacing
        self.squeeze_limit = squeeze_limit
        self._set_units(units)

    def _set_units(self, units: list[_Unit]) -> None:
        self.units = units
        # Prefix sums make the width of any slice O(1).
        self.advance_before = [0.0]
        self.chars_before = [0]
        for unit in units:
            self.advance_before.append(self.advance_before[-1] + unit.advance)
            self.chars_before.append(self.chars_before[-1] + len(unit.text))

    def lines(self) -> list[Line]:
        if not self.units:
            return [Line("", self.first_indent, self.first_indent, True, 0.0)]
        result: list[Line] = []
        start = 0
        while start < len(self.units):
            indent = self.first_indent if not result else 0.0
            end = self._greedy_end(start, indent)
            if end == len(self.units):
                result.append(self._line(start, end, indent, last=True))
                break
            if end == start:
                # Nothing fits, not even the first unit: split it by character, or let a lone glyph overflow.
                if len(self.units[start].text) > 1:
                    self._set_units(_split_unit(self.units, start))
                    continue
                end = start + 1
            else:
                end = self._legal_break(start, end, indent)
            while end < len(self.units) and self.units[end].kind is _Kind.SPACE:
                end += 1
            result.append(self._line(start, end, indent, last=end == len(self.units)))
            start = end
        return result

    def _greedy_end(self, start: int, indent: float) -> int:
        # _fits() inlined: this loop visits every unit of the paragraph.
        units, advance_before, chars_before = self.units, self.advance_before, self.chars_before
        spacing = self.letter_spacing
        # indent + advances + (chars - 1) * spacing <= width, rearranged to leave only the running sums.
        limit = (
            self.width
            - indent
            + spacing
            + _FIT_TOLERANCE
            + advance_before[start]
            + chars_before[start] * spacing
        )
        end = start
        while end < len(units):
            if (
                units[end].kind is not _Kind.SPACE
                and advance_before[end + 1] + chars_before[end + 1] * spacing > limit
            ):
                break
            end += 1
        return end

    def _legal_break(self, start: int, overflowing: int, indent: float) -> int:
        """Where to end a line that cannot take units[overflowing]."""
        if self._may_break(overflowing):
            return overflowing
        if self.units[overflowing].text[0] in LINE_START_FORBIDDEN:
            glued_end = overflowing + 1
            while glued_end < len(self.units) and not self._may_break(glued_end):
                glued_end += 1
            if glued_end < len(self.units) and self._overflow(start, glued_end, indent) <= self.squeeze_limit:
                return glued_end
        for candidate in range(overflowing - 1, start, -1):
            if self._may_break(candidate):
                return candidate
        return overflowing

    def _may_break(self, position: int) -> bool:
        """Whether a line may end before units[position]."""
        before, after = self.units[position - 1], self.units[position]
        if after.kind is _Kind.SPACE:
            return False
        if before.split_from >= 0 and before.split_from == after.split_from:
            return True
        return after.text[0] not in LINE_START_FORBIDDEN and before.text[-1] not in LINE_END_FORBIDDEN

    def _visible_end(self, start: int, end: int) -> int:
        while end > start and self.units[end - 1].kind is _Kind.SPACE:
            end -= 1
        return end

    def _natural_width(self, start: int, end: int, indent: float) -> float:
        end = self._visible_end(start, end)
        chars = self.chars_before[end] - self.chars_before[start]
        advances = self.advance_before[end] - self.advance_before[start]
        return indent + advances + max(chars - 1, 0) * self.letter_spacing

    def _overflow(self, start: int, end: int, indent: float) -> float:
        return self._natural_width(start, end, indent) - self.width

    def _fits(self, start: int, end: int, indent: float) -> bool:
        return self._overflow(start, end, indent) <= _FIT_TOLERANCE

    def _line(self, start: int, end: int, indent: float, *, last: bool) -> Line:
        visible = self.units[start : self._visible_end(start, end)]
        text = "".join(unit.text for unit in visible)
        natural_width = self._natural_width(start, end, indent)
        gaps = len(text) - 1
        justify_spacing = 0.0 if last or gaps < 1 else (self.width - natural_width) / gaps
        return Line(text, natural_width, indent, last, justify_spacing)


def _units_of(text: str, advance: Callable[[str], float]) -> list[_Unit]:
    advance_of: dict[str, float] = {}  # the caller's advance may be slow; a paragraph repeats characters
    units: list[_Unit] = []
    previous: _Unit | None = None
    for position, char in enumerate(text):
        char_advance = advance_of.get(char)
        if char_advance is None:
            char_advance = advance_of[char] = advance(char)
        kind, attaches, repeat_group = _classify(char)
        if char == "’" and _inside_latin_word(text, position):
            kind = _Kind.HALF_WIDTH_RUN
        if previous is not None and (
            (attaches and previous.kind is not _Kind.SPACE)
            or (kind is _Kind.HALF_WIDTH_RUN and previous.kind is _Kind.HALF_WIDTH_RUN)
            or (repeat_group and _classify(previous.text[-1])[2] == repeat_group)
        ):
            previous.text += char
            previous.char_advances.append(char_advance)
            previous.advance += char_advance
        else:
            previous = _Unit(char, [char_advance], kind, char_advance)
            units.append(previous)
    return units


@functools.lru_cache(maxsize=4096)
def _classify(char: str) -> tuple[_Kind, bool, int]:
    """The kind of unit `char` makes, whether it attaches to the unit before, and its indivisible group."""
    # A combining mark or variation selector stays on its base character.
    attaches = unicodedata.category(char) in ("Mn", "Me") or "\ufe00" <= char <= "\ufe0f"
    repeat_group = next((number for number, group in _INDIVISIBLE_REPEATS if char in group), 0)
    if char == " ":
        return _Kind.SPACE, False, 0
    if char in _CHINESE_AMBIGUOUS_PUNCTUATION or _is_wide(char):
        return _Kind.SOLO, attaches, repeat_group
    return _Kind.HALF_WIDTH_RUN, attaches, repeat_group


def _inside_latin_word(text: str, position: int) -> bool:
    return (
        0 < position < len(text) - 1
        and _is_latin_letter(text[position - 1])
        and _is_latin_letter(text[position + 1])
    )


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _is_latin_letter(char: str) -> bool:
    return char.isalpha() and not _is_wide(char)


def _explode_wider_than(units: list[_Unit], width: float, letter_spacing: float) -> list[_Unit]:
    position = 0
    while position < len(units):
        unit = units[position]
        set_width = unit.advance + (len(unit.text) - 1) * letter_spacing
        if unit.kind is not _Kind.SPACE and len(unit.text) > 1 and set_width > width + _FIT_TOLERANCE:
            units = _split_unit(units, position)
            position += len(unit.text)
        else:
            position += 1
    return units


def _split_unit(units: Sequence[_Unit], position: int) -> list[_Unit]:
    unit = units[position]
    split_number = next(_split_numbers)
    pieces = [
        _Unit(char, [char_advance], unit.kind, char_advance, split_from=split_number)
        for char, char_advance in zip(unit.text, unit.char_advances, strict=True)
    ]
    return [*units[:position], *pieces, *units[position + 1 :]]
