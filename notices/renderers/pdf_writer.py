"""Assemble drawn pages into a PDF: one recipient's pages, or every recipient's for ``--combined``.

Every object is written in a fixed order with fixed numbers and no timestamps, so the same drawings always give
the same bytes. Objects go to the output as soon as they are complete, so the combined PDF of 10,000 recipients
is written page by page with only its fonts (written last, cut to every glyph used) held in memory.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

from notices.renderers.pdf_fonts import pdf_number
from notices.renderers.pdf_pages import (
    SCALE,
    GlyphUse,
    Marker,
    PageDrawing,
    PortableStream,
    Raw,
    UnsupportedDrawing,
)
from notices.renderers.weasy.syntax import pdf_string

COMPRESSION_LEVEL = 6
PACKED_COMPRESSION_LEVEL = 9  # object and cross-reference streams: a few KB, so the best level costs nothing


@dataclass(frozen=True)
class PdfMetadata:
    """What the PDF's Info dictionary and catalog say; ``created`` is a PDF date (``D:20260105``)."""

    title: str = ""
    author: str = ""
    creator: str = ""
    created: str = ""
    lang: str = ""
    producer: str = ""


class Fonts(Protocol):
    def embed(self, add_stream: Any, add: Any, name: str, glyphs: GlyphUse) -> int: ...


