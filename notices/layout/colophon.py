"""Where the 版记 (colophon) goes: at the foot of the notice's last side, an even page.

GB/T 9704-2012 §7.4.1: the colophon's last rule lies on the lower edge of the type area of the document's last
side (最后一面); a notice is printed on both sides, so that side is the back of a sheet, an even page. §7.5:
when a blank page stands before the colophon's page, neither carries a page number. So, decided once from the
pages `pages.py` predicts, for the PDF and the DOCX alike:

- the text ends on an even page and the colophon fits under it: it stays there, at the foot;
- the text ends on an odd page: the colophon goes to the foot of the next page, which holds nothing else and
  shows no page number (a bare back side, as the standard's blank page);
- the text ends on an even page without room for it: a blank page, then the colophon's page, both unnumbered.

信函 (§10.1) is one letter to one reader: its 抄送 stays at the foot of its last page, as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from notices.layout.pages import Pages
from notices.profiles import Profile


@dataclass(frozen=True)
class ColophonPlace:
    """``page``: the colophon's page (0-based). ``own_page``: it starts a page of its own, unnumbered;
    ``blank_before``: that many empty, unnumbered pages come between the text and it."""

    page: int
    own_page: bool = False
    blank_before: int = 0


def place_colophon(profile: Profile, pages: Pages) -> tuple[ColophonPlace | None, Pages]:
    """The colophon's place and the pages with it there (None and the pages unchanged without one)."""
    found = [i for i, piece in enumerate(pages.pieces) if piece.kind == "footnote"]
    if not found:
        return None, pages
    index = found[-1]
    page = pages.page_of[index]
    if profile.name == "letter":
        return ColophonPlace(page), pages
    text_pages = [p for i, p in enumerate(pages.page_of) if i != index and pages.pieces[i].kind != "margin"]
    last_text = max(text_pages, default=0)
    if page == last_text and (page + 1) % 2 == 0:
        return ColophonPlace(page), pages
    blank = 0 if (last_text + 1) % 2 == 1 else 1
    target = last_text + 1 + blank
    page_of = list(pages.page_of)
    page_of[index] = target
    return ColophonPlace(target, own_page=True, blank_before=blank), Pages(pages.pieces, tuple(page_of))


__all__ = ["ColophonPlace", "place_colophon"]
