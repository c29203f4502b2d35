"""The sign-off never stands alone on a page (GB/T 9704 §7.3.5.5), decided once for the PDF and the DOCX.

§7.3.5.5: when the space left under the text cannot hold the seal or the issuer and date, adjust the line
spacing or the character spacing. A page holding only the sign-off, or only "特此通知。" and the sign-off, is
the defect a reviewer stops (seen in real notices too). Two measures, in this order:

1. **Tighten.** When the sign-off would open a page of its own, the blocks that start on the page before get
   a smaller line pitch, the largest (in Word's 1/20 pt, so the DOCX states the same value) that brings the
   sign-off back under the text within the grid's whole lines, and never below ``MIN_PITCH_RATIO`` of the grid's pitch, where the page
   would look crowded. The pages are counted by `pages.py`, not by laying out a PDF.
2. **Keep.** Always, in every profile and both formats: the closing formula (特此通知), the 附件说明 and the
   sign-off are each kept whole and never parted from what precedes them, so when tightening cannot help,
   the last line of the body goes to the next page with them (CSS ``break-before/inside: avoid``, Word's
   "keep with next" and "keep lines together"). The sign-off's page then always holds a line of the body.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from notices.document import AttachmentNote, Block, Closing, SignOff
from notices.layout.pages import Pages, flow, paginate
from notices.layout.zh import ZhLayout
from notices.profiles import MM

MIN_PITCH_RATIO = 0.85  # below this the text looks crowded: rather let a line go with the sign-off
STEP_PT = 0.05  # Word's unit for exact line spacing (1/20 pt)


@dataclass(frozen=True)
class SignOffFit:
    """What both renderers apply: smaller pitches for some blocks, and the blocks kept with the sign-off.

    ``pages``: the pages `pages.py` predicts with both applied (Chinese notices; None for English letters,
    whose lines the renderers break).
    """

    tight: Mapping[int, float] = field(default_factory=dict)  # block index → line pitch, pt
    keep: frozenset[int] = frozenset()  # blocks kept whole and with the block before them
    pages: Pages | None = None


def kept_with_sign_off(blocks: Sequence[Block]) -> frozenset[int]:
    """The sign-off and the closing formula and 附件说明 right before it: they travel together."""
    sign_off = next((i for i, b in enumerate(blocks) if isinstance(b, SignOff)), None)
    if sign_off is None:
        return frozenset()
    keep = {sign_off}
    index = sign_off - 1
    while index >= 0 and isinstance(blocks[index], Closing | AttachmentNote):
        keep.add(index)
        index -= 1
    return frozenset(keep)


def fit_sign_off(zh: ZhLayout) -> SignOffFit:
    """The tightening and keeps for a Chinese notice, with the pages they give."""
    blocks = zh.doc.blocks
    keep = kept_with_sign_off(blocks)
    height = page_height(zh)
    kept = paginate(flow(zh, blocks, keep=keep), height)
    if not keep:
        return SignOffFit({}, keep, kept)
    natural = paginate(flow(zh, blocks), height)
    first_kept = min(keep)
    page = natural.first_page(max(keep))
    if page is None or page == 0 or not _stranded(natural, keep, page):
        return SignOffFit({}, keep, kept)
    starting = [
        index
        for index in range(max(keep))
        if natural.first_page(index) == page - 1 and _is_text(blocks[index])
    ]
    if not starting:
        return SignOffFit({}, keep, kept)
    pitch = zh.pitch
    tight = math.floor(pitch / STEP_PT) * STEP_PT
    lowest = pitch * MIN_PITCH_RATIO
    while tight >= lowest:
        tight = round(tight - STEP_PT, 2)
        plan = dict.fromkeys(starting, tight)
        pieces = flow(zh, blocks, plan, keep)
        pages = paginate(pieces, height)
        # Fitted to the grid's whole lines too: LibreOffice gives a page with a "lines" document grid only
        # the height of its 22 lines, a little under the type area WeasyPrint fills (zh-kedcable).
        if all(
            laid.first_page(max(keep)) == page - 1 and laid.first_page(first_kept) == page - 1
            for laid in (pages, paginate(pieces, grid_height(zh)))
        ):
            return SignOffFit(plan, keep, pages)
    return SignOffFit({}, keep, kept)


def _stranded(pages: Pages, keep: frozenset[int], page: int) -> bool:
    """No line of the body above the sign-off on its page (the closing and 附件说明 do not count)."""
    return not any(piece.block not in keep and piece.block >= 0 for piece in pages.lines_on(page))


def _is_text(block: Block) -> bool:
    return block.kind in ("title", "salutation", "heading", "paragraph", "closing", "note", "attachment_note")


def page_height(zh: ZhLayout) -> float:
    p = zh.profile
    return (p.page_height_mm - p.margin_top_mm - p.margin_bottom_mm) * MM


def grid_height(zh: ZhLayout) -> float:
    """The height of the page's whole grid lines (22 × 28.95 pt): what a DOCX reader that lays the text on
    the document grid, as LibreOffice does, fills before it breaks the page."""
    return math.floor(page_height(zh) / zh.pitch + 1e-9) * zh.pitch


__all__ = [
    "MIN_PITCH_RATIO",
    "SignOffFit",
    "fit_sign_off",
    "grid_height",
    "kept_with_sign_off",
    "page_height",
]
