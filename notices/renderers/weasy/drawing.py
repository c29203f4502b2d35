"""Draw laid-out WeasyPrint pages into self-contained page records (``pdf_pages.PageDrawing``).

Part of the one place that relies on WeasyPrint's and pydyf's internals (see ``notices.renderers.weasy``):
WeasyPrint's ``Stream``, ``Page.paint`` and ``Font``, pydyf's objects and serialiser.

WeasyPrint's own ``write_pdf`` draws every page into one shared resources dictionary and then embeds every font
it met, subset with HarfBuzz, for each document: most of its time for a CJK notice (bench/RESULTS.md). Here a
page is drawn once with WeasyPrint's own ``Stream`` and ``Page.paint`` (so the operators are exactly what
``write_pdf`` writes) into a :class:`PageDrawing`: the compressed content operators, the page's own resources as
plain data, and the glyphs it shows per font. The ``Font`` objects WeasyPrint creates while drawing live in one
dictionary for the whole process, so a face's file is read once, not once per PDF.
"""

from __future__ import annotations

import functools
import zlib
from typing import Any

from notices.renderers.pdf_pages import (
    CONTENT_COMPRESSION_LEVEL,
    SCALE,
    GlyphUse,
    Marker,
    MissingGlyphs,
    PageDrawing,
    PortableStream,
    Raw,
    UnsupportedDrawing,
)


class PageDrawer:
    """Draws pages with WeasyPrint's painter; keeps the process-wide ``Font`` objects (``fonts``)."""

    def __init__(self) -> None:
        self.fonts: dict[int, Any] = {}

    def draw(self, page: Any, observe: Any = None) -> PageDrawing:
        """Draw one ``weasyprint.Page``; raises :class:`MissingGlyphs` for text no font can show.

        ``observe`` is called with the stream before anything is drawn into it (``pdf_splice.py`` watches it).
        """
        import pydyf  # type: ignore[import-untyped]

        if page.links or any(page.forms.values()):
            raise UnsupportedDrawing("links and form fields are not reproduced by the batch writer")
        for font in self.fonts.values():
            font.widths.clear()
            font.to_unicode.clear()
        resources = pydyf.Dictionary(
            {
                "ExtGState": pydyf.Dictionary(),
                "XObject": pydyf.Dictionary(),
                "Pattern": pydyf.Dictionary(),
                "Shading": pydyf.Dictionary(),
                "ColorSpace": Marker.COLOR_SPACES,
            }
        )
        images: dict[str, Any] = {}
        bleed = page.bleed
        left, top = -SCALE * bleed["left"], -SCALE * bleed["top"]
        right = left + SCALE * (page.width + bleed["left"] + bleed["right"])
        bottom = top + SCALE * (page.height + bleed["top"] + bleed["bottom"])
        rectangle = (left / SCALE, top / SCALE, (right - left) / SCALE, (bottom - top) / SCALE)
        stream = _lean_stream_class()(
            self.fonts, rectangle, resources, images, None, {}, None, compress=False
        )
        if observe is not None:
            observe(stream)
        stream.transform(d=-1, f=page.height * SCALE)
        page.paint(stream, SCALE)

        glyphs: dict[str, GlyphUse] = {}
        missing: set[str] = set()
        for font in self.fonts.values():
            if not font.widths:
                continue
            missing_ids = set(font.missing.values())
            missing.update(font.to_unicode.get(gid, "") for gid in font.widths if gid in missing_ids)
            used = glyphs.setdefault(font.hash, {})
            used.update((gid, (width, font.to_unicode.get(gid, ""))) for gid, width in font.widths.items())
        if missing - {""}:
            raise MissingGlyphs(sorted(missing - {""}))
        trim = tuple(SCALE * bleed[side] for side in ("left", "top", "right", "bottom"))
        trim_box = (left + trim[0], top + trim[1], right - trim[2], bottom - trim[3])
        bleed_box = (
            trim_box[0] - min(10, trim[0]),
            trim_box[1] - min(10, trim[1]),
            trim_box[2] + min(10, trim[2]),
            trim_box[3] + min(10, trim[3]),
        )
        return PageDrawing(
            media_box=(left, top, right, bottom),
            trim_box=trim_box,
            bleed_box=bleed_box,
            content=zlib.compress(_stream_bytes(stream), CONTENT_COMPRESSION_LEVEL),
            resources={k: v for k, v in portable(resources, images).items() if v != {}},
            glyphs=glyphs,
            height=page.height,
            bookmarks=tuple(page.bookmarks),
        )


