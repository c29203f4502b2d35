"""Chinese text as DOCX runs that Word and LibreOffice break where the layout broke it.

The layout (``notices.layout.linebreak``) keeps numbers, phone numbers, e-mail addresses, URLs and Latin words
whole, may pull a unit onto a line by compressing the blank half of the punctuation marks on it (CLREQ 挤压,
https://www.w3.org/TR/clreq/#procedures_for_inter-character_spacing_reduction), and ends a line short of the
margin rather than stretch it past its bound when the next unit cannot be broken. A reader of the DOCX breaks
lines itself, so the file says the same things in terms both Word and LibreOffice 7.4 honour:

- after a hyphen, solidus, "?", "!" or "|" inside a half-width run ("400-820-1688", "https://a.cn/b") comes a
  WORD JOINER (U+2060, zero width: no break on either side of it, UAX #14 class WJ), which LibreOffice's
  line breaker honours, so the run is one unit as in the layout. ``w:noBreakHyphen`` and a no-break space do
  not hold in Chinese text in LibreOffice: Writer makes them "blank portions" and lets a line break after one
  whenever the line holds no ordinary space before it (sw/source/core/text/porexp.cxx,
  ``SwBlankPortion::MayUnderflow``), which a Chinese line never does (measured: tests/layout/test_libreoffice_stretch.py);
- where the layout breaks a line after a closing or pause mark and before a half-width run ("电话：010-…、" /
  "010-…") comes a ZERO WIDTH SPACE (U+200B, a break opportunity of no width): LibreOffice 7.4 otherwise finds
  no break between an ideographic comma and the number after it and pushes the number before it down too
  (measured: tests/layout/test_libreoffice_stretch.py). Only there: every such character is one a reader's
  search or copy meets;
- a space between two digits ("021-6288 1234") is drawn as character spacing after the digit before it, as
  wide as the space the PDF draws, and written as a hidden space (``w:vanish``, ECMA-376 Part 1 §17.3.2.41)
  after that digit: the page shows one run of digits that no reader breaks (UAX #14: no break between digits;
  neither Word nor LibreOffice lays hidden text out, and LibreOffice finds no break at a hidden space,
  measured: tests/layout/test_libreoffice_stretch.py), and the text read from the file (python-docx, a
  reader's copy, LibreOffice's text export) holds the number as written, space included
  (tests/layout/test_docx_breaks.py). A visible no-break space would not hold (above), and a word joiner
  there would read as a character of the number;
- a squeezed mark's run carries that much less ``w:spacing`` (a multiple of 1/20 pt, the layout's unit), so the
  line that took the unit in the PDF takes it in Word and LibreOffice too;
- a line that the layout ended short of the margin (its next unit would not fit and stretching it more would
  pass the bound, ``linebreak.STRETCH_LIMIT_EM``) ends with a text-wrapping break (``w:br``), and the file sets
  ``w:doNotExpandShiftReturn`` (ECMA-376 Part 1 §17.15.3, "Don't Justify Lines Ending in Soft Line Break";
  LibreOffice reads it as DoNotJustifyLinesWithManualBreak): the reader leaves that line as it is instead of
  spreading it to the margin. Only such lines get a break; the rest of a paragraph flows as any paragraph.

Word was not at hand to measure. It reads the file as the layout sets it (w:autoSpaceDE/DN off, condensed
marks), so its lines are the layout's lines and the units the layout keeps whole never stand at the end of a
line Word must break: a line the layout ended before one ends with its own break. The word joiner and the zero
width space only restate, in Unicode's terms (UAX #14), breaks the layout already made.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from notices.layout.typeset import SetLine

LINE_BREAK = "\n"  # python-docx writes it as a w:br in the run
WORD_JOINER = "\u2060"
ZERO_WIDTH_SPACE = "\u200b"
_BREAK_AFTER_IN_RUN = re.compile(r"(?<=[!-~])[-/?!|](?=[!-~])")
_MARK_BEFORE_RUN = re.compile(r"[，。、；：？！）》」』】〕〉〗〙〛］｝”’](?=[!-~])")
_SPACE_IN_NUMBER = re.compile(r"(?<=[0-9]) (?=[0-9])")


@dataclass(frozen=True)
class Segment:
    """Text that becomes one run: ``spacing_pt`` more spacing after each character than the style's (less
    when negative: a squeezed mark); ``hidden`` text is in the file's text but not on the page."""

    text: str
    spacing_pt: float = 0.0
    hidden: bool = False


