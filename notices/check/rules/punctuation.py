"""P-PUNCT: half-width punctuation inside Chinese text. Numbers, times, URLs, e-mail and English are left alone."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.check.textscan import han_ratio, inside, is_chinese, protected_spans
from notices.i18n import _

FULL_WIDTH = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_SPACES = " \t"


@rule(
    "P-PUNCT",
    "warning",
    summary="No half-width , . : ; ! ? ( ) in Chinese text (decimals, 17:00, URLs, e-mail, model numbers are fine)",
    source="GB/T 15834-2011 标点符号用法 §3, §4; W3C CLREQ (Requirements for Chinese Text Layout) §3.1",
    good=[
        "body: ['节后到货延迟5至7天，涨幅3.5%，服务时间9:00—17:00，详见https://hx.example.com/a?b=1。']",
        "body: [型号XR-200.1已补货，联系邮箱service@hengxin.example.com。]",
        "body: ['1.订单截止时间：2026年2月6日。']",
    ],
    bad=[
        "body: ['感谢贵司的支持,现将有关事项通知如下:']",
        "body: ['请提前下单(含节前最后一批订单).']",
        "body: ['联系电话:400-820-1688']",
    ],
    profile_severity={"gbt9704": "error"},
)
def half_width_punctuation(ctx: CheckContext) -> Iterator[Hit]:
    """Chinese text takes full-width punctuation: ，。：；！？（）. A half-width mark counts as in Chinese text
    when a Chinese character or full-width mark stands next to it (spaces skipped). A full stop counts only
    after Chinese ("Co., Ltd." and "1." are not sentences ending). Left alone: marks between digits (3.5%, 9:30,
    1,000), URLs, e-mail addresses, domain names, ``{{ variables }}``, and English text. Brackets are judged as
    a pair. --fix replaces each mark with its full-width form and drops the space after it. A warning under
    `enterprise`, an error under `gbt9704`. The salutation's final colon is B-RECIP's. In an English letter only
    strings that are mostly Chinese are checked."""
    for field in ctx.iter_texts():
        # In an English letter a Chinese name is a word of English text: "华东恒信分公司, our branch".
        if ctx.lang == "en" and han_ratio(field.text) < 0.5:
            continue
        yield from _field(field)


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and text[index] in _SPACES:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _brackets(text: str, protected: list[tuple[int, int]]) -> dict[int, int]:
    """Each half-width bracket's partner, by index."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for index, ch in enumerate(text):
        if ch not in "()" or inside(index, protected):
            continue
        if ch == "(":
            stack.append(index)
        elif stack:
            opening = stack.pop()
            partner[opening], partner[index] = index, opening
    return partner


def flagged_positions(text: str) -> list[int]:
    """Indices of half-width marks that stand in Chinese text."""
    protected = protected_spans(text)
    flagged: set[int] = set()
    for index, ch in enumerate(text):
        if ch not in FULL_WIDTH or inside(index, protected):
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if ch in ",.:" and before.isdigit() and after.isdigit():
            continue  # 3.5, 9:30, 1,000
        if ch == "." and (after == "." or before == "."):
            continue  # an ellipsis is P-DASH's
        prev, nxt = _neighbour(text, index, -1), _neighbour(text, index, 1)
        prev_cn, next_cn = bool(prev) and is_chinese(prev), bool(nxt) and is_chinese(nxt)
        if ch == "." and not prev_cn:
            continue
        if prev_cn or next_cn:
            flagged.add(index)
    partner = _brackets(text, protected)
    for index in list(flagged):
        if index in partner:
            flagged.add(partner[index])
    return sorted(flagged)


def _field(field: TextField) -> Iterator[Hit]:
    text = field.text
    skip_last = field.path == ("salutation",)
    for index in flagged_positions(text):
        if skip_last and index == len(text.rstrip()) - 1:
            continue
        ch = text[index]
        end = index + 1
        if ch not in "()":
            while end < len(text) and text[end] == " ":
                end += 1  # a full-width mark carries its own space
        yield Hit(
            field.path,
            _("half-width “{ch}” in Chinese text").format(ch=ch),
            fix=_("use the full-width “{FULL_WIDTH}”").format(FULL_WIDTH=FULL_WIDTH[ch]),
            offset=index,
            edit=Edit(field.path, index, end, FULL_WIDTH[ch]),
        )
