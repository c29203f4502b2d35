"""N-CLOSE and P-GENRE: a 通知 closes as a notice, and never asks for approval as a report would."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

_OTHER_GENRE_CLOSINGS = LazyPattern(
    r"特此报告|特此函告|特此函复|特此函达|特此批复|特此请示|特此证明|此复|以上报告|以上请示|妥否，?请批示|请审阅"
)
_REQUEST = LazyPattern(r"妥否|当否|请批示|请予批准|请予审批|请批复|请领导审阅")


@rule(
    "N-CLOSE",
    "error",
    summary="A 通知 closes with 特此通知 (or wishes), not another genre's closing, and not twice",
    source="GB/T 9704-2012 §7.3.3 (正文); 《党政机关公文处理工作条例》第八条 (文种: 通知、报告、函)",
    good=["closing: 特此通知。", "closing: 感谢您的理解与支持！"],
    bad=["closing: 特此报告。", "closing: 此复。", "body: [现将有关事项通知如下。, 特此通知。]"],
    langs=("zh",),
)
def closing_genre(ctx: CheckContext) -> Iterator[Hit]:
    """ "特此通知" stands as its own paragraph after the body; the composer prints it by default.
    Closings of other genres are errors in a 通知: 特此报告 (a report), 此复 / 特此函复 (a reply),
    特此函告 (a letter), 妥否，请批示 (a request). Writing 特此通知 into the body as well prints it twice
    (a warning): set `closing:` instead."""
    closing = ctx.spec.closing
    if closing:
        wrong = _OTHER_GENRE_CLOSINGS.search(closing)
        if wrong:
            yield Hit(
                ("closing",),
                _("“{group}” closes another genre, not a 通知").format(group=wrong.group()),
                fix=_("close with 特此通知。"),
                offset=wrong.start(),
            )
    closes_as_notice = closing is None or "特此通知" in closing
    if not closes_as_notice:
        return
    for field in ctx.iter_texts(top="body"):
        at = field.text.find("特此通知")
        if at >= 0:
            yield Hit(
                field.path,
                _("特此通知 in the body: the closing already prints it, so it would appear twice"),
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
