"""Chinese text as DOCX runs that Word and LibreOffice break where the layout broke it.

The layout (``notices.layout.linebreak``) keeps numbers, e-mail addresses and Latin words whole and may pull a
unit onto a line by compressing the blank half of the punctuation marks on it (CLREQ 挤压,
https://www.w3.org/TR/clreq/#procedures_for_inter-character_spacing_reduction). A reader of the DOCX breaks
lines itself, so the file says the same things in Word's terms:

- a hyphen inside a half-width run ("400-820-1688", "RTX-4090", "hengxin-group.com") is a ``w:noBreakHyphen``:
  Word and LibreOffice would otherwise break after it (UAX #14 class HY), splitting the number;
- a space between two digits ("021-6288 1234") is a no-break space (``typeset.keep_numbers_whole``);
- a squeezed mark's run carries that much less ``w:spacing`` (a multiple of 1/20 pt, the layout's unit), so
  the line that took the unit in the PDF takes it in Word and LibreOffice too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from notices.layout.typeset import SetLine, keep_numbers_whole

_HYPHEN_IN_RUN = re.compile(r"(?<=[0-9A-Za-z])-(?=[0-9A-Za-z])")
NO_BREAK_HYPHEN = "\u2011"  # stands for w:noBreakHyphen in a Segment's text


@dataclass(frozen=True)
class Segment:
    """Text that becomes one run: ``condense_pt`` less spacing after each character than the style's; a
    text of exactly NO_BREAK_HYPHEN is a ``w:noBreakHyphen``."""

    text: str
    condense_pt: float = 0.0


def segments(text: str, lines: Sequence[SetLine] = (), skip: int = 0) -> list[Segment]:
    """``text`` cut into runs: condensed marks (from ``lines``, the text as the layout set it, whose first
    ``skip`` characters precede ``text``) and no-break hyphens get runs of their own."""
    text = keep_numbers_whole(text)
    condensed = _condensed_offsets(lines)
    joined = "".join(line.text for line in lines)
    position = skip
    found: list[tuple[str, float]] = []
    for char in text:
        amount = 0.0
        if position < len(joined) and (
            joined[position] == char or (char.isspace() and joined[position] == " ")
        ):
            amount = condensed.get(position, 0.0)
            position += 1
        found.append((char, amount))
    result: list[Segment] = []
    hyphens = {match.start() for match in _HYPHEN_IN_RUN.finditer(text)}
    for index, (char, amount) in enumerate(found):
        if index in hyphens:
            result.append(Segment(NO_BREAK_HYPHEN, amount))
        elif result and result[-1].condense_pt == amount and result[-1].text != NO_BREAK_HYPHEN:
            result[-1] = Segment(result[-1].text + char, amount)
        else:
            result.append(Segment(char, amount))
    return result


def splits_into_runs(text: str) -> bool:
    """Whether the DOCX writes `text` other than as it is, whatever the layout: a no-break hyphen or a
    no-break space in a number."""
    return bool(_HYPHEN_IN_RUN.search(text)) or keep_numbers_whole(text) != text


def _condensed_offsets(lines: Sequence[SetLine]) -> dict[int, float]:
    offsets: dict[int, float] = {}
    start = 0
    for line in lines:
        for index, amount in line.condensed:
            offsets[start + index] = amount
        start += len(line.text)
    return offsets
