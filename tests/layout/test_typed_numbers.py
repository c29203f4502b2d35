"""Text pasted from Word: ``body: |`` gives one paragraph per line, and the numbers the writer typed
(一、 （一） 1. （1）, GB/T 9704 §7.3.3) are read as the levels they number — a typed "一、改造时间" prints in the
level-1 face (黑体) in the PDF and the DOCX, exactly as a heading written with ``heading:`` does."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import notices
from notices.document import Heading, Paragraph
from notices.layout.fonts import resolve_profile
from notices.profiles import ZH_ROLES, get_profile

from .pdfmeasure import find_paragraph, read_pdf

# Facts of a real notice (汇付宝《关于支付系统网络设备更新改造的通知》, 2025-07-09,
# https://img.heepay.com/NewsPages/202507/N25070904962985D.htm), its structure kept, its sentences shortened.
PASTED = """\
kind: general
issuer:
  name: 汇付宝支付服务有限公司
title: 关于支付系统网络设备更新改造的通知
salutation: 尊敬的各位商户：
body: |
  为保障支付业务安全高效处理，我机构将对支付系统网络设备进行更新改造。现将相关事宜通知如下：
  一、改造时间
  本次工作将于2025年7月12日14:00—17:00进行。
  二、可能影响
  （一）交易响应
  部分支付服务可能出现短暂延迟。
  三、温馨提示
  1. 请您提前做好交易安排，避免在改造时段内进行大额交易。
  2. 如遇交易异常，可稍后重试。
  感谢您的理解与支持！
sign_off:
  date: 2025-07-09
"""


@pytest.fixture(scope="module")
def pasted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = tmp_path_factory.mktemp("pasted") / "notice.yaml"
    spec.write_text(PASTED, encoding="utf-8")
    return spec


def test_each_pasted_line_is_a_paragraph_and_typed_numbers_are_levels(pasted: Path) -> None:
    blocks = [b for b in notices.compose(notices.load(pasted)).blocks if isinstance(b, Heading | Paragraph)]
    shown = [(type(b).__name__, b.level, b.number, b.text) for b in blocks]
    assert shown[shown.index(("Heading", 1, "一、", "改造时间")) :] == [
        ("Heading", 1, "一、", "改造时间"),
        ("Paragraph", 0, "", "本次工作将于2025年7月12日14:00—17:00进行。"),
        ("Heading", 1, "二、", "可能影响"),
        ("Heading", 2, "（一）", "交易响应"),
        ("Paragraph", 0, "", "部分支付服务可能出现短暂延迟。"),
        ("Heading", 1, "三、", "温馨提示"),
        ("Paragraph", 3, "1.", "请您提前做好交易安排，避免在改造时段内进行大额交易。"),
        ("Paragraph", 3, "2.", "如遇交易异常，可稍后重试。"),
        ("Paragraph", 0, "", "感谢您的理解与支持！"),
    ]


def test_a_typed_number_opening_a_sentence_is_an_item_not_a_heading() -> None:
    spec = {
        "issuer": {"name": "恒信化工有限公司"},
        "title": "关于春节期间发货安排的通知",
        "body": ["一、请于2026年2月6日前下单。", "二、订单截止时间"],
    }
    first, second = (
        b for b in notices.compose(notices.load(spec)).blocks if isinstance(b, Heading | Paragraph)
    )
    assert (type(first), first.number, first.text) == (Paragraph, "一、", "请于2026年2月6日前下单。")
    assert (type(second), second.number, second.text) == (Heading, "二、", "订单截止时间")


# A price-increase letter as a sales-admin pastes it from an e-mail: numbered lines typed by hand, "(a)" under
# one of them, a sentence after the list. Facts of Elenteny Imports' LCL/FCL letter (corpus/real), reworded.
PASTED_EN = """\
lang: en
issuer: {name: Elenteny Imports}
title: LCL and FCL price adjustments
salutation: 'Dear Customer,'
body: |
  Shipping lines have raised their global freight rates. From 12 March 2021:
  1. LCL shipments carry an emergency surcharge of at most $1.00 per case, passed straight through to your invoice on affected orders.
  (a) The surcharge varies by carrier and by lane.
  2. FCL charges vary by container; existing quotes stay valid for 30 days.
  We will keep you informed as we learn more.
