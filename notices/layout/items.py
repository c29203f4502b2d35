"""Where the numbers and the text of an English letter's numbered items stand, decided once for both formats.

A numbered list in a business letter hangs its numbers: every line of an item's text starts at one edge, the
number stands in the space to its left, and an item of the second level ("(a)") is indented under the text of
its first-level item, its number where that text starts (Chicago Manual of Style 6.127, vertical lists:
"runover lines are aligned with the first word following the numeral"; Word's own multilevel list styles).

The number column of each level is as wide as the widest number printed at that level, measured in the body
face, with a gap after it, and never narrower than ``MIN_HANG_EM``: "9." and "10." items line up their text.
The PDF draws the number in a box of that width before the text (`notice.html.j2`); the DOCX writes the same
indents in twips with a tab after the number (`docx.py`). Twips, not Word's ``w:leftChars``/``w:hangingChars``:
LibreOffice 7.4 ignores the character-unit indents when no twips are given, and set the items flush left
(corpus en-emerge).

A Chinese notice numbers its items inline on the grid (一、（一）1.（1）, GB/T 9704 §7.3.3): `zh.py`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from notices.document import AttachmentPage, Block, Paragraph
from notices.profiles import Profile

MIN_HANG_EM = 1.5  # the number column of a "1." item: a quarter inch at 11 pt, Word's default hanging indent
GAP_EM = 0.5  # between the widest number and the text


@dataclass(frozen=True)
class ItemIndent:
    """One level's indents, in pt from the type area's left edge."""

    left: float  # where every line of the text starts
    hanging: float  # the number column: the number starts at ``left - hanging``

    @property
    def number_left(self) -> float:
        return self.left - self.hanging


def numbered_items(blocks: Iterable[Block]) -> Iterator[Paragraph]:
    for block in blocks:
        if isinstance(block, Paragraph) and block.number:
            yield block
        elif isinstance(block, AttachmentPage):
            yield from numbered_items(block.blocks)


def item_indents(blocks: Iterable[Block], profile: Profile) -> Mapping[int, ItemIndent]:
    """Level → indents for the numbered items of an English letter; each level's number stands where the
    text of the level above starts."""
    from notices.layout.zh import role_face

    widest: dict[int, float] = {}
    face = None
    for item in numbered_items(blocks):
        face = face or role_face(profile, "body")
        width = sum(face.advance(char) for char in item.number.strip())
        level = max(item.level, 1)
        widest[level] = max(widest.get(level, 0.0), width)
    em = profile.body_size_pt
    indents: dict[int, ItemIndent] = {}
    left = 0.0
    for level in range(1, max(widest, default=0) + 1):
        hang = max(MIN_HANG_EM * em, widest.get(level, 0.0) + GAP_EM * em)
        hang = math.ceil(hang * 20 - 1e-6) / 20  # in whole twips, so the DOCX states the PDF's number
        left = round(left + hang, 2)
        indents[level] = ItemIndent(left, hang)
    return indents


__all__ = ["GAP_EM", "MIN_HANG_EM", "ItemIndent", "item_indents", "numbered_items"]
