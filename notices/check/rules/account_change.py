"""B-ACCOUNT-CHANGE: a notice that moves payments to a new bank account tells readers how to confirm it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

# The account payments are made to, and a change of it, in one sentence: "我司收款账户变更如下", "自3月1日起
# 启用新的银行账户", "our bank details have changed", "please update your records with our new account".
_ZH_ACCOUNT = r"(?:收款|银行|对公|结算|汇款|付款|回款|基本)(?:账|帐)(?:户|号)|开户(?:银)?行"
_ZH_CHANGE = (
    r"变更|更改|更换|改为|启用新|新(?:的)?(?:收款|银行|对公)?(?:账|帐)(?:户|号)|停止使用|不再使用|注销"
)
_ZH_CHANGED = LazyPattern(
    rf"(?:{_ZH_ACCOUNT})[^。；;！？\n]*?(?:{_ZH_CHANGE})|(?:{_ZH_CHANGE})[^。；;！？\n]*?(?:{_ZH_ACCOUNT})"
)
_EN_ACCOUNT = (
    r"bank(?:ing)? (?:account|details|information)|account (?:details|number)|remittance (?:details|information)"
    r"|payment (?:details|instructions)|\bIBAN\b|\bSWIFT\b|sort code|beneficiary"
)
_EN_CHANGE = r"\bchang\w*|\bnew\b|\bupdat\w*|\breplac\w*|\bno longer\b|\bswitch\w*|\bmov(?:ed|ing)\b"
_EN_CHANGED = LazyPattern(
    rf"(?:{_EN_ACCOUNT})[^.;!?\n]*?(?:{_EN_CHANGE})|(?:{_EN_CHANGE})[^.;!?\n]*?(?:{_EN_ACCOUNT})", re.I
)
# An account number: ten digits or more, grouped by spaces or hyphens as it is printed, or an IBAN.
_ACCOUNT_NUMBER = LazyPattern(r"(?<![\d.])\d(?:[ \-]?\d){9,}(?!\.?\d)|\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,}")
# A way to confirm the change that a forger cannot answer: a call, to a number the reader already has.
_ZH_CONFIRM = LazyPattern(
    r"(?:电话|致电|来电|拨打)[^。；;，,]{0,12}(?:核实|确认|核验|核对)"
    r"|(?:核实|确认|核验)[^。；;]{0,24}(?:电话|致电|已知|原有|预留|此前|以往|官方)"
)
_EN_CONFIRM = LazyPattern(
    r"\b(?:call|phone|telephone|ring)\w*\b[^.;]{0,80}\b(?:verif|confirm)\w*"
    r"|\b(?:verif|confirm)\w*\b[^.;]{0,80}\b(?:call\w*|phone|telephone|known (?:number|contact))",
    re.I,
)


@rule(
    "B-ACCOUNT-CHANGE",
    "warning",
    summary="A notice that moves payments to a new bank account asks readers to confirm it by phone first",
    source="公安部刑侦局 防范电信网络诈骗宣传 (冒充供应商变更收款账户); FBI IC3 Business Email Compromise PSAs "
    "(verify payment-detail changes by a call to a known number)",
    good=[
        "body: [自2026年3月1日起我司收款账户变更为：招商银行上海分行，账号1219 0876 5432 101。"
        "付款前请致电贵司已掌握的我司电话核实。]",
        "body: [请将会务费汇至：开户行汉口银行街道口支行，账号291020120105001210。]",
    ],
    bad=[
        "body: [自2026年3月1日起我司收款账户变更为：招商银行上海分行，账号1219 0876 5432 101。]",
        "lang: en\nbody: ['Our bank details have changed. Please send all payments to account 12345678901.']",
    ],
)
def account_change(ctx: CheckContext) -> Iterator[Hit]:
    """A letter that tells customers to pay into a new account is what a payment fraud forges: the same letter
    with the forger's account in it, sent from a look-alike address, with the forger's phone number for
    "questions". A reader can tell the real one only by calling the company on a number they already had, so a
    genuine change-of-account notice asks them to do that before the first payment (and says not to use a
    number given in the letter itself). The rule looks for a sentence that changes the account payments go to
    (收款账户变更, 启用新账户, "our bank details have changed"), an account number or IBAN in the notice, and no
    sentence that asks for a confirming call. A notice that only states where to pay (a fee, an invoice) is not
    a change and is left alone."""
    fields = list(ctx.iter_texts())
    if not any(_ACCOUNT_NUMBER.search(field.text) for field in fields):
        return
    if any(_confirms(field.text) for field in fields):
        return
    for field in fields:
        found = _ZH_CHANGED.search(field.text) or _EN_CHANGED.search(field.text)
        if found is None:
            continue
        yield Hit(
            field.path,
            _(
                "the notice changes the account payments go to but does not ask readers to confirm it by phone: "
                "a forged change-of-account letter is a common fraud"
            ),
            fix=_(
                "add a sentence such as “付款前请致电贵司已掌握的我司电话核实账户变更，勿使用本函所列号码。” / "
                "“Before paying, please confirm this change by calling us on a number you already hold for us, "
                "not one given in this letter.”"
            ),
            offset=found.start(),
        )
        return


def _confirms(text: str) -> bool:
    return _ZH_CONFIRM.search(text) is not None or _EN_CONFIRM.search(text) is not None
