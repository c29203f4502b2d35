"""Layout profiles: page geometry, type sizes and the face each role prefers, in one place for both renderers.

Numbers are GB/T 9704-2012's (reference §1-§4): A4; margins 37/28/35/26 mm; 22 lines of 28 characters; body 三号
(16 pt) at a 28.95 pt pitch (225 mm / 22 lines, rounded down so Word keeps 22 lines); title 二号 (22 pt).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from notices.i18n import _

MM = 72 / 25.4  # points per millimetre
# The issuer mark (发文机关标志) is one line, letter-spaced a little. A long name gets a smaller size rather than
# wrapping; below MARK_MIN_PT it no longer reads as a mark (H-MARK-LONG warns), yet it still keeps to the type
# area (GB/T 9704 §7.2.4 leaves the size to the issuer, "醒目、美观、庄重").
MARK_MIN_PT = 22.0
MARK_LETTER_SPACING_EM = 0.05


@dataclass(frozen=True)
class FontRole:
    """A typographic role and the faces that may fill it, best first.

    ``weight`` belongs to each candidate: the open fallback for 小标宋 is Noto Serif CJK SC *Bold*, a real face;
    the standard faces themselves are never emboldened (L-NOBOLD).
    """

    name: str
    candidates: tuple[tuple[str, int], ...]
    docx_name: str


ZH_ROLES: dict[str, FontRole] = {
    "title": FontRole(
        "title",
        (
            ("方正小标宋简体", 400),
            ("FZXiaoBiaoSong-B05S", 400),
            ("方正小标宋_GBK", 400),
            ("Noto Serif CJK SC", 700),
        ),
        "方正小标宋简体",
    ),
    # FandolFang is the open 仿宋 (GB 2312 complete, bench/RESULTS-fonts.md); Noto Serif CJK SC is a 宋体 face,
    # the last resort of a machine set up without scripts/setup.
    "body": FontRole(
        "body",
        (
            ("仿宋_GB2312", 400),
            ("仿宋", 400),
            ("FangSong", 400),
            ("FandolFang", 400),
            ("Noto Serif CJK SC", 400),
        ),
        "仿宋",
    ),
    "heading1": FontRole("heading1", (("黑体", 400), ("SimHei", 400), ("Noto Sans CJK SC", 400)), "黑体"),
    # LXGW WenKai prints as large and as dark as the body; AR PL UKai looks small and light beside it.
    "heading2": FontRole(
        "heading2",
        (("楷体_GB2312", 400), ("楷体", 400), ("KaiTi", 400), ("LXGW WenKai", 400), ("AR PL UKai CN", 400)),
        "楷体",
    ),
    "page_number": FontRole(
        "page_number", (("宋体", 400), ("SimSun", 400), ("Noto Serif CJK SC", 400)), "宋体"
    ),
}

EN_ROLES: dict[str, FontRole] = {
    "title": FontRole(
        "title",
        (("Times New Roman", 700), ("Liberation Serif", 700), ("DejaVu Serif", 700)),
        "Times New Roman",
    ),
    "body": FontRole(
        "body",
        (("Times New Roman", 400), ("Liberation Serif", 400), ("DejaVu Serif", 400)),
        "Times New Roman",
    ),
    "heading1": FontRole(
        "heading1",
        (("Times New Roman", 700), ("Liberation Serif", 700), ("DejaVu Serif", 700)),
        "Times New Roman",
    ),
    "heading2": FontRole(
        "heading2",
        (("Times New Roman", 700), ("Liberation Serif", 700), ("DejaVu Serif", 700)),
        "Times New Roman",
    ),
    "page_number": FontRole(
        "page_number",
        (("Times New Roman", 400), ("Liberation Serif", 400), ("DejaVu Serif", 400)),
        "Times New Roman",
    ),
}
# Chinese names in an English letter (a customer's Chinese name, a product name) still need a CJK face.
EN_CJK_FALLBACK = "Noto Serif CJK SC"


@dataclass(frozen=True, eq=False)  # hashed by identity: profiles key render caches
class Profile:
    name: str
    lang: str
    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 37
    margin_right_mm: float = 26
    margin_bottom_mm: float = 35
    margin_left_mm: float = 28
    body_size_pt: float = 16
    line_pitch_pt: float = 28.95
    chars_per_line: int = 28
    title_size_pt: float = 22
    mark_size_pt: float = 36
    mark_top_mm: float = 35  # top edge of the issuer mark below the top of the type area
    red_head: bool = True
    red: str = "#E60012"
    page_number_size_pt: float = 14
    page_number_below_mm: float = 7
    number_first_page: bool = True
    roles: dict[str, FontRole] = field(default_factory=lambda: dict(ZH_ROLES))

    @property
    def type_width_pt(self) -> float:
        return (self.page_width_mm - self.margin_left_mm - self.margin_right_mm) * MM

    @property
    def grid_letter_spacing_pt(self) -> float:
        """Spacing that fits exactly ``chars_per_line`` full-width characters in the type area's width.

        Rounded down to Word's unit for character spacing (1/20 pt) so the DOCX and the PDF space characters
        identically and therefore break lines at the same places: for 156 mm and 16 pt this is -0.25 pt
        (28 × 15.75 = 441 pt ≤ 442.2 pt < 29 × 15.75).
        """
        if not self.chars_per_line:
            return 0.0
        exact = self.type_width_pt / self.chars_per_line - self.body_size_pt
        return math.floor(exact * 20) / 20


PROFILES: dict[str, Profile] = {
    "gbt9704": Profile("gbt9704", "zh"),
    "enterprise": Profile("enterprise", "zh", mark_top_mm=20),
    # 信函格式 (§10.1): the mark 30 mm from the paper's top edge, no page number on page 1.
    "letter": Profile("letter", "zh", mark_top_mm=30 - 37, number_first_page=False),
    "plain": Profile("plain", "zh", red_head=False),
    "en-letter": Profile(
        "en-letter",
        "en",
        margin_top_mm=25,
        margin_right_mm=25,
        margin_bottom_mm=25,
        margin_left_mm=25,
        body_size_pt=11,
        line_pitch_pt=14,
        chars_per_line=0,
        title_size_pt=11,
        mark_size_pt=16,
        mark_top_mm=0,
        red_head=False,
        red="#1F3864",
        page_number_size_pt=9,
        page_number_below_mm=10,
        number_first_page=False,
        roles=dict(EN_ROLES),
    ),
}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(
            _("unknown profile {name!r}; choose one of {profiles}").format(
                name=name, profiles=", ".join(PROFILES)
            )
        ) from None


def with_overrides(profile: Profile, **changes: object) -> Profile:
    return replace(profile, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FontFace:
    """A font file a renderer loads itself (``@font-face``), under the family name the CSS and DOCX use."""

    family: str
    path: Path
    weight: int


@dataclass(frozen=True, eq=False)  # hashed by identity, like Profile: the renderers cache per look
class Look:
    """What a renderer takes from a house style for one profile and language (built by
    ``notices.reader.house_style.HouseStyle.look``)."""

    profile: Profile
    font_faces: tuple[FontFace, ...]
    folder: Path

    @property
    def extra_families(self) -> frozenset[str]:
        """Families the house style brings as files: usable although fontconfig does not list them."""
        return frozenset(face.family for face in self.font_faces)
