"""P-AMOUNT-WORDS: an amount written in capital numerals (大写) is the amount its figures state."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

_DIGITS = {"零": 0, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9, "两": 2}
_SMALL = {"拾": 10, "佰": 100, "仟": 1000}
# 人民币壹拾贰万叁仟元整, 叁佰元伍角, 壹万元正: the capital form of 催款函, 对账函 and 账户 letters.
_WORDS = LazyPattern(
    r"(?:人民币|RMB)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+[元圆](?:[零壹贰叁肆伍陆柒捌玖]角)?(?:[零壹贰叁肆伍陆柒捌玖]分)?[整正]?"
    r"|(?:人民币)?[零壹贰叁肆伍陆柒捌玖]角(?:[零壹贰叁肆伍陆柒捌玖]分)?[整正]?"
)
# The same amount in figures: ¥120,000.00, ￥120000元, 120,000.00元, 小写：120000.
_FIGURES = LazyPattern(
    r"(?:[¥￥]|RMB|CNY|小写[：:]?)\s*(?P<a>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<af>\d{1,2}))?"
    r"|(?<![\d.,])(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<bf>\d{1,2}))?\s*元"
)
_NEAR = (
    40  # characters either side of the capital form: "（大写：…）" right after the figures, or before them
)
_CLAUSE_END = "。；;！？\n"


def capital_value(words: str) -> Decimal | None:
    """The value of 壹拾贰万叁仟肆佰伍拾陆元柒角捌分 (123456.78); None when it is not a well-formed amount."""
    words = words.removeprefix("人民币").removeprefix("RMB").rstrip("整正")
    if not any(char in _DIGITS for char in words):
        return None  # "500万元": 万元 in ordinary text, no capital numeral in it
    integer, _sep, fraction = words.replace("圆", "元").partition("元")
    if not _sep:
        integer, fraction = "", words
    total = section = number = 0
    for char in integer:
        if char in _DIGITS:
            number = _DIGITS[char]
        elif char in _SMALL:
            section += (number or 1) * _SMALL[char]
            number = 0
        elif char == "万":
            total += (section + number) * 10_000
            section = number = 0
        elif char == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
        else:
            return None
    total += section + number
    cents = 0
    for value, mark in zip(fraction[::2], fraction[1::2], strict=False):
        if value not in _DIGITS or mark not in "角分":
            return None
        cents += _DIGITS[value] * (10 if mark == "角" else 1)
    return Decimal(total) + Decimal(cents) / 100


@rule(
    "P-AMOUNT-WORDS",
    "error",
    summary="An amount in capital numerals (人民币壹拾贰万元整) is the amount its figures beside it state",
    source="《会计基础工作规范》(财政部 2019) 第五十二条 (大写金额); 《支付结算办法》附件一 (正确填写票据和结算凭证的基本规定)",
    good=[
        "body: ['截至2026年3月31日，贵司尚欠货款￥123,456.78元（大写：人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分）。']",
        "body: [会务费1600元（大写：壹仟陆佰元整）。]",
    ],
    bad=[
        "body: ['截至2026年3月31日，贵司尚欠货款￥123,456.78元（大写：人民币壹拾贰万叁仟肆佰伍拾元柒角捌分）。']",
        "body: ['请于4月10日前支付（大写：人民币叁万元整）¥35,000.00。']",
    ],
    langs=("zh",),
)
def amount_words(ctx: CheckContext) -> Iterator[Hit]:
    """A 催款函 or 对账函 states what is owed twice, in figures and in capital numerals (大写), so that neither
    can be altered alone; the two must be the same amount, to the fen. The capital form is read as the
    accounting rules write it (人民币 … 元 … 角 … 分, 整 or 正 after a whole amount, 零 for a gap) and compared
    with the nearest amount in figures in the same clause (¥123,456.78, 123456.78元, 小写：…). A capital form
    with no figures beside it is left alone."""
    for field in ctx.iter_texts():
        text = field.text
        for words in _WORDS.finditer(text):
            value = capital_value(words.group())
            if value is None:
                continue
            figures = _nearest_figures(text, words.start(), words.end())
            if figures is None or figures[0] == value:
                continue
            yield Hit(
                field.path,
                _("the capital amount “{words}” is {value}, but the figures beside it say {figures}").format(
                    words=words.group(), value=f"{value:,.2f}", figures=f"{figures[0]:,.2f}"
                ),
                fix=_("correct the capital amount or the figures: they must state the same sum"),
                offset=words.start(),
            )


def _nearest_figures(text: str, start: int, end: int) -> tuple[Decimal, int] | None:
    """The amount in figures closest to text[start:end] within its clause, and where it is written."""
    left = max(text.rfind(mark, 0, start) for mark in _CLAUSE_END) + 1
    right = min((at for mark in _CLAUSE_END if (at := text.find(mark, end)) >= 0), default=len(text))
    best: tuple[int, Decimal, int] | None = None
    # The whole clause is searched (a search from inside a number would read its tail as a number of its
    # own), and only figures within reach of the capital form are taken.
    for found in _FIGURES.finditer(text[:right], left):
        if start <= found.start() < end:
            continue
        whole = (found["a"] or found["b"]).replace(",", "")
        fraction = found["af"] or found["bf"] or "0"
        value = Decimal(f"{whole}.{fraction}")
        distance = start - found.end() if found.end() <= start else found.start() - end
        if distance <= _NEAR and (best is None or distance < best[0]):
            best = (distance, value, found.start())
    return None if best is None else (best[1], best[2])
