"""The Chinese notice as DOCX, laid out from the same numbers as the PDF (`layout.py`, `geometry.py`).

Every element is a paragraph with a named style; positions the standard fixes by distance become exact
spacings and twip indents computed from the PDF's geometry; rules are floating line shapes that take no room
in the flow, so the head is exactly as tall as in the PDF and page 1 holds the same body lines. Lines break
where Word and LibreOffice break them (greedy, characters pushed down rather than punctuation squeezed or
hung), which is how the PDF's breaker breaks them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.shared import Pt

from notices.assets import image_png
from notices.document import (
    AttachmentNote,
    AttachmentPage,
    Block,
    Closing,
    Colophon,
    DocNumber,
    Heading,
    Letterhead,
    Note,
    Paragraph,
    Rule,
    Salutation,
    SignOff,
    Table,
    Title,
    TopMatter,
)
from notices.layout import Layout
from notices.layout.geometry import (
    LETTER_GAP_PT,
    LETTER_RULE_LENGTH_MM,
    LETTER_THICK_PT,
    LETTER_THIN_PT,
)
from notices.layout.pages import COLOPHON_HEAVY_RULE_PT, COLOPHON_LIGHT_RULE_PT, colophon_height
from notices.layout.typeset import SetLine
from notices.layout.zh import HEADING_ROLES, ZhLayout, role_face
from notices.profiles import MARK_LETTER_SPACING_EM, MM
from notices.renderers import ooxml
from notices.renderers.docx import TWIPS_PER_PT, DocxWriter, _flow_length
from notices.renderers.docx_text import segments, text_offset

COLOPHON_SIZE_PT = 14.0


class ZhDocxWriter(DocxWriter):
    def __init__(self, layout: Layout) -> None:
        assert layout.zh is not None, "a Chinese notice is laid out with its ZhLayout"
        self.layout: ZhLayout = layout.zh
        super().__init__(layout)
        self._shapes = 100
        self._head_bottom = 0.0  # where the flow stands (pt below the type area's top) while writing the head
        self._logo: Path | None = None  # a logo waiting for a paragraph outside 信函's frame to float from
        normal = self.word.styles["Normal"].element.get_or_add_pPr()
        # Break as the PDF's breaker does: no punctuation hanging into the margin, kinsoku on.
        ooxml.set_flag(normal, "overflowPunct", False)
        ooxml.set_flag(normal, "kinsoku", True)
        body = self.word.styles["Notice Body"].element.get_or_add_pPr()
        ooxml.set_indent(body, first_line=2 * self.layout.cell)
        # A line the layout ends short with a break (docx_text) is left as it is, not spread to the margin.
        ooxml.set_compat_flag(self.word.settings.element, "doNotExpandShiftReturn")

    # -- section -----------------------------------------------------------------------------------------

    def _setup_section(self) -> None:
        super()._setup_section()
        p = self.profile
        layout = self.layout
        section = self.word.sections[0]
        # The page number's em box 7 mm under the type area: the footer paragraph is one 14 pt line.
        line_top = (
            p.page_height_mm - p.margin_bottom_mm + p.page_number_below_mm
        ) * MM - layout.page_number_offset()
        section.footer_distance = Pt(p.page_height_mm * MM - line_top - p.page_number_size_pt)

    def _setup_page_numbers(self, section: Any) -> None:
        super()._setup_page_numbers(section)
        style = self.word.styles["Notice Page Number"]
        style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        style.paragraph_format.line_spacing = Pt(self.profile.page_number_size_pt)
        ooxml.set_snap_to_grid(style.element.get_or_add_pPr(), False)
        size = self.profile.page_number_size_pt
        for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
            ppr = footer.paragraphs[0]._p.get_or_add_pPr()
            ooxml.set_indent(ppr, **{side: size})
            for run in footer.paragraphs[0].runs:
                ooxml.set_character_spacing(run._r.get_or_add_rPr(), 0)

    # -- helpers -----------------------------------------------------------------------------------------

    def _exact(self, style: Any, height: float | None = None) -> Any:
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(height or self.profile.line_pitch_pt)
        return style

    def _style(self, name: str, role: str, size: float | None = None, *, base: str = "Normal") -> Any:
        return self._paragraph_style(name, role, size or self.profile.body_size_pt, base=base)

    def _shape_id(self) -> int:
        self._shapes += 1
        return self._shapes

    # -- blocks ------------------------------------------------------------------------------------------

    def write(self, blocks: tuple[Block, ...]) -> None:
        top_level = blocks is self.doc.blocks
        body = self.word.element.body
        written: dict[int, list[Any]] = {}
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Note) and index > 0 and isinstance(blocks[index - 1], SignOff):
                continue  # written with its sign-off
            start = _flow_length(body)
            split = self.laid_out.fit.split if top_level else None
            if isinstance(block, SignOff):
                self._zh_sign_off(block, following if isinstance(following, Note) else None)
            elif index == split and isinstance(block, Paragraph):
                self._zh_split(block, self.laid_out.fit.tail[index])
            else:
                self.block(block)
            written[index] = list(body)[start : _flow_length(body)]
        if top_level:
            self.apply_fit(written)

    def block(self, block: Block) -> None:
        p = self.profile
        head = self.layout.head
        pitch = p.line_pitch_pt
        match block:
            case TopMatter():
                self._top_matter(block)
            case Letterhead():
                self._letterhead(block)
            case DocNumber():
                self._doc_number(block)
            case Rule():
                pass  # drawn as a shape with the document number
            case Title():
                style = self._exact(self._style("Notice Title", "title", p.title_size_pt))
                ooxml.set_snap_to_grid(
                    style.element.get_or_add_pPr(), False
                )  # else LibreOffice gives 2 lines
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
                style.paragraph_format.keep_with_next = True
                style.paragraph_format.space_after = Pt(pitch)
                ooxml.set_character_spacing(style.element.get_or_add_rPr(), 0)
                paragraph = self._lines_paragraph(self.layout.title_lines(block.text), style, "title")
                paragraph.paragraph_format.space_before = Pt(max(0.0, head.title_top - self._head_bottom))
                self._place_logo(paragraph)
            case Salutation():
                style = self._style("Notice Salutation", "body", base="Notice Body")
                ooxml.set_indent(style.element.get_or_add_pPr(), first_line=0)
                self._zh_add(block, style, "body")
            case Heading():
                role = HEADING_ROLES.get(block.level, "body")
                style = self._style(f"Notice Heading {block.level}", role, base="Notice Body")
                style.paragraph_format.keep_with_next = True
                self._zh_add(block, style, role)
            case Paragraph() if block.number:
                paragraph = self.new_paragraph(self._zh_paragraph_style(block))
                lines = self.layout.text_lines(block)
                self.zh_text(paragraph, block.number, HEADING_ROLES.get(block.level, "body"), lines)
                self.zh_text(paragraph, block.text, "body", lines, skip=len(block.number))
            case Paragraph():
                self._zh_add(block, self._zh_paragraph_style(block), "body")
            case Closing():
                self._zh_add(block, self._style("Notice Closing", "body", base="Notice Body"), "body")
            case AttachmentNote():
                self._zh_attachment_note(block)
            case Note():
                self._zh_add(block, self._style("Notice Note", "body", base="Notice Body"), "body")
            case Colophon():
                self._zh_colophon(block)
            case AttachmentPage():
                label = self._exact(self._style("Notice Attachment Label", "heading1"))
                label.paragraph_format.page_break_before = True
                label.paragraph_format.keep_with_next = True
                self.add(block.label, label, "heading1")
                title = self._exact(self._style("Notice Attachment Title", "title", p.title_size_pt))
                title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
                ooxml.set_snap_to_grid(title.element.get_or_add_pPr(), False)
                title.paragraph_format.space_before = Pt(pitch)
                title.paragraph_format.space_after = Pt(pitch)
                title.paragraph_format.keep_with_next = True
                ooxml.set_character_spacing(title.element.get_or_add_rPr(), 0)
                self._lines_paragraph(self.layout.title_lines(block.title), title, "title")
                self.write(block.blocks)
            case Table():
                self._table(block)
            case _:
                super().block(block)

    def _zh_add(self, block: Block, style: Any, role: str) -> Any:
        """A text block's paragraph, its runs cut as the layout set its lines (``docx_text``)."""
        paragraph = self.new_paragraph(style)
        text = block.number + block.text if isinstance(block, Heading) else getattr(block, "text", "")
        self.zh_text(paragraph, text, role, self.layout.text_lines(block))
        return paragraph

    def _zh_paragraph_style(self, block: Paragraph) -> Any:
        """A numbered item's style (its level's indents), else the body's."""
        if block.number:
            return self._style(f"Notice Item {block.level}", "body", base="Notice Body")
        return self.word.styles["Notice Body"]

    def _zh_split(self, block: Paragraph, at: int) -> None:
        """A paragraph as two, its lines from ``at`` on in the second: where the layout breaks the page
        before the lines that go with the sign-off (``fit.split``), so that a reader that keeps a paragraph
        whole with the next (LibreOffice) moves only those lines, as the PDF does. The first part ends with a
        full line: set justified to both edges ("distribute", the last line too) unless the layout ended one
        of its lines short; the second continues without a first-line indent."""
        lines = self.layout.text_lines(block)
        role = HEADING_ROLES.get(block.level, "body") if block.number else "body"
        style = self._zh_paragraph_style(block)
        number = len(block.number)
        done = sum(len(line.text) for line in lines[:at])
        cut = text_offset(block.text, lines, done, skip=number)
        first = self.new_paragraph(style)
        if block.number:
            self.zh_text(first, block.number, role, lines)
        self.zh_text(first, block.text[:cut], "body", lines[:at], skip=number)
        if not any(line.short for line in lines[:at]):
            first.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
        second = self.new_paragraph(style)
        ooxml.set_indent_chars(second._p.get_or_add_pPr(), first_line=0)
        self.zh_text(second, block.text[cut:], "body", lines, skip=done)

    def zh_text(
        self, paragraph: Any, text: str, role: str, lines: Sequence[SetLine] = (), *, skip: int = 0
    ) -> None:
        """``text`` as runs (``docx_text``): word joiners inside half-width runs, spaces in numbers as spacing
        (the space itself hidden), squeezed marks condensed, a break where the layout ended a line short."""
        face = role_face(self.profile, role)
        number_space = face.advance(" ") + self.profile.grid_letter_spacing_pt
        for segment in segments(text, lines, skip, number_space_pt=number_space):
            run = self.run(paragraph, segment.text, role)
            if segment.hidden:
                ooxml.rpr_child(run._r.get_or_add_rPr(), "vanish")
            if segment.spacing_pt:
                rpr = run._r.get_or_add_rPr()
                current = int(ooxml.rpr_child(rpr, "spacing").get(ooxml.qn("w:val"), "0"))
                ooxml.set_character_spacing(rpr, current + round(segment.spacing_pt * TWIPS_PER_PT))

    def _lines_paragraph(self, lines: list[str], style: Any, role: str) -> Any:
        paragraph = self.new_paragraph(style)
        for index, line in enumerate(lines):
            if index:
                ooxml.add_line_break(paragraph)
            self.run(paragraph, line, role)
        return paragraph

    # -- head --------------------------------------------------------------------------------------------

    def _top_matter(self, block: TopMatter) -> None:
        style = self._exact(self._style("Notice Top Matter", "heading1"))
        texts = [
            (t, r)
            for t, r in (
                (block.copy_number, "body"),
                (block.secrecy, "heading1"),
                (block.urgency, "heading1"),
            )
            if t
        ]
        if self.profile.name == "letter":
            self._letter_top = texts  # written beside the document number, under the double rule
            return
        for text, role in texts:
            self.add(text, style, role)
            self._head_bottom += self.profile.line_pitch_pt

    def _letterhead(self, block: Letterhead) -> None:
        """The mark's group placed from the type area's left edge, as in the PDF: the name by its paragraph's
        indent, the logo floating at its place on the page (so no reader lays it out its own way), and a
        negative right indent so that a reader's extra gap between Han and Latin letters cannot wrap the name
        onto a second line."""
        head = self.layout.head
        if head.mark_top is None:
            return
        p = self.profile
        size = head.mark_size
        style = self._exact(self._style("Notice Letterhead", "title", size), size)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        ooxml.set_snap_to_grid(style.element.get_or_add_pPr(), False)
        ooxml.set_character_spacing(style.element.get_or_add_rPr(), round(MARK_LETTER_SPACING_EM * size * 20))
        paragraph = self.new_paragraph(style)
        ppr = paragraph._p.get_or_add_pPr()
        ooxml.set_indent(ppr, left=head.mark_left + head.logo_width + head.logo_gap, right=-size)
        run = self.run(paragraph, block.text, "title", color=p.red)
        ooxml.set_character_spacing(run._r.get_or_add_rPr(), round(MARK_LETTER_SPACING_EM * size * 20))
        if block.logo:
            self._logo = block.logo
        if p.name == "letter":
            # 信函: the mark sits 30 mm from the paper's top, above the type area: a frame anchored to the page,
            # as wide as the type area. A floating logo cannot live in a frame (LibreOffice drops it): it is
            # anchored to the next paragraph instead.
            frame = ooxml.ppr_child(ppr, "framePr")
            frame.set(ooxml.qn("w:w"), str(round(self.layout.width * 20)))
            frame.set(ooxml.qn("w:vAnchor"), "page")
            frame.set(ooxml.qn("w:y"), str(round(30 * MM * 20)))
            frame.set(ooxml.qn("w:hAnchor"), "margin")
            frame.set(ooxml.qn("w:x"), "0")
            frame.set(ooxml.qn("w:wrap"), "around")
            return
        self._place_logo(paragraph)
        paragraph.paragraph_format.space_before = Pt(max(0.0, head.mark_top - self._head_bottom))
        self._head_bottom = head.mark_top + size

    def _place_logo(self, paragraph: Any) -> None:
        """The logo, one em high beside the name, its top on the name's em box: at its place on page 1."""
        logo = self._logo
        if logo is None:
            return
        self._logo = None
        head = self.layout.head
        assert head.mark_top is not None
        run = paragraph.add_run()
        run.add_picture(image_png(logo), width=Pt(head.logo_width), height=Pt(head.mark_size))
        ooxml.anchor_picture(
            run,
            x_pt=head.mark_left,
            y_pt=self.profile.margin_top_mm * MM + head.mark_top,
            horizontal="margin",
            vertical="page",
        )

    def _doc_number(self, block: DocNumber) -> None:
        head = self.layout.head
        p = self.profile
        if head.doc_number_top is None:
            return
        style = self._exact(self._style("Notice Document Number", "body"))
        letter = p.name == "letter"
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph = self.new_paragraph(style)
        paragraph.paragraph_format.space_before = Pt(max(0.0, head.doc_number_top - self._head_bottom))
        width = self.layout.width
        if letter:
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT)
            first = getattr(self, "_letter_top", [])
            if first:
                self.run(paragraph, first[0][0], first[0][1])
            if block.text:
                self.run(paragraph, "\t" + block.text, "body")
        elif block.signer:
            # 签发人: the number one character in from the left, the signer one character in from the right.
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            ooxml.set_indent(paragraph._p.get_or_add_pPr(), left=p.body_size_pt, right=p.body_size_pt)
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Pt(width - 2 * p.body_size_pt), WD_TAB_ALIGNMENT.RIGHT
            )
            self.run(paragraph, (block.text or "") + "\t签发人：", "body")
            self.run(paragraph, block.signer, "heading2")
        elif block.text:
            self.run(paragraph, block.text, "body")
        self._head_bottom = head.doc_number_top + p.line_pitch_pt
        if letter:
            for text, role in getattr(self, "_letter_top", [])[1:]:
                self.add(text, style, role).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
                self._head_bottom += p.line_pitch_pt
        self._rules(paragraph)
        self._place_logo(paragraph)

    def _rules(self, paragraph: Any) -> None:
        head = self.layout.head
        p = self.profile
        if head.rule_top is None:
            return
        if p.name == "letter":
            left = ((p.page_width_mm - LETTER_RULE_LENGTH_MM) / 2 - p.margin_left_mm) * MM
            length = LETTER_RULE_LENGTH_MM * MM
            # Each double rule is two line shapes: a compound line (cmpd="thickThin") is one solid bar in
            # LibreOffice and other readers that do not draw compound lines.
            upper = ((0.0, LETTER_THICK_PT), (LETTER_THICK_PT + LETTER_GAP_PT, LETTER_THIN_PT))
            lower = ((0.0, LETTER_THIN_PT), (LETTER_THIN_PT + LETTER_GAP_PT, LETTER_THICK_PT))
            for top, strokes in ((head.rule_top, upper), (head.letter_bottom_rule_top, lower)):
                if top is None:
                    continue
                for offset, weight in strokes:
                    ooxml.add_anchored_line(
                        paragraph,
                        x_pt=left,
                        y_pt=top + offset + weight / 2,
                        length_pt=length,
                        weight_pt=weight,
                        color=p.red,
                        shape_id=self._shape_id(),
                    )
            return
        ooxml.add_anchored_line(
            paragraph,
            x_pt=0,
            y_pt=head.rule_top + head.rule_thickness / 2,
            length_pt=self.layout.width,
            weight_pt=head.rule_thickness,
            color=p.red,
            shape_id=self._shape_id(),
        )

    # -- main part ---------------------------------------------------------------------------------------

    def _zh_attachment_note(self, block: AttachmentNote) -> None:
        g = self.layout.attachment_note(block)
        style = self._style("Notice Attachment Note", "body", base="Notice Body")
        style.paragraph_format.space_before = Pt(0)
        for index, title in enumerate(block.titles):
            paragraph = self.new_paragraph(style)
            ppr = paragraph._p.get_or_add_pPr()
            ooxml.set_indent(ppr, left=g.name_left, hanging=g.name_left - g.label_left, first_line=None)
            ppr.find(ooxml.qn("w:ind")).attrib.pop(ooxml.qn("w:firstLine"), None)
            if index == 0:
                paragraph.paragraph_format.space_before = Pt(self.profile.line_pitch_pt)
            text = "附件：" if index == 0 else ""
            if g.numbered:
                if index:
                    paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(g.number_left))
                    text += "\t"
                text += f"{index + 1}.\t"
            if text:
                self.run(paragraph, text, "body")
            self.zh_text(paragraph, title, "body", self.layout.set_attachment_title(title, g))

    def _zh_sign_off(self, block: SignOff, note: Note | None) -> None:
        g = self.layout.sign_off(block)
        pitch = self.profile.line_pitch_pt
        style = self._exact(self._style("Notice Sign-off", "body"))
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True
        for number, line in enumerate(g.issuer_lines):  # a joint notice's issuers, one under another
            issuer = self.new_paragraph(style)
            if number == 0:
                issuer.paragraph_format.space_before = Pt(g.lines_before * pitch)
            ooxml.set_indent(issuer._p.get_or_add_pPr(), left=g.issuer_left)
            self.run(issuer, line, "body")
        if not block.date_text and block.seal is None:  # a notice that states no date: no date line
            issuer.paragraph_format.keep_with_next = note is not None
            if note is not None:
                paragraph = self._zh_add(note, self._style("Notice Note", "body", base="Notice Body"), "body")
                paragraph.paragraph_format.keep_together = True
            return
        # Without a date the date's line stays, empty, and carries the seal; the line after it is the seal's foot
        # (below), so the 附注 comes clear of the seal, as in the PDF.
        date = self.new_paragraph(style)
        ooxml.set_indent(date._p.get_or_add_pPr(), left=g.date_left)
        if block.seal is not None:
            # Anchored to the date's paragraph, which has no space before it: Word and LibreOffice then agree
            # on where "the paragraph" starts.
            seal_run = date.add_run()
            seal_run.add_picture(image_png(block.seal), width=Pt(g.seal_size))
            float_picture(
                seal_run, width_mm=g.seal_size / MM, offset_up_pt=len(g.issuer_lines) * pitch - g.seal_top
            )
            _place(seal_run, g.seal_left)
        self.run(date, block.date_text, "body")
        if block.seal is not None:
            # the seal's foot: the line under the date's, clear of the 附注 (the PDF keeps it too)
            self.add("", style, "body").paragraph_format.keep_with_next = note is not None
        if note is not None:
            paragraph = self._zh_add(note, self._style("Notice Note", "body", base="Notice Body"), "body")
            paragraph.paragraph_format.keep_together = True
        elif block.seal is None:
            date.paragraph_format.keep_with_next = False

    def _zh_colophon(self, block: Colophon) -> None:
        """版记 in a text box at the foot of its page, its last rule on the type area's lower edge (§7.4.1); on a
        page of its own when the layout moves it to the next even page, in a section whose pages carry no
        page number, after a blank page when the text ends on an even page without room for it (§7.5)."""
        p = self.profile
        size = COLOPHON_SIZE_PT
        style = self._exact(self._style("Notice Colophon", "body", size))
        ooxml.set_character_spacing(style.element.get_or_add_rPr(), 0)
        ooxml.set_snap_to_grid(style.element.get_or_add_pPr(), False)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        ruled = p.name != "letter"
        place = self.laid_out.colophon
        body = self.word.element.body
        if place is not None and place.own_page:
            before = list(body)[_flow_length(body) - 1] if _flow_length(body) else None
            if before is None or before.tag != ooxml.qn("w:p"):
                before = self._anchor_paragraph()._p
            # The section starts on the next even page: Word and LibreOffice put in the blank page where the
            # text ends on an even page, and still put the 版记 on an even page if they paginate the text
            # differently from us (LibreOffice's gap between Han and digits can add a line).
            ooxml.end_section_at(before, body.find(ooxml.qn("w:sectPr")), "evenPage")
            section = self.word.sections[-1]
            for footer in (section.footer, section.even_page_footer, section.first_page_footer):
                footer.is_linked_to_previous = False  # an empty footer: no page number
        anchor = self._anchor_paragraph()
        paragraphs = []
        if block.cc:
            paragraph = self.new_paragraph(style)
            self.zh_text(paragraph, block.cc, "body", self.layout.set_cc(block.cc))
            # 抄送：one character in on each side; wrapped lines under the first name, after "抄送：".
            ooxml.set_indent(paragraph._p.get_or_add_pPr(), left=4 * size, hanging=3 * size, right=size)
            paragraphs.append(paragraph)
        if block.printer or block.print_date:
            paragraph = self.add(block.printer or "", style, "body")
            ooxml.set_indent(paragraph._p.get_or_add_pPr(), left=size, right=size)
            if block.print_date:
                self.run(paragraph, "\t" + block.print_date, "body")
                paragraph.paragraph_format.tab_stops.add_tab_stop(
                    Pt(self.layout.width - size),
                    WD_TAB_ALIGNMENT.RIGHT,  # from the margin, as Word counts
                )
            paragraphs.append(paragraph)
        # The rules are line shapes at their places (paragraph borders would run between the indents, one
        # character short of the type area's edges on each side): heavy above, light under 抄送, heavy on the
        # type area's lower edge; the text box's paragraphs sit between them.
        height = colophon_height(self.layout, block)
        top = (p.page_height_mm - p.margin_top_mm - p.margin_bottom_mm) * MM - height
        heavy, light = (COLOPHON_HEAVY_RULE_PT, COLOPHON_LIGHT_RULE_PT) if ruled else (0.0, 0.0)
        rules = [(top + heavy / 2, heavy)]
        y = top + heavy
        if block.cc:
            y += len(self.layout.set_cc(block.cc)) * p.line_pitch_pt
            rules.append((y + light / 2, light))
            y += light
            if len(paragraphs) > 1:
                paragraphs[1].paragraph_format.space_before = Pt(light)
        rules.append((top + height - heavy / 2, heavy))
        ooxml.add_anchored_text_box(
            anchor,
            [paragraph._p for paragraph in paragraphs],
            x_pt=0,
            y_pt=top,
            width_pt=self.layout.width,
            height_pt=height,
            shape_id=self._shape_id(),
            top_inset_pt=heavy,
        )
        if not ruled:
            return
        for y_pt, weight in rules:
            ooxml.add_anchored_line(
                anchor,
                x_pt=0,
                y_pt=y_pt,
                length_pt=self.layout.width,
                weight_pt=weight,
                color="000000",
                shape_id=self._shape_id(),
            )

    def _anchor_paragraph(self) -> Any:
        """An empty paragraph one point high: a place in the flow for a floating shape (or a page of its own)
        that moves no text."""
        style = self._style("Notice Anchor", "body", 1.0)
        fmt = style.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(1)
        fmt.space_before = fmt.space_after = Pt(0)
        ooxml.set_snap_to_grid(style.element.get_or_add_pPr(), False)
        ooxml.set_indent(style.element.get_or_add_pPr(), first_line=0)
        return self.new_paragraph(style)