sign_off: {date: 2021-02-26}
"""


def test_english_lines_typed_with_numbers_are_hanging_items(tmp_path: Path) -> None:
    spec = tmp_path / "letter.yaml"
    spec.write_text(PASTED_EN, encoding="utf-8")
    notice = notices.load(spec)
    blocks = [b for b in notices.compose(notice).blocks if isinstance(b, Paragraph)]
    shown = [(b.number.strip(), b.level, b.text[:20]) for b in blocks[:5]]
    assert shown == [
        ("", 0, "Shipping lines have "),
        ("1.", 1, "LCL shipments carry "),
        ("(a)", 2, "The surcharge varies"),
        ("2.", 1, "FCL charges vary by "),
        ("", 0, "We will keep you inf"),
    ]
    # The DOCX: each item its number, a tab and the text, under a hanging indent (the letter's own items').
    path = tmp_path / "letter.docx"
    path.write_bytes(notices.render_bytes(notice, "docx"))
    items = [p for p in docx.Document(str(path)).paragraphs if p.style.name.startswith("Notice Item")]
    assert [p.text.split("\t")[0] for p in items] == ["1.", "(a)", "2."]
    assert all(p.style.element.pPr.find(qn("w:ind")).get(qn("w:hanging")) for p in items)
    # The PDF: the item's second line starts under its text, not under its number.
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(notices.render_bytes(notice, "pdf"))
    lines = find_paragraph(
        read_pdf(pdf),
        "1. LCL shipments carry an emergency surcharge of at most $1.00 per case, passed straight through to "
        "your invoice on affected orders.",
    )
    assert lines is not None and len(lines) >= 2
    number_x, text_x = lines[0].chars[0].x0, lines[0].chars[2].x0
    assert lines[1].chars[0].x0 > number_x + 5
    assert abs(lines[1].chars[0].x0 - text_x) < 1.5


def english_paragraphs(body: str) -> list[tuple[str, str]]:
    """The number and text of each paragraph an English letter's ``body: |`` gives."""
    spec = {"lang": "en", "issuer": {"name": "A Co."}, "title": "Notice", "body": body}
    blocks = notices.compose(notices.load(spec)).blocks
    return [(b.number, b.text) for b in blocks if isinstance(b, Paragraph)]


def test_english_numbers_inside_sentences_stay_text() -> None:
    assert english_paragraphs("1.5% more from March.\n2026 prices follow.")[:2] == [
        ("", "1.5% more from March."),
        ("", "2026 prices follow."),
    ]


def test_a_typed_item_dated_at_its_start_keeps_its_number_apart(tmp_path: Path) -> None:
    """ "1." typed before "12月30日" (with or without a space) is item 1 and a date: printed "1. 12月30日", never
    "1.12月30日", which reads as a decimal or as 1 December."""
    spec = {
        "issuer": {"name": "福州市自来水有限公司"},
        "title": "关于大庆河给水管道迁改工程项目的停水通知",
        "body": "请用户做好蓄水准备：\n1.10月28日9:00前完成蓄水。\n2. 10月29日8:00恢复供水。\n3.如遇水压下降，请耐心等待。",
        "sign_off": {"date": "2020-10-26"},
    }
    notice = notices.load(spec)
    items = [b for b in notices.compose(notice).blocks if isinstance(b, Paragraph) and b.number]
    assert [(b.number, b.text) for b in items] == [
        ("1. ", "10月28日9:00前完成蓄水。"),
        ("2. ", "10月29日8:00恢复供水。"),
        ("3.", "如遇水压下降，请耐心等待。"),
    ]
    path = tmp_path / "notice.docx"
    path.write_bytes(notices.render_bytes(notice, "docx"))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "1. 10月28日9:00前完成蓄水。" in texts and "3.如遇水压下降，请耐心等待。" in texts
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(notices.render_bytes(notice, "pdf"))
    lines = {line.text: line for page in read_pdf(pdf) for line in page.lines}

    def gap_after_number(text: str) -> float:
        chars = lines[text].chars
        return chars[2].x0 - chars[1].x1  # from the number's point to what follows it

    # A space's width (a quarter em of the 16 pt body, less the grid's tracking) after "1." and "2.", none after "3.".
    assert gap_after_number("1.10月28日9:00前完成蓄水。") > 3
    assert gap_after_number("2.10月29日8:00恢复供水。") > 3
    assert gap_after_number("3.如遇水压下降，请耐心等待。") < 1


