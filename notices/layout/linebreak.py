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
- Line adjustment (CLREQ "行内调整", https://www.w3.org/TR/clreq/#line_adjustment), "先挤压、后拉伸":
  when the next unit does not fit and ending the line before it would leave half an em or more to spread
  (a line of 28 full-width characters fills the grid and needs no adjusting), first try to squeeze it, with everything glued to it up to the next
  legal break, onto the line by compressing the blank half of the full-width punctuation marks on the
  line (CLREQ "挤压处理的优先顺序", #procedures_for_inter-character_spacing_reduction: brackets and quotes
  on their outer side, then the pause marks ，、；：, then the stop mark 。, each down to half an em, marks
  of one kind equally). Each squeeze is a whole number of 1/20 pt, Word's unit for character spacing, so
  the DOCX condenses the same marks by the same amounts and Word and LibreOffice break where we do.
  Otherwise the line ends at the last legal break and is stretched (CLREQ "拉伸处理的优先顺序",
  #procedures_for_inter-character_space_expansion): the extra space goes equally into the gaps between
  Han characters, punctuation and at the edges of Western runs, never between the characters of a number,
  a Latin word, an e-mail address or a URL (CLREQ: "均排时 … 阿拉伯数字间 … 不使用均排") nor between a
  number and its "%" or currency sign; the gaps beside connector marks and solidi ("～", "／") only when a
  line has no other gap. No gap grows by more than `max_stretch_em` (a third of an em by default, the
  largest stretch CLREQ reports typesetting styles allow for the most stretchable gap, between Han and
  Western text); a line that would need more keeps that bound and ends short of the margin instead.
- If no legal break exists on a line (nothing but forbidden marks), the rules yield to the width.
"""

from __future__ import annotations

import functools
import itertools
import math
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
_SQUEEZE_REFERENCE = "，"  # a full-width punctuation mark: its advance is the em, half of it may go
STRETCH_LIMIT_EM = 1 / 3  # the most any gap may grow (CLREQ: styles stretch Han-Western gaps to 1/3 em)
WORD_SPACING_UNIT_PT = 0.05  # Word's unit for character spacing (w:spacing, 1/20 pt): squeezes are multiples
# CLREQ's order of squeezing: brackets and quotes on their outer side, then pause marks, then the full stop.
# Each tier: (marks whose right half may go, marks whose left half may go).
_OPENING_MARKS = "（《「『【〔〈〖〘〚［｛“‘"
_SQUEEZE_TIERS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset("）》」』】〕〉〗〙〛］｝”’"), frozenset(_OPENING_MARKS)),
    (frozenset("，、；："), frozenset()),
    (frozenset("。"), frozenset()),
)
_NUMBER_PREFIXES = frozenset("￥＄￡¥$£€±")  # stay with (and are not spaced from) the number after them
_AVOID_STRETCH = frozenset(_CONNECTOR_MARKS + _SOLIDI + "/")
_split_numbers = itertools.count()


class Gap(Enum):
    """What line adjustment may do to the space between two adjacent characters of a line."""

    FIXED = 0  # inside or after a number, a Latin word, an e-mail address or URL, "——", a number and its %
    STRETCH = 1  # between Han characters, punctuation, Han and Western text, around a word space
    AVOID = 2  # beside a connector mark or solidus: stretched only when a line has no STRETCH gap


@dataclass(frozen=True)
class Line:
    """One line of a paragraph, to be set as its own box.

    `natural_width` is the indent plus the advances plus (len(text) - 1) times the base letter-spacing.
    Per gap between adjacent characters (len(text) - 1 of them): `stretched` says whether it takes
    `justify_spacing`, `squeezed` how much narrower it is set (a punctuation mark's blank half compressed,
    a multiple of 1/20 pt). `short` is how far the line stops before the width because its stretch reached
    the bound: for every line but the last,
    natural_width + justify_spacing * sum(stretched) - sum(squeezed) + short == width.
    The last line has justify_spacing 0 and ends where its characters end.
    """

    text: str
    natural_width: float
    indent: float
    last: bool
    justify_spacing: float
    stretched: tuple[bool, ...] = ()
    squeezed: tuple[float, ...] = ()
    short: float = 0.0

    @property
    def end(self) -> float:
        """Where the line's last character ends, from the start of the line's box (indent included)."""
        return self.natural_width + self.justify_spacing * sum(self.stretched) - sum(self.squeezed)


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
    max_stretch_em: float | None = STRETCH_LIMIT_EM,
) -> list[Line]:
    """Break `text` into lines of `width` points, justified by letter-spacing (see the module docstring).

    `advance` gives the advance of one character, in points, at the size the text is set in. Runs of
    whitespace collapse to one space, as in HTML; ideographic and no-break spaces are kept as characters.
    `max_squeeze` is the most a line may overflow to take the next unit by compressing its punctuation; by
    default what the marks on it allow, 0 to push down rather than squeeze (as Word and LibreOffice break a
    file without condensed marks). `max_stretch_em`: the bound on each gap's stretch, in em (the advance of
    "，"); None for none. An empty paragraph gives one empty last line.
    """
    if width <= 0:
        raise ValueError("the line width must be positive")
    em = advance(_SQUEEZE_REFERENCE)
    squeeze_limit = math.inf if max_squeeze is None else max_squeeze
    stretch_limit = math.inf if max_stretch_em is None else max_stretch_em * em
    units = _units_of(_COLLAPSIBLE_WHITESPACE.sub(" ", text).strip(" "), advance)
    units = _explode_wider_than(units, width, letter_spacing)
    breaker = _Breaker(units, width, first_indent, letter_spacing, squeeze_limit)
    breaker.em, breaker.stretch_limit = em, stretch_limit
    return breaker.lines()


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
        self.em = 0.0
        self.stretch_limit = math.inf
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
                pushed = self._legal_break(start, end, indent)
                # A line the grid fills as it is (28 full-width characters) needs no adjusting: squeeze only
                # to spare a line a visible stretch.
                short = self.width - self._natural_width(start, pushed, indent)
                squeezed_end = self._squeezed_end(start, end, indent) if short >= self.em / 2 else None
                end = squeezed_end if squeezed_end is not None else pushed
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

    def _squeezed_end(self, start: int, overflowing: int, indent: float) -> int | None:
        """The end of the line that takes units[overflowing] and what is glued to it, if compressing the
        punctuation on that line makes room (先挤压); None otherwise."""
        if self.squeeze_limit <= 0:
            return None
        glued_end = overflowing + 1
        while (
            glued_end < len(self.units)
            and self.units[glued_end].kind is not _Kind.SPACE
            and not self._may_break(glued_end)
        ):
            glued_end += 1
        overflow = self._overflow(start, glued_end, indent)
        if overflow > self.squeeze_limit:
            return None
        _, capacities = self._gaps(start, glued_end)
        room = sum(sum(tiers) for tiers in capacities)
        return glued_end if overflow <= room + _FIT_TOLERANCE else None

    def _legal_break(self, start: int, overflowing: int, indent: float) -> int:
        """Where to end a line that cannot take units[overflowing]."""
        if self._may_break(overflowing):
            return overflowing
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
        kinds, capacities = self._gaps(start, end)
        overflow = natural_width - self.width
        squeezed = _squeeze(overflow, capacities) if overflow > _FIT_TOLERANCE else (0.0,) * len(kinds)
        stretched = _stretched(kinds)
        count = sum(stretched)
        if last or count == 0:
            return Line(text, natural_width, indent, last, 0.0, stretched, squeezed)
        room = self.width - natural_width + sum(squeezed)
        if room / count <= self.stretch_limit:
            return Line(text, natural_width, indent, last, room / count, stretched, squeezed)
        # Short only when the bound stops the stretch (not by a float's last bit): the DOCX ends such a line
        # with a break.
        spacing = self.stretch_limit
        return Line(text, natural_width, indent, last, spacing, stretched, squeezed, room - spacing * count)

    def _gaps(self, start: int, end: int) -> tuple[list[Gap], list[tuple[float, ...]]]:
        """Each gap between adjacent characters of units[start:end] (trailing spaces left off): its kind and
        how much each squeeze tier may take from it (a multiple of 1/20 pt)."""
        kinds: list[Gap] = []
        capacities: list[tuple[float, ...]] = []
        half = math.floor(self.em / 2 / WORD_SPACING_UNIT_PT + 1e-9) * WORD_SPACING_UNIT_PT
        previous: tuple[_Unit, str, float] | None = None
        for unit in self.units[start : self._visible_end(start, end)]:
            for position, (char, char_advance) in enumerate(zip(unit.text, unit.char_advances, strict=True)):
                if previous is not None:
                    before_unit, before, before_advance = previous
                    kinds.append(_gap_kind(before_unit, before, unit, char, inside=position > 0))
                    capacities.append(
                        tuple(
                            (half if before in right and before_advance >= 0.9 * self.em else 0.0)
                            + (half if char in left and char_advance >= 0.9 * self.em else 0.0)
                            for right, left in _SQUEEZE_TIERS
                        )
                    )
                previous = (unit, char, char_advance)
        return kinds, capacities


def _gap_kind(before_unit: _Unit, before: str, unit: _Unit, char: str, *, inside: bool) -> Gap:
    if inside:
        return Gap.FIXED  # one unit: a number, a Latin word, "——"
    if before_unit.kind is _Kind.SPACE or unit.kind is _Kind.SPACE:
        return Gap.STRETCH  # a word space (CLREQ stretches those first)
    if before_unit.kind is _Kind.HALF_WIDTH_RUN:
        # Inside a run too long for a line, or after a run: the stretch goes before a run, not after it, so
        # that a run is drawn as one box with one spacing (a box's edge would move its glyphs by a little).
        return Gap.FIXED
    if char in _SUFFIXES or before in _NUMBER_PREFIXES:
        return Gap.FIXED
    if char in _AVOID_STRETCH or before in _AVOID_STRETCH:
        return Gap.AVOID
    return Gap.STRETCH


def _stretched(kinds: Sequence[Gap]) -> tuple[bool, ...]:
    """The gaps that take the line's stretch: the STRETCH gaps, else the AVOID ones, else all (a line that is
    nothing but a piece of an over-long run)."""
    for wanted in (Gap.STRETCH, Gap.AVOID):
        if wanted in kinds:
            return tuple(kind is wanted for kind in kinds)
    return tuple(True for _ in kinds)


def _squeeze(overflow: float, capacities: Sequence[tuple[float, ...]]) -> tuple[float, ...]:
    """How much to take from each gap so that `overflow` goes: tier by tier, equally among the gaps of a
    tier (each at most its capacity), in multiples of 1/20 pt rounded up so the line surely fits."""
    squeezed = [0.0] * len(capacities)
    remaining = overflow
    for tier in range(len(_SQUEEZE_TIERS)):
        left = {i: capacity[tier] for i, capacity in enumerate(capacities) if capacity[tier] > 0}
        while remaining > _FIT_TOLERANCE and left:
            share = math.ceil(remaining / len(left) / WORD_SPACING_UNIT_PT - 1e-9) * WORD_SPACING_UNIT_PT
            step = min(share, min(left.values()))
            for i in list(left):
                squeezed[i] += step
                left[i] -= step
                if left[i] <= _FIT_TOLERANCE:
                    del left[i]
            remaining = overflow - sum(squeezed)
    return tuple(round(value / WORD_SPACING_UNIT_PT) * WORD_SPACING_UNIT_PT for value in squeezed)


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
