"""Set justified Chinese text line by line, so every line but a paragraph's last ends exactly at the margin.

WeasyPrint justifies only by widening spaces, and Chinese has none (anchors.md, "CJK justification"). So the
line breaker (`linebreak.py`) chooses the breaks and each line is emitted as its own box with its own
letter-spacing. The spacing of a line is chosen with WeasyPrint's and Pango's arithmetic in mind, because a
naive value drifts by up to half a point per line:

- Pango stores letter-spacing in 1/1024 px and splits it into a left half, carried as the next glyph's
  x-offset, and a right half added to the glyph's width;
- WeasyPrint writes each glyph's adjustment into the PDF in 1/1000 em, truncated to an integer, and writes the
  x-offset as if Pango units were thousandths of an em (off by 1000/1024).

`_drawn_end` repeats that arithmetic and `_line_spacing` tries the Pango spacings near the ideal one, keeping
the one whose drawn line ends nearest the margin and whose truncations sit safely away from an integer. The
result: line ends within a few hundredths of a point of the margin (tests/layout measures it).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from notices.layout.linebreak import break_paragraph
from notices.layout.metrics import FontMetrics, joins_pair

PX_PER_PT = 4 / 3
PANGO_SCALE = 1024
# Latin words are shaped by Pango as English, whose `locl` would swap the digits beside them for narrower
# forms than the metrics give; such runs get `font-feature-settings: "locl" 0` (metrics.py).
_LATIN_RUN = re.compile(r"[A-Za-z][\x21-\x7e]*|[\x21-\x7e]*[A-Za-z][\x21-\x7e]*")
# A dash between digits ("8:00—20:00") is shaped with the digits, outside any Han run, so it keeps the
# font's default 0.89 em form rather than the full-width ZHS one: while breaking it stands in as _LATIN_DASH.
_LATIN_DASH = "\ue001"
_DASH_BY_DIGITS = re.compile(r"(?<=[0-9])—(?!—)|(?<!—)—(?=[0-9])")
_OWN_BOX = re.compile(r"[\x21-\x7e\ue001]+")
_SAFE_FRACTION = 0.08  # how far a truncated kerning value must stay from an integer to survive rounding noise
_SEARCH = 48  # Pango units tried on each side of the ideal spacing
_UNITS_KEPT = 16384  # characters measured per face


@dataclass(frozen=True)
class Face:
    """One font file at one size: advances for the breaker and the numbers WeasyPrint will round with."""

    metrics: FontMetrics
    size_pt: float
    fallback: FontMetrics | None = None
    _units: dict[str, tuple[float, int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def joins_double_dash(self) -> bool:
        """Whether the font sets "——" as one two-em glyph (Noto CJK does), so it takes one spacing, not two."""
        return _joins_double_dash(self.metrics.path, self.metrics.index)

    def advance(self, char: str) -> float:
        units, upem = self.units(char)
        return units * self.size_pt / upem

    def units(self, char: str) -> tuple[float, int]:
        """The advance of `char` in font units and the face's units per em."""
        found = self._units.get(char)
        if found is None:
            if len(self._units) >= _UNITS_KEPT:
                self._units.clear()
            found = self._units[char] = self._measure(char)
        return found

    def _measure(self, char: str) -> tuple[float, int]:
        if char == _LATIN_DASH:
            plain = FontMetrics.load(self.metrics.path, self.metrics.index)
            return plain.advance("—", plain.units_per_em), plain.units_per_em
        metrics = self._metrics_for(char)
        return metrics.advance(char, metrics.units_per_em), metrics.units_per_em

    def _metrics_for(self, char: str) -> FontMetrics:
        # `char` may be a cluster of two ("——", set as one glyph): each of its characters is looked up
        if self.fallback is not None and not all(self.metrics.has_glyph(c) for c in char):
            return self.fallback
        return self.metrics


@dataclass(frozen=True)
class Box:
    """A run of a line set as one inline box with one letter-spacing (CSS px)."""

    text: str
    latin: bool  # shaped with `locl` off
    spacing_px: float

    @property
    def css_spacing(self) -> str:
        return "0" if self.spacing_px == 0 else f"{self.spacing_px:.10f}px"


@dataclass(frozen=True)
class SetLine:
    """One line, ready to be drawn as a block of boxes, starting `indent_pt` in from the left."""

    text: str
    indent_pt: float
    last: bool
    boxes: tuple[Box, ...]


