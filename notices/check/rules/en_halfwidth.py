"""EN-HALFWIDTH: English text takes half-width punctuation and digits."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.check.textscan import is_chinese, is_han
from notices.i18n import _

HALF_WIDTH = {
    "，": ",",
    "。": ".",
    "：": ":",
    "；": ";",
    "！": "!",
    "？": "?",
    "（": "(",
    "）": ")",
    "、": ",",
}
_SPACE_AFTER = frozenset("，。：；！？、")


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@rule(
    "EN-HALFWIDTH",
    "error",
    summary="No full-width punctuation or digits (，。：（）２０２６) in English text",
    source="W3C CLREQ (Requirements for Chinese Text Layout) §3.1 (full-width marks belong to Chinese text); GB/T 15834-2011 §5.1",
    good="lang: en\nbody: ['Our warehouse (Shanghai) closes on 9 February 2026. Thank you!']",
    bad=[
        "lang: en\nbody: ['Our warehouse（Shanghai）closes on 9 February 2026。']",
        "lang: en\nbody: ['Orders received after 6 February will ship on 24 February，2026.']",
        "lang: en\nbody: ['Shipping resumes on 24 February ２０２６.']",
    ],
    langs=("en",),
)
def full_width_in_english(ctx: CheckContext) -> Iterator[Hit]:
    """An English letter typed on a Chinese input method picks up ，。：（） and full-width digits, which look
    wrong in a Latin font and break search. A mark counts when a Latin letter or digit stands next to it and no
    Chinese character does (a Chinese company name in brackets keeps its （）). --fix writes the half-width
    mark, followed by a space where English puts one."""
    for field in ctx.iter_texts():
        text = field.text
        for index, ch in enumerate(text):
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if "\uff10" <= ch <= "\uff19":
                if not (is_han(before) or is_han(after)):
                    yield Hit(
                        field.path,
                        _("full-width digit “{ch}” in English text").format(ch=ch),
                        fix=_("write {value}").format(value=chr(ord(ch) - 65248)),
                        offset=index,
                        edit=Edit(field.path, index, index + 1, chr(ord(ch) - 0xFEE0)),
                    )
                continue
            if ch not in HALF_WIDTH:
                continue
            if not (_latin(before) or _latin(after)) or is_han(before) or is_han(after):
                continue
            replacement = HALF_WIDTH[ch]
            if ch in _SPACE_AFTER and after and not after.isspace() and not is_chinese(after):
                replacement += " "
            elif ch == "（" and _latin(before):
                replacement = " ("
            elif ch == "）" and _latin(after):
                replacement = ") "
            yield Hit(
                field.path,
                _("full-width “{ch}” in English text").format(ch=ch),
                fix=_("write “{strip}”").format(strip=replacement.strip()),
                offset=index,
                edit=Edit(field.path, index, index + 1, replacement),
            )