class _Objects:
    """Writes numbered objects to ``out`` as they come; a number can be reserved before its body exists.

    Objects other than streams are packed, a hundred at a time, into compressed object streams, and the
    cross-reference table is itself a compressed stream (PDF 1.5, ISO 32000-1 §7.5.7 and §7.5.8): the
    dictionaries of fonts, pages and bookmarks are most of a notice's bytes after its fonts and images, and
    compressed they take a third of the room. Every reader since Acrobat 6 (2003) reads them.
    """

    PACKED_PER_STREAM = 100

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.position = 0
        # per object number: its offset in the file, or (object stream, index in it); None until written
        self.locations: list[int | tuple[int, int] | None] = [None]
        self._pending: list[tuple[int, bytes]] = []
        self._write(b"%PDF-1.7\n%\xf0\x9f\x96\xa4\n")

    def _write(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)

    def reserve(self) -> int:
        self.locations.append(None)
        return len(self.locations) - 1

    def put(self, number: int, body: bytes) -> int:
        """Give reserved ``number`` its body (not a stream: it goes into an object stream)."""
        self._pending.append((number, body))
        if len(self._pending) >= self.PACKED_PER_STREAM:
            self._pack()
        return number

    def add(self, body: bytes) -> int:
        return self.put(self.reserve(), body)

    def _put_direct(self, number: int, body: bytes) -> int:
        self.locations[number] = self.position
        self._write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        return number

    def add_stream(
        self, entries: bytes, data: bytes, compress: bool = True, level: int = COMPRESSION_LEVEL
    ) -> int:
        if compress:
            data = zlib.compress(data, level)
            entries += b"/Filter /FlateDecode"
        body = b"<<" + entries + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream"
        return self._put_direct(self.reserve(), body)

    def add_compressed_stream(self, data: bytes) -> int:
        return self.add_stream(b"/Filter /FlateDecode", data, compress=False)

    def _pack(self) -> None:
        """Write the pending objects as one object stream."""
        if not self._pending:
            return
        stream = self.reserve()
        heads, bodies, offset = [], [], 0
        for index, (number, body) in enumerate(self._pending):
            heads.append(b"%d %d" % (number, offset))
            bodies.append(body)
            offset += len(body) + 1
            self.locations[number] = (stream, index)
        head = b" ".join(heads) + b"\n"
        data = zlib.compress(head + b"\n".join(bodies), PACKED_COMPRESSION_LEVEL)
        entries = b"/Type /ObjStm/N %d/First %d/Filter /FlateDecode" % (len(self._pending), len(head))
        self._pending = []
        self._put_direct(
            stream, b"<<" + entries + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream"
        )

    def finish(self, root: int, info: int, identifier: bytes) -> None:
        self._pack()
        xref = self.reserve()
        self.locations[xref] = self.position
        if any(location is None for location in self.locations[1:]):
            raise ValueError("an object number was reserved but never written")
        size = max(4, (self.position.bit_length() + 7) // 8)  # bytes for an offset: 4 up to 4 GB
        rows = [b"\x00" + bytes(size) + b"\xff\xff"]  # object 0: the head of the free list
        for location in self.locations[1:]:
            if isinstance(location, tuple):
                rows.append(b"\x02" + location[0].to_bytes(size, "big") + location[1].to_bytes(2, "big"))
            elif location is not None:
                rows.append(b"\x01" + location.to_bytes(size, "big") + b"\x00\x00")
        data = zlib.compress(b"".join(rows), PACKED_COMPRESSION_LEVEL)
        entries = (
            b"/Type /XRef/Size %d/W [1 %d 2]/Root %d 0 R/Info %d 0 R/ID [<%s> <%s>]/Filter /FlateDecode"
            % (
                len(self.locations),
                size,
                root,
                info,
                identifier,
                identifier,
            )
        )
        xref_at = self.position
        self._put_direct(
            xref, b"<<" + entries + b"/Length %d>>\nstream\n" % len(data) + data + b"\nendstream"
        )
        self._write(b"startxref\n%d\n%%%%EOF\n" % xref_at)


class _Serializer:
    """Turns portable page resources into PDF syntax, giving each stream its own object once.

    Streams are shared by content, so a seal image on every recipient's page is stored once in a combined PDF.
    """

    def __init__(self, objects: _Objects, fonts: int, color_spaces: int) -> None:
        self.objects = objects
        self.fonts = fonts
        self.color_spaces = color_spaces
        self._streams: dict[bytes, int] = {}

    def __call__(self, value: Any) -> bytes:
        if isinstance(value, Raw):
            return bytes(value)
        if value is Marker.FONTS:
            return b"%d 0 R" % self.fonts
        if value is Marker.COLOR_SPACES:
            return b"%d 0 R" % self.color_spaces
        if isinstance(value, PortableStream):
            extra = {k: v for k, v in value.extra.items() if k not in ("Length", "Filter")}
            entries = b"".join(b"/" + k.encode() + b" " + self(v) for k, v in extra.items())
            if "Filter" in value.extra and not value.compress:
                entries += b"/Filter " + self(value.extra["Filter"])
            key = hashlib.sha256(entries + b"\x00" + value.data + bytes([value.compress])).digest()
            if key not in self._streams:
                self._streams[key] = self.objects.add_stream(entries, value.data, value.compress)
            return b"%d 0 R" % self._streams[key]
        if isinstance(value, dict):
            return b"<<" + b"".join(b"/" + k.encode() + b" " + self(v) for k, v in value.items()) + b">>"
        if isinstance(value, list):
            return b"[" + b" ".join(self(v) for v in value) + b"]"
        raise UnsupportedDrawing(f"cannot write a {type(value).__name__} into a PDF")


def merge_glyphs(pages: Iterable[PageDrawing]) -> dict[str, GlyphUse]:
    """Glyphs per font resource name over ``pages``."""
    merged: dict[str, GlyphUse] = {}
    for page in pages:
        for name, glyphs in page.glyphs.items():
            merged.setdefault(name, {}).update(glyphs)
    return merged


class PdfBuilder:
    """A PDF written page by page; fonts, page tree, outlines and metadata are written by :meth:`close`."""

    def __init__(self, out: BinaryIO, fonts: Fonts) -> None:
        self.objects = _Objects(out)
        self.fonts = fonts
        self.catalog, self.page_tree, self.font_dict = (self.objects.reserve() for _ in range(3))
        color_spaces = self.objects.add(_color_spaces())
        self._serialize = _Serializer(self.objects, self.font_dict, color_spaces)
        self.page_numbers: list[int] = []
        self.glyphs: dict[str, GlyphUse] = {}
        self._bookmark_pages: list[tuple[float, tuple[Any, ...]]] = []

    def add_pages(self, pages: Iterable[PageDrawing]) -> None:
        for page in pages:
            resources = dict(page.resources)
            if page.glyphs:
                resources["Font"] = Marker.FONTS
            for name, glyphs in page.glyphs.items():
                self.glyphs.setdefault(name, {}).update(glyphs)
            content = self.objects.add_compressed_stream(page.content)
            self.page_numbers.append(
                self.objects.add(
                    b"<</Type /Page/Parent %d 0 R/MediaBox %s/Contents %d 0 R/Resources %s/TrimBox %s/BleedBox %s>>"
                    % (
                        self.page_tree,
                        _box(page.media_box),
                        content,
                        self._serialize(resources),
                        _box(page.trim_box),
                        _box(page.bleed_box),
                    )
                )
            )
            self._bookmark_pages.append((page.height, page.bookmarks))

    def close(self, metadata: PdfMetadata, identifier: bytes) -> None:
        objects = self.objects
        font_refs = {
            name: self.fonts.embed(objects.add_stream, objects.add, name, self.glyphs[name])
            for name in sorted(self.glyphs)
        }
        objects.put(
            self.font_dict,
            b"<<" + b"".join(b"/%s %d 0 R" % (n.encode(), r) for n, r in font_refs.items()) + b">>",
        )
        kids = b" ".join(b"%d 0 R" % n for n in self.page_numbers)
        objects.put(self.page_tree, b"<</Type /Pages/Kids [%s]/Count %d>>" % (kids, len(self.page_numbers)))
        entries = b"/Type /Catalog/Pages %d 0 R" % self.page_tree
        outlines = _outlines(objects, self._bookmark_pages, self.page_numbers)
        if outlines is not None:
            entries += b"/Outlines %d 0 R" % outlines
        if metadata.lang:
            entries += b"/Lang " + pdf_string(metadata.lang)
        objects.put(self.catalog, b"<<" + entries + b">>")
        objects.finish(self.catalog, objects.add(_info(metadata)), identifier)


def write_pdf(pages: Sequence[PageDrawing], metadata: PdfMetadata, fonts: Fonts, identifier: bytes) -> bytes:
    """A complete PDF of ``pages``; ``identifier`` is 32 hex digits, written as the file identifier."""
    out = io.BytesIO()
    builder = PdfBuilder(out, fonts)
    builder.add_pages(pages)
    builder.close(metadata, identifier)
    return out.getvalue()


def _color_spaces() -> bytes:
    """The Lab colour spaces WeasyPrint puts in every page's resources (used by lab() and lch() colours)."""
    from notices.renderers.weasy.outline import lab_white_points

    D50, D65 = lab_white_points()

    def lab(white: tuple[float, ...]) -> bytes:
        point = b" ".join(pdf_number(v) for v in white)
        return b"[/Lab <</WhitePoint [" + point + b"]/Range [-125 125 -125 125]>>]"

    return b"<</lab-d50 " + lab(D50) + b"/lab-d65 " + lab(D65) + b">>"


def _box(box: tuple[float, float, float, float]) -> bytes:
    return b"[" + b" ".join(pdf_number(v) for v in box) + b"]"


def _info(metadata: PdfMetadata) -> bytes:
    entries = [
        (b"Producer", metadata.producer),
        (b"Title", metadata.title),
        (b"Author", metadata.author),
        (b"Creator", metadata.creator),
        (b"CreationDate", metadata.created),
    ]
    return b"<<" + b"".join(b"/" + key + b" " + pdf_string(value) for key, value in entries if value) + b">>"


def _outlines(
    objects: _Objects, pages: list[tuple[float, tuple[Any, ...]]], page_numbers: list[int]
) -> int | None:
    """The bookmark tree WeasyPrint builds from h1-h6, written the way ``pdf/anchors.py`` writes it."""
    from notices.renderers.weasy.outline import bookmark_tree

    root = bookmark_tree(pages, SCALE)
    if not root:
        return None
    top = objects.reserve()
    first, last, count = _outline_items(objects, root, top, page_numbers)
    objects.put(top, b"<</Count %d/First %d 0 R/Last %d 0 R>>" % (count, first, last))
    return top


def _outline_items(
    objects: _Objects, items: list[Any], parent: int, page_numbers: list[int]
) -> tuple[int, int, int]:
    numbers = [objects.reserve() for _ in items]
    count = len(items)
    for position, (title, (page, x, y), children, state) in enumerate(items):
        entries = b"/Title %s/Dest [%d 0 R /XYZ %s %s 0]" % (
            pdf_string(title),
            page_numbers[page],
            pdf_number(x),
            pdf_number(y),
        )
        child_count = 0
        if children:
            first, last, child_count = _outline_items(objects, children, numbers[position], page_numbers)
            entries += b"/First %d 0 R/Last %d 0 R" % (first, last)
        if state == "closed":
            entries += b"/Count %d" % -child_count
        else:
            entries += b"/Count %d" % child_count
            count += child_count
        if position:
            entries += b"/Prev %d 0 R" % numbers[position - 1]
        if position + 1 < len(items):
            entries += b"/Next %d 0 R" % numbers[position + 1]
        objects.put(numbers[position], b"<<" + entries + b"/Parent %d 0 R>>" % parent)
    return numbers[0], numbers[-1], count
