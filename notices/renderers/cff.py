"""Small CID-keyed CFF fonts made from the glyphs one recipient's PDF uses, from outlines read once per process.

WeasyPrint subsets each CJK face with HarfBuzz for every PDF it writes and keeps glyph IDs, so every file
carries tens of thousands of empty glyph slots (a CJK face has ~65,000 glyphs). A batch writes thousands of PDFs
from the same few faces, so here each face is read once per process, each glyph's outline is flattened once
(subroutines inlined), and a PDF's font is then assembled from those cached outlines.

The output is a CID-keyed CFF whose charset gives every kept glyph its *original* glyph ID as CID. WeasyPrint's
content streams show glyph IDs through ``Identity-H``, which a PDF reader maps to CIDs and, through the charset
of a CID-keyed font, to the glyph, so the content streams stay as WeasyPrint drew them. Private DICTs are copied
byte for byte without their ``Subrs``, which flattened outlines no longer call.

The face is read in place from the font file's bytes (a memoryview over HarfBuzz's blob, usually a mapping of
the file): a 25 MB collection is never copied.
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Operator = int  # one-byte operators as is, two-byte ``12 x`` operators as 1200 + x

OP_CHARSET = 15
OP_CHARSTRINGS = 17
OP_PRIVATE = 18
OP_SUBRS = 19
OP_FONT_BBOX = 5
OP_ROS = 1230
OP_CID_COUNT = 1234
OP_FD_ARRAY = 1236
OP_FD_SELECT = 1237
OP_FONT_MATRIX = 1207
OP_CHARSTRING_TYPE = 1206

_FIRST_CUSTOM_SID = 391  # SIDs below this name CFF standard strings
_MAX_SUBR_DEPTH = 10  # the Type 2 limit on nested subroutine calls


class CffError(ValueError):
    """The face is not a CFF this module can subset (the caller falls back to WeasyPrint's subsetting)."""


def sfnt_tables(data: memoryview, index: int = 0) -> dict[bytes, memoryview]:
    """The tables of an OpenType font, or of face ``index`` of a collection, by tag (read in place)."""
    base = 0
    if bytes(data[:4]) == b"ttcf":
        (count,) = struct.unpack_from(">I", data, 8)
        if index >= count:
            raise CffError(f"the collection has {count} faces, not {index + 1}")
        (base,) = struct.unpack_from(">I", data, 12 + 4 * index)
    (table_count,) = struct.unpack_from(">H", data, base + 4)
    tables = {}
    for record in range(table_count):
        position = base + 12 + 16 * record
        offset, length = struct.unpack_from(">II", data, position + 8)
        tables[bytes(data[position : position + 4])] = data[offset : offset + length]
    return tables


def sfnt_table(data: memoryview, tag: bytes, index: int = 0) -> memoryview:
    """The bytes of table ``tag`` in an OpenType font or in face ``index`` of a collection."""
    table = sfnt_tables(data, index).get(tag)
    if table is None:
        raise CffError(f"the face has no {tag.decode()!r} table")
    return table


class Index:
    """A CFF INDEX read in place: ``index[i]`` is a memoryview of item ``i``."""

    def __init__(self, data: memoryview, offset: int) -> None:
        self.count: int = struct.unpack_from(">H", data, offset)[0]
        self._data = data
        if self.count == 0:
            self.end = offset + 2
            self._offsets_at = self._data_at = 0
            self._offset_size = 1
            return
        self._offset_size = data[offset + 2]
        self._offsets_at = offset + 3
        self._data_at = self._offsets_at + (self.count + 1) * self._offset_size - 1
        self.end = self._data_at + self._offset(self.count)

    def _offset(self, item: int) -> int:
        start = self._offsets_at + item * self._offset_size
        return int.from_bytes(self._data[start : start + self._offset_size], "big")

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, item: int) -> memoryview:
        if not 0 <= item < self.count:
            raise IndexError(item)
        return self._data[self._data_at + self._offset(item) : self._data_at + self._offset(item + 1)]


def parse_dict(data: bytes | memoryview) -> dict[Operator, tuple[list[float], bytes]]:
    """A DICT as ``{operator: (operands, the raw bytes of operands and operator)}``."""
    entries: dict[Operator, tuple[list[float], bytes]] = {}
    operands: list[float] = []
    start = position = 0
    size = len(data)
    while position < size:
        byte = data[position]
        if byte <= 21:
            if byte == 12:
                operator = 1200 + data[position + 1]
                position += 2
            else:
                operator = byte
                position += 1
            entries[operator] = (operands, bytes(data[start:position]))
            operands = []
            start = position
            continue
        value, position = _dict_operand(data, position)
        operands.append(value)
    return entries


