"""scripts/simplify_font.py: FandolFang's outlines, simplified once at setup, stay within the stated bound of the
face Debian ships, keep every metric, and make the PDFs small (issue 12: every 1–2 page PDF ≤ 80 KB)."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from notices.layout.metrics import resolve_font_file

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = Path(
    "/usr/local/share/notices/original-fonts/FandolFang-Regular.otf"
)  # where scripts/setup keeps it
# Text of real notices (examples/stockup.zh.yaml, the body of a price notice) and the digits and punctuation
# a notice sets in the body face.
TEXT = "关于2026年春节期间备货安排的通知各经销商为保障市场供应请贵司提前做好库存计划暂停接单恢复发货，。：；、（）"
ROUNDING = math.sqrt(2) / 2  # coordinates are rounded to whole units after fitting
SAMPLING = 0.1  # the fit is checked, and the deviation measured, at samples a few units apart


@pytest.fixture(scope="module")
def simplify() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import simplify_font  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    yield simplify_font


@pytest.fixture(scope="module")
def faces() -> tuple[TTFont, TTFont]:
    installed = resolve_font_file("FandolFang")
    if installed is None or not ORIGINAL.exists():
        pytest.fail("scripts/setup installs FandolFang and keeps Debian's copy: run it")
    return TTFont(ORIGINAL), TTFont(installed[0])


def _contours(simplify: ModuleType, font: TTFont, name: str) -> list[list[tuple[tuple[float, float], ...]]]:
    pen = RecordingPen()
    font.getGlyphSet()[name].draw(pen)
    contours: list[list[tuple[tuple[float, float], ...]]] = simplify.contours_of(pen.value)
    return contours


def test_the_installed_face_is_marked_as_modified_and_keeps_its_licence(
    simplify: ModuleType, faces: tuple[TTFont, TTFont]
) -> None:
    """The GPL (section 5 a) asks a modified version to say so; the copyright and licence stay."""
    original, installed = faces
    assert simplify.MARK in installed["name"].getDebugName(5)
    for name_id in (0, 1, 13, 14):
        assert installed["name"].getDebugName(name_id) == original["name"].getDebugName(name_id)


def test_metrics_character_map_and_glyph_ids_are_the_originals(faces: tuple[TTFont, TTFont]) -> None:
    """Layout reads these: the same values mean the same lines and pages as with Debian's face."""
    original, installed = faces
    assert installed.getGlyphOrder() == original.getGlyphOrder()
    assert installed.getBestCmap() == original.getBestCmap()
    assert installed["hmtx"].metrics == original["hmtx"].metrics
    assert installed["vmtx"].metrics == original["vmtx"].metrics
    for tag in ("GPOS", "VORG", "OS/2"):
        assert installed[tag].compile(installed) == original[tag].compile(original), tag
    for field in ("ascent", "descent", "lineGap", "advanceWidthMax", "numberOfHMetrics"):
        assert getattr(installed["hhea"], field) == getattr(original["hhea"], field), field
    assert installed["head"].unitsPerEm == original["head"].unitsPerEm


@pytest.mark.slow  # measures ~40 glyphs point by point (~10 s)
def test_outlines_stay_within_the_stated_bound_and_have_fewer_pieces(
    simplify: ModuleType, faces: tuple[TTFont, TTFont]
) -> None:
    original, installed = faces
    cmap = original.getBestCmap()
    worst, before, after = 0.0, 0, 0
    for name in sorted({cmap[ord(character)] for character in TEXT}):
        old, new = _contours(simplify, original, name), _contours(simplify, installed, name)
        assert len(new) == len(old), name  # no contour lost or added
        worst = max(worst, simplify.deviation(old, new))
        before += sum(map(len, old))
        after += sum(map(len, new))
    assert worst <= simplify.TOLERANCE + ROUNDING + SAMPLING
    assert after < 0.8 * before


def test_a_straight_stroke_traced_in_pieces_becomes_one_line(simplify: ModuleType) -> None:
    pieces = []
    for k in range(10):  # the left edge of a stroke, traced as ten slightly wobbling curves
        a, b = (0.0, 50.0 * k), (0.0, 50.0 * (k + 1))
        pieces.append((a, (0.4, a[1] + 15), (-0.4, b[1] - 15), b))
    contour = [
        *pieces,
        ((0.0, 500.0), (40.0, 500.0)),
        ((40.0, 500.0), (40.0, 0.0)),
        ((40.0, 0.0), (0.0, 0.0)),
    ]
    simplified = simplify.simplify_contour(contour)
    assert simplified[0] == ((0.0, 0.0), (0.0, 500.0))
    assert len(simplified) == 4
    assert simplify.deviation([contour], [simplified]) <= 0.5


def test_a_smooth_arc_in_pieces_becomes_one_curve_within_the_bound(simplify: ModuleType) -> None:
    """A quarter circle of radius 300 traced as four cubic arcs: one cubic holds it within 2 units."""
    radius, count = 300.0, 4
    arcs = []
    for k in range(count):
        start, end = k * math.pi / 2 / count, (k + 1) * math.pi / 2 / count
        handle = 4 / 3 * math.tan((end - start) / 4) * radius

        def at(angle: float, r: float = radius) -> tuple[float, float]:
            return (r * math.cos(angle), r * math.sin(angle))

        arcs.append(
            (
                at(start),
                (at(start)[0] - handle * math.sin(start), at(start)[1] + handle * math.cos(start)),
                (at(end)[0] + handle * math.sin(end), at(end)[1] - handle * math.cos(end)),
                at(end),
            )
        )
    contour = [*arcs, ((0.0, radius), (0.0, 0.0)), ((0.0, 0.0), (radius, 0.0))]
    simplified = simplify.simplify_contour(contour)
    assert len(simplified) == 3
    assert simplify.deviation([contour], [simplified]) <= simplify.TOLERANCE


def test_corners_and_small_details_stay(simplify: ModuleType) -> None:
    """A stroke's hooked end: pieces meeting at sharp turns are never merged, whatever their size."""
    contour = [
        ((0.0, 0.0), (100.0, 0.0)),
        ((100.0, 0.0), (100.0, 8.0)),
        ((100.0, 8.0), (92.0, 8.0)),
        ((92.0, 8.0), (92.0, 4.0)),
        ((92.0, 4.0), (0.0, 4.0)),
        ((0.0, 4.0), (0.0, 0.0)),
    ]
    assert simplify.simplify_contour(contour) == contour