def test_a_decimal_is_not_a_typed_number() -> None:
    spec = {
        "issuer": {"name": "恒信化工有限公司"},
        "title": "关于调价的通知",
        "body": ["1.5倍运费由买方承担。"],
    }
    (first,) = (b for b in notices.compose(notices.load(spec)).blocks if isinstance(b, Paragraph))
    assert (first.number, first.text) == ("", "1.5倍运费由买方承担。")


def test_typed_headings_print_in_their_levels_faces(pasted: Path, tmp_path: Path) -> None:
    resolved = resolve_profile(get_profile("enterprise"))
    face = {role: resolved[role].family.replace(" ", "-") for role in ("heading1", "heading2", "body")}
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(notices.render_bytes(notices.load(pasted), "pdf"))
    lines = {line.text: line for page in read_pdf(pdf) for line in page.lines}

    def fonts_of(text: str) -> set[str]:
        return {c.font.split("-Regular")[0].removesuffix("-Book") for c in lines[text].chars}

    assert fonts_of("一、改造时间") == {face["heading1"]}
    assert fonts_of("（一）交易响应") == {face["heading2"]}
    assert fonts_of("部分支付服务可能出现短暂延迟。") == {face["body"]}

    path = tmp_path / "notice.docx"
    path.write_bytes(notices.render_bytes(notices.load(pasted), "docx"))
    paragraphs = {p.text: p for p in docx.Document(str(path)).paragraphs}

    def east_asian(text: str) -> set[str | None]:
        found = set()
        for run in paragraphs[text].runs:
            fonts = run._r.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            style_fonts = paragraphs[text].style.element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            chosen = fonts if fonts is not None and fonts.get(qn("w:eastAsia")) else style_fonts
            found.add(None if chosen is None else chosen.get(qn("w:eastAsia")))
        return found

    # The DOCX names each role's standard face (黑体, 楷体) for Word to find; the reader's machine substitutes.
    assert east_asian("一、改造时间") == {ZH_ROLES["heading1"].docx_name}
    assert east_asian("（一）交易响应") == {ZH_ROLES["heading2"].docx_name}


# A section's ``text: |`` pasted as its writer typed it (成都市先进材料产业生态圈联盟, 会员大会 of 2020,
# corpus/real/zh-cdxcl-2020-huiyuan-dahui): three lines numbered （1） （2） （2） ran on as one paragraph,
# "…周萍 18108096397（2）参会企业…", where ``body: |`` would have given three.
SECTION_PASTED = {
    "issuer": {"name": "成都市先进材料产业生态圈联盟秘书处"},
    "title": "关于召开会员大会的通知",
    "body": [
        {
            "heading": "其它事项",
            "text": "（1）工作联系：张旭 18030617553；现场会务：周萍 18108096397\n"
            "（2）参会企业请于11月8日前将回执表发送至本联盟。\n"
            "（2）对本次大会有意见建议的，欢迎提前与联盟秘书处联系反馈。\n",
        }
    ],
}


def test_each_line_of_a_sections_pasted_text_is_a_paragraph(tmp_path: Path) -> None:
    notice = notices.load(SECTION_PASTED)
    blocks = [b for b in notices.compose(notice).blocks if isinstance(b, Heading | Paragraph)]
    assert [(b.number, b.text) for b in blocks] == [
        ("一、", "其它事项"),
        ("（1）", "工作联系：张旭 18030617553；现场会务：周萍 18108096397"),
        ("（2）", "参会企业请于11月8日前将回执表发送至本联盟。"),
        ("（2）", "对本次大会有意见建议的，欢迎提前与联盟秘书处联系反馈。"),
    ]
    path = tmp_path / "notice.docx"
    path.write_bytes(notices.render_bytes(notice, "docx"))
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "（2）参会企业请于11月8日前将回执表发送至本联盟。" in texts