def segments(
    text: str, lines: Sequence[SetLine] = (), skip: int = 0, *, number_space_pt: float | None = None
) -> list[Segment]:
    """``text`` cut into runs of equal spacing: condensed marks (from ``lines``, the text as the layout set it,
    whose first ``skip`` characters precede ``text``), digits before a space in a number (``number_space_pt``
    wider: the space's advance and its letter-spacing, the space itself hidden after it; without it, a no-break
    space, as in a table cell, whose column the layout makes as wide as its longest run), word joiners inside half-width runs, a zero width space
    where a line starts with a half-width run after a mark, and a line break where the layout ended a line
    short."""
    condensed = _condensed_offsets(lines)
    starts, short_starts = _line_starts(lines)
    joined = "".join(line.text for line in lines)
    joiners = {match.end() for match in _BREAK_AFTER_IN_RUN.finditer(text)}
    after_marks = {match.end() for match in _MARK_BEFORE_RUN.finditer(text)}
    number_spaces = {match.start() for match in _SPACE_IN_NUMBER.finditer(text)}
    position = skip
    found: list[Segment] = []
    for index, char in enumerate(text):
        amount = 0.0
        line_start = False
        if position < len(joined) and (
            joined[position] == char or (char.isspace() and joined[position] == " ")
        ):
            line_start = position in starts and position > skip and not char.isspace()
            if line_start and position in short_starts:
                found.append(Segment(LINE_BREAK))
            amount = -condensed.get(position, 0.0)
            position += 1
        if index in joiners:
            found.append(Segment(WORD_JOINER))
        elif index in after_marks and line_start and found[-1].text != LINE_BREAK:
            found.append(Segment(ZERO_WIDTH_SPACE))
        if index in number_spaces:
            if number_space_pt is None:
                found.append(Segment("\u00a0", amount))
                continue
            previous = found[-1]
            found[-1] = Segment(previous.text, previous.spacing_pt + number_space_pt)
            found.append(Segment(char, 0.0, hidden=True))
            continue
        found.append(Segment(char, amount))
    result: list[Segment] = []
    for segment in found:
        last = result[-1] if result else None
        if last and (last.spacing_pt, last.hidden) == (segment.spacing_pt, segment.hidden):
            result[-1] = Segment(last.text + segment.text, last.spacing_pt, last.hidden)
        else:
            result.append(segment)
    return result


def text_offset(text: str, lines: Sequence[SetLine], upto: int, skip: int = 0) -> int:
    """Where in ``text`` the layout's line text reaches character ``upto`` (``lines`` as in ``segments``,
    their first ``skip`` characters before ``text``): the index of the text's character set there, after any
    the layout dropped at the end of the line before (a space at a break)."""
    joined = "".join(line.text for line in lines)
    position = skip
    for index, char in enumerate(text):
        if position >= len(joined):
            return index
        if joined[position] == char or (char.isspace() and joined[position] == " "):
            if position == upto:
                return index
            position += 1
    return len(text)


def splits_into_runs(text: str) -> bool:
    """Whether the DOCX writes `text` other than as it is, whatever the layout: a word joiner inside a
    half-width run, or a space in a number."""
    return bool(_BREAK_AFTER_IN_RUN.search(text) or _SPACE_IN_NUMBER.search(text))


def depends_on_lines(lines: Sequence[SetLine]) -> bool:
    """Whether the runs of a text set as `lines` depend on where the layout broke it: a squeezed mark, a line
    ended short, a line broken after a mark and before a half-width run."""
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        if line.condensed or (line.short > 0 and not line.last):
            return True
        if following is not None and _MARK_BEFORE_RUN.search(line.text[-1:] + following.text[:1]):
            return True
    return False


def _condensed_offsets(lines: Sequence[SetLine]) -> dict[int, float]:
    offsets: dict[int, float] = {}
    start = 0
    for line in lines:
        for index, amount in line.condensed:
            offsets[start + index] = amount
        start += len(line.text)
    return offsets


def _line_starts(lines: Sequence[SetLine]) -> tuple[set[int], set[int]]:
    """Offsets (in the lines' joined text) of the first character of each line after the first, and of those
    that follow a line ending short."""
    starts: set[int] = set()
    short: set[int] = set()
    start = 0
    for line in lines[:-1]:
        start += len(line.text)
        starts.add(start)
        if line.short > 0:
            short.add(start)
    return starts, short
