"""Font objects for batch PDFs: a face cut to the glyphs of the pages at hand, in WeasyPrint's dictionaries.

CFF faces (Noto CJK and every other ``.otf``) are cut by :mod:`notices.renderers.cff`, TrueType faces (AR PL UKai,
Liberation Serif) by :mod:`notices.renderers.truetype`, both from faces read once per process. Anything else
(variable fonts, a face those readers refuse) goes through WeasyPrint's own HarfBuzz subsetting, as
``notices render`` embeds it. The dictionaries around the font programs are the ones ``weasyprint/pdf/fonts.py``
writes, so text extraction and copy-paste behave the same.

:class:`~notices.renderers.weasy.faces.FontBank` lives in a worker beside WeasyPrint's ``Font`` objects. :class:`SharedFonts` lives in the
process writing the combined PDF: workers send it each face's description once and the outlines of the glyphs
it has not seen yet (:meth:`FontBank.export`).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from notices.renderers.cff import CffFace, CffTemplate, build_cff
from notices.renderers.pdf_pages import GlyphUse
from notices.renderers.truetype import TrueTypeFace, TrueTypeTemplate, build_truetype
from notices.renderers.weasy.syntax import pdf_string

# Font programs at Flate's fastest level: even that shrinks CFF outlines enough for a one- or two-page PDF
# with a seal to stay within issue 12's 80 KB (bench/RESULTS.md), TrueType ones by half, at little cost for a
# new glyph set and none for a glyph set the process has written before (FontBank keeps the parts).
FONT_COMPRESSION_LEVEL = 1
COMPRESSION_LEVEL = 6  # the other streams, as pdf_writer writes them

AddStream = Callable[..., int]
AddObject = Callable[[bytes], int]
Face = CffFace | TrueTypeFace
GlyphRecord = tuple[bytes, int, int]  # CFF: (outline, font DICT, 0); TrueType: (glyf data, advance, bearing)


@dataclass(frozen=True)
class FaceInfo:
    """What a font's PDF dictionaries say about it (WeasyPrint's ``Font`` attributes)."""

    name: bytes  # "/ABCDEF+Family-Style", the subset tag WeasyPrint derives from the font description
    family: str
    flags: int
    ascent: float
    descent: float
    italic_angle: float
    stemv: float
    stemh: float
    glyph_count: int
    cff: CffTemplate | None = None
    truetype: TrueTypeTemplate | None = None
    font_file: bytes = b""  # a face neither reader takes, sent only to SharedFonts (fontTools subsets it)
    font_index: int = 0


@dataclass(frozen=True)
class FontProgram:
    data: bytes
    kind: str  # "cff" (bare CID-keyed CFF), "otf" (OpenType) or "ttf" (TrueType)
    cid_to_gid: dict[int, int] | None = None  # a renumbered TrueType font: original glyph ID → new one


class SharedFonts:
    """Faces described by worker processes, for a PDF that holds pages drawn in several of them."""

    def __init__(self) -> None:
        self.faces: dict[str, FaceInfo] = {}
        self.records: dict[str, dict[int, GlyphRecord]] = {}

    def learn(self, name: str, info: FaceInfo | None, records: dict[int, GlyphRecord]) -> None:
        if info is not None and name not in self.faces:
            self.faces[name] = info
        self.records.setdefault(name, {}).update(records)

    def embed(self, add_stream: AddStream, add: AddObject, name: str, glyphs: GlyphUse) -> int:
        info = self.faces[name]
        store = self.records.get(name, {})
        if info.cff is not None:
            kept = sorted({gid for gid in glyphs if gid < info.glyph_count} | {0})
            outlines = [(gid, store[gid][0], store[gid][1]) for gid in kept]
            program = FontProgram(build_cff(info.cff, outlines), "cff")
        elif info.truetype is not None:
            data, new_ids = build_truetype(info.truetype, [(gid, *store[gid]) for gid in sorted(store)])
            program = FontProgram(data, "ttf", new_ids)
        else:
            program = _fonttools_subset(info, glyphs)
        return embed_font(add_stream, add, info, program, glyphs)


def _fonttools_subset(info: FaceInfo, glyphs: GlyphUse) -> FontProgram:
    """WeasyPrint's fallback subsetting (glyph IDs kept), for a non-CFF face in the combined PDF."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(
        retain_gids=True,
        passthrough_tables=True,
        ignore_missing_glyphs=True,
        hinting=False,
        desubroutinize=True,
        notdef_outline=True,
    )
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=[gid for gid in glyphs if gid < info.glyph_count])
    font = TTFont(io.BytesIO(info.font_file), fontNumber=info.font_index)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    data = out.getvalue()
    return FontProgram(data, "otf" if data[:4] == b"OTTO" else "ttf")


@dataclass(frozen=True)
class FontParts:
    """The costly bytes of one embedded font, ready to write: the same glyphs give the same parts, so a
    process keeps them for the next file (a notice for the next recipient mostly uses the same glyphs)."""

    file_entries: bytes  # the font file stream's dictionary entries, its /Filter included
    file_data: bytes  # the font program as stored (Flate-compressed)
    file_key: bytes  # b"/FontFile2" or b"/FontFile3"
    subtype: bytes
    gid_map: bytes  # b"" or b"/CIDToGIDMap /Identity"; a renumbered TrueType font's map is in cid_to_gid
    cid_to_gid: bytes  # compressed map stream data, or b""
    widths: bytes  # the /W array
    flags: int
    max_width: int
    to_unicode: bytes  # the compressed ToUnicode CMap


