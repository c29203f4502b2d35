"""The layout decisions both renderers share for a Chinese notice: faces and their metrics, the grid cell, the
head geometry, title lines, attachment-note indents and sign-off places.

The PDF draws from these numbers and the DOCX writes the same numbers as indents, spacings and anchors, so
Word or LibreOffice lay the file out as the PDF is laid out.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from notices.document import (
    AttachmentNote,
    Block,
    Closing,
    Document,
    Heading,
    Letterhead,
    Note,
    Paragraph,
    Salutation,
    SignOff,
)
from notices.errors import Location, MissingFontError, Problem
from notices.i18n import _
from notices.layout.fonts import resolve_profile
from notices.layout.geometry import CJK_EM_TOP, HeadGeometry, baseline_offset, head_geometry
from notices.layout.metrics import FontMetrics, resolve_font_file
from notices.layout.titles import break_title
from notices.layout.typeset import Face, SetLine, set_paragraph
from notices.profiles import EN_CJK_FALLBACK, MARK_LETTER_SPACING_EM, MM, Profile

COLOPHON_SIZE_PT = 14.0  # 版记 in 四号 (GB/T 9704 §7.4.1)
MIXED_SCRIPT_GAP_EM = 0.25
SCRIPT_BOUNDARY = re.compile(r"(?<=[\u3400-\u9fff])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])(?=[\u3400-\u9fff])")
SEAL_MM = 42.0
# Where an organisation's name divides into its parts, to wrap a long issuer between them.
_NAME_PART_ENDS = (
    "公司",
    "集团",
    "中心",
    "分行",
    "支行",
    "委员会",
    "办公室",
    "事业部",
    "经营部",
    "部",
    "局",
    "厂",
)
ATTACHMENT_NUMBER_CELLS = 1.5  # room for "1." before an attachment's name
HEADING_ROLES = {1: "heading1", 2: "heading2"}  # 一、 黑体, （一） 楷体; levels 3 and 4 in the body face


@functools.lru_cache(maxsize=32)
def face_for(family: str, weight: int, size_pt: float) -> Face | None:
    """Metrics of the file fontconfig gives WeasyPrint for `family`; None if it is not installed."""
    found = resolve_font_file(family, weight)
    if found is None:
        return None
    fallback = resolve_font_file(EN_CJK_FALLBACK)
    return Face(
        FontMetrics.load(*found, language="ZHS"),
        size_pt,
        FontMetrics.load(*fallback, language="ZHS") if fallback else None,
    )


def role_face(profile: Profile, role: str, size_pt: float | None = None) -> Face:
    size = size_pt or profile.body_size_pt
    font = resolve_profile(profile)[role]
    face = face_for(font.family, font.weight, size) or face_for(EN_CJK_FALLBACK, 400, size)
    if face is None:
        wanted = ", ".join(dict.fromkeys(family for family, _ in profile.roles[role].candidates))
        raise MissingFontError(
            Problem(
                _(
                    "no installed font can set the {role} text of a Chinese notice (it takes one of: {wanted})"
                ).format(role=role, wanted=wanted),
                Location("fonts"),
                fix=_(
                    "install the CJK fonts (scripts/setup; on Debian: apt-get install fonts-noto-cjk), then run `notices doctor`"
                ),
                code="font",
            )
        )
    return face


@functools.lru_cache(maxsize=32)
def image_aspect(path: Path) -> float:
    """Width over height of an image the notice names (validated and cached by notices.assets)."""
    from notices.assets import load_image

    image = load_image(path)
    return image.width / image.height if image.height else 1.0


@dataclass(frozen=True)
class SignOffGeometry:
    """The sign-off, in pt from the type area's left edge (§7.3.5.1 with a seal, §7.3.5.2 without)."""

    issuer_left: float
    date_left: float
    lines_before: int  # blank grid lines between the text above and the issuer
    seal_left: float = 0.0
    seal_top: float = 0.0  # from the top of the (first) issuer's line
    seal_size: float = 0.0
    issuer_lines: tuple[str, ...] = ()  # the issuers' names, one per line, a name too long for one wrapped


@dataclass(frozen=True)
class AttachmentNoteGeometry:
    label_left: float
    number_left: float
    name_left: float
    numbered: bool


