"""B-ACCOUNT-CHANGE on the shapes a change-of-account letter takes: the old and new accounts as a pasted table,
an English letter, and the contact line that is not a confirmation."""

from __future__ import annotations

from notices.check.examples import run_example

TABLE = """\
doc_type: 函
title: 关于变更公司收款账户的函
body:
  - 因公司财务管理需要，自2026年3月1日起，我司收款账户变更如下，请将货款汇入新账户：
  - table:
      rows: |
        项目	原账户	新账户
        开户行	中国工商银行上海浦东支行	招商银行上海分行营业部
        账号	1001 2345 6789 0123 456	1219 0876 5432 101
  - {last}
sign_off: {{date: 2026-02-20}}
"""


def test_a_contact_for_questions_is_not_a_confirmation() -> None:
    found = run_example(
        TABLE.format(last="如有疑问，请联系财务部王静，电话021-6288 1234。"), only="B-ACCOUNT-CHANGE"
    )
    assert [(f.severity, f.path) for f in found] == [("warning", "title")]
    assert "致电" in found[0].fix and "calling us" in found[0].fix


def test_a_call_to_a_number_the_reader_has_is() -> None:
    last = "付款前请致电贵司已掌握的我司联系电话核实本次变更，勿使用本函所列号码。"
    assert run_example(TABLE.format(last=last), only="B-ACCOUNT-CHANGE") == []


def test_english_letters() -> None:
    letter = (
        "lang: en\nbody:\n  - Please note that our bank details have changed with effect from 1 March 2026.\n"
        "  - 'New account: IBAN GB33 BUKB 2020 1555 5555 55'\n"
    )
    found = run_example(letter, only="B-ACCOUNT-CHANGE")
    assert len(found) == 1 and found[0].path == "body[0]"
    confirmed = (
        letter
        + "  - Before your next payment, please call your usual contact on the number you hold to confirm.\n"
    )
    assert run_example(confirmed, only="B-ACCOUNT-CHANGE") == []


def test_where_to_pay_is_not_a_change() -> None:
    fee = "body: [请将会务费汇至：户名中国病毒学会，开户银行汉口银行街道口支行，账号291020120105001210。]"
    assert run_example(fee, only="B-ACCOUNT-CHANGE") == []
    login = "body: [系统升级后，请使用新账号登录，原账号停止使用。客服电话4008201688。]"
    assert run_example(login, only="B-ACCOUNT-CHANGE") == []
