"""The few OpenType tables the line breaker needs, read straight from the font file by glyph id.

fontTools decodes a whole table into Python objects keyed by glyph name: for a CJK face that is 65,535 names
from the CFF charset, a 44,000-entry character map and as many advances: a visible part of a cold start, and memory, for every face. The
breaker needs one advance per character it meets, so this module keeps each table as the font stores it
(arrays and bisectable ranges) and answers per glyph id, at a small fraction of that cost.

What it reads means what fontTools makes of the same bytes, glyph names aside (tests/renderers/test_sfnt.py
compares the two on the faces the profiles use and on crafted malformed tables); a table laid out in a way
this reader does not take raises `UnsupportedFont`, and metrics.py then asks fontTools.
"""

from __future__ import annotations

import bisect
import operator
import struct
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_COLLECTION_MAGIC = b"ttcf"
# fontTools' getBestCmap order (HarfBuzz's): the widest Unicode repertoire first, Windows before Unicode.
_CMAP_PREFERENCES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
_MAX_CODE_POINT = 0x10FFFF
_SINGLE_SUBSTITUTION = 1
_LIGATURE_SUBSTITUTION = 4
_EXTENSION = 7


class UnsupportedFont(Exception):
    """The file holds something this reader does not decode; fontTools can."""


@dataclass(frozen=True)
class CharMap:
    """A Unicode cmap subtable as ranges sorted by their start: code points starts[i]..ends[i] map to glyphs
    first_glyphs[i] onwards, and a code two ranges hold belongs to the later one. Glyph 0 means "no glyph",
    as fontTools drops such entries."""

    starts: array[int]
    ends: array[int]
    first_glyphs: array[int]

    def glyph(self, code: int) -> int:
        index = bisect.bisect_right(self.starts, code) - 1
        if index < 0 or code > self.ends[index]:
            return 0
        return self.first_glyphs[index] + code - self.starts[index]

    def to_bytes(self) -> bytes:
        """The three arrays, one after the other, in this machine's layout of ``array("L")``."""
        return b"".join(array("L", part).tobytes() for part in (self.starts, self.ends, self.first_glyphs))

    @classmethod
    def from_bytes(cls, data: bytes) -> CharMap | None:
        """The map :meth:`to_bytes` wrote, or None when ``data`` cannot be one (a length not three equal
        arrays, ranges not sorted and disjoint)."""
        words = array("L")
        if len(data) % (3 * words.itemsize):
            return None
        words.frombytes(data)
        count = len(words) // 3
        starts, ends, first_glyphs = words[:count], words[count : 2 * count], words[2 * count :]
        if not (all(map(operator.le, starts, ends)) and all(map(operator.gt, starts[1:], ends[:-1]))):
            return None
        return cls(starts, ends, first_glyphs)


@dataclass(frozen=True)
class FaceTables:
    units_per_em: int
    ascent: int  # hhea, font units
    descent: int  # hhea, font units, negative below the baseline
    advances: array[int]  # hmtx advance of every glyph id
    cmap: CharMap
    gsub: bytes  # the raw GSUB table, b"" when the face has none


def read_face(path: Path, index: int, cmap: CharMap | None = None) -> FaceTables:
    """Face `index` of the font file or collection at `path`; with its character map ``cmap`` when the
    caller has it already (decoded at an earlier start), else decoded from the file."""
    with open(path, "rb") as file:
        tables = _table_directory(file, index)
        if "DMAP" in tables:
            raise UnsupportedFont("a DMAP table changes the character map")

        def read(tag: str) -> bytes:
            if tag not in tables:
                raise UnsupportedFont(f"no {tag} table")
            offset, length = tables[tag]
            file.seek(offset)
            data = file.read(length)
            if len(data) != length:
                raise UnsupportedFont(f"the {tag} table is truncated")
            return data

        head, hhea, maxp = read("head"), read("hhea"), read("maxp")
        units_per_em = _u16(head, 18)
        ascent, descent = struct.unpack_from(">hh", hhea, 4)
        metric_count = min(_u16(hhea, 34), _u16(maxp, 4))
        advances = _advances(read("hmtx"), metric_count, _u16(maxp, 4))
        if cmap is None:
            cmap = _best_cmap(read("cmap"))
        gsub = read("GSUB") if "GSUB" in tables else b""
    return FaceTables(units_per_em, ascent, descent, advances, cmap, gsub)


