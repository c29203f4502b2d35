"""N-CLOSE and P-GENRE: a notice closes as its document type does, and never asks for approval as a report would."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

_GENRE_CLOSINGS = LazyPattern(
    r"特此通知|特此通告|特此公告|特此说明|特此报告|特此函告|特此函复|特此函达|特此批复|特此请示|特此证明|此复"
    r"|以上报告|以上请示|妥否，?请批示|请审阅"
)
_REQUEST = LazyPattern(r"妥否|当否|请批示|请予批准|请予审批|请批复|请领导审阅")
# The closings a 复函 may end with besides its own 特此函复.
_ALSO = {"复函": frozenset({"此复"})}


@rule(
    "N-CLOSE",
    "error",
    summary="A notice closes as its document type does (特此通知, 特此函告 …) or with wishes, and not twice",
    source="GB/T 9704-2012 §7.3.3 (正文); 《党政机关公文处理工作条例》第八条 (文种: 通知、报告、函)",
    good=[
        "closing: 特此通知。",
        "closing: 感谢您的理解与支持！",
        "doc_type: 函\ntitle: 关于调整价格的函\nclosing: 特此函告。",
    ],
    bad=[
        "closing: 特此报告。",
        "closing: 此复。",
        "body: [现将有关事项通知如下。, 特此通知。]",
        "doc_type: 公告\ntitle: 停水公告\nclosing: 特此通知。",
    ],
    langs=("zh",),
)
def closing_genre(ctx: CheckContext) -> Iterator[Hit]:
    """The closing line is the document type's own, which the composer prints by default: 特此通知 for a 通知,
    特此通告, 特此公告, 特此函告 for a 函, 特此函复 (or 此复) for a 复函, 特此说明 for a 情况说明 (``doc_type:``).
    Another genre's closing is an error: 特此报告 (a report), 妥否，请批示 (a request), 特此函告 in a 通知,
    特此通知 in a 公告. Writing the closing into the body as well prints it twice (a warning): set
    `closing:` instead. Wishes (感谢您的理解与支持！) close any of them."""
    document = ctx.spec.document
    own = (document.closing or "").rstrip("。")  # "": an invitation has no 特此 line of its own
    allowed = {own} | _ALSO.get(document.name, frozenset())
    closing = ctx.spec.closing
    if closing:
        wrong = next((m for m in _GENRE_CLOSINGS.finditer(closing) if m.group() not in allowed), None)
        if wrong:
            yield Hit(
                ("closing",),
                _("“{group}” closes another genre, not a {document}").format(
                    group=wrong.group(), document=document.name
                ),
                fix=_("close with {closing}").format(closing=own + "。")
                if own
                else _("close with your wish (敬请光临), or with nothing"),
                offset=wrong.start(),
            )
    closes_as_own = closing is None or own in closing
    if not own or not closes_as_own:
        return
    for field in ctx.iter_texts(top="body"):
        at = field.text.find(own)
        if at >= 0:
            yield Hit(
                field.path,
                _("{closing} in the body: the closing already prints it, so it would appear twice").format(
                    closing=own
                ),
                fix=_("remove it from the body (or set closing: to the wording you want)"),
                offset=at,
                severity="warning",
            )


@rule(
    "P-GENRE",
    "error",
    summary="No request phrasing (妥否 / 请批示) in a 通知",
    source="《党政机关公文处理工作条例》第八条 (文种: 请示 asks, 通知 tells)",
    good="body: [请各经销商提前安排订货计划。]",
    bad="body: [以上安排妥否，请批示。]",
    langs=("zh",),
)
def request_phrasing(ctx: CheckContext) -> Iterator[Hit]:
    """妥否 / 当否 / 请批示 / 请予批准 ask a superior to approve: they belong in a 请示, never in a notice
    sent to customers."""
    for field in ctx.iter_texts():
        for match in _REQUEST.finditer(field.text):
            yield Hit(
                field.path,
                _("“{group}” asks for approval, as a 请示 does, not a 通知").format(group=match.group()),
                fix=_("state the arrangement instead"),
                offset=match.start(),
            )
