"""Layout → HTML + CSS for WeasyPrint, through the Jinja2 templates in ``templates/html``.

Chinese text blocks arrive set, line by line, from the layout stage (`notices/layout/typeset.py`): the template
receives each paragraph as lines of boxes and only marks them up. Page-1 positions come from
`notices/layout/geometry.py`, which the DOCX writer shares.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from notices.assets import load_image
from notices.cache import template_cache
from notices.document import AttachmentNote, Block, Document, Note, Paragraph, SignOff
from notices.layout import Layout, lay_out, tables
from notices.layout.fonts import ResolvedFont, resolve_profile
from notices.layout.geometry import HeadGeometry
from notices.layout.pages import HEAD_KINDS
from notices.layout.typeset import SetLine
from notices.layout.zh import HEADING_ROLES, ZhLayout
from notices.profiles import EN_CJK_FALLBACK, Look, Profile
from notices.templating import templates_dir


@functools.lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    env = _trusted_environment(autoescape=True)
    env.bytecode_cache = template_cache("html", env, __file__)
    return env


@functools.lru_cache(maxsize=1)
def css_environment() -> jinja2.Environment:
    env = _trusted_environment(autoescape=False)
    env.filters["css_string"] = css_string
    env.bytecode_cache = template_cache("css", env, __file__)
    return env


def _trusted_environment(autoescape: bool) -> jinja2.Environment:
    """Our own HTML and CSS templates: no sandbox, which guards against template code and here costs half of
    the HTML's time, since the code is ours; every value a notice brings is still escaped (``autoescape``, and
    ``css_string`` in the CSS). Spec strings and kind templates keep rendering in the sandbox
    (``notices.templating``)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir() / "html")),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def css_string(value: object) -> str:
    """A CSS string literal whatever the value holds: a house style's font name cannot close the rule."""
    text = str(value)
    escaped = "".join(
        ch if ch.isalnum() or ch in " _-.·" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in text
    )
    return f'"{escaped}"'


class HtmlLayout:
    """The markup of a Chinese notice's set lines: what the template calls. The lines and every measurement
    come from the layout stage (:class:`~notices.layout.zh.ZhLayout`); nothing is set here."""

    def __init__(self, zh: ZhLayout) -> None:
        self.zh = zh

    def __getattr__(self, name: str) -> Any:
        return getattr(self.zh, name)

    def text(self, block: Block, kept_from: int | None = None) -> Markup:
        """A salutation, heading, paragraph, closing or note; a numbered item's number in its level's face
        (一、 黑体, （一） 楷体). ``kept_from``: the line after which every line stays with the one before it
        (the first of the body's last lines that go with the sign-off, `layout/fit.py`)."""
        lines = self.zh.text_lines(block)
        if isinstance(block, Paragraph) and block.number:
            role = HEADING_ROLES.get(block.level)
            return render_lines(
                lines,
                prefix=len(block.number) if role else 0,
                prefix_class=f"face-{role}",
                kept_from=kept_from,
            )
        return render_lines(lines, kept_from=kept_from)

    def cc(self, text: str) -> Markup:
        return render_lines(self.zh.set_cc(text))

    def attachment_note_html(self, block: AttachmentNote) -> Markup:
        g = self.zh.attachment_note(block)
        parts: list[str] = []
        for index, title in enumerate(block.titles):
            head = ""
            if index == 0:
                head += f'<span class="att-label" style="left:{g.label_left:.3f}pt">附件：</span>'
            if g.numbered:
                head += f'<span class="att-number" style="left:{g.number_left:.3f}pt">{index + 1}.</span>'
            lines = self.zh.set_attachment_title(title, g)
            parts.append(f'<div class="att">{head}{render_lines(lines)}</div>')
        return Markup("".join(parts))


def render_lines(
    lines: Sequence[SetLine], *, prefix: int = 0, prefix_class: str = "", kept_from: int | None = None
) -> Markup:
    """One block per line, one inline box per run; the first `prefix` characters get `prefix_class`; the lines
    after line `kept_from` are kept with the line before them (class "kept": ``break-before: avoid``)."""
    out: list[str] = []
    remaining = prefix
    for number, line in enumerate(lines):
        cls = "ln kept" if kept_from is not None and number > kept_from else "ln"
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
        out.append(f'<span class="{cls}"{style}>{"".join(boxes)}</span>')
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
        p=profile,
        f=fonts,
        cjk_fallback=EN_CJK_FALLBACK,
        head=head,
        page_number_offset=page_number_offset,
        table_pad_x=tables.PAD_X_PT,
        table_pad_y=tables.PAD_Y_PT,
        table_rule=tables.RULE_PT,
    )


def stylesheet(
    profile: Profile, layout: ZhLayout | None = None, extra_families: frozenset[str] = frozenset()
) -> str:
    """``extra_families``: faces a house style brings as files (``@font-face``), usable though not installed."""
    fonts = resolve_profile(profile, extra_families)
    head = layout.head if layout else None
    offset = layout.page_number_offset() if layout else 0.0
    return _css(profile, tuple(sorted(fonts.items())), head, round(offset, 3))


def to_html(layout: Layout | Document) -> str:
    """The notice as one self-contained HTML document (CSS inline, assets referenced relative to the spec).

    Given a document rather than its layout, lays it out first. The sign-off's fit (`notices.layout.fit`)
    gives some blocks a smaller line pitch and keeps the closing, 附件说明 and sign-off together.
    """
    if isinstance(layout, Document):
        layout = lay_out(layout)
    doc, profile = layout.doc, layout.profile

    def asset_url(path: Path, width_pt: float | None = None, height_pt: float | None = None) -> str:
        # The PNG notices.assets decoded and validated, as the DOCX embeds it: WeasyPrint reads no image file;
        # at the resolution the page needs where the template gives the image's size on the page.
        return load_image(path).for_box(width_pt, height_pt).data_url

    zh = layout.zh
    head = tuple(b for b in doc.blocks if b.kind in HEAD_KINDS)
    template = html_environment().get_template("notice.html.j2")
    return template.render(
        doc=doc,
        css=Markup(
            (look_css(doc.look) if doc.look else "")
            + stylesheet(profile, zh, doc.look.extra_families if doc.look else frozenset())
        ),
        L=HtmlLayout(zh) if zh is not None else None,
        T=layout.table,
        item=layout.item,
        asset_url=asset_url,
        seal_height_pt=profile.line_pitch_pt * 3,
        head_blocks=head,
        body_items=body_items(doc.blocks),
        tight=layout.fit.tight,
        keep=layout.fit.keep,
        tail=layout.fit.tail,
        tail_start=min(layout.fit.tail, default=-1),
        colophon_own_page=layout.colophon is not None and layout.colophon.own_page,
    )


def look_css(look: Look) -> str:
    """``@font-face`` rules for the house fonts (the logo's place is the layout's: geometry.py, notice.css.j2)."""
    rules = [
        f"@font-face {{ font-family: {_url_css_string(face.family)}; src: url({_url_css_string(face.path.as_uri())}); "
        f"font-weight: {face.weight}; font-style: normal; }}"
        for face in look.font_faces
    ]
    return "\n".join(rules) + "\n" if rules else ""


def _url_css_string(value: str) -> str:
    """A CSS string literal: whatever a house style's names hold, they cannot close the rule."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " _-.:/%·" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in value
    )
    return f'"{escaped}"'


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
