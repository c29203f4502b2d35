"""The DOCX engine of every path: byte for byte what ``build_docx`` makes, fast for the next notice.

``build_docx`` builds a python-docx document from scratch (the default template, styles, theme, and a fresh
zip of all its XML: most of a DOCX's time, bench/RESULTS.md). Recipients of one batch differ only in text, and ``DocxWriter`` puts text into
``<w:t>`` elements as it is, except in the few blocks whose geometry it computes from the text (the
letterhead's size, the sign-off's indents). So, once per *shape* of document:

1. every text outside those blocks is replaced by a numbered sentinel (``\\ue000N\\ue001``, private-use
   characters) and the result is rendered by ``build_docx``: the *probe*;
2. the probe's parts that hold sentinels (``word/document.xml``, ``docProps/core.xml``) are kept as text,
   every other part as its compressed zip entry.

A recipient of that shape is then the probe with each sentinel replaced by its text, XML-escaped as lxml
escapes it, zipped with fixed times like ``ooxml.normalized_zip``. The first recipient of each shape is
rendered both ways and the bytes compared; a shape whose probe does not reproduce ``build_docx`` exactly is
always rendered the slow way. Text that python-docx would treat specially (tabs, line breaks, leading or
trailing spaces, control characters) also takes the slow way.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import re
import struct
import threading
import unicodedata
import zipfile
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from notices import document as model
from notices.document import Document
from notices.layout import Layout, lay_out
from notices.renderers.docx_text import depends_on_lines, splits_into_runs

_SENTINEL = re.compile("\ue000(\\d+)\ue001")
# DocxWriter sizes or breaks these blocks by their text, so their text is part of a document's shape
_TEXT_SHAPES_LAYOUT = (model.Letterhead, model.SignOff, model.Title, model.Table)
# Item and heading numbers ("1. ", "（一）") come from the structure, which every recipient of a shape shares;
# kept as they are, their trailing space does not send the whole document down the slow path.
_KEPT = frozenset({"number"})
MAX_SHAPES = 16
MAX_SEEN_SHAPES = 256  # shapes remembered (a hash each) until they come back for their probe
_DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1  # 1980-01-01, ooxml.FIXED_ZIP_TIME
_DOS_TIME_MIDNIGHT = 0


@dataclass(frozen=True)
class RenderedDocx:
    data: bytes
    path: str  # "probe" (substituted) or "standard"


@dataclass(frozen=True)
class _ZipEntry:
    name: bytes
    crc: int
    size: int
    compressed: bytes


def mask_texts(doc: Document, layout: Layout | None = None) -> tuple[Document, list[str]]:
    """``doc`` with each text that only flows into the file replaced by a sentinel, and the texts in order.

    A Chinese text the DOCX writes otherwise than as it is (word joiners, a space in a number as spacing, marks
    condensed where the layout squeezed them, breaks where it broke lines: ``docx_text.py``) stays as it is,
    part of the shape: a sentinel stands for one run's text as it is."""
    texts: list[str] = []
    zh = layout.zh if layout is not None else None

    def token(value: Any) -> Any:
        if not isinstance(value, str) or not value:
            return value
        if zh is not None and splits_into_runs(value):
            return value
        texts.append(value)
        return f"\ue000{len(texts) - 1}\ue001"

    def mask_value(value: Any) -> Any:
        if isinstance(value, str):
            return token(value)
        if isinstance(value, model.Block):
            return mask_block(value)
        if isinstance(value, tuple):
            return tuple(mask_value(item) for item in value)
        return value

    def mask_block(block: model.Block) -> model.Block:
        if isinstance(block, _TEXT_SHAPES_LAYOUT) or (zh is not None and _condensed(zh, block)):
            return block
        changes = {
            f.name: mask_value(getattr(block, f.name))
            for f in dataclasses.fields(block)
            if f.name not in _KEPT
        }
        return dataclasses.replace(block, **changes)

    masked = dataclasses.replace(
        doc,
        title=token(doc.title),
        author=token(doc.author),
        blocks=tuple(mask_block(block) for block in doc.blocks),
    )
    return masked, texts


def _condensed(zh: Any, block: model.Block) -> bool:
    """Whether the DOCX runs of `block` depend on where the layout broke its lines (condensed marks, a line
    break, a break opportunity: ``docx_text.depends_on_lines``)."""
    if isinstance(block, model.AttachmentNote):
        geometry = zh.attachment_note(block)
        return any(depends_on_lines(zh.set_attachment_title(t, geometry)) for t in block.titles)
    if isinstance(block, model.Colophon):
        return bool(block.cc) and depends_on_lines(zh.set_cc(block.cc))
    if isinstance(block, model.Salutation | model.Heading | model.Paragraph | model.Closing | model.Note):
        return depends_on_lines(zh.text_lines(block))
    return False


