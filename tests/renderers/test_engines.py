"""The PDF and DOCX engines: what WeasyPrint's own write_pdf and a from-scratch DOCX say, the same bytes every
time, whether a notice was laid out afresh or drawn from an earlier one's layout."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from PIL import Image, ImageChops

import notices
from notices.composer import compose
from notices.layout import Layout, lay_out
from notices.renderers.docx import build_docx
from notices.renderers.docx_engine import DocxEngine
from notices.renderers.html import to_html
from notices.renderers.pdf import standard_pdf
from notices.renderers.pdf_engine import PdfEngine, markup_of

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Chinese names in the body face first: a name with Latin letters, or with a character outside GB 2312 that
# the body face (FandolFang, 仿宋_GB2312) lacks, is set in runs of its own, so its markup differs and it is
# laid out rather than reused (still byte-identical to its own layout, see below).
NAMES = [
    "参考经销商有限公司",
    "甲乙",
    "北京恒信达商贸有限公司",
    "上海新民日用品贸易公司",
    "堃元商贸有限公司",
    "A&B <C> 贸易",
    "Smith & Sons 有限公司",
]
MAX_PDF_BYTES = 150_000


def _doc(notice: notices.Notice, name: str) -> Layout:
    return lay_out(compose(notice, {"name": name}))


@pytest.fixture(scope="module")
def fast_pdfs(stockup_notice: notices.Notice) -> dict[str, tuple[bytes, str]]:
    """Each name rendered by one renderer, in order: the first is laid out, the others reuse its layout."""
    renderer = PdfEngine()
    out = {}
    for name in NAMES:
        doc = _doc(stockup_notice, name)
        rendered = renderer.render(doc, to_html(doc))
        out[name] = (rendered.data, rendered.path)
    return out


def test_later_recipients_reuse_the_first_layout(fast_pdfs: dict[str, tuple[bytes, str]]) -> None:
    assert fast_pdfs[NAMES[0]][1] == "layout"
    assert [fast_pdfs[name][1] for name in NAMES[1:4]] == ["line"] * 3


def test_names_with_digits_reuse_the_layout_when_the_digits_keep_their_width(
    stockup_notice: notices.Notice,
) -> None:
    """Distributors are numbered ("第12号经销商"): the layout sets the digit run as a box of its own on the
    salutation's line, and another number of the same width takes that box's place, nothing else moving.
    A number of another width lays the notice out. Either way, the bytes of laying it out afresh."""
    engine = PdfEngine()
    paths = []
    for name in [
        "第1号经销商有限公司",
        "第2号经销商有限公司",
        "第37号经销商有限公司",
        "第45号经销商有限公司",
    ]:
        doc = _doc(stockup_notice, name)
        rendered = engine.render(doc, to_html(doc))
        assert rendered.data == PdfEngine().render(doc, to_html(doc)).data, name
        paths.append(rendered.path)
    assert paths == ["layout", "line", "layout", "line"]


@pytest.mark.parametrize("name", NAMES[1:])
def test_reusing_a_layout_gives_the_bytes_of_laying_it_out(
    stockup_notice: notices.Notice, fast_pdfs: dict[str, tuple[bytes, str]], name: str
) -> None:
    doc = _doc(stockup_notice, name)
    alone = PdfEngine().render(doc, to_html(doc))
    assert alone.path == "layout"
    assert alone.data == fast_pdfs[name][0]


def test_pdf_says_what_the_standard_pdf_says(
    stockup_notice: notices.Notice, fast_pdfs: dict[str, tuple[bytes, str]]
) -> None:
    name = NAMES[1]
    fast = pypdf.PdfReader(io.BytesIO(fast_pdfs[name][0]))
    standard = pypdf.PdfReader(io.BytesIO(standard_pdf(_doc(stockup_notice, name))))
    assert len(fast.pages) == len(standard.pages) >= 2
    for fast_page, standard_page in zip(fast.pages, standard.pages, strict=True):
        assert fast_page.extract_text() == standard_page.extract_text()
        assert fast_page.mediabox == standard_page.mediabox
    assert fast.metadata == standard.metadata
    assert [item["/Title"] for item in _flat(fast.outline)] == [
        item["/Title"] for item in _flat(standard.outline)
    ]
    assert "— 1 —" in fast.pages[0].extract_text() and "— 2 —" in fast.pages[1].extract_text()


def _flat(outline: list) -> list:  # type: ignore[type-arg]
    return [x for item in outline for x in (_flat(item) if isinstance(item, list) else [item])]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pdf_looks_the_same_as_the_standard_pdf(
    tmp_path: Path, stockup_notice: notices.Notice, fast_pdfs: dict[str, tuple[bytes, str]]
) -> None:
    """Rasterised by poppler, every pixel of the reused layout equals WeasyPrint's own PDF."""
    name = NAMES[1]
    _assert_same_pixels(tmp_path, fast_pdfs[name][0], standard_pdf(_doc(stockup_notice, name)), dpi=60)


