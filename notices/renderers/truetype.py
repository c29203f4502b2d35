"""Small TrueType fonts made from the glyphs one PDF uses (AR PL UKai, Liberation Serif, any ``glyf`` face).

The TrueType counterpart of :mod:`notices.renderers.cff`: the face is read in place once per process, and a PDF's
font holds .notdef and its glyphs (with the components of composite glyphs), renumbered from 1. The PDF's
``CIDToGIDMap`` maps each original glyph ID, which WeasyPrint's content streams show as CID, to its new one, so
the content streams stay as drawn. Hinting programs (``fpgm``, ``prep``, ``cvt``) are copied as they are; they
refer to no glyph IDs.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from notices.renderers.cff import CffError, sfnt_tables

_COPIED = (b"OS/2", b"cvt ", b"fpgm", b"prep")
_ARG_WORDS, _HAVE_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x0001, 0x0008, 0x0020, 0x0040, 0x0080
TrueTypeGlyph = tuple[bytes, int, int]  # glyf data, advance width, left side bearing


@dataclass(frozen=True)
class TrueTypeTemplate:
    """The tables a subset copies from its face (small, so they can travel between processes)."""

    head: bytes
    hhea: bytes
    maxp: bytes
    copied: tuple[tuple[bytes, bytes], ...]


class TrueTypeFace:
    """One ``glyf`` face, read in place; glyph records are cut out on demand."""

    def __init__(self, font_file: memoryview, index: int = 0) -> None:
        tables = sfnt_tables(font_file, index)
        try:
            self._glyf = tables[b"glyf"]
            loca, hmtx = tables[b"loca"], tables[b"hmtx"]
            head, hhea, maxp = (bytes(tables[tag]) for tag in (b"head", b"hhea", b"maxp"))
        except KeyError as missing:
            raise CffError(f"the face has no {missing} table") from None
        self.glyph_count = struct.unpack_from(">H", maxp, 4)[0]
        long_offsets = struct.unpack_from(">h", head, 50)[0] == 1
        count = self.glyph_count + 1
        if long_offsets:
            self._loca = struct.unpack_from(f">{count}I", loca)
        else:
            self._loca = tuple(2 * offset for offset in struct.unpack_from(f">{count}H", loca))
        metrics = struct.unpack_from(">H", hhea, 34)[0]
        self._hmtx = hmtx
        self._long_metrics = metrics
        copied = tuple((tag, bytes(tables[tag])) for tag in _COPIED if tag in tables)
        self.template = TrueTypeTemplate(head, hhea, maxp, copied)

    def glyph(self, gid: int) -> TrueTypeGlyph:
        if not 0 <= gid < self.glyph_count:
            raise CffError(f"glyph {gid} is not in the face ({self.glyph_count} glyphs)")
        data = bytes(self._glyf[self._loca[gid] : self._loca[gid + 1]])
        if gid < self._long_metrics:
            advance, bearing = struct.unpack_from(">Hh", self._hmtx, 4 * gid)
        else:
            (advance,) = struct.unpack_from(">H", self._hmtx, 4 * (self._long_metrics - 1))
            (bearing,) = struct.unpack_from(
                ">h", self._hmtx, 4 * self._long_metrics + 2 * (gid - self._long_metrics)
            )
        return data, advance, bearing

    def closure(self, glyphs: Iterable[int]) -> list[int]:
        """``glyphs`` with .notdef and every component of a composite glyph, sorted."""
        found: set[int] = set()
        pending = [0, *(g for g in glyphs if 0 <= g < self.glyph_count)]
        while pending:
            gid = pending.pop()
            if gid not in found:
                found.add(gid)
                pending.extend(components(self.glyph(gid)[0]))
        return sorted(found)

    def subset(self, glyphs: Iterable[int]) -> tuple[bytes, dict[int, int]]:
        """The font of ``glyphs`` and the map from original to new glyph ID."""
        kept = self.closure(glyphs)
        return build_truetype(self.template, [(gid, *self.glyph(gid)) for gid in kept])


def components(data: bytes) -> list[int]:
    """The glyphs a composite glyph is made of (none for a simple glyph)."""
    if len(data) < 10 or struct.unpack_from(">h", data, 0)[0] >= 0:
        return []
    found, position = [], 10
    while True:
        flags, gid = struct.unpack_from(">HH", data, position)
        found.append(gid)
        position += 4 + _component_tail(flags)
        if not flags & _MORE:
            return found


def _component_tail(flags: int) -> int:
    size = 4 if flags & _ARG_WORDS else 2
    if flags & _HAVE_SCALE:
        size += 2
    elif flags & _XY_SCALE:
        size += 4
    elif flags & _TWO_BY_TWO:
        size += 8
    return size


def _renumber(data: bytes, new_ids: dict[int, int]) -> bytes:
    if len(data) < 10 or struct.unpack_from(">h", data, 0)[0] >= 0:
        return data
    out, position = bytearray(data), 10
    while True:
        flags, gid = struct.unpack_from(">HH", out, position)
        struct.pack_into(">H", out, position + 2, new_ids[gid])
        position += 4 + _component_tail(flags)
        if not flags & _MORE:
            return bytes(out)


def build_truetype(
    template: TrueTypeTemplate, glyphs: Sequence[tuple[int, bytes, int, int]]
) -> tuple[bytes, dict[int, int]]:
    """A TrueType font of ``glyphs`` (original ID, glyf data, advance, bearing; .notdef first, sorted)."""
    new_ids = {gid: n for n, (gid, _, _, _) in enumerate(glyphs)}
    glyf = bytearray()
    loca = [0]
    hmtx = bytearray()
    for _, data, advance, bearing in glyphs:
        glyf += _renumber(data, new_ids)
        glyf += b"\x00" * (-len(glyf) % 4)
        loca.append(len(glyf))
        hmtx += struct.pack(">Hh", advance, bearing)
    count = len(glyphs)
    head = bytearray(template.head)
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set below
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    hhea = bytearray(template.hhea)
    struct.pack_into(">H", hhea, 34, count)
    maxp = bytearray(template.maxp)
    struct.pack_into(">H", maxp, 4, count)
    tables = {
        b"glyf": bytes(glyf),
        b"head": bytes(head),
        b"hhea": bytes(hhea),
        b"hmtx": bytes(hmtx),
        b"loca": struct.pack(f">{count + 1}I", *loca),
        b"maxp": bytes(maxp),
        **dict(template.copied),
    }
    font, offsets = _sfnt(tables)
    adjustment = (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF
    struct.pack_into(">I", font, offsets[b"head"] + 8, adjustment)
    return bytes(font), new_ids


def _sfnt(tables: dict[bytes, bytes]) -> tuple[bytearray, dict[bytes, int]]:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    directory = bytearray()
    body = bytearray()
    start = 12 + 16 * count
    offsets = {}
    for tag in tags:
        data = tables[tag]
        offsets[tag] = start + len(body)
        directory += struct.pack(">4sIII", tag, _checksum(data), offsets[tag], len(data))
        body += data + b"\x00" * (-len(data) % 4)
    return bytearray(header) + directory + body, offsets


def _checksum(data: bytes | bytearray) -> int:
    padded = bytes(data) + b"\x00" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(padded) // 4}I", padded)
    return sum(words) & 0xFFFFFFFF
