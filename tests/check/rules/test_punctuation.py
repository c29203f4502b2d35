"""P-PUNCT, P-PAIRS, P-DASH: Chinese punctuation, with numbers, times, URLs and English left alone."""

from __future__ import annotations

import pytest

from notices.check.examples import run_example
from notices.check.findings import Finding


def find(snippet: str, rule_id: str) -> list[Finding]:
    return run_example(snippet, only=rule_id)


LEFT_ALONE = [
    "服务时间9:00—17:00，涨幅3.5%，共1,000件。",
    "详见https://hx.example.com/a?b=1,c=2，或访问www.hengxin.example.com。",
    "联系邮箱：service@hengxin.example.com，电话：+86 21 6288 1234。",
    "型号XR-200.1、A.B.C三款已补货。",
    "请联系 Customer Service, Room 5 (Building A).",
    "华东恒信 Huadong Hengxin Co., Ltd.已更名。",
    "1.订单截止时间",
    "尊敬的{{ recipient.name }}，您好！",
    "版本v1.2.3已发布。",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_numbers_urls_and_english_are_not_chinese_punctuation(text: str) -> None:
    assert find(f"body: [{text!r}]", "P-PUNCT") == []


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("感谢支持,现通知如下:", [",", ":"]),
        ("电话:021-6288 1234", [":"]),
        ("型号A100,价格不变。", [","]),
        ("见附件(Excel)。", ["(", ")"]),
        ("(1)订单截止时间", ["(", ")"]),
        ("请提前下单.", ["."]),
        ("是否需要备货?请回复!", ["?", "!"]),
    ],
)
def test_half_width_marks_beside_chinese_are_found_at_their_column(text: str, marks: list[str]) -> None:
    found = find(f"body: [{text!r}]", "P-PUNCT")
    prefix = len("body: ['")
    assert [(f.line, f.column) for f in found] == [
        (7, prefix + 1 + i) for i, ch in enumerate(text) if ch in marks
    ]
    assert all(f.edit is not None for f in found)


def test_strict_profile_makes_half_width_punctuation_an_error() -> None:
    snippet = "body: ['感谢支持,谢谢。']"
    assert [f.severity for f in find(snippet, "P-PUNCT")] == ["warning"]
    assert [f.severity for f in find("profile: gbt9704\n" + snippet, "P-PUNCT")] == ["error"]


def test_the_salutation_colon_is_left_to_b_recip() -> None:
    assert find("salutation: '尊敬的客户:'", "P-PUNCT") == []
    assert len(find("salutation: '尊敬的客户:'", "B-RECIP")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "请参阅《经销商管理办法》（2026年版）。",
        "“备货”与‘补货’不同。",
        "The company’s (new) policy.",
        "（含当日）",
    ],
)
def test_balanced_pairs_pass(text: str) -> None:
    assert find(f"body: [{text!r}]", "P-PAIRS") == []


def test_unbalanced_pairs_are_errors_at_the_lone_mark() -> None:
    found = find("body: ['请参阅《经销商管理办法（2026年版）。']", "P-PAIRS")
    assert [(f.column, f.severity) for f in found] == [(12, "error")]
    assert "《" in found[0].message


def test_doubled_marks_are_warnings_with_a_fix() -> None:
    found = find("body: ['请提前备货，，避免断货。。']", "P-PAIRS")
    assert [(f.severity, f.edit.replacement if f.edit else None) for f in found] == [
        ("warning", "，"),
        ("warning", "。"),
    ]
    assert find("body: ['请提前备货。。。']", "P-PAIRS") == []  # an ellipsis: P-DASH's


def test_dashes_in_ranges_are_not_flagged() -> None:
    assert find("body: ['9:00—17:00营业，2月15日—23日放假，北京——上海。']", "P-DASH") == []
    found = find("body: ['请提前下单—以免断货，春节...']", "P-DASH")
    assert [f.edit.replacement for f in found if f.edit] == ["——", "……"]


# 中诺仪器's 2021 春节放假通知 (https://zonskysz.com/index.php/News/detail/id/744) as a writer pastes it after
# `body: |`: the lines after the dates numbered by hand, "1）", "(1)", as office writers type them.
PASTED = """\
body: |
  2021年2月5日（星期五）正式放假，2021年2月19日（星期五）正式上班。
  1）放假前，各部门请做好节前工作。
  2）请关好门窗，切断电源。
  (1)值班人员保持通讯畅通。
  （2）发现问题及时报告（值班电话见附件）。
"""


def test_numbers_typed_at_the_start_of_pasted_lines_close_nothing() -> None:
    assert run_example(PASTED, only="P-PAIRS") == []
    broken = run_example(PASTED.replace("（值班电话见附件）", "值班电话见附件）"), only="P-PAIRS")
    assert [f.message for f in broken] == ["“）” closes nothing: its （ is missing"]
