"""Layout stage: what the page decides, once per document, for the PDF and the DOCX alike.

Between compose (the document model) and render (PDF, DOCX): the faces and their metrics, the grid, the lines
of every Chinese text block (our own breaker, `linebreak.py`, justified by `typeset.py`), title breaks, the
head geometry of GB/T 9704 and the sign-off's place. Nothing here imports WeasyPrint or python-docx: a DOCX
alone is laid out without a PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from notices.document import Document, Paragraph, Table
from notices.profiles import Profile, get_profile

if TYPE_CHECKING:
    from notices.layout.colophon import ColophonPlace
    from notices.layout.fit import SignOffFit
    from notices.layout.items import ItemIndent
    from notices.layout.tables import TableLayout
    from notices.layout.zh import ZhLayout


@dataclass(frozen=True, eq=False)
class Layout:
    """A document with what its pages decide: both renderers draw from this and compute none of it again.

    ``zh``: the measurements and set lines of a Chinese notice (None for an English letter, whose lines the
    renderers break). ``fit``: the sign-off's tightening and keeps (§7.3.5.5), with the pages as they come
    out. ``colophon``: the 版记's page (§7.4.1, at the foot of the last even page; `colophon.py`).
    ``items``: level → the hanging indents of an English letter's numbered items (`items.py`).
    """

    doc: Document
    profile: Profile
    zh: ZhLayout | None
    fit: SignOffFit = field(repr=False)
    colophon: ColophonPlace | None = None
    items: Mapping[int, ItemIndent] = field(default_factory=dict)

    def table(self, block: Table) -> TableLayout:
        """A table's columns, sizes, alignment and row lines (``tables.py``), the same for both renderers."""
        from notices.layout.tables import table_layout

        return table_layout(block, self.profile)

    def item(self, block: Paragraph) -> ItemIndent | None:
        """The indents of an English numbered item (None for a Chinese notice or an unnumbered paragraph)."""
        if self.zh is not None or not block.number:
            return None
        return self.items.get(max(block.level, 1))


def profile_of(doc: Document) -> Profile:
    return doc.look.profile if doc.look else get_profile(doc.profile)


def lay_out(doc: Document) -> Layout:
    """Lay ``doc`` out: lines, title breaks, head geometry and the sign-off's fit, once."""
    from notices.layout.fit import SignOffFit, fit_sign_off, kept_with_sign_off
    from notices.layout.zh import ZhLayout

    profile = profile_of(doc)
    if doc.lang != "zh":
        from notices.layout.items import item_indents

        fit = SignOffFit({}, kept_with_sign_off(doc.blocks))
        return Layout(doc, profile, None, fit, items=item_indents(doc.blocks, profile))
    from notices.layout.colophon import place_colophon

    zh = ZhLayout(doc, profile)
    fit = fit_sign_off(zh)
    colophon = None
    if fit.pages is not None:
        colophon, pages = place_colophon(profile, fit.pages)
        fit = replace(fit, pages=pages)
    return Layout(doc, profile, zh, fit, colophon)


__all__ = ["Layout", "lay_out", "profile_of"]
