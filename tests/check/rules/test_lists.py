"""P-LIST: one mark within an enumeration, and the last listed item closes the list."""

from __future__ import annotations

import pytest

from notices.check.examples import run_example


def found(snippet: str) -> list[tuple[str, str]]:
    return [(f.path, f.message) for f in run_example(snippet, only="P-LIST")]


def test_a_comma_among_a_series_of_short_items() -> None:
    assert found("body: [春节、元宵节，清明节、劳动节期间照常发货。]") == [
        ("body[0]", "“，” among items joined by “、”")
    ]


@pytest.mark.parametrize(
    "snippet",
    [
        "salutation: 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",  # two groups of a 主送 line
        "body: [请携带身份证、营业执照，以及授权书、介绍信。]",  # two series joined by 以及
        "body: [各区域销售中心、各经销商，请于2月6日前确认订单、付款。]",  # a series, then the sentence goes on
    ],
)
def test_commas_that_end_or_group_a_series_are_right(snippet: str) -> None:
    assert found(snippet) == []


def test_the_last_of_the_items_ends_the_list() -> None:
    bad = "body: [{heading: 注意事项, items: [放假前切断电源；, 关好门窗；, 做好防火防盗工作；]}]"
    assert found(bad) == [("body[0].items[2]", "the last item of the list ends with “；”")]
    assert found(bad.replace("防盗工作；", "防盗工作。")) == []


def test_the_last_numbered_item_inside_a_paragraph() -> None:
    assert found("body: ['1.放假前切断电源；2.关好门窗；3.做好防火防盗工作；']") == [
        ("body[0]", "the last numbered item ends with “；”")
    ]
    assert found("body: ['1.放假前切断电源；2.关好门窗；3.做好防火防盗工作。']") == []


def test_a_clause_after_a_series_is_no_item_of_it() -> None:
    text = "body: [请各部门负责人检查相关设施、设备，做好防火、防盗工作。]"
    assert run_example(text, only="P-LIST") == []


@pytest.mark.parametrize(
    "text",
    ["时间：周一、周三，每天9点。", "联系方式：电话、邮件，请选择其一。", "范围：华东、华南，均照常发货。"],
)
def test_a_clause_after_a_listed_series_is_not_its_last_item(text: str) -> None:
    assert run_example(f"body: [{text}]", only="P-LIST") == []


def test_a_comma_before_the_last_item_of_a_listed_series() -> None:
    [found] = run_example("body: [需要提交的材料有：营业执照、税务登记证，开户许可证。]", only="P-LIST")
    assert found.edit is not None and found.edit.replacement == "、"
