"""How the Chinese DOCX tells Word and LibreOffice where a line may break (notices/renderers/docx_text.py),
read from the file of the contact notice (test_line_stretch.py): word joiners inside phone numbers and URLs and
no w:noBreakHyphen or no-break space (which LibreOffice breaks at in Chinese text), a space inside a number as
character spacing with the space itself hidden (so the file's text reads the number as written), a text-wrapping break exactly where the layout ended a line short, and the compatibility
flag that keeps such a line from being spread to the margin. What LibreOffice makes of it:
test_libreoffice_stretch.py."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from lxml import etree

from notices.document import Paragraph
from notices.layout import lay_out, profile_of
from notices.layout.typeset import SetLine
from notices.layout.zh import role_face
from notices.renderers.docx_text import segments

from .conftest import Rendered
from .test_line_stretch import TOKENS, contact_notice_rendered

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_JOINER, ZERO_WIDTH_SPACE = "\u2060", "\u200b"


@pytest.fixture(scope="module")
def contact_notice(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return contact_notice_rendered(tmp_path_factory.mktemp("contacts"))


def xml(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as package:
        return etree.fromstring(package.read(name))


def body_paragraphs(root: etree._Element) -> list[etree._Element]:
    """The contact paragraphs, one for each position of their phone numbers on a line."""
    return [p for p in root.iter(f"{W}p") if "3065" in text_of(p)]


def contact_blocks(rendered: Rendered) -> list[Paragraph]:
    return [b for b in rendered.doc.blocks if isinstance(b, Paragraph) and TOKENS[0] in b.text]


def text_of(paragraph: etree._Element) -> str:
    """The paragraph's characters in order, a w:br as a newline."""
    parts = []
    for element in paragraph.iter(f"{W}t", f"{W}br", f"{W}noBreakHyphen"):
        parts.append({f"{W}br": "\n", f"{W}noBreakHyphen": "\u2011"}.get(element.tag, element.text or ""))
    return "".join(parts)


def test_numbers_and_urls_are_held_by_word_joiners(contact_notice: Rendered) -> None:
    root = xml(contact_notice.docx, "word/document.xml")
    texts = [text_of(p) for p in body_paragraphs(root)]
    assert len(texts) == len(contact_blocks(contact_notice)) > 30
    for text in texts:
        flat = text.replace("\n", "")
        assert f"400-{WORD_JOINER}688-{WORD_JOINER}3065" in flat
        assert f"https:/{WORD_JOINER}/{WORD_JOINER}www.niaoyun.com/{WORD_JOINER}docs/" in flat
        assert TOKENS[2] in flat  # an e-mail address has no break opportunity of its own
        assert "\u2011" not in flat and "\u00a0" not in flat


def test_a_space_in_a_number_is_spacing_after_its_digit(contact_notice: Rendered) -> None:
    root = xml(contact_notice.docx, "word/document.xml")
    profile = profile_of(contact_notice.doc)
    runs = [r for p in body_paragraphs(root) for r in p.iter(f"{W}r") if r.findtext(f"{W}t")]
    spacing = {id(r): int(r.find(f"{W}rPr/{W}spacing").get(f"{W}val")) for r in runs}
    base = Counter(spacing.values()).most_common(1)[0][0]
    digits = [r for r in runs if r.findtext(f"{W}t") == "8"]  # the last digit of "6288 1234"'s first group
    assert len(digits) == len(body_paragraphs(root))
    wanted = round((role_face(profile, "body").advance(" ") + profile.grid_letter_spacing_pt) * 20)
    assert {spacing[id(r)] - base for r in digits} == {wanted}
    # the space itself follows its digit, hidden: not drawn, not a break, but in the text
    spaces = [r.getnext() for r in digits]
    assert all(r.findtext(f"{W}t") == " " and r.find(f"{W}rPr/{W}vanish") is not None for r in spaces)
    visible = [r for r in runs if r.find(f"{W}rPr/{W}vanish") is None]
    assert all(
        " " not in (r.findtext(f"{W}t") or "") for r in visible if "1234" in (r.findtext(f"{W}t") or "")
    )


def test_the_files_text_reads_a_spaced_number_as_written(contact_notice: Rendered) -> None:
    """What a reader of the file's text gets (python-docx, as a script or a search would read it): the number
    with its space, not "62881234"; only the word joiner after its hyphen is added (LibreOffice breaks there
    otherwise, and a joiner has no form that is not a character: docx_text.py)."""
    texts = [p.text for p in docx.Document(str(contact_notice.docx)).paragraphs if "3065" in p.text]
    assert len(texts) == len(contact_blocks(contact_notice))
    assert all(text.replace(WORD_JOINER, "").count(TOKENS[1]) == 1 for text in texts)
    assert not any("62881234" in text for text in texts)


def test_a_line_broken_after_a_mark_before_a_number_says_so() -> None:
    # The contact line of a real notice (corpus/real/zh-xinge-2005-jingsai-huiyi), broken after "、"
    lines = (SetLine("电话：010-67147626、", 0.0, False, ()), SetLine("010-67170763，传真", 0.0, True, ()))
    written = "".join(s.text for s in segments("".join(line.text for line in lines), lines))
    assert written == f"电话：010-{WORD_JOINER}67147626、{ZERO_WIDTH_SPACE}010-{WORD_JOINER}67170763，传真"
    unbroken = "".join(s.text for s in segments("电话：010-67147626、010-67170763"))
    assert ZERO_WIDTH_SPACE not in unbroken


def test_lines_the_layout_ends_short_end_with_a_break_that_is_not_spread(contact_notice: Rendered) -> None:
    layout = lay_out(contact_notice.doc)
    assert layout.zh is not None
    paragraphs = contact_blocks(contact_notice)
    root = xml(contact_notice.docx, "word/document.xml")
    shorts = 0
    for block, paragraph in zip(paragraphs, body_paragraphs(root), strict=True):
        lines = layout.zh.text_lines(block)
        wanted = [line.text for line in lines]
        pieces = [
            piece.replace(WORD_JOINER, "").replace(ZERO_WIDTH_SPACE, "")
            for piece in text_of(paragraph).split("\n")
        ]
        # each piece is the text of the lines up to one that ends short
        expected, current = [], ""
        for line in lines:
            current += line.text
            if line.short > 0 and not line.last:
                expected.append(current)
                current = ""
                shorts += 1
        expected.append(current)
        assert pieces == expected, wanted
    assert shorts >= 20  # the contact notice has them in most of its paragraphs
    settings = xml(contact_notice.docx, "word/settings.xml")
    assert settings.find(f"{W}compat/{W}doNotExpandShiftReturn") is not None
