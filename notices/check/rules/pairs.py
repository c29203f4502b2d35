"""P-PAIRS: paired punctuation is balanced, and no mark is doubled."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.check.textscan import inside, protected_spans
from notices.i18n import _
from notices.patterns import LazyPattern

# Half-width brackets pair with full-width ones here: "（含)" is one pair with a wrong-width half (P-PUNCT).
OPENERS = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "（": "）",
    "(": "）",
    "【": "】",
    "〔": "〕",
    "「": "」",
    "『": "』",
}
_CLOSERS = {
    "”": "“",
    "’": "‘",
    "》": "《",
    "）": "（",
    ")": "（",
    "】": "【",
    "〕": "〔",
    "」": "「",
    "』": "『",
}
_CANONICAL = {"(": "（", ")": "）"}
_DOUBLED = LazyPattern(r"([，、；：])\1+|(?<!。)(。)\2(?!。)")
# Two different marks where one ends the sentence: "快乐！。", "如下：。", "谢谢。，". (“？！” is one mark, a
# question asked with force, GB/T 15834 §4.2.)
_STACKED = LazyPattern(
    r"(?P<end>[！？])(?P<extra>[。，；：])|(?P<first>[，；：、])(?P<stop>[。！？])|。(?P<more>[，；：！？])"
)


@rule(
    "P-PAIRS",
    "error",
    summary="Quotes, brackets and 《》 are balanced; no doubled ，， 。。 、、 or stacked ！。",
    source="GB/T 15834-2011 标点符号用法 §4.8 (引号), §4.9 (括号), §4.15 (书名号)",
    good=[
        "lang: en\nbody: ['1) Holiday for Mid-Autumn Festival is 24 September 2026;', '2) offices reopen the next day.']",
        "body: [请参阅《经销商管理办法》（2026年版）中“备货”一节。]",
    ],
    bad=[
        "body: [请参阅《经销商管理办法（2026年版）中“备货”一节。]",
        "body: [请参阅“备货”一节）。]",
        "body: [请提前备货，，避免断货。。]",
        "body: [感谢支持，祝您新春快乐！。]",
    ],
)
def paired_punctuation(ctx: CheckContext) -> Iterator[Hit]:
    """Every “ has its ”, every 《 its 》, every （ its ）, within one string; a closing mark with no opening
    one is as wrong as the reverse. An apostrophe (’) inside English words is not a quote. Doubled
    ，， 、、 ；； ：： 。。 are typos (a warning; --fix keeps one); 。。。 is an ellipsis, P-DASH's concern.
    So are two different marks where one ends the sentence ("新春快乐！。", "如下：。"; --fix keeps the
    stronger one); "？！" is one mark and stays."""
    for field in ctx.iter_texts():
        yield from _balance(field)
        yield from _doubled(field)
        yield from _stacked(field)


def _is_apostrophe(text: str, index: int) -> bool:
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return before.isascii() and before.isalpha() and (not after or after.isascii())


def _balance(field: TextField) -> Iterator[Hit]:
    text = field.text
    protected = protected_spans(text) + [m.span() for m in _LINE_NUMBER.finditer(text)]
    stack: list[tuple[int, str]] = []
    for index, ch in enumerate(text):
        if inside(index, protected) or (ch in "‘’" and _is_apostrophe(text, index)):
            continue
        if ch in OPENERS and not (ch == "(" and _is_ascii_bracket(text, index)):
            stack.append((index, _CANONICAL.get(ch, ch)))
        elif ch in _CLOSERS and not (
            (ch == ")" and _is_ascii_bracket(text, index))
            or (ch in ")）" and _ENUMERATOR.search(text[: index + 1]))
        ):
            opening = _CLOSERS[ch]
            if stack and stack[-1][1] == opening:
                stack.pop()
            elif any(mark == opening for _index, mark in stack):
                while stack and stack[-1][1] != opening:
                    yield _unclosed(field, *stack.pop())
                stack.pop()
            else:
                opening = "(" if ch == ")" else opening
                yield Hit(
                    field.path,
                    _("“{ch}” closes nothing: its {opening} is missing").format(ch=ch, opening=opening),
                    fix=_("add the {opening} or remove the {ch}").format(opening=opening, ch=ch),
                    offset=index,
                )
    for index, mark in stack:
        yield _unclosed(field, index, mark)


# "1) …", "a) …", "ii) …" opening a list item: the ) numbers the item and closes nothing.
# "1)", "a)" and the full-width "1）" number an item with a closing bracket alone (a 序次语 as lists write it).
_ENUMERATOR = LazyPattern(r"(?:^|[\s:：；;。])\s*(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})[)）]\Z")


# A number typed at the start of a line of pasted text, "(1)值班…", "（一）", "1）", "a)": its brackets are the
# number's (GB/T 15834 §4.9.3.4, 序次语), whichever width was typed, and pair with nothing else.
_LINE_NUMBER = LazyPattern(
    r"(?m)^[ \t\u3000]*(?:[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3}|[A-Za-z]|[ivxIVX]{1,4})[)）]"
    r"|(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})[)）])"
)


def _is_ascii_bracket(text: str, index: int) -> bool:
    """A half-width bracket in English text is English's own business, not a Chinese pair."""
    return not any(
        "\u4e00" <= ch <= "\u9fff" for ch in text[max(0, index - 1) : index + 2] if ch not in "()"
    ) and text.count("(") == text.count(")")


def _unclosed(field: TextField, index: int, mark: str) -> Hit:
    closer = OPENERS[mark]
    return Hit(
        field.path,
        _("“{text}” is never closed").format(text=field.text[index]),
        fix=_("add the closing {closer}").format(closer=closer),
        offset=index,
    )


def _stacked(field: TextField) -> Iterator[Hit]:
    for match in _STACKED.finditer(field.text):
        kept = match["end"] or match["stop"] or "。"
        yield Hit(
            field.path,
            _("two marks “{group}” where one ends the sentence").format(group=match.group()),
            fix=_("keep {kept}").format(kept=kept),
            offset=match.start(),
            edit=Edit(field.path, match.start(), match.end(), kept),
            severity="warning",
        )


def _doubled(field: TextField) -> Iterator[Hit]:
    for match in _DOUBLED.finditer(field.text):
        mark = match.group(1) or match.group(2)
        yield Hit(
            field.path,
            _("doubled “{group}”").format(group=match.group()),
            fix=_("keep one {mark}").format(mark=mark),
            offset=match.start(),
            edit=Edit(field.path, match.start(), match.end(), mark),
            severity="warning",
        )
