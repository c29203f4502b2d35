"""B-TITLE-FORM: a Chinese notice's title is issuer + subject + document type, with no closing punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

_END_PUNCTUATION = LazyPattern(r"[。，；：！？、.,;:!?]+$")
# The 文种 of 《党政机关公文处理工作条例》(2012) 第八条, longest first so 通知书 is read before 通知 and 复函 before 函.
_STATUTORY_TYPES = (
    "决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案",
    "函", "纪要",
)  # fmt: skip
# What companies title their own documents with beyond those: 通知书 and 告知书 (a notice handed to one party),
# 情况说明 (an account of an incident), 声明, 启事, 公示, 倡议书, and the many letters that end in 函 (邀请函,
# 确认函, 告知函) or 信 (致客户的一封信).
_BUSINESS_TYPES = (
    "通知书",
    "告知书",
    "情况说明",
    "说明",
    "声明",
    "启事",
    "公示",
    "倡议书",
    "一封信",
    "告客户书",
)
DOCUMENT_TYPES = tuple(sorted({*_STATUTORY_TYPES, *_BUSINESS_TYPES}, key=len, reverse=True))


def document_type_of(title: str) -> str | None:
    """The document type a title ends with ("关于…的通告" → 通告), or None."""
    return next((kind for kind in DOCUMENT_TYPES if title.endswith(kind)), None)


@rule(
    "B-TITLE-FORM",
    "error",
    summary="The title ends with its document type (…的通知, …的通告, …的函), with no closing punctuation and no 《》",
    source="GB/T 9704-2012 §7.3.1 (标题: 发文机关名称、事由和文种); 《党政机关公文处理工作条例》第八条 (文种)",
    good=[
        "title: 华东恒信控股有限公司关于2026年春节备货的通知",
        "title: 紧急通知",
        "title: 株洲市供水公司关于停水的通告",
        "title: 关于2026年产品价格调整的函",
        "title: 关于4月8日系统故障的情况说明",
        "title: 产品调价通知书",
        "doc_type: 通告\ntitle: 株洲市供水公司关于停水的通告",
    ],
    bad=[
        "title: 关于2026年春节备货的通知。",
        "title: 《关于2026年春节备货的通知》",
        "title: 关于2026年春节备货通知",
        "title: 关于停水通告",
        "title: 春节备货安排",
        "doc_type: 通告\ntitle: 株洲市供水公司关于停水的通知",
    ],
    langs=("zh",),
)
def title_form(ctx: CheckContext) -> Iterator[Hit]:
    """A formal title names the issuer (optional under a letterhead), the subject and the document type:
    "[单位]关于…的通知", "…的通告", "…的函", "…的情况说明", or simply "通知" / "紧急通知". Any 文种 of the
    条例's 第八条 closes a title, and so do the types companies use (通知书, 告知书, 情况说明, 声明, 启事, 公示).
    It never ends with punctuation (an error: removed by --fix) and is not wrapped in 《》 (an error). "关于…
    通知" without the 的 is a warning. A title that names no type at all ("春节放假安排") is advice (info): a
    company's own page is often headed so, but a formal notice says what it is. A spec that declares its type
    (``doc_type: 通告``) has a title that ends with it: "…的通知" under ``doc_type: 通告`` is a warning."""
    path = ("title",)
    title = ctx.spec.title
    trailing = _END_PUNCTUATION.search(title)
    if trailing:
        yield Hit(
            path,
            _("the title ends with punctuation “{group}”").format(group=trailing.group()),
            fix=_("a title takes no closing punctuation: remove it"),
            offset=trailing.start(),
            edit=Edit(path, trailing.start(), trailing.end(), ""),
        )
    core = title[: trailing.start()] if trailing else title
    if core.startswith("《") and core.endswith("》") and core.count("《") == 1:
        yield Hit(
            path,
            _("the whole title is wrapped in 《》"),
            fix=_("remove 《》: book-title marks are for names of documents cited inside a text"),
            offset=0,
            edit=Edit(path, 0, len(core), core[1:-1]),
        )
        core = core[1:-1]
    kind = document_type_of(core)
    declared = ctx.spec.document if ctx.spec.doc_type else None
    if kind is None:
        meant = declared.name if declared else "通知"
        yield Hit(
            path,
            _("the title names no document type (通知, 通告, 公告, 函, 情况说明 …)"),
            fix=(
                _("write it as “[单位]关于…的{meant}”")
                if declared
                else _("write it as “[单位]关于…的{meant}” (or 通告, 公告, 函: what the document is)")
            ).format(meant=meant),
            offset=max(0, len(core) - 1),
            severity="info",
        )
    elif declared is not None and not core.endswith(declared.title_endings):
        yield Hit(
            path,
            _("the title ends with “{kind}” but the spec says doc_type: {name}").format(
                kind=kind, name=declared.name
            ),
            fix=_("end the title with {title_endings}, or set doc_type: to what the document is").format(
                title_endings=declared.title_endings[0]
            ),
            offset=len(core) - len(kind),
            severity="warning",
        )
    elif "关于" in core and "的" not in core[core.index("关于") :]:
        yield Hit(
            path,
            _("“关于…{kind}” lacks the 的 before {kind}").format(kind=kind),
            fix=_("write “关于…的{kind}”").format(kind=kind),
            offset=len(core) - len(kind),
            severity="warning",
        )
