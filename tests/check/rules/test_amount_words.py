"""P-AMOUNT-WORDS on what a 催款函 or 对账函 holds: the figures before or after the capital form, a table row,
and the ordinary text around 万元 that has no capital numeral in it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from notices.check.examples import run_example
from notices.check.rules.amount_words import capital_value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分", "123456.78"),
        ("壹万零伍元整", "10005"),
        ("贰佰零捌万元整", "2080000"),
        ("壹亿贰仟万元整", "120000000"),
        ("叁佰元伍角", "300.5"),
        ("伍角", "0.5"),
    ],
)
def test_capital_forms_are_read(words: str, value: str) -> None:
    assert capital_value(words) == Decimal(value)


def find(body: str) -> list[str]:
    return [f.message for f in run_example(f"body: ['{body}']", only="P-AMOUNT-WORDS")]


def test_the_figures_beside_it_either_side() -> None:
    assert find("尚欠货款￥35,000.00元（大写：人民币叁万伍仟元整）。") == []
    (message,) = find("尚欠货款￥35,000.00元（大写：人民币叁万元整）。")
    assert "30,000.00" in message and "35,000.00" in message
    assert len(find("应付金额人民币叁万元整（小写：35000）。")) == 1


def test_a_pasted_row_of_a_statement() -> None:
    table = (
        "body:\n  - table:\n      rows: |\n        项目\t金额\t大写\n"
        "        期末应付\t¥35,000.00\t人民币叁万伍仟元整\n        本期已付\t¥12,000.00\t人民币壹万贰仟伍佰元整\n"
    )
    (found,) = run_example(table, only="P-AMOUNT-WORDS")
    assert "12,500.00" in found.message and "12,000.00" in found.message


def test_ordinary_text_is_not_a_capital_amount() -> None:
    assert find("项目总投资500万元，其中设备300元/台。") == []
    assert find("会务费1600元，住宿费另计（大写另附）。") == []