def _place(run: Any, left_pt: float) -> None:
    """Position the floating seal from the type area's left edge and from the top of its paragraph."""
    anchor = run._r.find(".//" + ooxml.qn("wp:anchor"))
    if anchor is None:
        return
    horizontal = anchor.find(ooxml.qn("wp:positionH"))
    horizontal.set("relativeFrom", "margin")
    horizontal.find(ooxml.qn("wp:posOffset")).text = str(round(left_pt * ooxml.EMU_PER_PT))
    anchor.find(ooxml.qn("wp:positionV")).set("relativeFrom", "paragraph")


def float_picture(run: Any, *, width_mm: float, offset_up_pt: float) -> None:
    """Turn the inline seal into a floating one in front of the text, centred on the issuer line."""
    inline = run._r.find(".//" + ooxml.qn("wp:inline"))
    if inline is None:
        return
    from docx.oxml import parse_xml

    extent = inline.find(ooxml.qn("wp:extent"))
    cx, cy = extent.get("cx"), extent.get("cy")
    graphic = inline.find(ooxml.qn("a:graphic"))
    doc_pr = inline.find(ooxml.qn("wp:docPr"))
    emu_up = int(offset_up_pt * 12700)
    anchor = parse_xml(
        '<wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="character"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="line"><wp:posOffset>{-emu_up}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        "</wp:anchor>"
    )
    anchor.append(doc_pr)
    anchor.append(
        parse_xml(
            '<wp:cNvGraphicFramePr xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/>'
        )
    )
    anchor.append(graphic)
    inline.getparent().replace(inline, anchor)
