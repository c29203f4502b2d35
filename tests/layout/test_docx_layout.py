"""The long example's DOCX as Word reads it: section geometry, the grid, named styles with East Asian faces,
theme fonts, PAGE fields, indents in twips, pPr children in schema order, the floating seal and rules."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from notices.renderers.ooxml import _PPR_ORDER

from .conftest import Rendered

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def part(rendered: Rendered, name: str) -> str:
    with zipfile.ZipFile(rendered.docx) as package:
        return package.read(name).decode("utf-8")


def test_section_geometry_is_gbt9704(long_notice: Rendered) -> None:
    section = docx.Document(str(long_notice.docx)).sections[0]
    for value, mm in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.left_margin, 28),
        (section.bottom_margin, 35),
        (section.right_margin, 26),
    ):
        assert abs(value - Mm(mm)) <= Mm(0.05)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")


def test_named_styles_carry_the_faces_of_each_element(long_notice: Rendered) -> None:
    document = docx.Document(str(long_notice.docx))
    names = {style.style_id: style.name for style in document.styles}
    # Every paragraph, the 版记's in its text box included.
    used = {
        names.get(
            p.pPr.find(qn("w:pStyle")).get(qn("w:val"))
            if p.pPr is not None and p.pPr.find(qn("w:pStyle")) is not None
            else "",
            "",
        )
        for p in document.element.body.iter(qn("w:p"))
    }
    expected = {
        "Notice Top Matter": "黑体",
        "Notice Letterhead": "方正小标宋简体",
        "Notice Document Number": "仿宋",
        "Notice Title": "方正小标宋简体",
        "Notice Salutation": "仿宋",
        "Notice Body": "仿宋",
        "Notice Heading 1": "黑体",
        "Notice Heading 2": "楷体",
        "Notice Heading 3": "仿宋",
        "Notice Heading 4": "仿宋",
        "Notice Closing": "仿宋",
        "Notice Attachment Note": "仿宋",
        "Notice Sign-off": "仿宋",
        "Notice Note": "仿宋",
        "Notice Attachment Label": "黑体",
        "Notice Attachment Title": "方正小标宋简体",
        "Notice Colophon": "仿宋",
    }
    assert set(expected) <= used
    for name, face in expected.items():
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == face, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None
    spacing = document.styles["Normal"].element.pPr.find(qn("w:spacing"))  # every style is based on it
    assert (spacing.get(qn("w:lineRule")), spacing.get(qn("w:line"))) == ("exact", "579")


def test_every_chinese_run_names_an_east_asian_face(long_notice: Rendered) -> None:
    document = docx.Document(str(long_notice.docx))
    runs = [r for p in document.paragraphs for r in p.runs if CJK.search(r.text)]
    assert len(runs) > 40
    for run in runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.text


def test_theme_fonts_cannot_pull_in_a_japanese_face(long_notice: Rendered) -> None:
    with zipfile.ZipFile(long_notice.docx) as package:
        themes = [package.read(n).decode("utf-8") for n in package.namelist() if n.startswith("word/theme/")]
    assert themes
    for theme in themes:
        assert 'script="Jpan"' not in theme and 'script="Hang"' not in theme and 'script="Hant"' not in theme
        assert re.findall(r'<a:ea typeface="([^"]*)"/>', theme) == ["仿宋", "仿宋"]
        assert '<a:font script="Hans" typeface="仿宋"/>' in theme


def test_page_numbers_are_page_fields_between_dashes_in_odd_and_even_footers(long_notice: Rendered) -> None:
    document = docx.Document(str(long_notice.docx))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        indent = paragraph._p.pPr.find(qn("w:ind"))
        assert indent.get(qn(f"w:{side}")) == "280"  # one 14 pt character in from its side


def test_break_rules_match_the_pdf(long_notice: Rendered) -> None:
    styles = part(long_notice, "word/styles.xml")
    normal = styles[styles.index('w:styleId="Normal"') :]
    normal = normal[: normal.index("</w:style>")]
    for element in (
        '<w:autoSpaceDE w:val="0"/>',
        '<w:autoSpaceDN w:val="0"/>',
        '<w:overflowPunct w:val="0"/>',
    ):
        assert element in normal
    assert '<w:widowControl w:val="0"/>' in normal  # every page keeps its 22 lines


def test_ppr_children_are_in_schema_order(long_notice: Rendered) -> None:
    for name in ("word/document.xml", "word/styles.xml"):
        xml = part(long_notice, name)
        for ppr in re.findall(r"<w:pPr>(.*?)</w:pPr>", xml, flags=re.S):
            children = re.findall(r"<w:([A-Za-z]+)[ />]", re.sub(r"<w:rPr>.*?</w:rPr>", "<w:rPr/>", ppr))
            top_level = [c for c in children if c in _PPR_ORDER]
            ranks = [_PPR_ORDER.index(c) for c in dict.fromkeys(top_level)]
            assert ranks == sorted(ranks), (name, top_level)


def test_indents_are_absolute_twips(long_notice: Rendered) -> None:
    """Word's *Chars indents count 16 pt characters and ignore the -0.25 pt spacing: the grid cell is 15.75 pt."""
    document = part(long_notice, "word/document.xml") + part(long_notice, "word/styles.xml")
    assert "firstLineChars" not in document and "leftChars" not in document
    body = docx.Document(str(long_notice.docx)).styles["Notice Body"].element.pPr.find(qn("w:ind"))
    assert body.get(qn("w:firstLine")) == "630"