def locl_singles(gsub: bytes, script: str, language: str) -> dict[int, int]:
    """The single substitutions of the `locl` feature of `language` under `script` (glyph id → glyph id).

    Taken as metrics.py always took them: the language's own features (not the required one), lookups and
    subtables in order, a later substitution of a glyph replacing an earlier one.
    """
    if not gsub:
        return {}
    script_tag, language_tag = script.ljust(4).encode("ascii"), language.ljust(4).encode("ascii")
    script_list, feature_list, lookup_list = struct.unpack_from(">3H", gsub, 4)
    features = _records(gsub, feature_list)
    substitutions: dict[int, int] = {}
    for tag, script_offset in _records(gsub, script_list):
        if tag != script_tag:
            continue
        script_table = script_list + script_offset
        for lang_tag, lang_offset in _records(gsub, script_table, skip=2):
            if lang_tag != language_tag:
                continue
            lang_sys = script_table + lang_offset
            for feature_index in _u16_array(gsub, lang_sys + 6, _u16(gsub, lang_sys + 4)):
                feature_tag, feature_offset = features[feature_index]
                if feature_tag != b"locl":
                    continue
                feature = feature_list + feature_offset
                for lookup_index in _u16_array(gsub, feature + 4, _u16(gsub, feature + 2)):
                    for subtable in _subtables(gsub, lookup_list, lookup_index, _SINGLE_SUBSTITUTION):
                        substitutions.update(_single_substitution(gsub, subtable))
    return substitutions


def has_ligature(gsub: bytes, first: int, second: int) -> bool:
    """Whether any GSUB lookup joins glyphs `first` and `second` into one ligature."""
    if not gsub:
        return False
    lookup_list = _u16(gsub, 8)
    for lookup_index in range(_u16(gsub, lookup_list)):
        for subtable in _subtables(gsub, lookup_list, lookup_index, _LIGATURE_SUBSTITUTION):
            if _u16(gsub, subtable) != 1:
                raise UnsupportedFont(f"ligature substitution format {_u16(gsub, subtable)}")
            covered = _coverage(gsub, subtable + _u16(gsub, subtable + 2))
            sets = dict(zip(covered, _offsets_of(gsub, subtable + 4), strict=True))
            if first not in sets:
                continue
            ligature_set = subtable + sets[first]
            for offset in _u16_array(gsub, ligature_set + 2, _u16(gsub, ligature_set)):
                ligature = ligature_set + offset
                if _u16(gsub, ligature + 2) == 2 and _u16(gsub, ligature + 4) == second:
                    return True
    return False