@functools.cache
def _lean_stream_class() -> Any:
    """WeasyPrint's ``Stream``, except that a new ``Font`` does not copy its whole font file into memory.

    ``Font.__init__`` keeps the file's bytes (20-27 MB for a CJK face) for its own subsetting, which the batch
    does not use (``pdf_fonts.py`` reads the face in place); for the rare face that needs WeasyPrint's
    subsetting, :func:`font_file` fetches them then.
    """
    from weasyprint.pdf import fonts as weasy_fonts
    from weasyprint.pdf.stream import Stream
    from weasyprint.text.fonts import get_pango_font_key

    class LeanStream(Stream):  # type: ignore[misc]
        def add_font(self, pango_font: Any) -> Any:
            key, description, font_size = get_pango_font_key(pango_font)
            if key not in self._fonts:
                original = weasy_fonts.get_hb_object_data

                def face_data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
                    return b"" if ot_color is None else original(hb_object, ot_color, glyph)

                weasy_fonts.get_hb_object_data = face_data
                try:
                    self._fonts[key] = weasy_fonts.Font(pango_font, description, font_size)
                finally:
                    weasy_fonts.get_hb_object_data = original
            return self._fonts[key], font_size

        def clone(self, **kwargs: Any) -> Any:
            clone = super().clone(**kwargs)
            clone.__class__ = LeanStream  # groups and patterns draw text too
            return clone

    return LeanStream


def lean_stream(fonts: dict[int, Any], resources: dict[str, Any]) -> Any:
    """An empty stream to draw into outside a page (one line, for ``pdf_splice.py``)."""
    return _lean_stream_class()(fonts, (0, 0, 0, 0), resources, {}, None, {}, None, compress=False)


def font_file(font: Any) -> bytes:
    """The whole font file of a WeasyPrint ``Font`` drawn by :class:`PageDrawer`."""
    from weasyprint.text.fonts import get_hb_object_data

    if not font.file_content:
        font.file_content = get_hb_object_data(font.hb_face)
    return bytes(font.file_content)


def _stream_bytes(stream: Any) -> bytes:
    from pydyf import _to_bytes

    return b"\n".join(_to_bytes(item) for item in stream.stream)


def portable(value: Any, images: dict[str, Any], key: str = "") -> Any:
    """WeasyPrint's resource objects as plain data: dicts, lists, :class:`Raw` leaves and streams.

    Image placeholders are resolved the way ``weasyprint.pdf._use_references`` resolves them; a group's font
    placeholder becomes :data:`Marker.FONTS`.
    """
    import pydyf

    if value is None:
        return Marker.FONTS if key == "Font" else Raw(b"null")
    if isinstance(value, Marker | PortableStream):
        return value
    if isinstance(value, pydyf.Stream):
        return PortableStream(portable(dict(value.extra), images), _stream_bytes(value), bool(value.compress))
    if isinstance(value, dict):
        if key == "XObject":
            return {name: portable(_x_object(name, obj, images), images) for name, obj in value.items()}
        return {str(name): portable(inner, images, str(name)) for name, inner in value.items()}
    if isinstance(value, list | tuple):
        return [portable(inner, images) for inner in value]
    if isinstance(value, pydyf.Object) and not isinstance(value, pydyf.String):
        raise UnsupportedDrawing(f"a {type(value).__name__} referring to another object")
    if isinstance(value, bool):
        return Raw(b"true" if value else b"false")
    return Raw(pydyf._to_bytes(value))


def _x_object(name: str, obj: Any, images: dict[str, Any]) -> Any:
    if obj is not None:
        return obj
    image = images[name]
    raster, ratio = image["image"], max(image["dpi_ratios"])
    if ratio == 1 and getattr(raster, "format", None) == "PNG" and getattr(raster, "image_data", None):
        # The same pixels in fewer bytes where that loses nothing (pdf_images.py); kept per process, so a
        # seal on every recipient's notice is encoded once.
        smaller = _lossless_image(bytes(raster.image_data.data), bool(image["interpolate"]))
        if smaller is not None:
            return smaller
    return raster.get_x_object(image["interpolate"], ratio)


@functools.lru_cache(maxsize=16)
def _lossless_image(data: bytes, interpolate: bool) -> PortableStream | None:
    from notices.renderers.pdf_images import lossless_image

    return lossless_image(data, interpolate)