def test_a_sections_one_line_text_and_blank_line_paragraphs_are_as_before() -> None:
    spec = dict(SECTION_PASTED, body=[{"heading": "其它事项", "text": "第一段。\n\n第二段。"}])
    blocks = [b for b in notices.compose(notices.load(spec)).blocks if isinstance(b, Paragraph)]
    assert [b.text for b in blocks] == ["第一段。", "第二段。"]


# A price letter as it is pasted from an e-mail: bullets typed with "•" and "-", a paragraph after the list.
BULLETED_EN = """\
lang: en
issuer: {name: Northwind Packaging Ltd}
title: Price adjustment from 1 January 2027
salutation: Dear Valued Customers,
body: |
  Because raw material and energy costs keep rising, our prices will change as follows:
  • Corrugated boxes – 6%
  - Pallet wrap – 4.5%
  • Custom print runs – 8% (minimum order of 500 units, which is the run our presses are set up for at the least)
  Orders received before 31 December 2026 are invoiced at current prices.
  We appreciate your understanding.
sign_off: {date: 2026-12-01}
"""


def test_english_lines_typed_with_bullets_are_hanging_items_and_a_blank_line_ends_the_list(
    tmp_path: Path,
) -> None:
    notice = notices.load(notices_spec(tmp_path, BULLETED_EN))
    blocks = [b for b in notices.compose(notice).blocks if isinstance(b, Paragraph)]
    assert [(b.number.strip(), b.text[:16]) for b in blocks[:5]] == [
        ("", "Because raw mate"),
        ("•", "Corrugated boxes"),
        ("•", "Pallet wrap – 4."),
        ("•", "Custom print run"),
        ("", "Orders received "),
    ]
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(notices.render_bytes(notice, "pdf"))
    pages = read_pdf(pdf)
    first, second, third, after, thanks = (
        find_paragraph(pages, text)
        for text in (
            "• Corrugated boxes – 6%",
            "• Pallet wrap – 4.5%",
            "• Custom print runs – 8% (minimum order of 500 units, which is the run our presses are set up for at"
            " the least)",
            "Orders received before 31 December 2026 are invoiced at current prices.",
            "We appreciate your understanding.",
        )
    )
    assert first and second and third and after and thanks
    # hung: every item's text (and the long one's second line) starts at one x, right of its bullet
    text_x = first[0].chars[1].x0
    assert all(abs(item[0].chars[1].x0 - text_x) < 0.5 for item in (second, third))
    assert len(third) == 2 and abs(third[1].x0 - text_x) < 0.5 and third[0].x0 < text_x - 5
    # a paragraph after the list stands as far below it as one paragraph stands below another
    paragraph_step = thanks[0].baseline - after[-1].baseline
    assert abs((after[0].baseline - third[-1].baseline) - paragraph_step) < 0.5
    assert second[0].baseline - first[-1].baseline < paragraph_step - 5  # the items, half a line apart
    # the DOCX: the last item carries the full line after it
    path = tmp_path / "letter.docx"
    path.write_bytes(notices.render_bytes(notice, "docx"))
    items = [p for p in docx.Document(str(path)).paragraphs if p.text.startswith("•\t")]
    assert len(items) == 3
    assert items[-1].paragraph_format.space_after == docx.shared.Pt(
        get_profile(notice.spec.effective_profile).line_pitch_pt
    )


def test_a_dash_inside_or_before_a_number_is_not_a_bullet() -> None:
    assert english_paragraphs("-5% on every line.\n– and more")[:2] == [
        ("", "-5% on every line."),
        ("• ", "and more"),
    ]


def notices_spec(tmp_path: Path, text: str) -> Path:
    spec = tmp_path / "letter.yaml"
    spec.write_text(text, encoding="utf-8")
    return spec
