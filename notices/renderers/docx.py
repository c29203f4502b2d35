"""Document model → DOCX with python-docx.

Each element gets a named paragraph style ("Notice Title", "Notice Body", …) carrying its fonts, size and spacing,
so a person who edits the file in Word keeps the format by picking a style. Geometry comes from the same profile
the PDF uses: section margins, the line grid (``docGrid``), real PAGE fields in odd and even footers.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles import BabelFish

from notices.assets import image_png
from notices.document import (
    AttachmentNote,
    AttachmentPage,
    Block,
    Closing,
    Colophon,
    DateLine,
    DocNumber,
    Document,
    Heading,
    Letterhead,
    Note,
    Paragraph,
    Salutation,
    SignOff,
    Table,
    Title,
    TopMatter,
)
from notices.layout import Layout, lay_out
from notices.layout.items import ItemIndent
from notices.layout.tables import TableLayout
from notices.profiles import Profile
from notices.renderers import ooxml

TWIPS_PER_PT = 20


class DocxWriter:
    """Writes an English letter, and holds the package, section and style set-up the Chinese writer
    (:class:`notices.renderers.docx_zh.ZhDocxWriter`) builds on; Chinese blocks are laid out there."""

    def __init__(self, layout: Layout) -> None:
        self.laid_out = layout
        self.doc = layout.doc
        self.profile: Profile = layout.profile
        self.zh = layout.doc.lang == "zh"
        self.word = docx.Document()
        # python-docx finds the default paragraph style by walking every style, for every paragraph added
        # with a style (half of a first DOCX's time): it is found once here (see `new_paragraph`).
        self._default_paragraph_style = self.word.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self._last_item: Any = None  # the paragraph of the block just written, when it was a numbered item
        self._setup_package()
        self._setup_section()
        self._setup_styles()

    # -- package-wide settings -------------------------------------------------------------------------------

    def _face(self, role: str) -> str:
        return self.profile.roles[role].docx_name

    def _east_asia(self, role: str) -> str:
        return self._face(role) if self.zh else "宋体"

    def _setup_package(self) -> None:
        styles = self.word.styles.element
        rpr_default = (
            styles.find(ooxml.qn("w:docDefaults")).find(ooxml.qn("w:rPrDefault")).find(ooxml.qn("w:rPr"))
        )
        ooxml.set_fonts(rpr_default, self._face("body"), self._east_asia("body"))
        ooxml.set_language(rpr_default, "en-US", "zh-CN")
        # The grid's character pitch is counted from the default size, so it must be the body size.
        size = ooxml.rpr_child(rpr_default, "sz")
        size.set(ooxml.qn("w:val"), str(round(self.profile.body_size_pt * 2)))
        size_cs = ooxml.rpr_child(rpr_default, "szCs")
        size_cs.set(ooxml.qn("w:val"), str(round(self.profile.body_size_pt * 2)))
        self._neutralise_theme()
        props = self.word.core_properties
        stamp = dt.datetime.combine(self.doc.issue_date, dt.time(0, 0))
        # The package's metadata fields hold at most 255 characters (python-docx refuses more); the page shows
        # the whole title, the file's properties its first 255 characters.
        props.title = self.doc.title[:255]
        props.author = self.doc.author[:255]
        props.last_modified_by = self.doc.author[:255]
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
        props.revision = 1
        props.comments = ""
        props.subject = ""
        props.keywords = ""

    def _neutralise_theme(self) -> None:
        """The default theme maps East Asian text to a Japanese face; point every script slot at our faces."""
        for part in self.word.part.package.iter_parts():
            if str(part.partname).startswith("/word/theme/"):
                xml = part.blob.decode("utf-8")
                import re

                xml = re.sub(r'<a:font script="(Jpan|Hang|Hant)" typeface="[^"]*"/>', "", xml)
                xml = re.sub(
                    r'<a:ea typeface="[^"]*"/>', f'<a:ea typeface="{self._east_asia("body")}"/>', xml
                )
                xml = re.sub(
                    r'<a:font script="Hans" typeface="[^"]*"/>',
                    f'<a:font script="Hans" typeface="{self._east_asia("body")}"/>',
                    xml,
                )
                part._blob = xml.encode("utf-8")

    def _setup_section(self) -> None:
        p = self.profile
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(p.page_width_mm), Mm(p.page_height_mm)
        section.top_margin, section.bottom_margin = Mm(p.margin_top_mm), Mm(p.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(p.margin_left_mm), Mm(p.margin_right_mm)
        section.header_distance = Mm(15)
        # The page number's top sits page_number_below_mm under the type area.
        section.footer_distance = Mm(max(5.0, p.margin_bottom_mm - p.page_number_below_mm - 5.5))
        section.start_type = WD_SECTION.NEW_PAGE
        # A line grid only: a character grid makes LibreOffice give a 16 pt glyph two cells of 15.8 pt. The 28
        # characters a line come from the character spacing on the styles instead, as in the PDF.
        ooxml.set_doc_grid(section._sectPr, round(p.line_pitch_pt * TWIPS_PER_PT), None)
        self._setup_page_numbers(section)

    def _setup_page_numbers(self, section: Any) -> None:
        self.word.settings.odd_and_even_pages_header_footer = True
        section.different_first_page_header_footer = not self.profile.number_first_page
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            paragraph = footer.paragraphs[0]
            paragraph.style = self._paragraph_style(
                "Notice Page Number", "page_number", self.profile.page_number_size_pt
            )
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
            if align == "right":
                ooxml.set_indent_chars(paragraph._p.get_or_add_pPr(), right=100)
            else:
                ooxml.set_indent_chars(paragraph._p.get_or_add_pPr(), left=100)
            dash = "— " if self.zh else ""
            paragraph.add_run(dash)
            ooxml.add_field(paragraph, "PAGE", "1")
            paragraph.add_run(" —" if self.zh else "")

    # -- styles ----------------------------------------------------------------------------------------------

    def _setup_styles(self) -> None:
        p = self.profile
        normal = self.word.styles["Normal"]
        normal.font.size = Pt(p.body_size_pt)
        self._fonts_on(normal.element.get_or_add_rPr(), "body")
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(p.line_pitch_pt)
        # A Chinese page holds its full 22 grid lines (GB/T 9704 §5.2.2); an English letter leaves no line of
        # a paragraph alone at the foot or head of a page, as the PDF (orphans/widows 2, notice.css.j2).
        fmt.widow_control = not self.zh
        if self.zh:
            ooxml.disable_auto_space(normal.element.get_or_add_pPr())
        body = self._paragraph_style("Notice Body", "body", p.body_size_pt)
        body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if self.zh:
            ooxml.set_indent_chars(body.element.get_or_add_pPr(), first_line=200)
        else:
            body.paragraph_format.space_after = Pt(p.line_pitch_pt)
            body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    def _fonts_on(self, rpr: Any, role: str) -> None:
        ooxml.set_fonts(rpr, self._face(role), self._east_asia(role))
        # A face chosen in its bold weight (a house style's "weight: 700") is bold in Word too; the standard
        # faces are named at their own weight and never emboldened (L-NOBOLD).
        family, weight = self.profile.roles[role].candidates[0]
        if family == self._face(role) and weight >= 700:
            ooxml.rpr_child(rpr, "b")
        if self.zh and self.profile.grid_letter_spacing_pt:
            ooxml.set_character_spacing(rpr, round(self.profile.grid_letter_spacing_pt * TWIPS_PER_PT))

    def _paragraph_style(self, name: str, role: str, size: float, *, base: str = "Normal") -> Any:
        styles = self.word.styles
        # By name only, as python-docx names styles in its UI (``BabelFish``), without building every style.
        if styles.element.get_by_name(BabelFish.ui2internal(name)) is not None:
            return styles[name]
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.font.size = Pt(size)
        self._fonts_on(style.element.get_or_add_rPr(), role)
        return style

    # -- blocks ----------------------------------------------------------------------------------------------

    def new_paragraph(self, style: Any) -> Any:
        """``self.word.add_paragraph(style=style)`` as python-docx writes it (no ``w:pStyle`` for the default
        style), without its walk over every style for each paragraph."""
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            raise ValueError(f"{style.name!r} is not a paragraph style")
        paragraph = self.word.add_paragraph()
        default = self._default_paragraph_style
        paragraph._p.style = (
            None if default is not None and style.element is default.element else style.style_id
        )
        return paragraph

    def add(self, text: str, style: Any, role: str, *, color: str | None = None) -> Any:
        paragraph = self.new_paragraph(style)
        if text:
            self.run(paragraph, text, role, color=color)
        return paragraph

    def run(self, paragraph: Any, text: str, role: str, *, color: str | None = None) -> Any:
        run = paragraph.add_run(text)
        self._fonts_on(run._r.get_or_add_rPr(), role)
        if color:
            run.font.color.rgb = RGBColor.from_string(color.lstrip("#").upper())
        return run

    def write(self, blocks: tuple[Block, ...]) -> None:
        top_level = blocks is self.doc.blocks
        body = self.word.element.body
        written: dict[int, list[Any]] = {}
        tail = closing_lines(blocks, self.laid_out.fit.keep) if top_level else range(0)
        for index, block in enumerate(blocks):
            start = _flow_length(body)
            if index not in tail:
                self.block(block)
            elif index == tail.start:
                self._end_of_list()
                self._closing_lines(blocks[tail.start : tail.stop])
            written[index] = list(body)[start : _flow_length(body)]
        if top_level:
            self.apply_fit(written)

    def apply_fit(self, written: dict[int, list[Any]]) -> None:
        """The layout's sign-off fit (``notices.layout.fit``), in Word's terms: tightened blocks get that exact
        line spacing, off the document grid; the closing, 附件说明 and sign-off are kept whole and with the next
        paragraph, and so are the body's last lines that travel with them."""
        fit = self.laid_out.fit
        for index, pitch in fit.tight.items():
            for element in written.get(index, ()):
                if element.tag == ooxml.qn("w:p"):
                    spacing = ooxml.ppr_child(element.get_or_add_pPr(), "spacing")
                    spacing.set(ooxml.qn("w:line"), str(round(pitch * TWIPS_PER_PT)))
                    spacing.set(ooxml.qn("w:lineRule"), "exact")
                    before = spacing.get(ooxml.qn("w:before"))
                    if before is not None and isinstance(self.doc.blocks[index], SignOff):
                        # its blank line above, at the same smaller pitch (the PDF's padding, fit.py)
                        spacing.set(
                            ooxml.qn("w:before"), str(round(int(before) * pitch / self.profile.line_pitch_pt))
                        )
                    # Off the document grid: LibreOffice lays every line of a paragraph that snaps to a
                    # "lines" docGrid on a whole grid pitch, exact spacing or not, so a tightened paragraph
                    # would keep the 28.95 pt pitch there and run onto the next page (zh-kedcable).
                    ooxml.set_snap_to_grid(element.get_or_add_pPr(), False)
        if not fit.keep:
            return

        def paragraphs(index: int) -> list[Any]:
            return [e for e in written.get(index, ()) if e.tag == ooxml.qn("w:p")]

        # The body's last lines (``fit.tail``) go with the sign-off: a block wholly in the tail is kept like
        # the closing; of the paragraph the tail starts inside, where the pages break in it, only the kept
        # lines, written as a paragraph of their own (``fit.split``): LibreOffice never splits a paragraph
        # kept with the next (sw/source/core/text/widorp.cxx) and would move the whole of it. Elsewhere that
        # paragraph is kept with the next as a whole (Word keeps its last line with the next).
        start = min(fit.tail, default=min(fit.keep))
        whole = [index for index in fit.tail if fit.tail[index] == 0 or index != start or index == fit.split]
        chain = [
            e
            for index in sorted({*fit.keep, *whole})
            for e in paragraphs(index)[-1 if index == fit.split else 0 :]
        ]
        before = paragraphs(start - 1) if start == min(fit.keep) else paragraphs(start)
        if start in whole:
            before = []
        for element in [*before[-1:], *chain]:
            ooxml.set_flag(element.get_or_add_pPr(), "keepNext", True)
        for element in chain:
            ooxml.set_flag(element.get_or_add_pPr(), "keepLines", True)
        if chain:  # the chain ends with the sign-off's last paragraph
            ooxml.set_flag(chain[-1].get_or_add_pPr(), "keepNext", False)

    def block(self, block: Block) -> None:
        p = self.profile
        pitch = Pt(p.line_pitch_pt)
        if not (isinstance(block, Paragraph) and self.laid_out.item(block) is not None):
            self._end_of_list()
        match block:
            case TopMatter():
                for text, role in (
                    (block.copy_number, "body"),
                    (block.secrecy, "heading1"),
                    (block.urgency, "heading1"),
                ):
                    if text:
                        self.add(
                            text, self._paragraph_style("Notice Top Matter", "heading1", p.body_size_pt), role
                        )
            case Letterhead():
                style = self._paragraph_style("Notice Letterhead", "title", p.mark_size_pt)
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
                # Off the document grid: LibreOffice gives a 16 pt line on the letter's 14 pt "lines" grid two
                # whole pitches, 9 pt more than the PDF's, and ran en-emerge onto a second page.
                ooxml.set_snap_to_grid(style.element.get_or_add_pPr(), False)
                style.paragraph_format.space_before = Mm(max(0.0, p.mark_top_mm))
                style.font.bold = True
                paragraph = self.add("", style, "title")
                if block.logo:
                    paragraph.add_run().add_picture(image_png(block.logo), height=Pt(20))
                    paragraph.add_run(" ")
                run = self.run(paragraph, block.text, "title", color=p.red)
                run.font.size = Pt(p.mark_size_pt)
            case DocNumber():
                style = self._paragraph_style("Notice Document Number", "body", p.body_size_pt)
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                style.paragraph_format.space_before = Pt(0)
                self.add(block.text or "", style, "body")
            case DateLine():
                self.add(block.text, self._spaced("Notice Date", "body"), "body")
            case Title():
                style = self._paragraph_style("Notice Title", "title", p.title_size_pt)
                style.font.bold = True
                style.paragraph_format.space_after = pitch
                paragraph = self.add("Subject: ", style, "title")
                self.run(paragraph, block.text, "title")
            case Salutation():
                self.add(block.text, self._spaced("Notice Salutation", "body"), "body")
            case Heading():
                role = "heading1" if block.level == 1 else "heading2" if block.level == 2 else "body"
                style = self._paragraph_style(
                    f"Notice Heading {block.level}", role, p.body_size_pt, base="Notice Body"
                )
                style.paragraph_format.keep_with_next = True
                style.font.bold = True
                style.paragraph_format.space_after = Pt(0)
                self.add(block.number + block.text, style, role)
            case Paragraph():
                indent = self.laid_out.item(block)
                if indent is not None:
                    self._item(block, indent)
                elif block.number:
                    self.add(block.number + block.text, self.word.styles["Notice Body"], "body")
                else:
                    self.add(block.text, self.word.styles["Notice Body"], "body")
            case Table():
                self._table(block)
            case Closing() | SignOff() | AttachmentNote() | Note() | Colophon():
                self._closing_lines((block,))  # a letter without a sign-off; else written by `write`
            case AttachmentPage():
                label_style = self._paragraph_style("Notice Attachment Label", "heading1", p.body_size_pt)
                label_style.paragraph_format.page_break_before = True
                self.add(block.label, label_style, "heading1")
                title_style = self._paragraph_style("Notice Attachment Title", "title", p.title_size_pt)
                title_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
                title_style.paragraph_format.space_before = pitch
                title_style.paragraph_format.space_after = pitch
                self.add(block.title, title_style, "title")
                self.write(block.blocks)

    def _end_of_list(self) -> None:
        """What follows a list (a paragraph, a heading, a table, the closing) stands a full blank line below
        it, as after any other block: the items are half a line apart. On the last item, not as space before
        the next block: Word adds a paragraph's space after to the next one's space before, so it is the same
        line in every reader (the PDF: `.item + :not(.item)`, notice.css.j2)."""
        if self._last_item is not None:
            self._last_item.paragraph_format.space_after = Pt(self.profile.line_pitch_pt)
            self._last_item = None

    def _item(self, block: Paragraph, indent: ItemIndent) -> None:
        """A numbered item as the layout stage indents it (``notices.layout.items``): the number, a tab to a
        stop at the text's edge, the text; the indents in twips, which Word and LibreOffice both read."""
        style = self._paragraph_style(
            f"Notice Item {block.level}", "body", self.profile.body_size_pt, base="Notice Body"
        )
        ppr = style.element.get_or_add_pPr()
        ooxml.set_indent(ppr, left=indent.left, hanging=indent.hanging)
        ooxml.set_tab_stop(ppr, indent.left)
        style.paragraph_format.space_after = Pt(self.profile.line_pitch_pt / 2)
        paragraph = self.new_paragraph(style)
        number = self.run(paragraph, block.number.strip(), "body")
        number.add_tab()
        self.run(paragraph, block.text, "body")
        self._last_item = paragraph

    def _spaced(self, name: str, role: str) -> Any:
        style = self._paragraph_style(name, role, self.profile.body_size_pt)
        style.paragraph_format.space_after = Pt(self.profile.line_pitch_pt)
        return style

    def _table(self, block: Table) -> None:
        """The table as the layout stage sized it (``notices.layout.tables``), in Word's terms: fixed layout,
        the same column widths as the PDF, the table's rules inside the type area, the header row repeated on
        each page (``w:tblHeader``), rows not split, cells off the body grid at their exact line height."""
        t = self.laid_out.table(block)
        if not t.columns:
            return
        # The space the PDF leaves around a table (notice.css.j2): half a grid line above and below it in a
        # Chinese notice, a line under it in an English letter.
        above, below = (self.profile.line_pitch_pt / 2,) * 2 if t.zh else (0.0, self.profile.line_pitch_pt)
        spacer = self._table_style("Notice Table Spacer", "body", t.size_pt, t)
        if above:
            self.new_paragraph(spacer).paragraph_format.line_spacing = Pt(above)
        if block.caption:
            caption = self._table_style("Notice Table Title", "heading1", t.caption_size_pt, t)
            caption.paragraph_format.line_spacing = Pt(self.profile.line_pitch_pt)
            caption.paragraph_format.keep_with_next = True
            caption.paragraph_format.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER if t.zh else WD_ALIGN_PARAGRAPH.LEFT
            )
            if not t.zh:
                caption.font.bold = True
            self._table_run(self.new_paragraph(caption), block.caption, "heading1")
        head_style = self._table_style("Notice Table Head", "heading1", t.size_pt, t)
        cell_style = self._table_style("Notice Table Text", "body", t.size_pt, t)
        if not t.zh:
            head_style.font.bold = True
        table = self.word.add_table(rows=1 + len(t.body), cols=len(t.columns))
        table.style = self.word.styles["Table Grid"]
        _table_geometry(table._tbl, t)
        for r, row in enumerate((t.header, *t.body)):
            tr = table.rows[r]._tr
            tr_pr = tr.get_or_add_trPr()
            tr_pr.append(_on("w:cantSplit"))
            if r == 0:
                tr_pr.append(_on("w:tblHeader"))
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                cell.width = Pt(t.columns[c])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # as the PDF (vertical-align)
                paragraph = cell.paragraphs[0]
                paragraph.style = head_style if r == 0 else cell_style
                paragraph.alignment = _ALIGN[t.align(c, header=r == 0, row=r - 1 if r else None)]
                if r == 0 or t.keeps_with_next(r - 1):  # the header and the first/last rows stay together
                    ooxml.set_flag(paragraph._p.get_or_add_pPr(), "keepNext", True)
                if r == 0:  # the head's lines as the layout broke them
                    for number, line in enumerate(t.head(c)):
                        if number:
                            paragraph._p.append(_line_break())
                        self._table_run(paragraph, line, "heading1")
                elif text:
                    self._table_run(paragraph, text, "body")
        self.new_paragraph(spacer).paragraph_format.line_spacing = Pt(below)

    def _table_style(self, name: str, role: str, size: float, t: TableLayout) -> Any:
        style = self._paragraph_style(name, role, size)
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(t.line_pt)
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        ppr = style.element.get_or_add_pPr()
        ooxml.set_snap_to_grid(ppr, False)  # off the body's 28.95 pt grid: its own exact line height
        ooxml.set_indent(ppr, left=0, right=0, first_line=0)
        ooxml.set_character_spacing(style.element.get_or_add_rPr(), 0)
        return style

    def _table_run(self, paragraph: Any, text: str, role: str) -> None:
        """``text`` in a cell, no grid letter-spacing; a hyphen inside a code or number ("HX-15-15-15") is
        followed by a word joiner, as the layout keeps the run whole (LibreOffice broke "15-15-" / "15":
        docx_text.py says why not a w:noBreakHyphen)."""
        from notices.renderers.docx_text import segments

        for segment in segments(text):
            run = self.run(paragraph, segment.text, role)
            ooxml.set_character_spacing(run._r.get_or_add_rPr(), 0)  # no grid letter-spacing in a cell

    def _closing_lines(self, blocks: Sequence[Block]) -> None:
        """The closing formula, the signature and the notations under it ("Enclosure: …", the contact line,
        "cc: …") as one paragraph, a line break between lines, the spacing the PDF gives them in blank lines.

        One paragraph, because that is what keeps them together in LibreOffice 7.4: it keeps a paragraph
        whole and with the next one, but not a chain of kept paragraphs. As separate paragraphs,
        "Enclosure: Proxy form" went alone onto page 2 of corpus/real/en-emerge-2019-agm, and with the
        signature kept with it too, the signature went along and "Yours faithfully," stayed behind.
        `apply_fit` keeps the body's last paragraph with this one, as the PDF does (``.closing
        { break-before: avoid }``): a chain of two, which LibreOffice and Word keep.
        The lines are left-aligned and set at the letter's exact pitch, so a blank line is one pitch."""
        pitch = self.profile.line_pitch_pt
        style = self._paragraph_style("Notice Closing", "body", self.profile.body_size_pt, base="Notice Body")
        lines: list[str] = []
        seal_line = None
        for block in blocks:
            if isinstance(block, SignOff):
                # the room for the handwritten signature: three blank lines (the PDF's .sign-box padding),
                # the seal over them when there is one
                seal_line = len(lines) if block.seal else None
                lines += [""] * 3
                lines += [*(block.signer or "").splitlines(), *block.issuer_lines]
                continue
            if lines and not isinstance(block, Closing):
                lines += [""]  # a blank line before each notation (the PDF's margins)
            lines += _notation_lines(block)
        paragraph = self.new_paragraph(style)
        for number, line in enumerate(lines):
            if number:
                ooxml.add_line_break(paragraph)
            if line:
                self.run(paragraph, line, "body")
        seal = next((b.seal for b in blocks if isinstance(b, SignOff) and b.seal), None)
        if seal is not None and seal_line is not None:
            run = paragraph.add_run()
            run.add_picture(image_png(seal), height=Pt(pitch * 3))
            ooxml.anchor_picture(
                run, x_pt=0, y_pt=seal_line * pitch, horizontal="margin", vertical="paragraph"
            )


