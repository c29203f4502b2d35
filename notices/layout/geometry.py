"""Where the elements of a Chinese notice go, in points, decided once for the PDF and the DOCX.

GB/T 9704-2012 places the header by distances (the issuer mark 35 mm below the top of the type area, the red
rule 4 mm below the document number, the title two lines below the rule) and the body on a grid of 22 lines.
Both renderers take their numbers from here, so the DOCX opened in Word or LibreOffice has the same
head height and therefore the same number of body lines on page 1 as the PDF. Everything below the title sits on
the grid: the title starts on a grid line, which keeps every later line on it.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace
from typing import NamedTuple

from notices.document import Block, DocNumber, Letterhead, TopMatter
from notices.layout.typeset import Face
from notices.profiles import MM, Profile

CJK_EM_TOP = 0.88  # the ideographic em box of CJK fonts runs from -0.12 em to 0.88 em around the baseline
CJK_EM_BOTTOM = 0.12
RULE_MM = 0.5  # red rule under the document number: the standard leaves the weight open; 0.35-0.5 mm is usual
LETTER_RULE_LENGTH_MM = 170
LETTER_BOTTOM_RULE_FROM_PAPER_EDGE_MM = 20
LETTER_THICK_PT = (
    1.0  # 信函's double rules: a thick and a thin line with a gap between (upper thick over thin)
)
LETTER_THIN_PT = 0.5
LETTER_GAP_PT = 1.0
LOGO_GAP_EM = 0.5  # between a house style's logo and the issuer's name, in the mark's size


@dataclass(frozen=True)
class HeadGeometry:
    """Vertical positions on page 1, in pt from the top of the type area (negative: above it)."""

    top_matter_lines: int
    mark_top: float | None
    mark_size: float
    doc_number_top: float | None
    rule_top: float | None
    rule_thickness: float
    title_top: float
    letter_bottom_rule_top: float | None = None  # 信函: the lower double rule, 20 mm from the paper's bottom
    # The mark's group (logo, gap, name) across the line, in pt from the type area's left edge: centred, and
    # inside the type area however long the name (§7.2.4: centred; the size shrinks before it would overflow).
    mark_left: float = 0.0
    logo_width: float = 0.0
    logo_gap: float = 0.0
    mark_width: float = 0.0  # the whole group


class MarkPlacement(NamedTuple):
    mark_left: float
    logo_width: float
    logo_gap: float
    mark_width: float


def baseline_offset(face: Face, line_height: float) -> float:
    """Distance from a line box's top to its baseline, as Pango centres the font's hhea extents."""
    metrics = face.metrics
    content = (metrics.ascent + metrics.descent) * face.size_pt
    return (line_height - content) / 2 + metrics.ascent * face.size_pt


def snap_to_grid(value: float, pitch: float) -> float:
    return round(value / pitch) * pitch


def mark_size(profile: Profile, text: str, width_of: float) -> float:
    """The issuer mark stays on one line and inside the type area: a long name gets a smaller size rather than
    wrapping, below MARK_MIN_PT too (H-MARK-LONG asks for a shorter issuer.header then)."""
    if width_of <= 0:
        return profile.mark_size_pt
    fitting = math.floor(profile.type_width_pt / width_of * 2) / 2  # Word sizes text in half points
    return min(profile.mark_size_pt, fitting)


def head_geometry(
    profile: Profile,
    blocks: tuple[Block, ...],
    body_face: Face,
    mark_width_em: float,
    logo_aspect: float = 0.0,
    mark_slack_em: float = 0.0,
) -> HeadGeometry:
    """Page-1 positions for `blocks` (the document's blocks) under `profile`.

    `mark_width_em` is the issuer mark's width in em at its face, with its letter-spacing; `logo_aspect` the
    logo's width over its height (0 without a logo), the logo being set one em high beside the name;
    `mark_slack_em` room the size must leave for a reader that widens the name (layout.py).
    """
    pitch = profile.line_pitch_pt
    top = next((b for b in blocks if isinstance(b, TopMatter)), None)
    top_lines = sum(1 for t in (top.copy_number, top.secrecy, top.urgency) if t) if top else 0
    mark = next((b for b in blocks if isinstance(b, Letterhead)), None)
    has_number = any(isinstance(b, DocNumber) for b in blocks)
    if mark is None or not profile.red_head:
        # plain: the title opens the type area, or follows the top matter after a blank line.
        title_top = (top_lines + 1) * pitch if top_lines else 0.0
        return HeadGeometry(top_lines, None, 0.0, None, None, 0.0, title_top)
    logo_em = logo_aspect + LOGO_GAP_EM if logo_aspect else 0.0
    size = mark_size(profile, mark.text, mark_width_em + logo_em + mark_slack_em)
    group = (mark_width_em + logo_em) * size
    placement = MarkPlacement(
        mark_left=max(0.0, (profile.type_width_pt - group) / 2),
        logo_width=logo_aspect * size,
        logo_gap=LOGO_GAP_EM * size if logo_aspect else 0.0,
        mark_width=group,
    )
    em_bottom = baseline_offset(body_face, pitch) + CJK_EM_BOTTOM * body_face.size_pt
    if profile.name == "letter":
        return replace(
            _letter_geometry(profile, top_lines, size, em_bottom, body_face), **placement._asdict()
        )
    mark_top = max(profile.mark_top_mm * MM, top_lines * pitch)
    # 发文字号: two blank lines under the mark; the red rule 4 mm under the number's lower edge.
    number_top = mark_top + size + 2 * pitch
    rule_top = number_top + em_bottom + 4 * MM if has_number else number_top
    thickness = RULE_MM * MM
    title_top = snap_to_grid(rule_top + thickness + 2 * pitch, pitch)
    return HeadGeometry(
        top_lines, mark_top, size, number_top, rule_top, thickness, title_top, **placement._asdict()
    )


def _letter_geometry(
    profile: Profile, top_lines: int, size: float, em_bottom: float, body_face: Face
) -> HeadGeometry:
    """信函格式 (§10.1): mark 30 mm from the paper's top, a double rule 4 mm under it; 份号 and the document
    number under the rule, their tops 7/8 of a 三号 character below it; the title two lines further down."""
    pitch = profile.line_pitch_pt
    mark_top = (30 - profile.margin_top_mm) * MM
    rule_top = mark_top + size + 4 * MM
    thickness = double_rule_thickness()
    em_top = baseline_offset(body_face, pitch) - CJK_EM_TOP * body_face.size_pt
    first_line_top = rule_top + thickness + 7 / 8 * 16 - em_top
    lines_below = max(top_lines, 1)
    title_top = snap_to_grid(first_line_top + (lines_below + 2) * pitch, pitch)
    bottom = (profile.page_height_mm - LETTER_BOTTOM_RULE_FROM_PAPER_EDGE_MM - profile.margin_top_mm) * MM
    return HeadGeometry(
        top_lines,
        mark_top,
        size,
        first_line_top,
        rule_top,
        thickness,
        title_top,
        letter_bottom_rule_top=bottom - double_rule_thickness(),
    )


@functools.cache
def double_rule_thickness() -> float:
    """信函 double rule: a 1 pt and a 0.5 pt line with 1 pt between them."""
    return LETTER_THICK_PT + LETTER_GAP_PT + LETTER_THIN_PT


__all__ = [
    "CJK_EM_BOTTOM",
    "CJK_EM_TOP",
    "LETTER_GAP_PT",
    "LETTER_RULE_LENGTH_MM",
    "LETTER_THICK_PT",
    "LETTER_THIN_PT",
    "HeadGeometry",
    "baseline_offset",
    "head_geometry",
    "mark_size",
    "snap_to_grid",
]