def runs_of(text: str) -> list[tuple[str, bool]]:
    """Split a line into runs: half-width runs holding a Latin letter (or a dash between digits) are shaped
    without locl, as Pango shapes them."""
    runs: list[tuple[str, bool]] = []
    position = 0
    for match in _OWN_BOX.finditer(text):
        if not re.search(r"[A-Za-z\ue001]", match.group()):
            continue
        if match.start() > position:
            runs.append((text[position : match.start()], False))
        runs.append((match.group(), True))
        position = match.end()
    if position < len(text) or not runs:
        runs.append((text[position:], False))
    return runs


def set_paragraph(
    text: str,
    face: Face,
    *,
    width_pt: float,
    base_spacing_pt: float,
    first_indent_pt: float = 0.0,
    indent_pt: float = 0.0,
    justify: bool = True,
) -> list[SetLine]:
    """Break `text` into lines of `width_pt` (after `indent_pt`) and justify all but the last."""
    return list(_set_paragraph(text, face, width_pt, base_spacing_pt, first_indent_pt, indent_pt, justify))


# A batch sets the same paragraphs for every recipient: only the few that name the recipient change.
@functools.lru_cache(maxsize=2048)
def _set_paragraph(
    text: str,
    face: Face,
    width_pt: float,
    base_spacing_pt: float,
    first_indent_pt: float,
    indent_pt: float,
    justify: bool,
) -> tuple[SetLine, ...]:
    lines = break_paragraph(
        _DASH_BY_DIGITS.sub(_LATIN_DASH, text),
        width=width_pt - indent_pt,
        advance=face.advance,
        first_indent=first_indent_pt,
        letter_spacing=base_spacing_pt,
        max_squeeze=0.0,  # Word and LibreOffice push a character down rather than squeeze: break as they do
    )
    base = _pango_units_to_css(_round_half_away(base_spacing_pt * PX_PER_PT * PANGO_SCALE))
    result: list[SetLine] = []
    for line in lines:
        indent = indent_pt + line.indent
        # A cluster holds one or two characters: a line of 8 or more has at least 4.
        if line.last or not justify or (len(line.text) < 8 and len(_clusters(line.text, face)) < 4):
            boxes = tuple(Box(run, latin, base) for run, latin in runs_of(line.text))
        else:
            boxes = justified_boxes(line.text, face, width_pt - indent)
        boxes = tuple(Box(b.text.replace(_LATIN_DASH, "—"), b.latin, b.spacing_px) for b in boxes)
        result.append(SetLine(line.text.replace(_LATIN_DASH, "—"), indent, line.last, boxes))
    return tuple(result)


@functools.lru_cache(maxsize=4096)
def justified_boxes(text: str, face: Face, target_pt: float) -> tuple[Box, ...]:
    """Boxes whose drawn text ends `target_pt` after the line's start.

    The last box's spacing is one whose drawn width can be predicted exactly; the boxes before it share a
    spacing solved so that, by Pango's layout arithmetic (no truncation there), the last box starts where it
    must. The two spacings differ by a few thousandths of a point, far below what an eye sees.
    """
    runs = runs_of(text)
    tail_text, tail_latin = runs[-1]
    head_runs = runs[:-1]
    tail_clusters = _clusters(tail_text, face)
    if len(tail_clusters) * 2 > len(_clusters(text, face)) or not head_runs:
        # Split the last run so that both parts are long enough to spread the rounding.
        keep = len(tail_text) // 2
        if tail_text[keep - 1 : keep + 1] == "——":
            keep += 1
        head_runs = [*head_runs, (tail_text[:keep], tail_latin)]
        tail_text = tail_text[keep:]
        tail_clusters = _clusters(tail_text, face)
    natural = sum(em for em, _ in _clusters(text, face)) * face.size_pt
    gaps = len(_clusters(text, face)) - 1
    ideal = (target_pt - natural) / gaps * PX_PER_PT * PANGO_SCALE
    head = [(run, latin, _clusters(run, face)) for run, latin in head_runs]
    head_runs_units = _runs_units(head, face.size_pt)
    best: tuple[float, tuple[Box, ...]] | None = None
    for tail_units in range(round(ideal) - _SEARCH, round(ideal) + _SEARCH + 1):
        tail_width = _drawn_end(tail_clusters, tail_units, face.size_pt)
        if tail_width is None:
            continue
        head_units = _solve_head_units(head_runs_units, target_pt - tail_width)
        error = abs(_head_width(head_runs_units, head_units) + tail_width - target_pt)
        error += abs(head_units - tail_units) * 1e-6  # among equals, keep the spacings alike
        if best is None or error < best[0]:
            head_css = _pango_units_to_css(head_units)
            boxes = (
                *(Box(run, latin, head_css) for run, latin, _ in head),
                Box(tail_text, tail_latin, _pango_units_to_css(tail_units)),
            )
            best = (error, boxes)
    if best is None:
        uniform = _pango_units_to_css(round(ideal))
        return tuple(Box(run, latin, uniform) for run, latin in runs)
    return best[1]


