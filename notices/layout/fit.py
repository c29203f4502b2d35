"""The sign-off never stands alone on a page (GB/T 9704 §7.3.5.5), decided once for the PDF and the DOCX.

§7.3.5.5: when the space left under the text cannot hold the seal or the issuer and date, adjust the line
spacing or the character spacing. A page holding only the sign-off, or only "特此通知。" and the sign-off, is
the defect a reviewer stops (seen in real notices too). Two measures, in this order:

1. **Tighten.** When the sign-off would open a page of its own, the blocks that start on the page before (and
   an unsealed sign-off's own lines) get a smaller line pitch, the largest (in Word's 1/20 pt, so the DOCX states the same value) that brings the
   sign-off back under the text within the grid's whole lines, and never below ``MIN_PITCH_RATIO`` of the grid's pitch, where the page
   would look crowded. The pages are counted by `pages.py`, not by laying out a PDF.
2. **Keep.** Always, in every profile and both formats: the closing formula (特此通知), the 附件说明 and the
   sign-off are each kept whole and never parted from what precedes them, and the last ``TAIL_LINES`` lines of
   the body travel with them (the ``tail``): when tightening cannot help, those lines go to the next page with
   the sign-off and the rest of their paragraph stays where it is (CSS ``break-before/inside: avoid`` on the
   lines, Word's "keep with next" and "keep lines together"). The sign-off's page then always holds two lines
   of the body, and the page before ends no earlier than it must: moving the whole last paragraph (what
   LibreOffice does with a paragraph kept with the next, sw/source/core/text/widorp.cxx) left pages of
   corpus/real (zh-chalco, zh-fuzhou) lines short at their foot. Where the pages break inside the paragraph,
   the DOCX writes its kept lines as a paragraph of their own (``split``), so that every reader of Word files
   keeps only the lines the PDF keeps.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from notices.document import AttachmentNote, Block, Closing, Heading, Paragraph, SignOff
from notices.layout.pages import Pages, flow, paginate
from notices.layout.zh import ZhLayout
from notices.profiles import MM

MIN_PITCH_RATIO = 0.85  # below this the text looks crowded: rather let a line go with the sign-off
STEP_PT = 0.05  # Word's unit for exact line spacing (1/20 pt)
# Lines of the body that go with the sign-off to its page: two, as a paragraph's widows (CSS 2.1 §13.3.2) and
# as a reviewer of a 行政's notice wants it (issue 13); one line and the sign-off reads as a page added for it.
TAIL_LINES = 2
# Chinese next to a half-width digit or letter: where LibreOffice adds its script space (see ``_split``)
_SPACED = re.compile(r"(?<=[\u3400-\u9fff])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[\u3400-\u9fff])")


@dataclass(frozen=True)
class SignOffFit:
    """What both renderers apply: smaller pitches for some blocks, and the blocks kept with the sign-off.

    ``pages``: the pages `pages.py` predicts with both applied (Chinese notices; None for English letters,
    whose lines the renderers break). ``tail``: block index → the first of its lines that travels with the
    sign-off (0: the whole block), for the body's last lines (``tail_of``). ``split``: the tail's first block
    when the pages break inside it, right before its kept lines: the DOCX writes those lines as a paragraph
    of their own.
    """

    tight: Mapping[int, float] = field(default_factory=dict)  # block index → line pitch, pt
    keep: frozenset[int] = frozenset()  # blocks kept whole and with the block before them
    pages: Pages | None = None
    tail: Mapping[int, int] = field(default_factory=dict)
    split: int | None = None


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


def tail_of(zh: ZhLayout, keep: frozenset[int]) -> dict[int, int]:
    """The body's last ``TAIL_LINES`` lines before the kept blocks: block index → its first line among them.
    Only paragraphs and headings give lines (a heading goes with what follows anyway); a table, a title or
    an attachment before them ends the tail."""
    blocks = zh.doc.blocks
    tail: dict[int, int] = {}
    wanted = TAIL_LINES
    index = min(keep) - 1 if keep else -1
    while wanted > 0 and index >= 0 and isinstance(blocks[index], Paragraph | Heading):
        count = len(zh.text_lines(blocks[index]))
        tail[index] = max(0, count - wanted)
        wanted -= count
        index -= 1
    return tail


def fit_sign_off(zh: ZhLayout) -> SignOffFit:
    """The tightening and keeps for a Chinese notice, with the pages they give."""
    blocks = zh.doc.blocks
    keep = kept_with_sign_off(blocks)
    tail = tail_of(zh, keep)
    height = page_height(zh)
    kept = paginate(flow(zh, blocks, keep=keep, tail=tail), height)
    if not keep:
        return SignOffFit({}, keep, kept)
    untightened = SignOffFit({}, keep, kept, tail, _split(zh, kept, tail))
    natural = paginate(flow(zh, blocks), height)
    first_kept = min(keep)
    page = natural.first_page(max(keep))
    if page is None or page == 0 or not _stranded(natural, keep, page):
        return untightened
    starting = [
        index
        for index in range(max(keep))
        if natural.first_page(index) == page - 1 and _is_text(blocks[index])
    ]
    if not starting:
        return untightened
    # The sign-off's own lines (its blank line, the issuer, the date, a 附注) come to that page too, and are
    # tightened with it: §7.3.5.5 adjusts the spacing of what must fit, not only of the text above. Not under
    # a seal, whose place on the issuer and date is measured on the grid's pitch (§7.3.5.1, zh.py).
    sign_off = blocks[max(keep)]
    if isinstance(sign_off, SignOff) and sign_off.seal is None:
        starting = sorted({*starting, *keep})
    pitch = zh.pitch
    tight = math.floor(pitch / STEP_PT) * STEP_PT
    lowest = pitch * MIN_PITCH_RATIO
    while tight >= lowest:
        tight = round(tight - STEP_PT, 2)
        plan = dict.fromkeys(starting, tight)
        pieces = flow(zh, blocks, plan, keep, tail)
        pages = paginate(pieces, height)
        # Fitted to the grid's whole lines too: LibreOffice gives a page with a "lines" document grid only
        # the height of its 22 lines, a little under the type area WeasyPrint fills (zh-kedcable).
        if all(
            laid.first_page(max(keep)) == page - 1 and laid.first_page(first_kept) == page - 1
            for laid in (pages, paginate(pieces, grid_height(zh)))
        ):
            return SignOffFit(plan, keep, pages, tail, _split(zh, pages, tail))
    return untightened


def _split(zh: ZhLayout, pages: Pages, tail: Mapping[int, int]) -> int | None:
    """The tail's first block, a paragraph, when the pages break inside it right before the lines it keeps,
    and a reader of the DOCX sets the lines before them as we do.

    Only where the pages break: written apart always, a paragraph whose lines LibreOffice breaks otherwise
    than we do ended its first part with a line of one character stretched across the page
    (corpus/real/zh-kedcable). And not where a line before the kept ones has Chinese next to a digit or a
    Latin letter: LibreOffice puts a fifth of an em there whatever the DOCX says (ooxml.disable_auto_space),
    so those full lines overflow and it breaks them anew, and the first part's last line came out short and
    stretched (corpus/reviewed/zh-duanwu-2021-stale). There the paragraph stays whole, kept with the next:
    Word still keeps only its last line with the closing; LibreOffice moves all of it."""
    if not tail:
        return None
    first = min(tail)
    line = tail[first]
    block = zh.doc.blocks[first]
    if line == 0 or not isinstance(block, Paragraph):
        return None
    if any(_SPACED.search(set_line.text) for set_line in zh.text_lines(block)[:line]):
        return None
    on = [p for piece, p in zip(pages.pieces, pages.page_of, strict=True) if piece.block == first]
    return first if len(on) > line and on[line - 1] != on[line] else None


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
    "TAIL_LINES",
    "SignOffFit",
    "fit_sign_off",
    "grid_height",
    "kept_with_sign_off",
    "page_height",
    "tail_of",
]