def _table_directory(stream: BinaryIO, index: int) -> dict[str, tuple[int, int]]:
    header = stream.read(12)
    if len(header) < 12:
        raise UnsupportedFont("not a font file")
    if header[:4] == _COLLECTION_MAGIC:
        count = struct.unpack_from(">L", header, 8)[0]
        if not 0 <= index < count:
            raise UnsupportedFont(f"the collection has no face {index}")
        stream.seek(12 + 4 * index)
        stream.seek(struct.unpack(">L", stream.read(4))[0])
        header = stream.read(12)
    elif index != 0:
        raise UnsupportedFont("a single font has only face 0")
    if header[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        raise UnsupportedFont("not an OpenType or TrueType font")
    table_count = struct.unpack_from(">H", header, 4)[0]
    records = stream.read(16 * table_count)
    tables: dict[str, tuple[int, int]] = {}
    for number in range(table_count):
        tag, _checksum, offset, length = struct.unpack_from(">4s3L", records, 16 * number)
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def _advances(hmtx: bytes, metric_count: int, glyph_count: int) -> array[int]:
    if metric_count == 0 or len(hmtx) < 4 * metric_count:
        raise UnsupportedFont("the hmtx table is shorter than hhea says")
    pairs = _big_endian_array("H", hmtx[: 4 * metric_count])
    advances = pairs[::2]
    # Glyphs after the last long metric share its advance.
    advances.extend([advances[-1]] * (glyph_count - metric_count))
    return advances


def _best_cmap(cmap: bytes) -> CharMap:
    subtables: dict[tuple[int, int], int] = {}
    for number in range(_u16(cmap, 2)):
        platform, encoding, offset = struct.unpack_from(">HHL", cmap, 4 + 8 * number)
        subtables.setdefault((platform, encoding), offset)  # fontTools takes the first of a pair
    for preference in _CMAP_PREFERENCES:
        if preference in subtables:
            offset = subtables[preference]
            table_format = _u16(cmap, offset)
            if table_format == 12:
                return _cmap_format_12(cmap, offset)
            if table_format == 4:
                return _cmap_format_4(cmap, offset)
            raise UnsupportedFont(f"cmap subtable format {table_format}")
    raise UnsupportedFont("no Unicode cmap subtable")


def _cmap_format_12(cmap: bytes, offset: int) -> CharMap:
    group_count = struct.unpack_from(">L", cmap, offset + 12)[0]
    groups = _big_endian_array("I", cmap[offset + 16 : offset + 16 + 12 * group_count])
    if len(groups) != 3 * group_count:
        raise UnsupportedFont("the cmap format 12 subtable is truncated")
    starts, ends, first_glyphs = groups[0::3], groups[1::3], groups[2::3]
    well_formed = all(map(operator.le, starts, ends)) and all(map(operator.gt, starts[1:], ends[:-1]))
    if well_formed and (not ends or ends[-1] <= _MAX_CODE_POINT):
        return CharMap(starts, ends, first_glyphs)
    return _normalised_groups(starts, ends, first_glyphs)


def _normalised_groups(groups_starts: array[int], groups_ends: array[int], glyphs: array[int]) -> CharMap:
    """Malformed groups read as fontTools reads them: clamped to U+10FFFF, and a group that is inverted or
    starts before the previous one ends skipped. One starting on the previous one's last code point takes
    that code over, as `CharMap.glyph` finds the last group starting at or before a code."""
    starts, ends, first_glyphs = array("L"), array("L"), array("L")
    last_end = 0
    for start, end, glyph in zip(groups_starts, groups_ends, glyphs, strict=True):
        end = min(end, _MAX_CODE_POINT)
        if start > end or start < last_end:
            continue
        last_end = end
        starts.append(start)
        ends.append(end)
        first_glyphs.append(glyph)
    return CharMap(starts, ends, first_glyphs)


def _cmap_format_4(cmap: bytes, offset: int) -> CharMap:
    length = _u16(cmap, offset + 2)
    segment_count = _u16(cmap, offset + 6) // 2
    words = _big_endian_array("H", cmap[offset + 14 : offset + length])
    ends = words[:segment_count]
    starts = words[segment_count + 1 : 2 * segment_count + 1]  # after the reserved pad
    deltas = words[2 * segment_count + 1 : 3 * segment_count + 1]
    range_offsets = words[3 * segment_count + 1 : 4 * segment_count + 1]
    glyph_ids = words[4 * segment_count + 1 :]
    # fontTools ignores the last segment (the 0xFFFF one) and lets later segments override earlier ones;
    # only sorted, disjoint segments are read here, by ranges of consecutive glyph ids.
    out_starts, out_ends, out_glyphs = array("L"), array("L"), array("L")
    previous_end = -1
    for segment in range(segment_count - 1):
        start, end, delta = starts[segment], ends[segment], deltas[segment]
        if start > end or start <= previous_end:
            raise UnsupportedFont("cmap format 4 segments overlap or are out of order")
        previous_end = end
        if range_offsets[segment] == 0:
            first = (start + delta) & 0xFFFF
            wrap = start + 0x10000 - first  # the code whose glyph id wraps round to 0
            _append_run(out_starts, out_ends, out_glyphs, start, min(end, wrap - 1), first)
            if wrap <= end:
                _append_run(out_starts, out_ends, out_glyphs, wrap, end, 0)
            continue
        first_index = range_offsets[segment] // 2 - start + segment - segment_count
        if first_index + start < 0 or first_index + end >= len(glyph_ids):
            raise UnsupportedFont("cmap format 4 glyph index array offset out of range")
        for code in range(start, end + 1):
            raw = glyph_ids[first_index + code]
            glyph = (raw + delta) & 0xFFFF if raw else 0
            _append_run(out_starts, out_ends, out_glyphs, code, code, glyph)
    return CharMap(out_starts, out_ends, out_glyphs)


def _append_run(
    starts: array[int], ends: array[int], glyphs: array[int], start: int, end: int, glyph: int
) -> None:
    """Map codes start..end to glyph ids from `glyph` on, extending the previous run when this continues it.
    A run starting at glyph 0 leaves its first code unmapped."""
    if glyph == 0:
        start, glyph = start + 1, 1
    if start > end:
        return
    if ends and ends[-1] + 1 == start and glyphs[-1] + start - starts[-1] == glyph:
        ends[-1] = end
        return
    starts.append(start)
    ends.append(end)
    glyphs.append(glyph)


def _subtables(gsub: bytes, lookup_list: int, lookup_index: int, wanted_type: int) -> list[int]:
    """Offsets (from the table start) of the subtables of type `wanted_type` in lookup `lookup_index`,
    looking through extension subtables."""
    lookup = lookup_list + _u16(gsub, lookup_list + 2 + 2 * lookup_index)
    lookup_type = _u16(gsub, lookup)
    found = []
    for offset in _u16_array(gsub, lookup + 6, _u16(gsub, lookup + 4)):
        subtable = lookup + offset
        if lookup_type == _EXTENSION:
            inner_type, inner_offset = struct.unpack_from(">HL", gsub, subtable + 2)
            if inner_type == wanted_type:
                found.append(subtable + inner_offset)
        elif lookup_type == wanted_type:
            found.append(subtable)
    return found


def _single_substitution(gsub: bytes, subtable: int) -> dict[int, int]:
    table_format = _u16(gsub, subtable)
    glyphs = _coverage(gsub, subtable + _u16(gsub, subtable + 2))
    if table_format == 1:
        delta = struct.unpack_from(">h", gsub, subtable + 4)[0]
        return {glyph: (glyph + delta) % 0x10000 for glyph in glyphs}
    if table_format == 2:
        substitutes = _u16_array(gsub, subtable + 6, _u16(gsub, subtable + 4))
        if len(substitutes) != len(glyphs):
            raise UnsupportedFont("a single substitution covers more glyphs than it substitutes")
        return dict(zip(glyphs, substitutes, strict=True))
    raise UnsupportedFont(f"single substitution format {table_format}")


def _coverage(gsub: bytes, coverage: int) -> list[int]:
    table_format, count = struct.unpack_from(">HH", gsub, coverage)
    if table_format == 1:
        return list(_u16_array(gsub, coverage + 4, count))
    if table_format == 2:
        records = struct.unpack_from(f">{3 * count}H", gsub, coverage + 4)
        ranges = sorted(zip(records[0::3], records[1::3], records[2::3], strict=True), key=lambda r: r[2])
        return [glyph for start, end, _index in ranges for glyph in range(start, end + 1)]
    raise UnsupportedFont(f"coverage format {table_format}")


def _records(data: bytes, table: int, *, skip: int = 0) -> list[tuple[bytes, int]]:
    """(tag, offset) records after a count at `table + skip` (script, language system or feature lists)."""
    count = _u16(data, table + skip)
    at = table + skip + 2
    return [struct.unpack_from(">4sH", data, at + 6 * number) for number in range(count)]


def _offsets_of(data: bytes, at: int) -> tuple[int, ...]:
    return _u16_array(data, at + 2, _u16(data, at))


def _u16_array(data: bytes, at: int, count: int) -> tuple[int, ...]:
    return struct.unpack_from(f">{count}H", data, at)


def _u16(data: bytes, at: int) -> int:
    return int(struct.unpack_from(">H", data, at)[0])


def _big_endian_array(typecode: str, data: bytes) -> array[int]:
    """`data` as unsigned 16-bit ("H") or 32-bit ("I") integers."""
    values = array(typecode)
    if values.itemsize != {"H": 2, "I": 4}[typecode]:
        raise UnsupportedFont(f"this platform's array({typecode!r}) is not {typecode} bits wide")
    values.frombytes(data[: len(data) - len(data) % values.itemsize])
    if sys.byteorder == "little":
        values.byteswap()
    return values