def test_title_lines_are_the_pdfs(long_notice: Rendered) -> None:
    document = docx.Document(str(long_notice.docx))
    (title,) = [p for p in document.paragraphs if p.style.name == "Notice Title"]
    assert title._p.xml.count("<w:br/>") == 2
    assert title.text.split("\n") == [
        "华东恒信控股有限公司关于2026年春节",
        "放假期间暂停发货及节后恢复供货安排和",
        "《经销商服务手册》修订事项的通知",
    ]


def test_seal_and_red_rule_float_over_the_text(long_notice: Rendered) -> None:
    xml = part(long_notice, "word/document.xml")
    anchors = re.findall(r"<wp:anchor .*?</wp:anchor>", xml, flags=re.S)
    pictures = [a for a in anchors if "pic:pic" in a]
    rules = [a for a in anchors if 'prst="line"' in a and "E60012" in a]
    assert len(pictures) == 1 and len(rules) == 1
    seal = pictures[0]
    assert 'relativeFrom="margin"' in seal and "<wp:wrapNone/>" in seal
    assert re.search(r'<wp:extent cx="(\d+)"', seal).group(1) == pytest.approx(
        str(round(42 / 25.4 * 914400)), abs=2
    )  # type: ignore[union-attr]
    assert "E60012" in rules[0]


def test_colophon_sits_in_a_text_box_at_the_foot_of_the_type_area_with_its_rules(
    long_notice: Rendered,
) -> None:
    """The 版记's paragraphs in a floating text box whose bottom is the type area's lower edge, and three black
    line shapes as wide as the type area, the last on that edge (GB/T 9704 §7.4.1); LibreOffice's rendering
    is measured in test_colophon.py."""
    xml = part(long_notice, "word/document.xml")
    (box,) = re.findall(r"<wp:anchor [^>]*>(?:(?!</wp:anchor>).)*txbxContent.*?</wp:anchor>", xml, flags=re.S)
    assert "抄送：公司董事会办公室，监事会，各分公司。" in re.sub(r"<[^>]+>", "", box)
    emu = 12700
    type_height = (297 - 37 - 35) * 72 / 25.4 * emu
    top = int(re.search(r'positionV relativeFrom="margin"><wp:posOffset>(-?\d+)<', box).group(1))  # type: ignore[union-attr]
    height = int(re.search(r'<wp:extent cx="\d+" cy="(\d+)"', box).group(1))  # type: ignore[union-attr]
    assert top + height == pytest.approx(type_height, abs=emu)
    anchors = re.findall(r"<wp:anchor .*?</wp:anchor>", xml, flags=re.S)
    rules = [a for a in anchors if 'prst="line"' in a and 'val="000000"' in a]
    assert len(rules) == 3
    offsets = sorted(
        int(re.search(r'positionV relativeFrom="margin"><wp:posOffset>(-?\d+)<', r).group(1)) for r in rules
    )  # type: ignore[union-attr]
    widths = {int(re.search(r'<wp:extent cx="(\d+)"', r).group(1)) for r in rules}  # type: ignore[union-attr]
    assert widths == {round(156 * 72 / 25.4 * emu)}
    assert offsets[0] >= top and offsets[-1] <= top + height
