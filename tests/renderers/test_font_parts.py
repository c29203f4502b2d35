"""Font objects kept per glyph set (FontBank): a notice written from kept parts is the notice written afresh,
and every embedded font program is compressed and still the font it was."""

from __future__ import annotations

import io

import pypdf
from fontTools.cffLib import CFFFontSet

import notices
from notices.composer import compose
from notices.layout import lay_out
from notices.renderers.pdf_engine import PdfEngine


def _pdf(engine: PdfEngine, notice: notices.Notice, name: str) -> bytes:
    return engine.render(lay_out(compose(notice, {"name": name}))).data


def test_a_notice_written_from_kept_font_parts_is_the_notice_written_afresh(
    stockup_notice: notices.Notice,
) -> None:
    warm = PdfEngine()
    # The second name brings glyphs the first has not; the third is the first again, from kept parts.
    for name in ("参考经销商有限公司", "堃元商贸有限公司", "参考经销商有限公司"):
        assert _pdf(warm, stockup_notice, name) == _pdf(PdfEngine(), stockup_notice, name), name
    assert warm.bank._parts, "the engine kept no font parts"


def test_font_programs_are_compressed_and_open_as_fonts(stockup_notice: notices.Notice) -> None:
    data = _pdf(PdfEngine(), stockup_notice, "堃元商贸有限公司")
    reader = pypdf.PdfReader(io.BytesIO(data))
    programs = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            stream = descriptor.get("/FontFile3") or descriptor.get("/FontFile2")
            stream = stream.get_object()
            assert stream["/Filter"] == "/FlateDecode"
            if stream.get("/Subtype") == "/CIDFontType0C":
                cff = CFFFontSet()
                cff.decompile(io.BytesIO(stream.get_data()), None)
                assert cff.topDictIndex[0].ROS == ("Adobe", "Identity", 0)
            programs += 1
    assert programs >= 3
    assert "堃元商贸有限公司" in reader.pages[0].extract_text()
