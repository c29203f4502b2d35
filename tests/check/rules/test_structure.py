"""H-DOCNO, B-TITLE-FORM, B-RECIP, N-CLOSE, P-GENRE, B-LEVELS, B-ATTNOTE, P-WORDS on what their examples leave out."""

from __future__ import annotations

import pytest

from notices.check.examples import run_example
from notices.check.findings import Finding


def find(snippet: str, rule_id: str) -> list[Finding]:
    return run_example(snippet, only=rule_id)


DOCNO = "issuer: {name: 华东恒信控股有限公司, doc_number: '%s'}\n"


@pytest.mark.parametrize(
    ("number", "replacement"),
    [("恒信发[2026]1号", "〔2026〕"), ("恒信发【2026】1号", "〔2026〕"), ("恒信发（2026）1号", "〔2026〕")],
)
def test_document_number_brackets_are_looser_for_enterprises(number: str, replacement: str) -> None:
    enterprise = find(DOCNO % number, "H-DOCNO")
    strict = find("profile: gbt9704\n" + DOCNO % number, "H-DOCNO")
    assert [f.severity for f in enterprise] == ["warning"] and [f.severity for f in strict] == ["error"]
    assert enterprise[0].edit is not None and enterprise[0].edit.replacement == replacement


def test_document_number_without_a_year_is_an_error_everywhere() -> None:
    assert [f.severity for f in find(DOCNO % "恒信发1号", "H-DOCNO")] == ["error"]
    assert find(DOCNO % "恒信发〔202X〕X号", "H-DOCNO") == []  # a placeholder: P-PLACEHOLDER says so


def test_title_without_de_and_a_trailing_stop() -> None:
    found = find("title: 关于春节备货通知。", "B-TITLE-FORM")
    assert sorted((f.severity, f.edit is not None) for f in found) == [("error", True), ("warning", False)]
    assert find("title: 关于春节备货的补充通知", "B-TITLE-FORM") == []


@pytest.mark.parametrize(
    "title",
    [
        "株洲市停水公告",
        "关于调整营业时间的通告",
        "关于2026年产品价格调整的函",
        "关于贵司询价的复函",
        "关于4月8日系统故障的情况说明",
        "产品调价通知书",
        "华东恒信控股有限公司2025年第三季度工作纪要",
        "关于春节期间暂停发货的告知书",
    ],
)
def test_every_document_type_ends_a_title(title: str) -> None:
    """The 文种 of 《党政机关公文处理工作条例》第八条 and the business ones close a title as 通知 does."""
    assert find(f"title: {title}", "B-TITLE-FORM") == []


def test_a_title_without_a_document_type_is_advice() -> None:
    found = find("title: 2025年邮政放假时间", "B-TITLE-FORM")
    assert [(f.severity, f.message, f.column) for f in found] == [
        ("info", "the title names no document type (通知, 通告, 公告, 函, 情况说明 …)", found[0].column)
    ]
    lacking = find("title: 关于停水通告", "B-TITLE-FORM")
    assert [(f.severity, f.message) for f in lacking] == [("warning", "“关于…通告” lacks the 的 before 通告")]


def test_salutation_with_a_variable_and_a_full_width_colon_passes() -> None:
    assert find("salutation: 尊敬的{{ recipient.name }}：\nrecipient: {name: 经销商}", "B-RECIP") == []


def test_closing_twice_and_request_phrasing() -> None:
    twice = find("body: [现将有关事项通知如下。, 特此通知。]", "N-CLOSE")
    assert [f.severity for f in twice] == ["warning"]
    assert find("closing: 感谢支持！\nbody: [现将有关事项通知如下。, 特此通知。]", "N-CLOSE") == []
    assert len(find("body: [上述安排当否，请批示。]", "P-GENRE")) == 2


def test_levels_forms_and_their_fixes() -> None:
    found = find("body: ['一.订单', '（一）、华东', '1、上海']", "B-LEVELS")
    assert [(f.severity, f.edit.replacement if f.edit else None) for f in found] == [
        ("error", "、"),
        ("error", ""),
        ("warning", "."),
    ]
    # each says the number it is about: "write 2." for "2、", not the level's first number
    later = find("body: ['1.上海', '2、杭州', '（三）、华南']", "B-LEVELS")
    messages = [f.message for f in later if "standard" in f.message]
    assert messages == [
        "“2、” is not a standard level-3 number: write 2.",
        "“（三）、” is not a standard level-2 number: write （三）",
    ]


def test_levels_lines_of_one_text_and_items_numbered_twice() -> None:
    assert find("body: [{heading: 订单, text: '1.上海\n\n2.杭州'}]", "B-LEVELS") == []
    found = find("body: [{heading: 订单, items: ['（一）上海', 杭州]}]", "B-LEVELS")
    assert len(found) == 1 and "numbers it too" in found[0].message
    assert find("body: ['2026年2月6日前下单。', '3.5%的折扣。']", "B-LEVELS") == []


def test_attachments_cited_by_number_in_chinese_numerals() -> None:
    two = "attachments: [{title: 发货安排表}, {title: 联系人名单}]\n"
    assert find(two + "body: [详见附件二。]", "B-ATTNOTE") == []
    assert len(find(two + "body: [详见附件三。]", "B-ATTNOTE")) == 1


def test_jiezhi_after_the_time_is_right() -> None:
    assert find("body: [2026年2月6日截止，截止时间为17:00。]", "P-WORDS") == []
    assert len(find("body: [截止目前，已收到订单120份。]", "P-WORDS")) == 1


def test_a_declared_document_type_is_the_title_s_ending() -> None:
    mismatch = find("doc_type: 函\ntitle: 关于2026年产品价格调整的通知", "B-TITLE-FORM")
    assert [(f.severity, f.message, f.fix) for f in mismatch] == [
        (
            "warning",
            "the title ends with “通知” but the spec says doc_type: 函",
            "end the title with 函, or set doc_type: to what the document is",
        )
    ]
    assert find("doc_type: 情况说明\ntitle: 关于4月8日系统故障的情况说明", "B-TITLE-FORM") == []
    untyped = find("doc_type: 公告\ntitle: 停水安排", "B-TITLE-FORM")
    assert [(f.severity, f.fix) for f in untyped] == [("info", "write it as “[单位]关于…的公告”")]
