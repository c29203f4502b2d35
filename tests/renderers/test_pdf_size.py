"""Issue 12: every PDF of a one- or two-page notice is at most 80 KB, and what makes it small (simplified body
face, object and cross-reference streams) loses no text for a reader."""

from __future__ import annotations

import io

import pypdf
from rendered import Rendered

from notices.renderers.pdf_writer import PdfBuilder, PdfMetadata

MAX_BYTES = 80_000


def test_every_one_or_two_page_notice_is_at_most_80_kb(all_rendered_examples: dict[str, Rendered]) -> None:
    """Examples and the real-notice corpus, seals and letterheads included, as `notices render` writes them."""
    measured, over = 0, {}
    for key, rendered in all_rendered_examples.items():
        data = rendered.pdf.read_bytes()
        if len(pypdf.PdfReader(io.BytesIO(data)).pages) > 2:
            continue
        measured += 1
        if len(data) > MAX_BYTES:
            over[key] = len(data)
    assert over == {}
    assert measured >= 15


def test_small_files_keep_their_text_for_readers(all_rendered_examples: dict[str, Rendered]) -> None:
    """The fonts' ToUnicode maps, now inside object streams, still give the words back."""
    rendered = all_rendered_examples["house-styles/stockup.zh"]
    reader = pypdf.PdfReader(rendered.pdf, strict=True)
    text = "".join(page.extract_text() for page in reader.pages)
    assert rendered.doc.title.replace("\n", "") in text.replace("\n", "")
    assert "尊敬的" in text


class _NoFonts:
    def embed(self, add_stream: object, add: object, name: str, glyphs: object) -> int:
        raise AssertionError("no text, no font")


def test_objects_go_into_object_streams_and_a_cross_reference_stream() -> None:
    """More objects than one object stream holds: every one is found where the cross-reference stream says."""
    out = io.BytesIO()
    builder = PdfBuilder(out, _NoFonts())
    objects = builder.objects
    numbers = [objects.add(b"<</Marker %d>>" % n) for n in range(250)]
    builder.close(PdfMetadata(title="t"), b"0" * 32)
    data = out.getvalue()
    assert b"\nxref\n" not in data and b"/Type /XRef" in data
    assert data.count(b"/Type /ObjStm") == 3
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    for n, number in enumerate(numbers):
        assert reader.get_object(number) == {"/Marker": n}
    assert reader.metadata is not None and reader.metadata.title == "t"
    # Compressed: the whole file takes less room than the 250 dictionaries written out bare.
    assert len(data) < sum(len(b"<</Marker %d>>" % n) for n in range(250))