def _dict_operand(data: bytes | memoryview, position: int) -> tuple[float, int]:
    byte = data[position]
    if 32 <= byte <= 246:
        return byte - 139, position + 1
    if 247 <= byte <= 250:
        return (byte - 247) * 256 + data[position + 1] + 108, position + 2
    if 251 <= byte <= 254:
        return -(byte - 251) * 256 - data[position + 1] - 108, position + 2
    if byte == 28:
        return struct.unpack_from(">h", data, position + 1)[0], position + 3
    if byte == 29:
        return struct.unpack_from(">i", data, position + 1)[0], position + 5
    if byte == 30:
        return _real(data, position + 1)
    raise CffError(f"unexpected byte {byte} in a DICT")


def _real(data: bytes | memoryview, position: int) -> tuple[float, int]:
    text = ""
    nibbles = "0123456789.EE?-"
    while True:
        byte = data[position]
        position += 1
        for nibble in (byte >> 4, byte & 0xF):
            if nibble == 0xF:
                return float(text or 0), position
            text += "E-" if nibble == 0xC else nibbles[nibble]


def _subr_bias(count: int) -> int:
    return 107 if count < 1240 else 1131 if count < 33900 else 32768


class CffFace:
    """One CFF face, read lazily: outlines are flattened on first use and kept for the rest of the process."""

    def __init__(self, font_file: memoryview, index: int = 0, name: str = "Subset") -> None:
        self.name = name
        cff = sfnt_table(font_file, b"CFF ", index)
        self._cff = cff
        if cff[0] != 1:
            raise CffError(f"CFF version {cff[0]} is not supported")
        names = Index(cff, cff[2])
        top_dicts = Index(cff, names.end)
        strings = Index(cff, top_dicts.end)
        self.global_subrs = Index(cff, strings.end)
        top = parse_dict(top_dicts[0])
        if OP_CHARSTRING_TYPE in top and top[OP_CHARSTRING_TYPE][0] != [2]:
            raise CffError("only Type 2 charstrings are supported")
        self.charstrings = Index(cff, int(top[OP_CHARSTRINGS][0][0]))
        self.glyph_count = len(self.charstrings)
        self.font_bbox = top.get(OP_FONT_BBOX, ([0, 0, 0, 0], b""))[1]
        self.top_font_matrix = top.get(OP_FONT_MATRIX, ([], b""))[1]
        self.cid_keyed = OP_ROS in top
        self._fd_select: _FdSelect | None = None
        self._private_dicts: list[bytes] = []
        self._local_subrs: list[Index | None] = []
        self._font_dict_extras: list[bytes] = []
        if self.cid_keyed:
            font_dicts = Index(cff, int(top[OP_FD_ARRAY][0][0]))
            for item in range(len(font_dicts)):
                font_dict = parse_dict(font_dicts[item])
                self._add_private(font_dict.get(OP_PRIVATE))
                self._font_dict_extras.append(font_dict.get(OP_FONT_MATRIX, ([], b""))[1])
            self._fd_select = _FdSelect(cff, int(top[OP_FD_SELECT][0][0]), self.glyph_count)
        else:
            self._add_private(top.get(OP_PRIVATE))
            self._font_dict_extras.append(b"")
        self._flat: dict[int, tuple[bytes, int]] = {}

    def _add_private(self, entry: tuple[list[float], bytes] | None) -> None:
        if entry is None:
            self._private_dicts.append(b"")
            self._local_subrs.append(None)
            return
        size, offset = int(entry[0][0]), int(entry[0][1])
        private = parse_dict(self._cff[offset : offset + size])
        self._private_dicts.append(b"".join(raw for op, (_, raw) in private.items() if op != OP_SUBRS))
        subrs = private.get(OP_SUBRS)
        self._local_subrs.append(Index(self._cff, offset + int(subrs[0][0])) if subrs else None)

    def font_dict_index(self, glyph: int) -> int:
        return self._fd_select.lookup(glyph) if self._fd_select is not None else 0

    def glyph(self, glyph: int) -> tuple[bytes, int]:
        """The outline of ``glyph`` with every subroutine call inlined, and the font DICT it belongs to."""
        cached = self._flat.get(glyph)
        if cached is None:
            if not 0 <= glyph < self.glyph_count:
                raise CffError(f"glyph {glyph} is not in the face ({self.glyph_count} glyphs)")
            fd = self.font_dict_index(glyph)
            flattener = _Flattener(self.global_subrs, self._local_subrs[fd])
            cached = (flattener.flatten(self.charstrings[glyph]), fd)
            self._flat[glyph] = cached
        return cached

    @property
    def template(self) -> CffTemplate:
        return CffTemplate(
            self.name,
            self.top_font_matrix,
            self.font_bbox,
            tuple(self._private_dicts),
            tuple(self._font_dict_extras),
        )

    def subset(self, glyphs: Iterable[int]) -> bytes:
        """A CID-keyed CFF holding .notdef and ``glyphs``, each with its original glyph ID as CID."""
        kept = sorted({g for g in glyphs if g != 0})
        return build_cff(self.template, [(g, *self.glyph(g)) for g in [0, *kept]])


