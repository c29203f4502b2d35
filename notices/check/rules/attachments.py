"""B-ATTNOTE: attachment titles carry no punctuation or numbers of their own, and the text cites real ones."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

_END_PUNCTUATION = LazyPattern(r"[。，；：、.,;:]+$")
_OWN_NUMBER = LazyPattern(
    r"^\s*(?:附件\s*[\d一二三四五六七八九十]*\s*[:：、.]?|\d+\s*[.、．]|[（(]\d+[)）])\s*"
)
_CITED = LazyPattern(r"附件\s*([1-9]\d*|[一二三四五六七八九十])(?![\d号])")
_CITED_ANY = LazyPattern(r"(?:见|详见|参见|参阅|填写|附上|如)附件")
_CN = "一二三四五六七八九十"


@rule(
    "B-ATTNOTE",
    "error",
    summary="Attachment titles end without punctuation and carry no number; cited attachments exist",
    source="GB/T 9704-2012 §7.3.4 (附件说明), §8 (附件)",
    good="attachments: [{title: 2026年春节发货安排表}]\nbody: [具体安排见附件1。]",
    bad=[
        "attachments: [{title: 2026年春节发货安排表。}]",
        "attachments: [{title: 附件1：2026年春节发货安排表}]",
        "attachments: [{title: 2026年春节发货安排表}]\nbody: [具体安排见附件2。]",
        "body: [具体安排详见附件。]",
    ],
    langs=("zh",),
)
def attachment_note(ctx: CheckContext) -> Iterator[Hit]:
    """The attachment note ("附件：1. …") is printed from ``attachments:``: titles take no punctuation after
    them (an error; --fix removes it) and no number of their own ("附件1：", "1." — the note numbers them, so
    it would print twice: a warning). The text may cite "附件2" only when there are two attachments, and
    "详见附件" only when there is one at all."""
    count = len(ctx.spec.attachments)
    for index, attachment in enumerate(ctx.spec.attachments):
        path = ("attachments", index, "title")
        title = attachment.title
        trailing = _END_PUNCTUATION.search(title)
        if trailing:
            yield Hit(
                path,
                _("the attachment title ends with “{group}”").format(group=trailing.group()),
                fix=_("remove it: names in the attachment note take no punctuation"),
                offset=trailing.start(),
                edit=Edit(path, trailing.start(), trailing.end(), ""),
            )
        own = _OWN_NUMBER.match(title)
        if own and own.group().strip():
            yield Hit(
                path,
                _("the title starts with its own number “{strip}”").format(strip=own.group().strip()),
                fix=_("remove it: the attachment note numbers attachments itself"),
                offset=0,
                severity="warning",
            )
    for field in ctx.iter_texts():
        if field.top == "attachments":
            continue
        for match in _CITED.finditer(field.text):
            number = match.group(1)
            value = int(number) if number.isdigit() else _CN.index(number) + 1
            if value > count:
                yield Hit(
                    field.path,
                    (
                        _("the text cites 附件{number}, but the notice has {count} attachment")
                        if count == 1
                        else _("the text cites 附件{number}, but the notice has {count} attachments")
                    ).format(number=number, count=count),
                    fix=_("add the attachment under attachments: or correct the number"),
                    offset=match.start(),
                )
        if count == 0:
            for match in _CITED_ANY.finditer(field.text):
                yield Hit(
                    field.path,
                    _("the text refers to an attachment, but attachments: is empty"),
                    fix=_("add it under attachments:"),
                    offset=match.start(),
                )
