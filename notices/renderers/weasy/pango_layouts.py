"""A text box's Pango layout made once, in layout, and drawn from, instead of made again when it is drawn.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): its
``text.line_break`` (``Layout``, ``create_layout``) and ``draw.draw_text``.

WeasyPrint shapes each text box's text with Pango while it lays the line out (``split_first_line``), then drops
the Pango layout (``Layout.deactivate``), and when it draws the box makes a new one from the same style and text
and shapes it again (``Layout.reactivate``; ``draw_first_line`` then sets single-paragraph mode and reads the
first line). A notice's lines are ``white-space: pre`` runs of one line each (typeset.py breaks them), so every
text box is shaped twice, and creating a Pango context and layout, its font description and attributes is a
visible part of drawing a page (bench/RESULTS.md).

Here, a layout that WeasyPrint makes in layout for text that cannot wrap (no width set) and holds no paragraph
separator is put in single-paragraph mode at once (which changes nothing for such text: Pango treats it as one
paragraph either way) and kept when layout drops it. When that box is drawn, the kept layout is the one
``reactivate`` would make: the same style object, the same text set once, no justification spacing (``reactivate``
adds it to word spacing), and no ellipsis to draw (which re-sets the text), so it is used as it is and
single-paragraph mode, already set, leaves Pango's lines as they are. Any other layout, and any box drawn a second
time, is made again the way WeasyPrint makes it. The layouts' Pango font descriptions, which Pango copies into
each layout, are made once per distinct font (family, style, stretch, weight, size, caps, variations), not once
per layout. The tests hold the pages to WeasyPrint's own, byte for byte
(tests/renderers/test_weasy_values.py).
"""

from __future__ import annotations

import threading
from typing import Any

_install_lock = threading.Lock()
# Characters at which Pango ends a paragraph (pango_find_paragraph_boundary: \n, \r, U+2029), and the other line
# and page breaks, which WeasyPrint handles as line breaks of their own: text with any is left as WeasyPrint makes it.
_SEPARATORS = ("\n", "\r", "\u2029", "\u2028", "\u0085", "\x0b", "\x0c")
_drawing = threading.local()
_originals: dict[str, Any] = {}


def _installed_functions() -> dict[str, Any]:
    from weasyprint.text import line_break
    from weasyprint.text.ffi import pango

    layout_class = line_break.Layout
    original_create_layout = line_break.create_layout
    original_deactivate = layout_class.deactivate
    original_reactivate = layout_class.reactivate
    import weasyprint.draw as weasy_draw

    original_draw_text = weasy_draw.draw_text
    original_font_description = line_break.get_font_description
    descriptions: dict[Any, Any] = {}

    def get_font_description(style: Any) -> Any:
        """The style's Pango font description, one per distinct set of the values it is made from (the layout
        copies it: ``pango_layout_set_font_description``), read in the order WeasyPrint reads them."""
        key = (
            style["font_family"],
            style["font_style"],
            style["font_stretch"],
            style["font_weight"],
            style["font_size"],
            style["font_variant_caps"],
            style["font_variation_settings"],
        )
        try:
            description = descriptions.get(key)
        except TypeError:  # a value that cannot be a key
            return original_font_description(style)
        if description is None:
            if len(descriptions) >= 256:
                descriptions.clear()
            description = descriptions[key] = original_font_description(style)
        return description

    def create_layout(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any) -> Any:
        layout = original_create_layout(text, style, context, max_width, justification_spacing)
        wraps = style["white_space"] in ("normal", "pre-wrap", "pre-line")
        width_set = max_width is not None and wraps and max_width < 2**21  # as create_layout decides
        if not width_set and layout.text == text and not any(mark in text for mark in _SEPARATORS):
            pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
            layout._notices_keep = True
        return layout

    def deactivate(self: Any) -> None:
        if self.__dict__.pop("_notices_keep", False):
            self._notices_kept = (self.layout, self.language, self.style, self.text)
        original_deactivate(self)

    def reactivate(self: Any, style: Any) -> None:
        kept = self.__dict__.pop("_notices_kept", None)
        if (
            kept is not None
            and kept[2] is style
            and kept[3] == self.text
            and not self.justification_spacing
            and getattr(_drawing, "plain", False)
        ):
            self.layout, self.language, self.style, _ = kept
            self.first_line_direction = 0  # as setup leaves it
            return
        original_reactivate(self, style)

    def draw_text(stream: Any, textbox: Any, offset_x: Any, text_overflow: Any, *block_ellipsis: Any) -> Any:
        previous = getattr(_drawing, "plain", False)
        _drawing.plain = text_overflow != "ellipsis" and block_ellipsis == ("none",)
        try:
            return original_draw_text(stream, textbox, offset_x, text_overflow, *block_ellipsis)
        finally:
            _drawing.plain = previous

    for function in (create_layout, deactivate, reactivate, draw_text, get_font_description):
        setattr(function, "kept_layouts", True)  # noqa: B010 (an attribute mypy does not know functions have)
    return {
        "create_layout": (original_create_layout, create_layout),
        "deactivate": (original_deactivate, deactivate),
        "reactivate": (original_reactivate, reactivate),
        "draw_text": (original_draw_text, draw_text),
        "get_font_description": (original_font_description, get_font_description),
    }


def _targets() -> list[tuple[Any, str]]:
    """(owner, name) of every reference WeasyPrint's own calls go through."""
    import weasyprint.draw as weasy_draw
    import weasyprint.layout.inline as weasy_inline
    from weasyprint.text import line_break

    return [
        (line_break, "create_layout"),
        (weasy_inline, "create_layout"),
        (line_break.Layout, "deactivate"),
        (line_break.Layout, "reactivate"),
        (weasy_draw, "draw_text"),
        (line_break, "get_font_description"),
    ]


def keep_text_layouts() -> None:
    """Install the kept layouts (once per process; only on the WeasyPrint versions this was verified on)."""
    from weasyprint.text import line_break

    with _install_lock:
        if getattr(line_break.Layout.reactivate, "kept_layouts", False):
            return
        functions = _installed_functions()
        _originals.update({name: original for name, (original, _) in functions.items()})
        for owner, name in _targets():
            if getattr(owner, name) is functions[name][0]:
                setattr(owner, name, functions[name][1])


def make_text_layouts_again() -> None:
    """Put WeasyPrint's own functions back (the tests compare the pages with and without)."""
    with _install_lock:
        for owner, name in _targets():
            if getattr(getattr(owner, name), "kept_layouts", False):
                setattr(owner, name, _originals[name])
