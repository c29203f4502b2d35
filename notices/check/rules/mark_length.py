"""H-MARK-LONG: the issuer mark fits its one line at a size that still reads as a mark."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.profiles import MARK_LETTER_SPACING_EM, MARK_MIN_PT, get_profile

# The width of a character of the mark in em: Han, kana and full-width forms fill the em; Latin letters and
# digits in 小标宋 average about half of it.
_NARROW_EM = 0.55


def mark_width_em(text: str) -> float:
    """The mark's width in em with its letter-spacing, as the layout sets it (estimated for Latin letters)."""
    wide = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else _NARROW_EM for ch in text)
    return wide + MARK_LETTER_SPACING_EM * max(len(text) - 1, 0)


@rule(
    "H-MARK-LONG",
    "warning",
    summary="The red letterhead's name fits one line at 22 pt or more: give a long name a shorter issuer.header",
    source="GB/T 9704-2012 §7.2.4 (发文机关标志: 醒目、美观、庄重; the issuer's full name or its standard short form)",
    good="issuer: {name: 中国石油化工股份有限公司华东地区销售分公司上海市浦东新区第三经营部, header: 中国石化华东销售分公司}",
    bad="issuer: {name: 中国石油化工股份有限公司华东地区销售分公司上海市浦东新区第三经营部}",
    langs=("zh",),
)
def mark_length(ctx: CheckContext) -> Iterator[Hit]:
    """The letterhead prints ``issuer.header``, else ``issuer.name``, on one line across the type area (156 mm).
    A name too long for that is set smaller, down to whatever fits: past about 19 characters it falls below
    22 pt (二号) and reads as a heading, not a letterhead, though it stays inside the margins. GB/T 9704 lets
    the mark be the issuer's standard short form, so the fix is a shorter ``issuer.header``: the company's
    short name, or its name without the branch."""
    profile = get_profile(ctx.profile)
    if not profile.red_head:
        return
    header = ctx.spec.issuer.header
    text = header or ctx.spec.issuer.name
    if not text or mark_width_em(text) * MARK_MIN_PT <= profile.type_width_pt:
        return
    size = profile.type_width_pt / mark_width_em(text)
    path = ("issuer", "header") if header else ("issuer", "name")
    yield Hit(
        path,
        _(
            "the letterhead “{text}” ({count} characters) fits its one line only at {size:.0f} pt, below 22 pt"
        ).format(text=text, count=len(text), size=size),
        fix=_("give issuer.header a shorter mark, such as the company's short name"),
    )
