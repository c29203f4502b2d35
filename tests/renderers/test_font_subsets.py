"""Subsets cut by the batch draw every glyph exactly as the installed face does."""

from __future__ import annotations

import io
import mmap
import random
from pathlib import Path

import pytest
from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import DecomposingRecordingPen, RecordingPen
from fontTools.ttLib import TTFont

from notices.renderers.cff import CffFace
from notices.renderers.truetype import TrueTypeFace

NOTO_SERIF = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")


def _mapped(path: Path) -> memoryview:
    if not path.is_file():
        pytest.skip(f"{path.name} is not installed")
    with open(path, "rb") as handle:
        return memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))


def _face_index(path: Path, family: str) -> int:
    count = 1 if path.suffix != ".ttc" else 10
    for index in range(count):
        try:
            if TTFont(path, fontNumber=index, lazy=True)["name"].getDebugName(1) == family:
                return index
        except Exception:  # past the last face of the collection
            break
    pytest.skip(f"{family} is not in {path.name}")


def test_cff_subset_keeps_outlines_widths_and_glyph_ids_as_cids() -> None:
    index = _face_index(NOTO_SERIF, "Noto Serif CJK SC")
    face = CffFace(_mapped(NOTO_SERIF), index)
    glyphs = random.Random(5).sample(range(1, face.glyph_count), 300)
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(face.subset(glyphs)), None)
    top = cff.topDictIndex[0]
    assert top.ROS == ("Adobe", "Identity", 0)
    assert sorted(int(name[3:]) for name in top.charset[1:]) == sorted(glyphs)
    original = TTFont(NOTO_SERIF, fontNumber=index)
    source = original["CFF "].cff.topDictIndex[0].CharStrings
    order = original.getGlyphOrder()
    for name in top.charset[1:]:
        ours, theirs = RecordingPen(), RecordingPen()
        top.CharStrings[name].draw(ours)
        source[order[int(name[3:])]].draw(theirs)
        assert ours.value == theirs.value, name
        assert top.CharStrings[name].width == source[order[int(name[3:])]].width


def test_cff_subset_leaves_out_hints_and_nothing_else() -> None:
    """Stem hints and masks steer only screen rasterising: the subset drops them (the outlines and widths
    are the face's, above), and so holds far fewer bytes per glyph."""
    index = _face_index(NOTO_SERIF, "Noto Serif CJK SC")
    face = CffFace(_mapped(NOTO_SERIF), index)
    glyphs = random.Random(7).sample(range(1, face.glyph_count), 200)
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(face.subset(glyphs)), None)
    top = cff.topDictIndex[0]
    hints = {"hstem", "vstem", "hstemhm", "vstemhm", "hintmask", "cntrmask"}
    original_font = TTFont(NOTO_SERIF, fontNumber=index)
    source = original_font["CFF "].cff.topDictIndex[0].CharStrings
    order = original_font.getGlyphOrder()
    had_hints = 0
    for name in top.charset[1:]:
        charstring = top.CharStrings[name]
        charstring.decompile()
        assert not hints & {token for token in charstring.program if isinstance(token, str)}, name
        original = source[order[int(name[3:])]]
        original.decompile()
        had_hints += bool(hints & {t for t in original.program if isinstance(t, str)})
    assert had_hints > 100  # the face's own charstrings do carry hints: there was something to leave out


@pytest.mark.parametrize("path", [UKAI, LIBERATION], ids=lambda p: p.name)
def test_truetype_subset_renumbers_and_keeps_outlines(path: Path) -> None:
    face = TrueTypeFace(_mapped(path), 0)
    glyphs = random.Random(3).sample(range(1, face.glyph_count), 200)
    data, new_ids = face.subset(glyphs)
    assert set(glyphs) <= set(new_ids) and new_ids[0] == 0
    assert sorted(new_ids.values()) == list(range(len(new_ids)))
    ours, theirs = TTFont(io.BytesIO(data)), TTFont(path, fontNumber=0)
    our_order, their_order = ours.getGlyphOrder(), theirs.getGlyphOrder()
    our_set, their_set = ours.getGlyphSet(), theirs.getGlyphSet()
    for old, new in new_ids.items():
        a, b = DecomposingRecordingPen(our_set), DecomposingRecordingPen(their_set)
        our_set[our_order[new]].draw(a)
        their_set[their_order[old]].draw(b)
        assert a.value == b.value and our_set[our_order[new]].width == their_set[their_order[old]].width
