"""B-TITLE-FORM: a Chinese notice's title is issuer + subject + 通知, with no closing punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule

_END_PUNCTUATION = re.compile(r"[。，；：！？、.,;:!?]+$")


@rule(
    "B-TITLE-FORM",
    "error",
    summary="The title ends with its type (…的通知), with no closing punctuation and no 《》 around it",
    source="GB/T 9704-2012 §7.3.1 (标题); 《党政机关公文处理工作条例》第八条 (文种)",
    good=["title: 华东恒信控股有限公司关于2026年春节备货的通知", "title: 紧急通知"],
    bad=[
        "title: 关于2026年春节备货的通知。",
        "title: 《关于2026年春节备货的通知》",
        "title: 关于2026年春节备货通知",
        "title: 春节备货安排",
    ],
    langs=("zh",),
)
def title_form(ctx: CheckContext) -> Iterator[Hit]:
    """A 通知's title names the issuer (optional for a notice under a letterhead), the subject and the
    type: "[单位]关于…的通知", or simply "通知" / "紧急通知". It never ends with punctuation (an error: it is
    removed by --fix) and is not wrapped in 《》 (an error). A title that does not end with 通知, or a
    "关于…通知" without the 的, is a warning."""
    path = ("title",)
    title = ctx.spec.title
    trailing = _END_PUNCTUATION.search(title)
    if trailing:
        yield Hit(
            path,
            f"the title ends with punctuation “{trailing.group()}”",
            fix="a title takes no closing punctuation: remove it",
            offset=trailing.start(),
            edit=Edit(path, trailing.start(), trailing.end(), ""),
        )
    core = title[: trailing.start()] if trailing else title
    if core.startswith("《") and core.endswith("》") and core.count("《") == 1:
        yield Hit(
            path,
            "the whole title is wrapped in 《》",
            fix="remove 《》: book-title marks are for names of documents cited inside a text",
            offset=0,
            edit=Edit(path, 0, len(core), core[1:-1]),
        )
        core = core[1:-1]
    if not core.endswith("通知"):
        yield Hit(
            path,
            "the title does not end with the document type “通知”",
            fix="write it as “[单位]关于…的通知”",
            offset=max(0, len(core) - 1),
            severity="warning",
        )
    elif "关于" in core and "的" not in core[core.index("关于") :]:
        at = len(core) - 2
        yield Hit(
            path,
            "“关于…通知” lacks the 的 before 通知",
            fix="write “关于…的通知”",
            offset=at,
            severity="warning",
        )
