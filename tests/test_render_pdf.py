"""The PDF as a reader sees it: A4, the notice's text, embedded subset fonts, no missing glyph."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdf
import pytest

import notices

A4 = (595.28, 841.89)


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join((page.extract_text() or "") for page in pdf.pages)


def flat(text: str) -> str:
    return "".join(text.split())


def test_pdf_is_a4_and_holds_every_part_of_the_notice(stockup_zh_files: dict[str, Path]) -> None:
    path = stockup_zh_files["pdf"]
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            assert (round(page.width, 1), round(page.height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    text = flat(pdf_text(path))
    spec = notices.load(Path(__file__).parent.parent / "examples" / "stockup.zh.yaml").spec
    assert flat(spec.title) in text
    assert "尊敬的各经销商合作伙伴：" in text
    for item in (
        "感谢贵司一直以来对我司的信任与支持",
        "一、订单截止时间",
        "停发货期间，仓库暂停提货",
        "值班电话400-820-1688",
    ):
        assert item in text
    assert "特此通知。" in text
    assert "华东恒信控股有限公司" in text
    assert "2026年1月5日" in text


def test_pdf_fonts_are_embedded_subsets(stockup_zh_files: dict[str, Path]) -> None:
    reader = pypdf.PdfReader(stockup_zh_files["pdf"])
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert name[7] == "+" and name[1:7].isupper(), f"{name} is not a subset"
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (
            f"{name} not embedded"
        )


def test_no_character_lacks_a_glyph(stockup_zh_files: dict[str, Path]) -> None:
    """A missing glyph shows as .notdef (glyph id 0): every character must map to a real glyph."""
    with pdfplumber.open(stockup_zh_files["pdf"]) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    assert chars
    assert not [c["text"] for c in chars if c["text"] in ("\ufffd", "") or "notdef" in str(c.get("fontname"))]


def test_title_is_22pt_centred_and_body_16pt(stockup_zh_files: dict[str, Path]) -> None:
    with pdfplumber.open(stockup_zh_files["pdf"]) as pdf:
        page = pdf.pages[0]
        title_chars = [c for c in page.chars if round(c["size"]) == 22]
        body_sizes = {round(c["size"]) for c in page.chars if c["text"] == "感"}
    assert "".join(c["text"] for c in title_chars).startswith("华东恒信控股有限公司关于")
    first_line_top = min(c["top"] for c in title_chars)
    first_line = [c for c in title_chars if abs(c["top"] - first_line_top) < 1]
    left_gap = first_line[0]["x0"] - 28 * 72 / 25.4
    right_gap = (A4[0] - 26 * 72 / 25.4) - first_line[-1]["x1"]
    assert abs(left_gap - right_gap) < 3
    assert body_sizes == {16}


def test_special_characters_print_as_typed(tmp_path: Path) -> None:
    notice = notices.load(
        {
            "issuer": {"name": "A&B <贸易> 有限公司"},
            "title": "关于“R&D <2026>”项目的通知",
            "body": ["价格 < 100 & 数量 > 5，'单引号' \"双引号\""],
            "sign_off": {"date": "2026-01-05"},
        }
    )
    text = flat(pdf_text(notices.render(notice, tmp_path / "n", "pdf")[0]))
    assert flat("价格 < 100 & 数量 > 5，'单引号' \"双引号\"") in text
    assert "A&B<贸易>有限公司" in text


def test_rendering_twice_gives_identical_bytes() -> None:
    notice = notices.load(Path(__file__).parent.parent / "examples" / "stockup.zh.yaml")
    assert notices.render_bytes(notice, "pdf") == notices.render_bytes(notice, "pdf")


def test_remote_and_outside_files_are_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path.parent / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    notice = notices.load(
        {"issuer": {"name": "公司"}, "title": "通知", "sign_off": {"date": "2026-01-05"}}, base_dir=spec_dir
    )
    from notices.composer import compose
    from notices.renderers import pdf as pdf_module
    from notices.renderers.pdf_engine import PdfEngine

    doc = compose(notice)
    html_with_leak = notices.to_html(doc).replace(
        "</head>",
        f'<link rel="attachment" href="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png"></head>',
    )
    engine_data = PdfEngine().render(doc, html_with_leak).data
    assert b"TOP-SECRET" not in engine_data
    original = pdf_module.to_html
    pdf_module.to_html = lambda _doc: html_with_leak  # type: ignore[assignment]
    try:
        data = pdf_module.standard_pdf(doc)
    finally:
        pdf_module.to_html = original  # type: ignore[assignment]
    assert b"TOP-SECRET" not in data
    assert b"/EmbeddedFile" not in data


@pytest.mark.parametrize("name", ["stockup.zh.yaml", "stockup.en.yaml"])
def test_examples_render_to_both_formats(name: str, tmp_path: Path, examples_dir: Path) -> None:
    paths = notices.render(notices.load(examples_dir / name), tmp_path / "out")
    assert sorted(p.suffix for p in paths) == [".docx", ".pdf"]
    assert all(p.stat().st_size > 1000 for p in paths)