@dataclass(frozen=True)
class CffTemplate:
    """What a subset copies from its face besides the outlines (small, so it can travel between processes)."""

    name: str
    top_font_matrix: bytes
    font_bbox: bytes
    private_dicts: tuple[bytes, ...]
    font_dict_extras: tuple[bytes, ...]


def build_cff(template: CffTemplate, outlines: Sequence[tuple[int, bytes, int]]) -> bytes:
    """A CID-keyed CFF of ``outlines`` (glyph ID used as CID, flattened charstring, font DICT index).

    ``outlines`` starts with .notdef (glyph 0) and is sorted by glyph ID.
    """
    used_fds = sorted({fd for _, _, fd in outlines})
    fd_position = {fd: n for n, fd in enumerate(used_fds)}
    name_index = _index([template.name.encode("ascii", "replace")[:127] or b"Subset"])
    string_index = _index([b"Adobe", b"Identity"])
    global_subrs = _index([])
    charset = b"\x00" + b"".join(struct.pack(">H", gid) for gid, _, _ in outlines[1:])
    fd_select = b"\x00" + bytes(fd_position[fd] for _, _, fd in outlines)
    charstrings = _index([outline for _, outline, _ in outlines])

    def top_dict(charset_at: int, fd_select_at: int, charstrings_at: int, fd_array_at: int) -> bytes:
        return b"".join(
            (
                _int(_FIRST_CUSTOM_SID) + _int(_FIRST_CUSTOM_SID + 1) + _int(0) + b"\x0c\x1e",
                template.top_font_matrix,
                template.font_bbox,
                _int(65535) + b"\x0c\x22",
                _int32(charset_at) + bytes([OP_CHARSET]),
                _int32(fd_select_at) + b"\x0c\x25",
                _int32(charstrings_at) + bytes([OP_CHARSTRINGS]),
                _int32(fd_array_at) + b"\x0c\x24",
            )
        )

    header = b"\x01\x00\x04\x04"
    top_size = len(_index([top_dict(0, 0, 0, 0)]))
    charset_at = len(header) + len(name_index) + top_size + len(string_index) + len(global_subrs)
    fd_select_at = charset_at + len(charset)
    charstrings_at = fd_select_at + len(fd_select)
    fd_array_at = charstrings_at + len(charstrings)
    privates = [template.private_dicts[fd] for fd in used_fds]

    def font_dicts(private_at: int) -> bytes:
        entries = []
        for fd, private in zip(used_fds, privates, strict=True):
            size_and_offset = _int32(len(private)) + _int32(private_at) + bytes([OP_PRIVATE])
            entries.append(template.font_dict_extras[fd] + size_and_offset)
            private_at += len(private)
        return _index(entries)

    fd_array = font_dicts(fd_array_at + len(font_dicts(0)))
    top = _index([top_dict(charset_at, fd_select_at, charstrings_at, fd_array_at)])
    return b"".join(
        (
            header,
            name_index,
            top,
            string_index,
            global_subrs,
            charset,
            fd_select,
            charstrings,
            fd_array,
            *privates,
        )
    )


class _FdSelect:
    """Which font DICT each glyph belongs to (FDSelect format 0 or 3)."""

    def __init__(self, cff: memoryview, offset: int, glyph_count: int) -> None:
        form = cff[offset]
        if form == 0:
            self._by_glyph: bytes | None = bytes(cff[offset + 1 : offset + 1 + glyph_count])
            return
        if form != 3:
            raise CffError(f"FDSelect format {form} is not supported")
        self._by_glyph = None
        (ranges,) = struct.unpack_from(">H", cff, offset + 1)
        self._firsts = [struct.unpack_from(">H", cff, offset + 3 + 3 * n)[0] for n in range(ranges)]
        self._fds = [cff[offset + 5 + 3 * n] for n in range(ranges)]

    def lookup(self, glyph: int) -> int:
        if self._by_glyph is not None:
            return self._by_glyph[glyph]
        return self._fds[bisect.bisect_right(self._firsts, glyph) - 1]