def _runs_units(
    head: Sequence[tuple[str, bool, list[tuple[float, float]]]], size_pt: float
) -> tuple[tuple[int, int], ...]:
    """Each box of `head` as (its advances in Pango units, its glyph count): what `_head_width` adds up for
    every spacing it tries, computed once."""
    scale = _pango_size(size_pt) * PANGO_SCALE
    return tuple(
        (sum(round(em * scale) for em, _ in clusters), len(clusters)) for _run, _latin, clusters in head
    )


def _head_width(runs_units: Sequence[tuple[int, int]], units: int) -> float:
    """Where the boxes of a line's head end by Pango's layout, in pt: each box is its advances, the spacing
    between its glyphs and, added by WeasyPrint, one trailing letter-spacing."""
    css = _pango_units_to_css(units)
    total_px = 0.0
    for advances, glyphs in runs_units:
        pango_units = advances + (glyphs - 1) * units
        total_px += pango_units / PANGO_SCALE + css
    return total_px / PX_PER_PT


def _solve_head_units(runs_units: Sequence[tuple[int, int]], width_pt: float) -> int:
    glyphs = sum(count for _, count in runs_units)
    zero = _head_width(runs_units, 0)  # width with no spacing at all
    guess = round((width_pt - zero) * PX_PER_PT * PANGO_SCALE / max(glyphs, 1))
    candidates = range(guess - 2, guess + 3)
    return min(candidates, key=lambda units: abs(_head_width(runs_units, units) - width_pt))


def _round_half_away(value: float) -> int:
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def _pango_units_to_css(units: int) -> float:
    """A CSS px value that WeasyPrint's int(px * 1024) turns back into exactly `units`."""
    if units == 0:
        return 0.0
    return (units + math.copysign(0.5, units)) / PANGO_SCALE


def _clusters(text: str, face: Face) -> list[tuple[float, float]]:
    """(advance in em, units per em) of each glyph: Noto CJK sets "——" as one two-em glyph."""
    clusters: list[tuple[float, float]] = []
    index = 0
    while index < len(text):
        if text.startswith("——", index) and face.joins_double_dash:
            units, upem = face.units("——")
            index += 2
        else:
            units, upem = face.units(text[index])
            index += 1
        clusters.append((units / upem, upem))
    return clusters


@functools.cache
def _joins_double_dash(path: Path, index: int) -> bool:
    return joins_pair(path, index, "—")


@functools.lru_cache(maxsize=64)
def _pango_size(size_pt: float) -> float:
    return int(size_pt * PX_PER_PT * PANGO_SCALE) / PANGO_SCALE


def _drawn_end(clusters: Sequence[tuple[float, float]], spacing_units: int, size_pt: float) -> float | None:
    """Where WeasyPrint draws the end of the last glyph, in pt, for a Pango letter-spacing of `spacing_units`.

    None when a truncated kerning value lies too close to an integer to be predicted safely.
    """
    font_size = _pango_size(size_pt)  # px, as Pango holds it
    scale = font_size * PANGO_SCALE  # Pango units per em
    to_thousandths = 1000 / (PANGO_SCALE * font_size)
    left = int(spacing_units / 2)  # C division truncates toward zero
    right = spacing_units - left
    pen = 0.0
    last = len(clusters) - 1
    for index, (em, _upem) in enumerate(clusters):
        logical = round(em * 1000)
        width = round(em * scale)
        offset = 0.0
        if index > 0:
            width += left
            offset = left / font_size  # WeasyPrint's unit slip: Pango units taken for thousandths of an em
        if index < last:
            width += right
        kerning = logical + offset - width * to_thousandths
        if index == last:
            return (pen + offset + logical) * size_pt / 1000
        fraction = abs(kerning - round(kerning))
        if fraction < _SAFE_FRACTION and round(kerning) != 0:
            return None
        pen += offset + logical - int(kerning)
    return None
