"""Redraw one line of a drawn page: the operators of the other boxes are kept, only the line's are drawn.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``).

Redrawing a whole page is nearly all WeasyPrint shaping again every line that did not change.
For a page where one text box gets another text, the page is drawn once more while the original box is watched
(:func:`record`): the operators before and after the box's text object, WeasyPrint's drawing state at its start
and end, and the glyphs the page's fonts had met by then. :func:`splice` then draws only the new box, in that
state, and puts it between the kept operators.

The result must be byte-identical to drawing the whole page, so every way the rest of the page could depend on
the box is checked, and :func:`splice` returns None (draw the whole page) when one is met:

- WeasyPrint continues a text object across boxes (``ET`` then ``BT`` is dropped), and selects a font only
  when it changes: the new box must end in the font the old one ended in;
- a font's glyph table records each glyph's width and text at its first use on the page. So the page is also
  drawn once with the box empty: what the rest of the page records then is what it records for every glyph the
  new box does not show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from notices.renderers.pdf_pages import CONTENT_COMPRESSION_LEVEL, GlyphUse, MissingGlyphs, PageDrawing

GlyphTables = dict[int, tuple[dict[int, int], dict[int, str]]]  # font key → (widths, to_unicode)


@dataclass(frozen=True)
class LineSplice:
    """A drawn page, split around the text object of one box."""

    page: PageDrawing
    prefix: tuple[bytes, ...]
    suffix: tuple[bytes, ...]
    continued_before: bool  # the box's BT continued the text object before it: the prefix lost its ET
    continued_after: bool  # the text after the box continued the box's text object: the box lost its ET
    state: tuple[Any, ...]  # colour, alpha, font and previous font when the box's text object began
    end_font: Any  # the font WeasyPrint had selected when the box's text object ended
    before: GlyphTables  # glyphs the page's fonts had met when the box began
    after: GlyphTables  # glyphs first met after the box, had the box shown nothing


def record(drawer: Any, page: Any, box: Any, parent: Any, position: int) -> LineSplice | None:
    """Draw ``page`` watching ``box`` (``parent.children[position]``), then once with the box empty.

    None when the box is not drawn as one plain text object.
    """
    if not _plain_drawing(box):
        return None
    marks: dict[str, Any] = {}
    layout = box.pango_layout
    reactivate, deactivate = layout.reactivate, layout.deactivate

    def on_start(style: Any) -> None:
        stream = marks["stream"]
        marks["start"] = (
            len(stream.stream),
            stream.stream[-1:] == [b"ET"],
            _state(stream),
            _tables(drawer.fonts),
        )
        reactivate(style)

    def on_end() -> None:
        stream = marks["stream"]
        marks["end"] = (len(stream.stream), stream._old_font, _tables(drawer.fonts))
        deactivate()

    layout.reactivate, layout.deactivate = on_start, on_end
    try:
        page_drawing = drawer.draw(page, observe=lambda stream: marks.__setitem__("stream", stream))
    finally:
        del layout.reactivate, layout.deactivate
    if "start" not in marks or "end" not in marks:
        return None
    from pydyf import _to_bytes  # type: ignore[import-untyped]

    ops = [bytes(_to_bytes(item)) for item in marks["stream"].stream]
    start, continued_before, state, before = marks["start"]
    end, end_font, _ = marks["end"]
    start -= continued_before  # the box's BT took the ET before it away; the end was counted after that
    continued_after = end <= len(ops) and ops[end - 1] != b"ET"
    suffix_from = end - continued_after
    parent.children[position] = box.copy_with_text(" ")  # drawn as nothing, in the same style
    try:
        drawer.draw(page)
    finally:
        parent.children[position] = box
    after = _difference(_tables(drawer.fonts), before)
    return LineSplice(
        page=page_drawing,
        prefix=tuple(ops[:start]),
        suffix=tuple(ops[suffix_from:]),
        continued_before=continued_before,
        continued_after=continued_after,
        state=state,
        end_font=end_font,
        before=before,
        after=after,
    )


def splice(drawer: Any, line: LineSplice, new_box: Any) -> PageDrawing | None:
    """The page of ``line`` with ``new_box`` drawn in place of the recorded box, or None (draw it whole)."""
    import zlib

    from pydyf import _to_bytes
    from weasyprint.draw.text import draw_text

    from notices.renderers.weasy.drawing import lean_stream

    if not _plain_drawing(new_box):
        return None
    fonts = drawer.fonts
    for key, font in fonts.items():
        widths, texts = line.before.get(key, ({}, {}))
        font.widths, font.to_unicode = dict(widths), dict(texts)
    page = line.page
    stream = lean_stream(fonts, {"ExtGState": {}, "XObject": {}, "Pattern": {}, "Shading": {}})
    stream._current_color, stream._current_alpha, stream._current_font, stream._old_font = line.state
    stream.stream = [b"ET"] if line.continued_before else []
    draw_text(stream, new_box, 0, "clip", "none")
    if stream._old_font != line.end_font or any(stream._resources.values()):
        return None
    ops = [bytes(_to_bytes(item)) for item in stream.stream]
    if line.continued_after:
        if ops[-1:] != [b"ET"]:
            return None
        ops.pop()
    now = _tables(fonts)
    _check_missing(fonts, _difference(now, line.before))
    glyphs: dict[str, GlyphUse] = {}
    for key, font in fonts.items():
        widths = {**line.after.get(key, ({}, {}))[0], **now[key][0]}
        texts = {**line.after.get(key, ({}, {}))[1], **now[key][1]}
        if widths:
            glyphs.setdefault(font.hash, {}).update(
                (gid, (w, texts.get(gid, ""))) for gid, w in widths.items()
            )
    content = b"\n".join((*line.prefix, *ops, *line.suffix))
    return PageDrawing(
        media_box=page.media_box,
        trim_box=page.trim_box,
        bleed_box=page.bleed_box,
        content=zlib.compress(content, CONTENT_COMPRESSION_LEVEL),
        resources=page.resources,
        glyphs=glyphs,
        height=page.height,
        bookmarks=page.bookmarks,
    )


def _plain_drawing(box: Any) -> bool:
    """A box drawn as one text object with nothing around it: no decoration, no ellipsis, no emoji fonts."""
    style = box.style
    return bool(
        style["visibility"] == "visible"
        and style["text_decoration_line"] in ("none", (), frozenset())
        and box.text.strip()
    )


def _state(stream: Any) -> tuple[Any, ...]:
    return (stream._current_color, stream._current_alpha, stream._current_font, stream._old_font)


def _tables(fonts: dict[int, Any]) -> GlyphTables:
    return {key: (dict(font.widths), dict(font.to_unicode)) for key, font in fonts.items()}


def _difference(later: GlyphTables, earlier: GlyphTables) -> GlyphTables:
    out: GlyphTables = {}
    for key, (widths, texts) in later.items():
        old_widths, old_texts = earlier.get(key, ({}, {}))
        out[key] = (
            {g: w for g, w in widths.items() if g not in old_widths},
            {g: t for g, t in texts.items() if g not in old_texts},
        )
    return out


def _check_missing(fonts: dict[int, Any], tables: GlyphTables) -> None:
    missing = []
    for key, (widths, texts) in tables.items():
        unknown = set(fonts[key].missing.values())
        missing += [texts.get(gid, "") for gid in widths if gid in unknown]
    if any(missing):
        raise MissingGlyphs(sorted(set(filter(None, missing))))
