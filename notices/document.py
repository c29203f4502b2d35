"""The document model: what a notice says and in which element, independent of PDF or DOCX.

Compose builds it once; both renderers walk the same list of blocks, so the two formats cannot say different
things. Blocks carry text that is already final (variables filled, numbering applied): renderers only lay it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from notices.profiles import Look


@dataclass(frozen=True)
class Block:
    kind: ClassVar[str] = "block"


@dataclass(frozen=True)
class TopMatter(Block):
    """份号, 密级 and 紧急程度, top left above the letterhead."""

    kind: ClassVar[str] = "top_matter"
    copy_number: str | None = None
    secrecy: str | None = None
    urgency: str | None = None


@dataclass(frozen=True)
class Letterhead(Block):
    """发文机关标志 (red, centred) or, in an English letter, the company name line."""

    kind: ClassVar[str] = "letterhead"
    text: str
    logo: Path | None = None  # a house style's logo, printed beside the text


@dataclass(frozen=True)
class DocNumber(Block):
    """发文字号, with the red rule drawn under it."""

    kind: ClassVar[str] = "doc_number"
    text: str | None
    signer: str | None = None


@dataclass(frozen=True)
class Rule(Block):
    """The red separator line under the header (drawn even when there is no document number)."""

    kind: ClassVar[str] = "rule"


@dataclass(frozen=True)
class DateLine(Block):
    """English letters: the date above the inside address."""

    kind: ClassVar[str] = "date_line"
    text: str


@dataclass(frozen=True)
class Title(Block):
    kind: ClassVar[str] = "title"
    text: str


@dataclass(frozen=True)
class Salutation(Block):
    kind: ClassVar[str] = "salutation"
    text: str


@dataclass(frozen=True)
class Heading(Block):
    """A numbered heading on its own line: level 1 一、 (黑体), level 2 （一） (楷体), 3 and 4 in the body face."""

    kind: ClassVar[str] = "heading"
    level: int
    number: str
    text: str


@dataclass(frozen=True)
class Paragraph(Block):
    """Body text. ``number`` is set for a numbered item, printed before the text in the face of its ``level``."""

    kind: ClassVar[str] = "paragraph"
    text: str
    number: str = ""
    level: int = 0


@dataclass(frozen=True)
class Table(Block):
    kind: ClassVar[str] = "table"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Closing(Block):
    """特此通知。 as its own paragraph, or an English complimentary close."""

    kind: ClassVar[str] = "closing"
    text: str


@dataclass(frozen=True)
class AttachmentNote(Block):
    """附件说明: "附件：1. …" with wrapped lines hanging under the names."""

    kind: ClassVar[str] = "attachment_note"
    titles: tuple[str, ...]


@dataclass(frozen=True)
class SignOff(Block):
    kind: ClassVar[str] = "sign_off"
    issuer: str
    date_text: str
    seal: Path | None = None
    signer: str | None = None

    @property
    def issuer_lines(self) -> tuple[str, ...]:
        """The issuer's name, or in a notice issued jointly each issuer's, one per line: the lead issuer first
        and the others below it (GB/T 9704 §7.3.5.2, 联合行文)."""
        return tuple(line.strip() for line in self.issuer.splitlines() if line.strip()) or (self.issuer,)


@dataclass(frozen=True)
class Note(Block):
    """附注, e.g. （联系人：张三，电话：010-12345678）, the line after the date."""

    kind: ClassVar[str] = "note"
    text: str


@dataclass(frozen=True)
class Colophon(Block):
    """版记: 抄送 and 印发机关/印发日期 between rules, at the foot of the last page."""

    kind: ClassVar[str] = "colophon"
    cc: str | None = None
    printer: str | None = None
    print_date: str | None = None


@dataclass(frozen=True)
class AttachmentPage(Block):
    """An attachment, starting on a new page: "附件N" flush left, its title centred, then its content."""

    kind: ClassVar[str] = "attachment_page"
    number: int
    label: str
    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Document:
    """Everything a renderer needs: the blocks in order, the layout profile and the metadata."""

    lang: str
    profile: str
    title: str
    author: str
    issue_date: dt.date
    blocks: tuple[Block, ...]
    assets_dir: Path
    style: dict[str, str] = field(default_factory=dict)
    look: Look | None = None  # a house style's profile, font files and folder (notices/profiles.py)

    def plain_text(self) -> str:
        """All text in reading order, one block per line: what a reader of either format sees."""
        lines: list[str] = []
        for block in self.blocks:
            lines.extend(block_text(block))
        return "\n".join(lines)


def block_text(block: Block) -> list[str]:
    match block:
        case TopMatter():
            return [t for t in (block.copy_number, block.secrecy, block.urgency) if t]
        case Letterhead() | Title() | Salutation() | Closing() | Note() | DateLine():
            return [block.text]
        case DocNumber():
            return [t for t in (block.text, block.signer) if t]
        case Heading():
            return [block.number + block.text]
        case Paragraph():
            return [block.number + block.text]
        case Table():
            return [block.caption, *("  ".join(r) for r in (block.header, *block.rows))]
        case AttachmentNote():
            return list(block.titles)
        case SignOff():
            return [t for t in (*block.issuer_lines, block.date_text) if t]
        case Colophon():
            return [t for t in (block.cc, block.printer, block.print_date) if t]
        case AttachmentPage():
            out = [block.label, block.title]
            for inner in block.blocks:
                out.extend(block_text(inner))
            return out
    return []