class _Flattener:
    """Inline ``callsubr``/``callgsubr`` in a Type 2 charstring without interpreting the outline, and leave
    out its hints.

    Only the operand count matters: it tells how many stem hints precede a ``hintmask``, which gives the
    number of mask bytes that follow it. A subroutine index must be a literal number, as every font
    compiler writes it; anything else (arithmetic operators computing an index) raises :class:`CffError`.

    Stem hints (``hstem``, ``vstem``, their ``hm`` forms) and hint and counter masks are dropped with their
    operands: they only steer how a rasteriser snaps stems to the pixel grid at small sizes, the outline is
    the same without them (Adobe TN 5177, "Hints"), and they are ~15% of a CJK face's charstrings, so a
    notice's PDF is ~7 KB smaller. A width, the optional first operand of the first stack-clearing operator,
    stays in place and so becomes the first operand of the next operator, where it means the same.
    """

    def __init__(self, global_subrs: Index, local_subrs: Index | None) -> None:
        self.global_subrs = global_subrs
        self.local_subrs = local_subrs
        self.out = bytearray()
        self.operands = 0
        self.operands_at = 0  # where the current operands start in self.out
        self.drawn = False  # an operator other than a hint was written: no width can follow
        self.stems = 0
        self.last_operand: tuple[int, int] | None = None  # (value, where it starts in self.out)
        self.done = False

    def flatten(self, charstring: memoryview) -> bytes:
        self._run(charstring, 0)
        if not self.done:
            raise CffError("a charstring ended without endchar")
        return bytes(self.out)

    def _run(self, code: memoryview, depth: int) -> None:
        if depth > _MAX_SUBR_DEPTH:
            raise CffError("subroutines nest deeper than Type 2 allows")
        position, size = 0, len(code)
        while position < size and not self.done:
            byte = code[position]
            if byte >= 32 or byte == 28:
                length = 1 if byte <= 246 else 2 if byte <= 254 else 5
                if byte == 28:
                    length = 3
                token = code[position : position + length]
                if self.operands == 0:
                    self.operands_at = len(self.out)
                self.last_operand = (_charstring_number(token), len(self.out))
                self.out += token
                self.operands += 1
                position += length
                continue
            if byte in (10, 29):  # callsubr, callgsubr
                if self.last_operand is None or self.operands == 0:
                    raise CffError("a subroutine index is not a literal number")
                value, at = self.last_operand
                del self.out[at:]
                self.operands -= 1
                self.last_operand = None
                subrs = self.local_subrs if byte == 10 else self.global_subrs
                if subrs is None:
                    raise CffError("a charstring calls a local subroutine the font does not have")
                self._run(subrs[value + _subr_bias(len(subrs))], depth + 1)
                position += 1
                continue
            if byte == 11:  # return
                return
            self.last_operand = None
            if byte in (1, 3, 18, 23):  # hstem, vstem, hstemhm, vstemhm
                self.stems += self.operands // 2
                self._drop_hint()
                position += 1
                continue
            if byte in (19, 20):  # hintmask, cntrmask: leftover operands are an implicit vstem
                self.stems += self.operands // 2
                self._drop_hint()
                position += 1 + (self.stems + 7) // 8  # and the mask's bytes
                continue
            self.drawn = True
            if byte == 12:
                self.out += code[position : position + 2]
                position += 2
                self.operands = 0
                continue
            if byte == 14:  # endchar
                if self.operands >= 4:
                    raise CffError("endchar with accent arguments (seac) is not supported")
                self.done = True
            self.out.append(byte)
            position += 1
            self.operands = 0

    def _drop_hint(self) -> None:
        """Take the hint's operands out of the outline, all but a width (an odd count before any drawing)."""
        if self.operands == 0:
            return  # a mask after drawing began: nothing of the outline is on the stack
        keep = 0
        if not self.drawn and self.operands % 2 == 1:
            first = self.out[self.operands_at]
            keep = 3 if first == 28 else 1 if first <= 246 else 2 if first <= 254 else 5
        del self.out[self.operands_at + keep :]
        self.operands = 1 if keep else 0


def _charstring_number(token: memoryview) -> int:
    byte = token[0]
    if 32 <= byte <= 246:
        return byte - 139
    if 247 <= byte <= 250:
        return (byte - 247) * 256 + token[1] + 108
    if 251 <= byte <= 254:
        return -(byte - 251) * 256 - token[1] - 108
    if byte == 28:
        return int(struct.unpack_from(">h", token, 1)[0])
    return int(struct.unpack_from(">i", token, 1)[0]) >> 16  # 16.16 fixed: only the integer part can index


def _index(items: list[bytes]) -> bytes:
    if not items:
        return b"\x00\x00"
    offsets = [1]
    for item in items:
        offsets.append(offsets[-1] + len(item))
    size = 1 if offsets[-1] < 1 << 8 else 2 if offsets[-1] < 1 << 16 else 3 if offsets[-1] < 1 << 24 else 4
    packed = b"".join(offset.to_bytes(size, "big") for offset in offsets)
    return struct.pack(">HB", len(items), size) + packed + b"".join(items)


def _int(value: int) -> bytes:
    if -107 <= value <= 107:
        return bytes([value + 139])
    return _int32(value)


def _int32(value: int) -> bytes:
    return b"\x1d" + struct.pack(">i", value)