class ZhLayout:
    """Measurements of one Chinese notice under its profile."""

    def __init__(self, doc: Document, profile: Profile) -> None:
        self.doc = doc
        self.profile = profile
        self.pitch = profile.line_pitch_pt
        self.width = profile.type_width_pt
        self.spacing = profile.grid_letter_spacing_pt
        self.cell = profile.body_size_pt + self.spacing  # one character of the grid
        self.body = role_face(profile, "body")
        mark = next((b for b in doc.blocks if isinstance(b, Letterhead)), None)
        logo = image_aspect(mark.logo) if mark is not None and mark.logo is not None else 0.0
        # Room for the gap a reader may put between Han and Latin letters or digits in the name ("TCL科技"): up
        # to a quarter em (CLREQ, 中西文混排), which LibreOffice puts in even where the DOCX turns it off; the
        # mark then still fits on its one line there.
        slack = MIXED_SCRIPT_GAP_EM * len(SCRIPT_BOUNDARY.findall(mark.text)) if mark is not None else 0.0
        self.head: HeadGeometry = head_geometry(
            profile, doc.blocks, self.body, self.mark_width_em(mark), logo, slack
        )
        self._set: dict[tuple[object, ...], tuple[SetLine, ...]] = {}  # each text set once per document
        self._titles: dict[tuple[object, ...], list[str]] = {}

    # -- lines: what every Chinese text block holds, set once and read by the PDF and the pagination -------

    def set_text(
        self,
        text: str,
        role: str = "body",
        *,
        first: float = 2,
        indent: float = 0,
        right: float = 0,
        size: float | None = None,
    ) -> tuple[SetLine, ...]:
        """`text` set as justified lines; `first`, `indent` and `right` are in cells of the text's size.

        Text at the body size keeps the grid's spacing (28 characters a line); other sizes are set solid.
        """
        key = ("text", text, role, first, indent, right, size)
        if key not in self._set:
            size = size or self.profile.body_size_pt
            spacing = self.spacing if size == self.profile.body_size_pt else 0.0
            cell = size + spacing
            self._set[key] = tuple(
                set_paragraph(
                    text,
                    role_face(self.profile, role, size),
                    width_pt=self.width - right * cell,
                    base_spacing_pt=spacing,
                    first_indent_pt=first * cell,
                    indent_pt=indent * cell,
                )
            )
        return self._set[key]

    def set_item(self, number: str, text: str) -> tuple[SetLine, ...]:
        """A numbered item, set in the body face (its number is drawn in its level's face, same advances)."""
        key = ("item", number, text)
        if key not in self._set:
            self._set[key] = tuple(
                set_paragraph(
                    number + text,
                    self.body,
                    width_pt=self.width,
                    base_spacing_pt=self.spacing,
                    first_indent_pt=2 * self.cell,
                )
            )
        return self._set[key]

    def set_attachment_title(self, title: str, geometry: AttachmentNoteGeometry) -> tuple[SetLine, ...]:
        key = ("attachment", title, geometry.name_left)
        if key not in self._set:
            self._set[key] = tuple(
                set_paragraph(
                    title,
                    self.body,
                    width_pt=self.width,
                    base_spacing_pt=self.spacing,
                    indent_pt=geometry.name_left,
                )
            )
        return self._set[key]

    def set_cc(self, cc: str) -> tuple[SetLine, ...]:
        """抄送 in the 版记: 14 pt, one character in on each side, wrapped lines under the first name."""
        return self.set_text(cc, first=-3, indent=4, right=1, size=COLOPHON_SIZE_PT)

    def text_lines(self, block: Block) -> tuple[SetLine, ...]:
        """The lines of a text block (salutation, heading, paragraph, closing, note), as the PDF draws them."""
        match block:
            case Salutation():
                return self.set_text(block.text, first=0)
            case Heading():
                return self.set_text(block.number + block.text, HEADING_ROLES.get(block.level, "body"))
            case Paragraph() if block.number:
                return self.set_item(block.number, block.text)
            case Paragraph() | Closing() | Note():
                return self.set_text(block.text)
        raise TypeError(f"{block.kind} is not a text block")

    def mark_width_em(self, mark: Letterhead | None) -> float:
        """The name's width in em, with its letter-spacing."""
        if mark is None:
            return 0.0
        title = role_face(self.profile, "title", self.profile.mark_size_pt)
        advances = sum(title.advance(ch) for ch in mark.text) / title.size_pt
        return advances + MARK_LETTER_SPACING_EM * (len(mark.text) - 1)

    def em_top_offset(self, role: str, size_pt: float, line_height: float) -> float:
        """From a line box's top to the top of its CJK em box."""
        face = role_face(self.profile, role, size_pt)
        return baseline_offset(face, line_height) - CJK_EM_TOP * size_pt

    def title_lines(self, text: str, size_pt: float | None = None) -> list[str]:
        key = ("title", text, size_pt)
        if key not in self._titles:
            face = role_face(self.profile, "title", size_pt or self.profile.title_size_pt)
            self._titles[key] = break_title(
                text, width=self.width, advance=face.advance, keep_whole=self.doc.author
            )
        return list(self._titles[key])

    def text_width(self, text: str) -> float:
        advances = sum(self.body.advance(ch) for ch in text)
        return advances + max(len(text) - 1, 0) * self.spacing

    def attachment_note(self, block: AttachmentNote) -> AttachmentNoteGeometry:
        """附件说明: "附件：" two cells in; several attachments numbered "1." "2."; wrapped names hang under
        the first character of the name."""
        label_left = 2 * self.cell
        number_left = label_left + 3 * self.cell
        numbered = len(block.titles) > 1
        number_cells = ATTACHMENT_NUMBER_CELLS + (0.5 if len(block.titles) >= 10 else 0)
        name_left = number_left + (number_cells * self.cell if numbered else 0)
        return AttachmentNoteGeometry(label_left, number_left, name_left, numbered)

    def sign_off(self, block: SignOff) -> SignOffGeometry:
        # Issuers of a joint notice stand one under another, aligned on the longest name, which is placed as a
        # single issuer's would be (§7.3.5.2: 联合行文, the lead issuer first).
        cell = self.cell
        # A name longer than the line leaves room for (two cells on the right, two on the left) wraps: its
        # lines stand like a joint notice's names, rather than run past the left margin.
        lines = tuple(
            part for line in block.issuer_lines for part in self._wrapped(line, self.width - 4 * cell)
        )
        issuer_w = max(self.text_width(line) for line in lines)
        date_w = self.text_width(block.date_text)
        below = (len(lines) - 1) * self.pitch  # from the first issuer's line to the last's
        if block.seal is not None:
            # §7.3.5.1: the date four cells in from the right, the issuer centred over it; the seal centred on
            # both, the two lines a little below its centre, its top within a line of the text above (two
            # blank lines above the issuer leave 20 pt between that text and a 42 mm seal).
            seal = SEAL_MM * MM
            date_left = self.width - 4 * cell - date_w
            issuer_left = date_left + (date_w - issuer_w) / 2
            if not block.date_text:  # a notice that states no date: the issuer takes the date's place
                issuer_left = self.width - 4 * cell - issuer_w
                date_left = issuer_left
            centre = (issuer_left + issuer_w / 2) if not block.date_text else date_left + date_w / 2
            # the seal presses on the last issuer and the date (§7.3.5.1); a second issuer's line takes the
            # place of a blank line above, so the seal's top stays within a line of the text (never fewer than
            # the one blank line of §7.3.5.2)
            seal_top = below + 0.75 * self.pitch - seal / 2
            lines_before = max(1, 2 - (len(lines) - 1))
            return SignOffGeometry(
                issuer_left, date_left, lines_before, centre - seal / 2, seal_top, seal, lines
            )
        # §7.3.5.2: the issuer two cells in from the right, one blank line above it; the date starts two cells
        # right of the issuer's first character; a date longer than that keeps two cells on its right and
        # pushes the issuer left.
        issuer_left = self.width - 2 * cell - issuer_w
        date_left = issuer_left + 2 * cell
        if date_left + date_w > self.width - 2 * cell:
            date_left = self.width - 2 * cell - date_w
            issuer_left = date_left - 2 * cell
        return SignOffGeometry(issuer_left, date_left, 1, issuer_lines=lines)

    def _wrapped(self, name: str, width: float) -> list[str]:
        """``name`` in lines no wider than ``width``: each breaks after the last 公司, 集团 or the like that
        fits in its second half (中国石油化工股份有限公司 / 华东分公司), else as late as fits."""
        lines: list[str] = []
        rest = name
        while len(rest) > 1 and self.text_width(rest) > width:
            fits = 1
            while fits < len(rest) and self.text_width(rest[: fits + 1]) <= width:
                fits += 1
            ends = [n for n in range(fits, fits // 2, -1) if rest[:n].endswith(_NAME_PART_ENDS)]
            cut = ends[0] if ends else fits
            lines.append(rest[:cut])
            rest = rest[cut:]
        return [*lines, rest]

    def page_number_offset(self) -> float:
        """From the top of the page-number line box (line-height = size) to its em box top."""
        size = self.profile.page_number_size_pt
        return self.em_top_offset("page_number", size, size)


__all__ = [
    "AttachmentNoteGeometry",
    "SignOffGeometry",
    "ZhLayout",
    "face_for",
    "role_face",
]