def closing_lines(blocks: Sequence[Block], keep: frozenset[int]) -> range:
    """The blocks an English letter writes as its closing lines: those kept with the sign-off (the closing
    formula and the sign-off, ``notices.layout.fit``) and the notations that follow the sign-off."""
    if not keep:
        return range(0)
    end = max(keep) + 1
    while end < len(blocks) and isinstance(blocks[end], AttachmentNote | Note | Colophon | Paragraph):
        end += 1
    return range(min(keep), end)


def _notation_lines(block: Block) -> list[str]:
    match block:
        case AttachmentNote():
            return list(block.titles)
        case Colophon():
            printing = " ".join(t for t in (block.printer, block.print_date) if t)
            return [t for t in (block.cc, printing) if t]
        case Paragraph():
            return [block.number + block.text]
        case Closing() | Note():
            return [block.text]
    return []


_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


def _on(tag: str) -> Any:
    """An on/off property set on: the element alone (its w:val defaults to true, §17.17.4)."""
    return OxmlElement(tag)


def _line_break() -> Any:
    """A run holding a line break (``w:br``), without python-docx's text handling."""
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


def _dxa(points: float) -> str:
    return str(round(points * TWIPS_PER_PT))


def _table_geometry(tbl: Any, t: TableLayout) -> None:
    """tblPr in schema order (ECMA-376 Part 1 §17.4.60): fixed width and layout, the indent that puts the left
    rule on the type area's edge, the cells' margins; tblGrid with the layout's columns.

    Word 2010's table indent (compatibilityMode 14, python-docx's template) is measured to the first cell's
    text, not its border, so the border sits a cell margin left of it: the indent adds the margin back, and
    half a rule, as the PDF does (``margin-left`` in notice.css.j2)."""
    tbl_pr = tbl.tblPr
    for name in ("tblW", "tblInd", "tblLayout", "tblCellMar", "jc"):
        for old in tbl_pr.findall(ooxml.qn(f"w:{name}")):
            tbl_pr.remove(old)
    width = OxmlElement("w:tblW")
    width.set(ooxml.qn("w:w"), _dxa(t.width))
    width.set(ooxml.qn("w:type"), "dxa")
    indent = OxmlElement("w:tblInd")
    indent.set(ooxml.qn("w:w"), _dxa(t.pad_x + t.rule / 2))
    indent.set(ooxml.qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(ooxml.qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for side, size in (("top", t.pad_y), ("left", t.pad_x), ("bottom", t.pad_y), ("right", t.pad_x)):
        margin = OxmlElement(f"w:{side}")
        margin.set(ooxml.qn("w:w"), _dxa(size))
        margin.set(ooxml.qn("w:type"), "dxa")
        margins.append(margin)
    order = [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ]
    children = [*list(tbl_pr), width, indent, layout, margins]
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    rank = {ooxml.qn(f"w:{name}"): index for index, name in enumerate(order)}
    tbl_pr.extend(sorted(children, key=lambda child: rank.get(child.tag, len(order))))
    grid = tbl.tblGrid
    for column, col in zip(t.columns, grid.findall(ooxml.qn("w:gridCol")), strict=True):
        col.set(ooxml.qn("w:w"), _dxa(column))


def _flow_length(body: Any) -> int:
    """How many paragraphs and tables the body holds: python-docx adds them before the section properties."""
    last = body[-1] if len(body) else None
    return len(body) - (1 if last is not None and last.tag == ooxml.qn("w:sectPr") else 0)


def render_docx(layout: Layout | Document, *, reuse: bool = True) -> bytes:
    """The notice as DOCX bytes, through the process's engine (``docx_engine.py``); the same document model
    always gives the same bytes. ``reuse=False`` builds it from scratch (the same bytes, slower)."""
    from notices.renderers.docx_engine import docx_engine

    layout = lay_out(layout) if isinstance(layout, Document) else layout
    return docx_engine().render(layout, reuse=reuse).data


def build_docx(layout: Layout) -> bytes:
    """The notice built from scratch with python-docx; the same layout always gives the same bytes."""
    if layout.doc.lang == "zh":
        from notices.renderers.docx_zh import ZhDocxWriter

        writer: DocxWriter = ZhDocxWriter(layout)
    else:
        writer = DocxWriter(layout)
    writer.write(layout.doc.blocks)
    from notices.renderers.docx_package import finish

    finish(writer.word)
    buffer = io.BytesIO()
    writer.word.save(buffer)
    return ooxml.normalized_zip(buffer.getvalue())
