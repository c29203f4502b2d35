"""P-PLACEHOLDER: template leftovers and unresolvable variables, without flagging sizes, model numbers or data."""

from __future__ import annotations

import pytest

from notices.check.examples import run_example
from notices.check.findings import Finding


def find(snippet: str, rule_id: str = "P-PLACEHOLDER") -> list[Finding]:
    return run_example(snippet, only=rule_id)


@pytest.mark.parametrize(
    "text",
    [
        "尺码S至XXL均有现货，Xbox手柄已到货。",
        "X光机、X射线检测设备照常供应。",
        "型号XR-200、MAX-10已补货。",
        "二〇〇八年成立，〇〇七号仓库。",
        "单价×数量=金额。",
    ],
)
def test_real_text_is_not_a_placeholder(text: str) -> None:
    assert find(f"body: [{text!r}]") == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("XXXX公司", "XXXX"),
        ("××公司", "××"),
        ("20XX年", "20XX"),
        ("于X月XX日前", "X月XX日"),
        ("联系人：＿＿＿", "＿＿＿"),
        ("电话：____", "____"),
        ("【待补充】", "【待补充】"),
        ("地址：[待定]", "[待定]"),
        ("□□公司", "□□"),
        ("TODO: 停发货时间", "TODO"),
    ],
)
def test_leftovers_are_found_at_their_text(text: str, shown: str) -> None:
    found = find(f"body: [{text!r}]")
    assert len(found) == 1 and shown in found[0].message
    assert found[0].column == len("body: ['") + 1 + text.index(shown)


def test_somebody_is_an_error_in_a_name_and_a_warning_in_running_text() -> None:
    assert [f.severity for f in find("contact: {name: 某某}")] == ["error"]
    assert [f.severity for f in find("body: [请勿向某某透露价格。]")] == ["warning"]


def test_known_variables_pass_and_unknown_ones_are_errors() -> None:
    ok = "salutation: 尊敬的{{ recipient.name }}：\nrecipient: {name: 经销商}\nvars: {q: 30}\n"
    assert find(ok + "body: ['备货{{ vars.q }}天，{{ issue_date|cn_date }}发布。']") == []
    typo = find(ok + "body: ['备货{{ vars.qq }}天，{{ recipent.name }}，{{ recipient.nmae }}。']")
    assert [f.severity for f in typo] == ["error"] * 3
    assert all("undefined variable" in f.message for f in typo)
    assert [f.fix for f in typo] == [
        "did you mean vars.q?",
        "did you mean {{ recipient.name }}?",
        "did you mean recipient.name?",
    ]


def test_a_recipient_field_the_sample_lacks_is_a_warning_batch_rows_may_fill() -> None:
    found = find("recipient: {name: 经销商}\nbody: ['您的客户编号为{{ recipient.code }}。']")
    assert [f.severity for f in found] == ["warning"]
    assert find("body: ['您的客户编号为{{ recipient.code }}。']") == []  # no sample: rows supply it


def test_empty_and_unclosed_braces_are_errors() -> None:
    assert len(find("body: ['您好{{ }}。']")) == 1
    assert len(find("body: ['您好{{ recipient.name。']")) == 1


def test_recipient_and_vars_data_are_not_checked() -> None:
    assert find("recipient: {name: XXXX}\nvars: {note: TODO}") == []


def test_a_placeholder_in_a_printed_value_is_one_finding_at_the_value() -> None:
    found = run_example("contact: {name: 王静, phone: '400-XXX-XXXX'}", only="P-PLACEHOLDER")
    assert [(f.severity, f.path, f.message) for f in found] == [
        ("error", "contact.phone", "placeholder left in “400-XXX-XXXX”")
    ]


def test_values_that_are_not_printed_are_not_read() -> None:
    assert run_example("sign_off: {date: 2026-01-05, seal: seal_xx.png}", only="P-PLACEHOLDER") == []
    assert run_example("contact: {name: 王静, email: wangjing@hengxin.com}", only="P-PLACEHOLDER") == []


def test_an_undefined_name_is_one_finding_not_one_per_rule() -> None:
    """Composing stops on the first name it cannot find (R-COMPOSE); P-PLACEHOLDER finds them all. Each name
    is reported once, by P-PLACEHOLDER, and R-COMPOSE still reports what only composing finds."""
    one = run_example("vars: {quota: 30}\nbody: ['配额为{{ vars.quta }}吨。']")
    assert [(f.rule, f.fix) for f in one] == [("P-PLACEHOLDER", "did you mean vars.quota?")]
    three = run_example(
        "recipient: {name: 经销商}\nvars: {q: 30}\nbody: ['备货{{ vars.qq }}天，{{ recipent.name }}，{{ recipient.nmae }}。']"
    )
    assert [f.rule for f in three] == ["P-PLACEHOLDER"] * 3
    unknown_filter = run_example("vars: {rate: 5}\nbody: ['幅度为{{ vars.rate|number }}。']")
    assert [f.rule for f in unknown_filter] == ["R-COMPOSE"]
