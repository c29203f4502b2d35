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

from notices.layout.linebreak import Line, break_paragraph
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
_SPACE_IN_NUMBER = re.compile(r"(?<=[0-9]) (?=[0-9])")
# A space between digits ("021-6288 1234") does not break: while breaking it stands in as _NUMBER_SPACE, a
# half-width character as wide as a space; the PDF draws a plain space (copied text keeps its spaces).
_NUMBER_SPACE = "\ue002"
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
        if char == _NUMBER_SPACE:
            char = " "
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
    """One line, ready to be drawn as a block of boxes, starting `indent_pt` in from the left.

    `condensed`: (index in `text`, pt) for each character whose following gap is narrowed by squeezing its
    punctuation (CLREQ 挤压); the DOCX gives those characters that much less spacing. `short`: how far the
    line stops before the margin because its stretch reached the bound (linebreak.STRETCH_LIMIT_EM).
    """

    text: str
    indent_pt: float
    last: bool
    boxes: tuple[Box, ...]
    condensed: tuple[tuple[int, float], ...] = ()
    short: float = 0.0


@dataclass(frozen=True)
class _Piece:
    """Characters of one run whose following gaps are all alike: stretched or not, squeezed by as much."""

    text: str
    latin: bool
    stretched: bool
    squeeze_pt: float


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
        _DASH_BY_DIGITS.sub(_LATIN_DASH, _SPACE_IN_NUMBER.sub(_NUMBER_SPACE, text)),
        width=width_pt - indent_pt,
        advance=face.advance,
        first_indent=first_indent_pt,
        letter_spacing=base_spacing_pt,
    )
    result: list[SetLine] = []
    for line in lines:
        indent = indent_pt + line.indent
        pieces = _pieces(line, face)
        # A cluster holds one or two characters: a line of 8 or more has at least 4.
        if line.last or not justify or (len(line.text) < 8 and len(_clusters(line.text, face)) < 4):
            boxes = tuple(
                Box(p.text, p.latin, _pango_units_to_css(_fixed_units(p, base_spacing_pt))) for p in pieces
            )
        else:
            boxes = justified_boxes(
                tuple(pieces),
                face,
                width_pt - indent - line.short,
                base_spacing_pt,
                base_spacing_pt + line.justify_spacing,
            )
        boxes = tuple(Box(_plain(b.text), b.latin, b.spacing_px) for b in boxes)
        condensed = tuple((i, amount) for i, amount in enumerate(line.squeezed) if amount > 0)
        text_out = _plain(line.text)
        result.append(SetLine(text_out, indent, line.last, boxes, condensed, line.short))
    return tuple(result)


def _plain(text: str) -> str:
    return text.replace(_LATIN_DASH, "—").replace(_NUMBER_SPACE, " ")


def _pieces(line: Line, face: Face) -> list[_Piece]:
    """The line's runs cut where the kind of the following gap changes. The last character goes with the one
    before it (nothing follows it); the two dashes of a "——" the font joins into one glyph stay together."""
    text = line.text
    if not text:
        return [_Piece("", False, False, 0.0)]
    stretched = [*line.stretched, line.stretched[-1] if line.stretched else False]
    squeezed = [*line.squeezed, line.squeezed[-1] if line.squeezed else 0.0]
    if face.joins_double_dash:
        index = 0
        while index < len(text) - 1:
            if text.startswith("——", index):
                stretched[index], squeezed[index] = stretched[index + 1], squeezed[index + 1]
                index += 2
            else:
                index += 1
    pieces: list[_Piece] = []
    position = 0
    for run, latin in runs_of(text):
        start = position
        for index in range(position, position + len(run)):
            end_here = index == position + len(run) - 1 or (stretched[index], squeezed[index]) != (
                stretched[index + 1],
                squeezed[index + 1],
            )
            if end_here:
                pieces.append(_Piece(text[start : index + 1], latin, stretched[index], squeezed[index]))
                start = index + 1
        position += len(run)
    return pieces


def _fixed_units(piece: _Piece, base_pt: float) -> int:
    """The Pango letter-spacing of a piece that takes no stretch: the base, less its squeeze."""
    return _round_half_away((base_pt - piece.squeeze_pt) * PX_PER_PT * PANGO_SCALE)