def test_each_pdf_is_small_standalone_and_only_its_own(fast_pdfs: dict[str, tuple[bytes, str]]) -> None:
    for name, (data, _) in fast_pdfs.items():
        assert len(data) <= MAX_PDF_BYTES
        reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
        text = "".join(page.extract_text() for page in reader.pages)
        assert f"尊敬的{name}：" in text
        assert not any(other in text for other in NAMES if other != name and other not in name)


def test_fonts_hold_only_the_glyphs_shown(fast_pdfs: dict[str, tuple[bytes, str]]) -> None:
    from fontTools.cffLib import CFFFontSet

    reader = pypdf.PdfReader(io.BytesIO(fast_pdfs[NAMES[0]][0]))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        widths = descendant["/W"]
        shown = sum(len(widths[i + 1]) for i in range(0, len(widths), 2))
        if "/FontFile3" in descriptor:
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(descriptor["/FontFile3"].get_object().get_data()), None)
            assert len(cff.topDictIndex[0].charset) <= shown + 1  # .notdef
            assert cff.topDictIndex[0].ROS == ("Adobe", "Identity", 0)


def test_docx_is_byte_for_byte_build_docx(stockup_notice: notices.Notice) -> None:
    renderer = DocxEngine()
    paths = []
    for name in NAMES:
        doc = _doc(stockup_notice, name)
        rendered = renderer.render(doc)
        paths.append(rendered.path)
        assert rendered.data == build_docx(doc), name
    # The probe is made when a shape comes back (a one-off notice is built once), then serves the rest.
    assert paths[:2] == ["standard"] * 2 and paths[2:4] == ["probe"] * 2


def test_text_python_docx_treats_specially_takes_the_slow_path(stockup_notice: notices.Notice) -> None:
    renderer = DocxEngine()
    for name in ("第一行\n第二行", " 前导空格", "制表\t符"):
        doc = _doc(stockup_notice, name)
        rendered = renderer.render(doc)
        assert rendered.data == build_docx(doc)


@pytest.mark.parametrize("example", ["long-notice.zh.yaml", "stockup.en.yaml"])
def test_other_notices_take_the_fast_paths_and_match(tmp_path: Path, example: str) -> None:
    """A seal, attachment pages, a colophon, top matter and English TrueType faces: same bytes, same pixels."""
    import yaml

    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    english = data.get("lang") == "en"
    data["salutation"] = "Dear {{ recipient.name }}," if english else "尊敬的{{ recipient.name }}："
    notice = notices.load(data, base_dir=EXAMPLES)
    pdfs, docxs = PdfEngine(), DocxEngine()
    names = ["Reference Ltd", "Kun & Sons"] if english else ["参考客户有限公司", "新元商贸有限公司"]
    for name in names:
        doc = _doc(notice, name)
        html = to_html(doc)
        rendered = pdfs.render(doc, html, markup_of(html))
        assert rendered.data == PdfEngine().render(doc, html).data
        assert docxs.render(doc).data == build_docx(doc)
    assert rendered.path == "line"
    if shutil.which("pdftoppm"):
        _assert_same_pixels(tmp_path, rendered.data, standard_pdf(doc), dpi=40)


def _assert_same_pixels(folder: Path, fast: bytes, standard: bytes, dpi: int) -> None:
    for stem, data in (("fast", fast), ("standard", standard)):
        (folder / f"{stem}.pdf").write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(folder / f"{stem}.pdf"), str(folder / stem)], check=True
        )
    pages = sorted(folder.glob("fast-*.png"))
    assert len(pages) == len(list(folder.glob("standard-*.png"))) >= 1
    for page in pages:
        ours = Image.open(page).convert("RGB")
        theirs = Image.open(folder / page.name.replace("fast", "standard")).convert("RGB")
        assert ImageChops.difference(ours, theirs).getbbox() is None, page.name
