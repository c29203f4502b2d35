"""H-DOCNO: the document number reads 机关代字〔2026〕1号."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.check.textscan import SCAFFOLD_MARK
from notices.i18n import _
from notices.patterns import LazyPattern

CORRECT = LazyPattern(r"^\S+〔\d{4}〕[1-9]\d*号$")
_PARTS = LazyPattern(
    r"^(?P<org>\S+?)\s*(?P<open>[〔\[［【(（<〈「{])\s*(?P<year>\d{2,4})\s*(?P<close>[〕\]］】)）>〉」}])"
    r"\s*(?P<di>第)?\s*(?P<num>\d+)\s*(?P<hao>号)?$"
)
_PLACEHOLDER = LazyPattern(r"[XxＸ×○]")


@rule(
    "H-DOCNO",
    "error",
    summary="The document number reads 机关代字〔2026〕1号: 〔〕, four-digit year, no 第, no leading zeros",
    source="GB/T 9704-2012 党政机关公文格式 §7.2.4 (发文字号)",
    good="issuer: {name: 华东恒信控股有限公司, doc_number: 恒信发〔2026〕1号}",
    bad=[
        "issuer: {name: 华东恒信控股有限公司, doc_number: '恒信发[2026]1号'}",
        "issuer: {name: 华东恒信控股有限公司, doc_number: 恒信发〔2026〕第001号}",
        "issuer: {name: 华东恒信控股有限公司, doc_number: 恒信发〔26〕1号}",
    ],
    langs=("zh",),
    profile_severity={"enterprise": "warning"},
)
def document_number(ctx: CheckContext) -> Iterator[Hit]:
    """发文字号 is 机关代字 + year in 六角括号 〔〕 (U+3014/U+3015) + serial number + 号, e.g. 恒信发〔2026〕1号:
    the year in full, no 第 before the number, no leading zeros. [] 【】 () （） are not the standard's
    brackets. Real companies differ (some print [2026] or 第001号), so under the `enterprise` profile these are
    warnings; under `gbt9704` and `letter` they are errors. A number with no year in brackets at all is an
    error everywhere. The year must be the issue year (P-YEAR)."""
    number = ctx.spec.issuer.doc_number
    if not number or _PLACEHOLDER.search(number) or SCAFFOLD_MARK.search(number):
        return  # P-PLACEHOLDER reports a number still to fill in
    path = ("issuer", "doc_number")
    if CORRECT.match(number):
        return
    parts = _PARTS.match(number)
    if parts is None:
        yield Hit(
            path,
            _("“{number}” is not a document number of the form 机关代字〔2026〕1号").format(number=number),
            fix=_("write it as 代字〔年份〕序号号, e.g. 恒信发〔2026〕1号"),
            offset=0,
            severity="error",
        )
        return
    if (parts["open"], parts["close"]) != ("〔", "〕"):
        start, end = parts.start("open"), parts.end("close")
        yield Hit(
            path,
            _("the year is in {brackets}, not in the 六角括号 〔〕").format(
                brackets=parts["open"] + parts["close"]
            ),
            fix=_("write 〔{year}〕").format(year=parts["year"]),
            offset=start,
            edit=Edit(path, start, end, f"〔{parts['year']}〕") if len(parts["year"]) == 4 else None,
        )
    if len(parts["year"]) != 4:
        yield Hit(
            path,
            _("the year is not written in full"),
            fix=_("write all four digits, e.g. 〔2026〕"),
            offset=parts.start("year"),
        )
    if parts["di"]:
        yield Hit(
            path,
            _("a document number has no 第 before the serial number"),
            fix=_("remove 第"),
            offset=parts.start("di"),
            edit=Edit(path, parts.start("di"), parts.end("di"), ""),
        )
    digits = parts["num"]
    if digits.startswith("0") and digits.strip("0"):
        yield Hit(
            path,
            _("the serial number “{digits}” has leading zeros").format(digits=digits),
            fix=_("write {digits}号").format(digits=int(digits)),
            offset=parts.start("num"),
            edit=Edit(path, parts.start("num"), parts.end("num"), str(int(digits))),
        )
    if not parts["hao"]:
        yield Hit(
            path,
            _("the serial number is not followed by 号"),
            fix=_("end it with 号"),
            offset=len(number) - 1,
        )
    space = re.search(r"\s", number)
    if space:
        yield Hit(
            path, _("a document number has no spaces"), fix=_("remove the spaces"), offset=space.start()
        )