def substitutable(text: str) -> bool:
    """Text python-docx writes into one ``<w:t>`` unchanged and without ``xml:space``."""
    if text != text.strip() or "\ue000" in text or "\ue001" in text:
        return False
    return all(unicodedata.category(char) != "Cc" for char in text)


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Probe:
    """A rendered document of one shape, ready to take any recipient's texts."""

    def __init__(self, probe_bytes: bytes) -> None:
        source = zipfile.ZipFile(io.BytesIO(probe_bytes))
        self.parts: list[_ZipEntry | str] = []
        self.names: list[str] = []
        for info in source.infolist():
            data = source.read(info.filename)
            self.names.append(info.filename)
            # U+E000 in UTF-8, in an XML part (an image's bytes may hold the same three bytes by chance)
            if b"\xee\x80\x80" in data and info.filename.endswith((".xml", ".rels")):
                self.parts.append(data.decode("utf-8"))
            else:
                self.parts.append(_entry(info.filename, data))

    def build(self, texts: list[str]) -> bytes:
        escaped = [xml_escape(text) for text in texts]
        entries = []
        for name, part in zip(self.names, self.parts, strict=True):
            if isinstance(part, str):
                part = _entry(name, _SENTINEL.sub(lambda m: escaped[int(m.group(1))], part).encode("utf-8"))
            entries.append(part)
        return _zip(entries)


class DocxEngine:
    """Renders notices to DOCX bytes, reusing a probe per document shape; one per process (:func:`docx_engine`),
    safe to call from several threads."""

    def __init__(self) -> None:
        self._probes: OrderedDict[str, _Probe | None] = OrderedDict()
        self._seen: OrderedDict[str, None] = OrderedDict()  # shapes rendered once, without a probe yet
        self._lock = threading.RLock()

    def render(self, layout: Layout | Document, *, reuse: bool = True) -> RenderedDocx:
        """The DOCX of ``layout``: from a probe of its shape when one exists (``reuse``), else built."""
        from notices.renderers.docx import build_docx

        layout = lay_out(layout) if isinstance(layout, Document) else layout
        if not reuse:
            return RenderedDocx(build_docx(layout), "standard")
        with self._lock:
            return self._render(layout)

    def _render(self, layout: Layout) -> RenderedDocx:
        from notices.renderers.docx import build_docx

        masked, texts = mask_texts(layout.doc, layout)
        if not all(substitutable(text) for text in texts):
            return RenderedDocx(build_docx(layout), "standard")
        shape = hashlib.sha256(_shape_key(layout, masked).encode("utf-8")).hexdigest()
        if shape in self._probes:
            self._probes.move_to_end(shape)
            probe = self._probes[shape]
            if probe is not None:
                return RenderedDocx(probe.build(texts), "probe")
            return RenderedDocx(build_docx(layout), "standard")
        standard = build_docx(layout)
        if shape not in self._seen:
            # A probe costs a second build: it is made when the shape comes back, so a process that renders
            # one notice (`notices render`, an ERP's one-off letter) builds its DOCX once.
            self._seen[shape] = None
            while len(self._seen) > MAX_SEEN_SHAPES:
                self._seen.popitem(last=False)
            return RenderedDocx(standard, "standard")
        # The probe takes the real document's layout: its sentinels would set other lines, and its masked
        # author would break the title elsewhere.
        probe = _Probe(build_docx(dataclasses.replace(layout, doc=masked)))
        self._probes[shape] = probe if probe.build(texts) == standard else None
        while len(self._probes) > MAX_SHAPES:
            self._probes.popitem(last=False)
        return RenderedDocx(standard, "standard")


def _shape_key(layout: Layout, masked: Document) -> str:
    """What the DOCX's XML depends on besides the masked texts: the structure, the sign-off's fit, the title
    breaks (the issuer's name, masked in the metadata, is kept whole in a title)."""
    titles = []
    if layout.zh is not None:
        titles = [layout.zh.title_lines(b.text) for b in layout.doc.blocks if isinstance(b, model.Title)]
        titles += [
            layout.zh.title_lines(b.title) for b in layout.doc.blocks if isinstance(b, model.AttachmentPage)
        ]
    fit = layout.fit
    return "\x00".join(
        (
            repr(masked),
            repr(sorted(fit.tight.items())),
            repr(sorted(fit.keep)),
            repr(sorted(fit.tail.items())),
            repr(fit.split),
            repr(titles),
        )
    )


@functools.cache
def docx_engine() -> DocxEngine:
    """The process's DOCX engine: every caller shares its probes."""
    return DocxEngine()


def _entry(name: str, data: bytes) -> _ZipEntry:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    compressed = compressor.compress(data) + compressor.flush()
    return _ZipEntry(name.encode("ascii"), zlib.crc32(data), len(data), compressed)


def _zip(entries: list[_ZipEntry]) -> bytes:
    """The zip ``zipfile`` writes for these entries with ``ooxml.normalized_zip``'s settings, without
    compressing again the parts that did not change."""
    out = bytearray()
    central = bytearray()
    for entry in entries:
        offset = len(out)
        fields = (8, _DOS_TIME_MIDNIGHT, _DOS_DATE_1980, entry.crc, len(entry.compressed), entry.size)
        out += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, *fields, len(entry.name), 0)
        out += entry.name + entry.compressed
        central += struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, *fields, len(entry.name), 0, 0, 0, 0,
            0o644 << 16, offset,
        )  # fmt: skip
        central += entry.name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)
