"""The faces WeasyPrint drew with, read for our own subsetting (``cff.py``, ``truetype.py``).

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): its ``Font``
objects' attributes, their HarfBuzz face, and ``Font.clean`` for the faces our readers do not take.
"""

from __future__ import annotations

import copy
import struct
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from notices.renderers.cff import CffError, CffFace
from notices.renderers.pdf_fonts import (
    AddObject,
    AddStream,
    Face,
    FaceInfo,
    FontParts,
    FontProgram,
    GlyphRecord,
    font_parts,
    write_font,
)
from notices.renderers.pdf_pages import GlyphUse, UnsupportedDrawing
from notices.renderers.truetype import TrueTypeFace
from notices.renderers.weasy.drawing import font_file

# Font parts kept per process, by face and glyph set: a few per face of the notices being rendered (each
# is the size of its compressed subset, ~40 KB for a Chinese body face).
MAX_FONT_PARTS = 32


class FontBank:
    """Embeds the faces WeasyPrint drew with in this process; shares ``fonts`` with the page drawer."""

    def __init__(self, fonts: dict[int, Any]) -> None:
        self.fonts = fonts
        self._faces: dict[str, Face | None] = {}
        self._blobs: list[Any] = []  # keep HarfBuzz blobs alive while their bytes are in use
        self._parts: OrderedDict[tuple[str, tuple[Any, ...]], FontParts] = OrderedDict()

    def _font(self, name: str) -> Any:
        for font in self.fonts.values():
            if font.hash == name:
                return font
        raise UnsupportedDrawing(f"font {name} was drawn outside this process")

    def _face(self, font: Any) -> Face | None:
        """The face read for our own subsetting, or None when WeasyPrint's subsetting must do."""
        if font.hash in self._faces:
            return self._faces[font.hash]
        if font.bitmap or font.png or font.svg or font.colr:
            raise UnsupportedDrawing(f"{font.family} is a bitmap or colour font")
        face: Face | None = None
        if "fvar" not in font.tables:
            try:
                if "CFF " in font.tables:
                    name = font.name[8:].decode("ascii", "replace")
                    face = CffFace(self._face_bytes(font), font.index, name=name)
                elif "glyf" in font.tables:
                    face = TrueTypeFace(self._face_bytes(font), font.index)
            except (CffError, KeyError, IndexError, ValueError, struct.error):
                face = None
        self._faces[font.hash] = face
        return face

    def _face_bytes(self, font: Any) -> memoryview:
        from weasyprint.text.ffi import ffi, harfbuzz

        blob = ffi.gc(harfbuzz.hb_face_reference_blob(font.hb_face), harfbuzz.hb_blob_destroy)
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        if data == ffi.NULL:
            raise CffError("the face has no data")
        self._blobs.append(blob)
        return memoryview(ffi.buffer(data, int(length[0])))

    def info(self, name: str, with_file: bool = False) -> FaceInfo:
        font = self._font(name)
        face = self._face(font)
        return FaceInfo(
            font.name,
            font.family,
            font.flags,
            font.ascent,
            font.descent,
            font.italic_angle,
            font.stemv,
            font.stemh,
            font.glyph_count,
            face.template if isinstance(face, CffFace) else None,
            face.template if isinstance(face, TrueTypeFace) else None,
            font_file(font) if face is None and with_file else b"",
            font.index,
        )

    def program(self, name: str, glyphs: GlyphUse) -> FontProgram:
        font = self._font(name)
        face = self._face(font)
        if isinstance(face, CffFace):
            return FontProgram(face.subset(gid for gid in glyphs if gid < face.glyph_count), "cff")
        if isinstance(face, TrueTypeFace):
            data, new_ids = face.subset(glyphs)
            return FontProgram(data, "ttf", new_ids)
        font_file(font)
        clone = copy.copy(font)
        clone.to_unicode = {gid: text for gid, (_, text) in glyphs.items()}
        clone.widths = {gid: width for gid, (width, _) in glyphs.items()}
        clone.variations = dict(font.variations)
        clone.clean(clone.to_unicode, False)
        data = bytes(clone.file_content)
        return FontProgram(data, "otf" if data[:4] == b"OTTO" else "ttf")

    def export(self, name: str, sent: set[int], glyphs: Iterable[int]) -> dict[int, GlyphRecord]:
        """Glyph records of ``glyphs`` not yet in ``sent`` (which is updated), for :class:`SharedFonts`."""
        face = self._face(self._font(name))
        if isinstance(face, CffFace):
            new = ({gid for gid in glyphs if gid < face.glyph_count} | {0}) - sent
            sent.update(new)
            return {gid: (*face.glyph(gid), 0) for gid in sorted(new)}
        if isinstance(face, TrueTypeFace):
            new = set(face.closure(glyphs)) - sent
            sent.update(new)
            return {gid: face.glyph(gid) for gid in sorted(new)}
        return {}

    def embed(self, add_stream: AddStream, add: AddObject, name: str, glyphs: GlyphUse) -> int:
        """Write the font ``name`` cut to ``glyphs``; the parts of a glyph set written before are reused."""
        key = (name, tuple(sorted(glyphs.items())))
        parts = self._parts.get(key)
        info = self.info(name)
        if parts is None:
            parts = font_parts(info, self.program(name, glyphs), glyphs)
            self._parts[key] = parts
            while len(self._parts) > MAX_FONT_PARTS:
                self._parts.popitem(last=False)
        else:
            self._parts.move_to_end(key)
        return write_font(add_stream, add, info, parts)
