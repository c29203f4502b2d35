"""Document types (文种): what a notice is, which decides its closing line, its title's ending and the verb its
kind's phrasing uses ("现将有关事项通告如下").

《党政机关公文处理工作条例》(2012) 第八条 lists the 文种 an organisation writes; companies borrow 通知 (to tell
readers what to do), 通告 (a rule or matter the public must observe or know), 公告 (an announcement to all), 函
(a letter to a party outside one's line of authority) and its answer 复函; 情况说明 (an account of what happened)
is the usual document after an incident. The closing lines are the ones those documents end with in practice
(特此通知 / 特此通告 / 特此公告 / 特此函告 / 特此函复 / 特此说明). English business writing knows a notice, a
letter and, after a service incident, an incident summary (a post-incident report).

A spec says ``doc_type: 通告`` (or ``doc_type: letter``); without it, a Chinese title that ends with a type
("停水公告", "关于调整价格的函") is that type, else the default is 通知 for ``lang: zh`` and ``notice`` for
``lang: en``. 邀请函 (an invitation) has no 特此 line: it closes with the writer's wish. The check rules read :attr:`NoticeBase.document <notices.spec.model.NoticeBase.document>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DocTypeName = Literal[
    "通知", "通告", "公告", "函", "复函", "邀请函", "情况说明", "notice", "letter", "incident summary"
]


@dataclass(frozen=True)
class DocType:
    """One document type: its name as written in a spec and what follows from it."""

    name: str
    lang: Literal["zh", "en"]
    closing: (
        str | None
    )  # the default closing line ("" for none); None: the English letter's complimentary close
    verb: str  # what the phrasing "现将有关事项{verb}如下" uses; in English the noun "this {verb}"
    title_endings: tuple[str, ...]  # what a title of this type ends with (B-TITLE-FORM reads it)


DOC_TYPES: dict[str, DocType] = {
    "通知": DocType("通知", "zh", "特此通知。", "通知", ("通知",)),
    "通告": DocType("通告", "zh", "特此通告。", "通告", ("通告",)),
    "公告": DocType("公告", "zh", "特此公告。", "公告", ("公告",)),
    "函": DocType("函", "zh", "特此函告。", "函告", ("函",)),
    "复函": DocType("复函", "zh", "特此函复。", "函复", ("复函",)),
    # An invitation ends with the writer's wish to see the reader there (敬请光临), not with a 特此 line.
    "邀请函": DocType("邀请函", "zh", "", "告知", ("邀请函",)),
    "情况说明": DocType("情况说明", "zh", "特此说明。", "说明", ("情况说明", "说明")),
    "notice": DocType("notice", "en", None, "notice", ()),
    "letter": DocType("letter", "en", None, "letter", ()),
    "incident summary": DocType("incident summary", "en", None, "summary", ()),
}

DEFAULT = {"zh": "通知", "en": "notice"}


def doc_type(name: str | None, lang: str) -> DocType:
    """The document type a spec names, or its language's default."""
    return DOC_TYPES[name or DEFAULT[lang]]


def of_title(title: str, lang: str) -> DocType | None:
    """The type a Chinese title names at its end ("停水公告" → 公告, "…邀请函" → 邀请函), for a spec that
    does not say ``doc_type:``: its closing and phrasing then follow what the writer called the document,
    never 特此通知 under a 函's title."""
    if lang != "zh":
        return None
    core = title.rstrip(" 。.，,；;！!？?")
    found = [
        kind
        for kind in DOC_TYPES.values()
        if kind.lang == "zh"
        for end in kind.title_endings
        if core.endswith(end)
    ]
    return max(
        found,
        key=lambda kind: max(len(end) for end in kind.title_endings if core.endswith(end)),
        default=None,
    )


def names_for(lang: str) -> list[str]:
    return [name for name, kind in DOC_TYPES.items() if kind.lang == lang]


__all__ = ["DEFAULT", "DOC_TYPES", "DocType", "DocTypeName", "doc_type", "names_for", "of_title"]
