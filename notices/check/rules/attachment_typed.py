"""B-ATTNOTE-TYPED: the attachment note typed as a line of the body instead of listed under ``attachments:``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

# "附件：明细表", "附件1：…", "附：往来账款明细表", "附件:" at the start of a line; not "附件已发送至贵司邮箱。".
_TYPED_NOTE = LazyPattern(r"^[ \t\u3000]*附(?:件\s*[\d一二三四五六七八九十]*)?\s*[:：]", re.MULTILINE)


@rule(
    "B-ATTNOTE-TYPED",
    "warning",
    summary="The attachment note (附件：…) is listed under attachments:, not typed into the body",
    source="GB/T 9704-2012 §7.3.4 (附件说明: after the body, indented two characters, numbered, no punctuation)",
    good=["attachments: [往来账款明细表]", "body: [明细表已随函寄送，请查收。]"],
    bad=["body: [请核对。, 附：往来账款明细表]", "body: |\n  请核对。\n  附件：1.往来账款明细表"],
    langs=("zh",),
)
def typed_attachment_note(ctx: CheckContext) -> Iterator[Hit]:
    """A line of the body that opens with 附件： or 附： is the attachment note typed by hand. It prints where
    it stands, in the body's numbering and before 特此通知, and the enclosure itself is never printed as its own
    page; listed under ``attachments:`` it prints after the body as GB/T 9704 sets it (附件：1. …, the names
    hanging under each other), its titles are checked (B-ATTNOTE), and an attachment with ``body:`` gets its
    pages."""
    for field in ctx.iter_texts(top="body"):
        for match in _TYPED_NOTE.finditer(field.text):
            yield Hit(
                field.path,
                _("“{typed}” types the attachment note into the body").format(typed=match.group().strip()),
                fix=_(
                    "list the attachment under attachments: (its title alone); the note is printed from there"
                ),
                offset=match.end() - len(match.group().lstrip()),
            )