@functools.lru_cache(maxsize=4096)
def justified_boxes(
    pieces: tuple[_Piece, ...], face: Face, target_pt: float, base_pt: float, stretched_pt: float
) -> tuple[Box, ...]:
    """Boxes whose drawn text ends `target_pt` after the line's start.

    Pieces that take no stretch keep `base_pt` less their squeeze; the stretched ones share one spacing,
    ideally `stretched_pt` (less their squeeze). The last box's spacing is one whose drawn width can be
    predicted exactly; the stretched boxes before it share a spacing solved so that, by Pango's layout
    arithmetic (no truncation there), the last box starts where it must. The two spacings differ by a few
    thousandths of a point, far below what an eye sees.
    """
    parts = list(pieces)
    tail = parts[-1]
    stretched_clusters = sum(len(_clusters(p.text, face)) for p in parts if p.stretched)
    tail_clusters = _clusters(tail.text, face)
    if (
        tail.stretched
        and len(tail_clusters) >= 2
        and (len(tail_clusters) * 2 > stretched_clusters or not any(p.stretched for p in parts[:-1]))
    ):
        # Split the last piece so that both parts are long enough to spread the rounding.
        keep = len(tail.text) // 2
        if tail.text[keep - 1 : keep + 1] == "——":
            keep += 1
        if 0 < keep < len(tail.text):
            parts[-1:] = [
                _Piece(tail.text[:keep], tail.latin, True, tail.squeeze_pt),
                _Piece(tail.text[keep:], tail.latin, True, tail.squeeze_pt),
            ]
            tail = parts[-1]
            tail_clusters = _clusters(tail.text, face)
    head = parts[:-1]
    runs = tuple(_run_spec(p, face, base_pt) for p in head)
    ideal = round(stretched_pt * PX_PER_PT * PANGO_SCALE)
    tail_spec = _run_spec(tail, face, base_pt)
    choices = range(ideal - _SEARCH, ideal + _SEARCH + 1) if tail.stretched else (ideal,)
    best: tuple[float, tuple[Box, ...]] | None = None
    for tail_variable in choices:
        tail_units = _units_of_run(tail_spec, tail_variable)
        tail_width = _drawn_end(tail_clusters, tail_units, face.size_pt, strict=tail.stretched)
        if tail_width is None:
            continue
        head_variable = _solve_head_units(runs, target_pt - tail_width, ideal)
        error = abs(_head_width(runs, head_variable) + tail_width - target_pt)
        error += abs(head_variable - tail_variable) * 1e-6  # among equals, keep the spacings alike
        if best is None or error < best[0]:
            boxes = (
                *(
                    Box(p.text, p.latin, _pango_units_to_css(_units_of_run(run, head_variable)))
                    for p, run in zip(head, runs, strict=True)
                ),
                Box(tail.text, tail.latin, _pango_units_to_css(tail_units)),
            )
            best = (error, boxes)
    if best is None:
        return tuple(
            Box(p.text, p.latin, _pango_units_to_css(_units_of_run(_run_spec(p, face, base_pt), ideal)))
            for p in parts
        )
    return best[1]


# A run of a line's head for the width arithmetic: (its advances in Pango units, its glyph count, whether
# it takes the shared stretched spacing, and its spacing in Pango units: added to the shared one when it
# does (its squeeze, negative), the whole spacing when it does not).
_RunSpec = tuple[int, int, bool, int]


def _run_spec(piece: _Piece, face: Face, base_pt: float) -> _RunSpec:
    clusters = _clusters(piece.text, face)
    scale = _pango_size(face.size_pt) * PANGO_SCALE
    advances = sum(round(em * scale) for em, _ in clusters)
    to_units = PX_PER_PT * PANGO_SCALE
    if piece.stretched:
        return advances, len(clusters), True, _round_half_away(-piece.squeeze_pt * to_units)
    return advances, len(clusters), False, _round_half_away((base_pt - piece.squeeze_pt) * to_units)


def _units_of_run(run: _RunSpec, shared: int) -> int:
    _advances, _glyphs, stretched, units = run
    return shared + units if stretched else units


def _head_width(runs: Sequence[_RunSpec], shared: int) -> float:
    """Where the boxes of a line's head end by Pango's layout, in pt: each box is its advances, the spacing
    between its glyphs and, added by WeasyPrint, one trailing letter-spacing."""
    total_px = 0.0
    for run in runs:
        units = _units_of_run(run, shared)
        advances, glyphs = run[0], run[1]
        total_px += (advances + (glyphs - 1) * units) / PANGO_SCALE + _pango_units_to_css(units)
    return total_px / PX_PER_PT


def _solve_head_units(runs: Sequence[_RunSpec], width_pt: float, ideal: int) -> int:
    glyphs = sum(run[1] for run in runs if run[2])
    if not glyphs:
        return ideal  # nothing in the head stretches: its width is what it is
    zero = _head_width(runs, 0)
    guess = round((width_pt - zero) * PX_PER_PT * PANGO_SCALE / glyphs)
    candidates = range(guess - 2, guess + 3)
    return min(candidates, key=lambda units: abs(_head_width(runs, units) - width_pt))


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


def _drawn_end(
    clusters: Sequence[tuple[float, float]], spacing_units: int, size_pt: float, *, strict: bool = True
) -> float | None:
    """Where WeasyPrint draws the end of the last glyph, in pt, for a Pango letter-spacing of `spacing_units`.

    None when a truncated kerning value lies too close to an integer to be predicted safely (`strict`).
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
        if strict and fraction < _SAFE_FRACTION and round(kerning) != 0:
            return None
        pen += offset + logical - int(kerning)
    return None
