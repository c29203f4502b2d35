"""sfnt.py reads what fontTools reads from the same bytes: on installed faces and on crafted tables."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

from notices.layout import metrics, sfnt
from notices.layout.metrics import FontMetrics, resolve_font_file

# A CID-keyed CFF collection (format 12 cmap, big GSUB), a TrueType collection, a font whose best cmap is
# format 4 with glyph index arrays, and the open 仿宋 and 楷体 the set-up installs (a single CFF and a TrueType).
FACES = ("Noto Serif CJK SC", "AR PL UKai CN", "Liberation Serif", "FandolFang", "LXGW WenKai")
LANGUAGES = ("ZHS", "ZHT", "JAN", "KOR")


@pytest.fixture(scope="module", params=FACES)
def face(request: pytest.FixtureRequest) -> tuple[Path, int]:
    resolved = resolve_font_file(request.param)
    if resolved is None:
        pytest.skip(f"{request.param} is not installed")
    return resolved


def test_character_map_advances_and_vertical_metrics_are_fonttools(face: tuple[Path, int]) -> None:
    path, index = face
    tables = sfnt.read_face(path, index)
    with TTFont(path, fontNumber=index, lazy=True) as font:
        best = font.getBestCmap()
        glyph_id = font.getReverseGlyphMap()
        codes = set(best) | {code + 1 for code in best} | {code - 1 for code in best if code} | {0x10FFFF}
        assert {code: tables.cmap.glyph(code) for code in codes} == {
            code: glyph_id[best[code]] if code in best else 0 for code in codes
        }
        hmtx = font["hmtx"].metrics
        assert list(tables.advances) == [hmtx[name][0] for name in font.getGlyphOrder()]
        assert tables.units_per_em == font["head"].unitsPerEm
        assert (tables.ascent, tables.descent) == (font["hhea"].ascent, font["hhea"].descent)


def test_local_forms_and_the_double_dash_ligature_are_fonttools(face: tuple[Path, int]) -> None:
    path, index = face
    tables = sfnt.read_face(path, index)
    for language in LANGUAGES:
        assert sfnt.locl_singles(tables.gsub, "hani", language) == metrics._locl_by_fonttools(
            path, index, language
        )
    for char in "—…":
        assert metrics.joins_pair(path, index, char) == metrics._joins_pair_by_fonttools(path, index, char)


def test_noto_sets_the_chinese_dash_full_width_and_joins_two_of_them() -> None:
    resolved = resolve_font_file("Noto Serif CJK SC")
    if resolved is None:
        pytest.skip("Noto Serif CJK SC is not installed")
    plain, chinese = FontMetrics.load(*resolved), FontMetrics.load(*resolved, language="ZHS")
    assert plain.advance("—", 1000) < 900
    assert chinese.advance("—", 1000) == 1000
    assert metrics.joins_pair(*resolved, "—")


class _GlyphNames:
    """The one thing a cmap subtable asks of its font while decoding: names for glyph ids."""

    @staticmethod
    def getGlyphNameMany(glyphs: list[int]) -> list[str]:  # fontTools' name for it
        return [f"g{glyph}" for glyph in glyphs]


def _fonttools_reading(data: bytes, table_format: int) -> dict[int, int]:
    subtable = CmapSubtable.newSubtable(table_format)
    subtable.decompile(data, _GlyphNames())
    return {code: int(name[1:]) for code, name in subtable.cmap.items()}


def _cmap_with(subtable: bytes) -> bytes:
    return struct.pack(">HHHHL", 0, 1, 3, 10, 12) + subtable


def _format_12(groups: list[tuple[int, int, int]]) -> bytes:
    body = b"".join(struct.pack(">3L", *group) for group in groups)
    return struct.pack(">HHLLL", 12, 0, 16 + len(body), 0, len(groups)) + body


@pytest.mark.parametrize(
    "groups",
    [
        [(0x20, 0x7E, 1), (0x4E00, 0x4E10, 200)],
        [(0x20, 0x30, 0), (0x31, 0x40, 50)],  # a group starting at glyph 0
        [(0x20, 0x30, 5), (0x30, 0x35, 90), (0x36, 0x36, 7)],  # the next group takes over 0x30
        [(0x30, 0x30, 5), (0x30, 0x31, 9)],  # ... and the one before vanishes
        [(0x40, 0x50, 5), (0x20, 0x30, 60), (0x60, 0x5F, 3), (0x70, 0x71, 8)],  # unsorted, inverted
        [(0x10FFF0, 0x110010, 40)],  # beyond Unicode: clamped
    ],
)
def test_malformed_format_12_groups_read_as_fonttools_reads_them(groups: list[tuple[int, int, int]]) -> None:
    subtable = _format_12(groups)
    charmap = sfnt._best_cmap(_cmap_with(subtable))
    expected = _fonttools_reading(subtable, 12)
    codes = {code for start, end, _ in groups for code in range(start - 1, min(end, 0x10FFFF) + 2)}
    assert {code: charmap.glyph(code) for code in codes} == {code: expected.get(code, 0) for code in codes}


def _format_4(segments: list[tuple[int, int, int, list[int] | None]]) -> bytes:
    """Segments (start, end, delta, glyph ids or None for a delta-only segment), then the 0xFFFF one."""
    segments = [*segments, (0xFFFF, 0xFFFF, 1, None)]
    count = len(segments)
    glyph_array: list[int] = []
    range_offsets = []
    for number, (_start, _end, _delta, glyphs) in enumerate(segments):
        if glyphs is None:
            range_offsets.append(0)
        else:
            # From this entry of idRangeOffset to the segment's first glyph in the glyph index array.
            range_offsets.append(2 * (count - number + len(glyph_array)))
            glyph_array.extend(glyphs)
    words = [
        *(end for _, end, _, _ in segments),
        0,
        *(start for start, _, _, _ in segments),
        *(delta & 0xFFFF for _, _, delta, _ in segments),
        *range_offsets,
        *glyph_array,
    ]
    body = struct.pack(f">4H{len(words)}H", 2 * count, 0, 0, 0, *words)
    return struct.pack(">HHH", 4, 6 + len(body), 0) + body


@pytest.mark.parametrize(
    "segments",
    [
        [(0x20, 0x7E, -29, None), (0x4E00, 0x4E03, 0, [7, 0, 9, 10])],
        [(0x41, 0x45, 0x10000 - 0x43, None)],  # glyph ids wrap round through 0
        [(0x41, 0x41, -0x41, None), (0x42, 0x44, 3, [0, 1, 2])],  # glyph 0, and a delta on an array
    ],
)
def test_format_4_segments_read_as_fonttools_reads_them(
    segments: list[tuple[int, int, int, list[int] | None]],
) -> None:
    subtable = _format_4(segments)
    charmap = sfnt._best_cmap(struct.pack(">HHHHL", 0, 1, 3, 1, 12) + subtable)
    expected = _fonttools_reading(subtable, 4)
    codes = {code for start, end, _, _ in segments for code in range(start - 1, end + 2)}
    assert {code: charmap.glyph(code) for code in codes} == {code: expected.get(code, 0) for code in codes}


def test_a_font_sfnt_does_not_read_is_measured_through_fonttools(tmp_path: Path) -> None:
    resolved = resolve_font_file("Liberation Serif")
    if resolved is None:
        pytest.skip("Liberation Serif is not installed")
    woff = tmp_path / "serif.woff"
    with TTFont(resolved[0], fontNumber=resolved[1]) as font:
        font.flavor = "woff"
        font.save(woff)
    with pytest.raises(sfnt.UnsupportedFont):
        sfnt.read_face(woff, 0)
    original, wrapped = FontMetrics.load(*resolved), FontMetrics.load(woff)
    text = "Notices, 2026 — “quoted” ﬁ"
    assert [wrapped.advance(char, 16) for char in text] == [original.advance(char, 16) for char in text]
    assert [wrapped.has_glyph(char) for char in text + "中"] == [
        original.has_glyph(char) for char in text + "中"
    ]


def test_a_kept_character_map_is_the_one_read_from_the_file(
    face: tuple[Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second start reads the character map from notices' cache; it maps every code as the font does,
    and a damaged entry is decoded again from the font rather than trusted."""
    from notices.cache import cache_root

    monkeypatch.setenv("NOTICES_CACHE_DIR", str(tmp_path / "cache"))
    cache_root.cache_clear()
    path, index = face
    from_file = sfnt.read_face(path, index).cmap
    try:
        metrics.face_tables.cache_clear()
        first = metrics.face_tables(path, index)  # decoded, then kept
        (entry,) = (tmp_path / "cache" / "data").glob(f"cmap-{index}-*.bin")
        metrics.face_tables.cache_clear()
        kept = metrics.face_tables(path, index)
        assert kept.cmap == first.cmap == from_file
        assert kept.advances == first.advances

        entry.write_bytes(entry.read_bytes()[::-1])  # ranges no longer sorted
        metrics.face_tables.cache_clear()
        assert metrics.face_tables(path, index).cmap == from_file
        entry.write_bytes(b"\x00" * 5)  # not three arrays
        metrics.face_tables.cache_clear()
        assert metrics.face_tables(path, index).cmap == from_file
    finally:
        metrics.face_tables.cache_clear()
        cache_root.cache_clear()