def font_parts(info: FaceInfo, program: FontProgram, glyphs: GlyphUse) -> FontParts:
    """What :func:`write_font` writes for ``program``, compressed and formatted once."""
    widths = {gid: width for gid, (width, _) in glyphs.items()}
    level = FONT_COMPRESSION_LEVEL
    cid_to_gid = b""
    if program.kind == "cff":
        entries, file_key, subtype, gid_map = b"/Subtype /CIDFontType0C", b"/FontFile3", b"/CIDFontType0", b""
    elif program.kind == "otf":
        entries, file_key = b"/Subtype /OpenType", b"/FontFile3"
        subtype, gid_map = b"/CIDFontType0", b"/CIDToGIDMap /Identity"
    else:
        entries, file_key = b"/Length1 %d" % len(program.data), b"/FontFile2"
        subtype, gid_map = b"/CIDFontType2", b"/CIDToGIDMap /Identity"
        if program.cid_to_gid is not None:
            cid_to_gid = zlib.compress(_cid_to_gid_map(program.cid_to_gid), COMPRESSION_LEVEL)
    return FontParts(
        file_entries=entries + b"/Filter /FlateDecode",
        file_data=zlib.compress(program.data, level),
        file_key=file_key,
        subtype=subtype,
        gid_map=gid_map,
        cid_to_gid=cid_to_gid,
        widths=_widths(widths),
        flags=info.flags + (1 if len(widths) > 1 and len(set(widths.values())) == 1 else 0),
        max_width=max(widths.values(), default=0),
        to_unicode=zlib.compress(_to_unicode_cmap(glyphs), COMPRESSION_LEVEL),
    )


def embed_font(
    add_stream: AddStream, add: AddObject, info: FaceInfo, program: FontProgram, glyphs: GlyphUse
) -> int:
    """Write a Type 0 font for ``program`` as WeasyPrint does; returns the font's object number."""
    return write_font(add_stream, add, info, font_parts(info, program, glyphs))


def write_font(add_stream: AddStream, add: AddObject, info: FaceInfo, parts: FontParts) -> int:
    """Write the font objects of ``parts`` (WeasyPrint's dictionaries); returns the Type 0 font's number."""
    stream = add_stream(parts.file_entries, parts.file_data, compress=False)
    gid_map = parts.gid_map
    if parts.cid_to_gid:
        gid_map = b"/CIDToGIDMap %d 0 R" % add_stream(
            b"/Filter /FlateDecode", parts.cid_to_gid, compress=False
        )
    file_entry = parts.file_key + b" %d 0 R" % stream
    descriptor = add(
        b"<</Type /FontDescriptor/FontName %s/FontFamily %s/Flags %d/FontBBox [0 %s %s %s]"
        b"/ItalicAngle %s/Ascent %s/Descent %s/CapHeight %s/StemV %s/StemH %s%s>>"
        % (
            info.name,
            pdf_string(info.family),
            parts.flags,
            pdf_number(info.descent),
            pdf_number(parts.max_width),
            pdf_number(info.ascent),
            pdf_number(info.italic_angle),
            pdf_number(info.ascent),
            pdf_number(info.descent),
            pdf_number(info.ascent),
            pdf_number(info.stemv),
            pdf_number(info.stemh),
            file_entry,
        )
    )
    cid_font = add(
        b"<</Type /Font/Subtype %s/BaseFont %s/CIDSystemInfo <</Registry (Adobe)/Ordering (Identity)"
        b"/Supplement 0>>%s/W %s/FontDescriptor %d 0 R>>"
        % (parts.subtype, info.name, gid_map, parts.widths, descriptor)
    )
    to_unicode = add_stream(b"/Filter /FlateDecode", parts.to_unicode, compress=False)
    return add(
        b"<</Type /Font/Subtype /Type0/BaseFont %s/ToUnicode %d 0 R/Encoding /Identity-H"
        b"/DescendantFonts [%d 0 R]>>" % (info.name, to_unicode, cid_font)
    )


def _cid_to_gid_map(new_ids: dict[int, int]) -> bytes:
    """Two bytes per CID from 0 to the highest one: the glyph it shows in the renumbered font."""
    table = bytearray(2 * (max(new_ids) + 1))
    for cid, gid in new_ids.items():
        struct.pack_into(">H", table, 2 * cid, gid)
    return bytes(table)


def pdf_number(value: float) -> bytes:
    """A number as pydyf writes it (``12``, ``0.5``), so values read the same as in WeasyPrint's files."""
    if isinstance(value, int):
        return b"%d" % value
    if value.is_integer():
        return b"%d" % int(value)
    return (b"%f" % value).rstrip(b"0")


def _widths(widths: dict[int, int]) -> bytes:
    parts: list[bytes] = []
    run: list[bytes] = []
    for gid in sorted(widths):
        if gid - 1 not in widths:
            if run:
                parts.append(b"[" + b" ".join(run) + b"]")
            parts.append(b"%d" % gid)
            run = []
        run.append(pdf_number(widths[gid]))
    if run:
        parts.append(b"[" + b" ".join(run) + b"]")
    return b"[" + b" ".join(parts) + b"]"


def _to_unicode_cmap(glyphs: GlyphUse) -> bytes:
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo",
        b"<< /Registry (Adobe)",
        b"/Ordering (UCS)",
        b"/Supplement 0",
        b">> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    mapped = [(gid, text) for gid, (_, text) in sorted(glyphs.items()) if text]
    for start in range(0, len(mapped), 100):
        batch = mapped[start : start + 100]
        lines.append(b"%d beginbfchar" % len(batch))
        lines.extend(b"<%04x> <%s>" % (gid, text.encode("utf-16-be").hex().encode()) for gid, text in batch)
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)
