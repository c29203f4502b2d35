"""The DOCX as Word and LibreOffice read it: geometry, East Asian fonts on every run, real page fields."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def test_section_geometry_follows_gbt9704(stockup_zh_files: dict[str, Path]) -> None:
    section = docx.Document(str(stockup_zh_files["docx"])).sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)
    assert abs(section.left_margin - Mm(28)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(35)) < Mm(0.1)
    assert abs(section.right_margin - Mm(26)) < Mm(0.1)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"


def test_every_run_with_chinese_text_names_an_east_asian_font(stockup_zh_files: dict[str, Path]) -> None:
    document = docx.Document(str(stockup_zh_files["docx"]))
    runs = [r for p in document.paragraphs for r in p.runs if CJK.search(r.text)]
    assert len(runs) > 10
    for run in runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.text
        assert fonts.get(qn("w:eastAsiaTheme")) is None


def test_each_element_has_a_named_style_with_east_asian_font(stockup_zh_files: dict[str, Path]) -> None:
    document = docx.Document(str(stockup_zh_files["docx"]))
    used = {p.style.name for p in document.paragraphs}
    assert {"Notice Letterhead", "Notice Title", "Notice Body", "Notice Heading 1", "Notice Closing"} <= used
    for style in document.styles:
        if style.name.startswith("Notice"):
            fonts = style.element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")), style.name
    assert (
        document.styles["Notice Heading 1"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    )


def test_page_numbers_are_real_page_fields_in_odd_and_even_footers(stockup_zh_files: dict[str, Path]) -> None:
    with zipfile.ZipFile(stockup_zh_files["docx"]) as package:
        footers = [n for n in package.namelist() if n.startswith("word/footer")]
        xml = "".join(package.read(n).decode("utf-8") for n in footers)
        settings = package.read("word/settings.xml").decode("utf-8")
    assert xml.count("PAGE") >= 2 and 'w:fldCharType="begin"' in xml
    assert "evenAndOddHeaders" in settings


def test_text_and_special_characters_survive(tmp_path: Path) -> None:
    import notices

    notice = notices.load(
        {
            "issuer": {"name": "A&B <贸易> 有限公司"},
            "title": "关于“R&D <2026>”项目的通知",
            "body": ["价格 < 100 & 数量 > 5"],
            "sign_off": {"date": "2026-01-05"},
        }
    )
    (path,) = notices.render(notice, tmp_path / "n", "docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "价格 < 100 & 数量 > 5" in text
    assert "关于“R&D <2026>”项目的通知" in text
    assert "2026年1月5日" in text


def test_docx_bytes_are_reproducible(examples_dir: Path) -> None:
    import notices

    notice = notices.load(examples_dir / "stockup.zh.yaml")
    assert notices.render_bytes(notice, "docx") == notices.render_bytes(notice, "docx")


@pytest.mark.slow  # starts LibreOffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by scripts/setup")
def test_libreoffice_opens_the_docx(stockup_zh_files: dict[str, Path], tmp_path: Path) -> None:
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(stockup_zh_files["docx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / "stockup.zh.pdf"
    import pdfplumber

    with pdfplumber.open(converted) as pdf:
        text = "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "特此通知。" in text and "华东恒信控股有限公司" in text


def test_docx_states_the_layouts_sign_off_fit() -> None:
    """A notice whose sign-off needs the page before it tightened (§7.3.5.5): exactly the paragraphs of the
    tightened blocks carry that exact line spacing in the DOCX, and the closing, 附件说明 and sign-off are kept
    together and with the body's last line. The notice is the first Chinese page-break case that tightens
    (tests/layout/signoff_cases.py grows a notice line by line across the break), not a fixed example: which
    example needs it changes with the faces' widths."""
    import io
    import zipfile

    from lxml import etree

    import notices
    from notices.document import block_text
    from notices.layout import lay_out
    from notices.renderers.docx import render_docx
    from tests.layout.signoff_cases import cases

    layouts = (
        lay_out(notices.compose(notices.load(case.spec, base_dir=case.base_dir)))
        for case in cases()
        if not case.name.startswith("en-")
    )
    layout = next((candidate for candidate in layouts if candidate.fit.tight), None)
    assert layout is not None, "no Chinese page-break case needs its sign-off's page tightened"
    (pitch,) = set(layout.fit.tight.values())
    with zipfile.ZipFile(io.BytesIO(render_docx(layout))) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    w = "{" + ns["w"] + "}"

    def text(p: etree._Element) -> str:  # as a reader sees it: without the DOCX's zero-width break marks
        return "".join(p.itertext()).replace("\u200b", "").replace("\u2060", "")

    paragraphs = root.findall(".//w:body/w:p", ns)
    spacing = f"w:pPr/w:spacing[@{w}line='{round(pitch * 20)}']"
    tight = ["".join(text(p).split()) for p in paragraphs if p.find(spacing, ns) is not None]

    def printed(index: int) -> str:
        return "".join(block_text(layout.doc.blocks[index])[0].split())

    for index in layout.fit.tight:
        assert any(printed(index) in t for t in tight), layout.doc.blocks[index]
    before = min(layout.fit.tight) - 1
    assert not any(printed(before) in t for t in tight), (
        "the block before the tightened ones is not tightened"
    )
    kept = [
        "".join(text(p).split())
        for p in paragraphs
        if p.find(f"w:pPr/w:keepNext[@{w}val='1']", ns) is not None
    ]
    for index in layout.fit.keep:
        assert any(printed(index) in t for t in kept), layout.doc.blocks[index]
    assert any(printed(min(layout.fit.keep) - 1)[-6:] in t for t in kept), "the body's last line goes along"
