"""Document model → HTML + CSS for WeasyPrint, through the Jinja2 templates in ``templates/html``.

Chinese text blocks are set here, line by line (`typeset.py`): the template receives each paragraph as lines of
boxes and only marks them up. Page-1 positions come from `geometry.py`, which the DOCX writer shares.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from notices.document import AttachmentNote, Block, Document, Note, SignOff
from notices.profiles import EN_CJK_FALLBACK, Profile, get_profile
from notices.renderers.fonts import ResolvedFont, resolve_profile
from notices.renderers.geometry import HeadGeometry
from notices.renderers.layout import ZhLayout, role_face
from notices.renderers.typeset import SetLine, set_paragraph
from notices.templating import make_environment, templates_dir

HEAD_KINDS = frozenset({"top_matter", "letterhead", "doc_number", "rule"})
ITEM_NUMBER_ROLES = {1: "heading1", 2: "heading2"}


@functools.lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    return make_environment([templates_dir() / "html"], autoescape=True)


def profile_for(doc: Document) -> Profile:
    return doc.look.profile if doc.look else get_profile(doc.profile)


@functools.lru_cache(maxsize=1)
def css_environment() -> jinja2.Environment:
    env = make_environment([templates_dir() / "html"], autoescape=False)
    env.filters["css_string"] = css_string
    return env


def css_string(value: object) -> str:
    """A CSS string literal whatever the value holds: a house style's font name cannot close the rule."""
    text = str(value)
    escaped = "".join(
        ch if ch.isalnum() or ch in " _-.·" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in text
    )
    return f'"{escaped}"'


class HtmlLayout(ZhLayout):
    """ZhLayout plus the markup of set text: what the template calls."""

    def lines(
        self,
        text: str,
        role: str = "body",
        *,
        first: float = 2,
        indent: float = 0,
        right: float = 0,
        size: float | None = None,
    ) -> Markup:
        """`text` set as justified lines; `first`, `indent` and `right` are in cells of the text's size.

        Text at the body size keeps the grid's spacing (28 characters a line); other sizes are set solid.
        """
        size = size or self.profile.body_size_pt
        face = role_face(self.profile, role, size)
        spacing = self.spacing if size == self.profile.body_size_pt else 0.0
        cell = size + spacing
        lines = set_paragraph(
            text,
            face,
            width_pt=self.width - right * cell,
            base_spacing_pt=spacing,
            first_indent_pt=first * cell,
            indent_pt=indent * cell,
        )
        return render_lines(lines)

    def item_lines(self, number: str, text: str, level: int) -> Markup:
        """A numbered item: the number in its level's face (一、 黑体, （一） 楷体), the text in the body face."""
        lines = set_paragraph(
            number + text,
            self.body,
            width_pt=self.width,
            base_spacing_pt=self.spacing,
            first_indent_pt=2 * self.cell,
        )
        role = ITEM_NUMBER_ROLES.get(level)
        return render_lines(lines, prefix=len(number) if role else 0, prefix_class=f"face-{role}")

    def attachment_note_html(self, block: AttachmentNote) -> Markup:
        g = self.attachment_note(block)
        parts: list[str] = []
        for index, title in enumerate(block.titles):
            lines = set_paragraph(
                title, self.body, width_pt=self.width, base_spacing_pt=self.spacing, indent_pt=g.name_left
            )
            head = ""
            if index == 0:
                head += f'<span class="att-label" style="left:{g.label_left:.3f}pt">附件：</span>'
            if g.numbered:
                head += f'<span class="att-number" style="left:{g.number_left:.3f}pt">{index + 1}.</span>'
            parts.append(f'<div class="att">{head}{render_lines(lines)}</div>')
        return Markup("".join(parts))


def render_lines(lines: list[SetLine], *, prefix: int = 0, prefix_class: str = "") -> Markup:
    """One block per line, one inline box per run; the first `prefix` characters get `prefix_class`."""
    out: list[str] = []
    remaining = prefix
    for line in lines:
        style = f' style="margin-left:{line.indent_pt:.3f}pt"' if line.indent_pt else ""
        boxes: list[str] = []
        for box in line.boxes:
            classes = ["lat"] if box.latin else []
            text = box.text
            if remaining > 0:
                head, text = text[:remaining], text[remaining:]
                remaining -= len(head)
                boxes.append(_box(head, [*classes, prefix_class], box.css_spacing))
            if text:
                boxes.append(_box(text, classes, box.css_spacing))
        out.append(f'<span class="ln"{style}>{"".join(boxes)}</span>')
    return Markup("".join(out))


def _box(text: str, classes: list[str], spacing: str) -> str:
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f'<span{cls} style="letter-spacing:{spacing}">{escape(text)}</span>'


@functools.lru_cache(maxsize=16)
def _css(
    profile: Profile,
    fonts_key: tuple[tuple[str, ResolvedFont], ...],
    head: HeadGeometry | None,
    page_number_offset: float,
) -> str:
    fonts = dict(fonts_key)
    template = css_environment().get_template("notice.css.j2")
    return template.render(
        p=profile, f=fonts, cjk_fallback=EN_CJK_FALLBACK, head=head, page_number_offset=page_number_offset
    )


def stylesheet(
    profile: Profile, layout: ZhLayout | None = None, extra_families: frozenset[str] = frozenset()
) -> str:
    """``extra_families``: faces a house style brings as files (``@font-face``), usable though not installed."""
    fonts = resolve_profile(profile, extra_families)
    head = layout.head if layout else None
    offset = layout.page_number_offset() if layout else 0.0
    return _css(profile, tuple(sorted(fonts.items())), head, round(offset, 3))


def to_html(doc: Document, tight: Mapping[int, float] | None = None) -> str:
    """The notice as one self-contained HTML document (CSS inline, assets referenced relative to the spec).

    `tight` gives some blocks (by index) a smaller line pitch, to keep the sign-off with the text (fit.py).
    """
    profile = profile_for(doc)

    def asset_url(path: Path) -> str:
        resolved = path.resolve()
        if resolved.is_relative_to(doc.assets_dir):
            return resolved.relative_to(doc.assets_dir).as_posix()
        return resolved.as_uri()  # a house style's logo or seal: the PDF fetcher allows its folder

    layout = HtmlLayout(doc, profile) if doc.lang == "zh" else None
    head = tuple(b for b in doc.blocks if b.kind in HEAD_KINDS)
    template = html_environment().get_template("notice.html.j2")
    return template.render(
        doc=doc,
        css=Markup(
            (doc.look.css() if doc.look else "")
            + stylesheet(profile, layout, doc.look.extra_families if doc.look else frozenset())
        ),
        L=layout,
        asset_url=asset_url,
        head_blocks=head,
        body_items=body_items(doc.blocks),
        tight=tight or {},
    )


def body_items(blocks: tuple[Block, ...]) -> list[tuple[int, Block, Block | None]]:
    """(index in the document, block, the 附注 that travels with it): a note right after the sign-off is
    set inside the sign-off's box, so that the two are never parted and the seal's foot has its line."""
    items: list[tuple[int, Block, Block | None]] = []
    skip = -1
    for index, block in enumerate(blocks):
        if block.kind in HEAD_KINDS or index == skip:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, SignOff) and isinstance(following, Note):
            items.append((index, block, following))
            skip = index + 1
        else:
            items.append((index, block, None))
    return items
