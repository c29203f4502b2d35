"""Work that depends on a computed style alone, done once per style object instead of once per box and pass.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): ``layout.percent``'s
``resolve_percentages`` (the quick one of ``values.py``) and ``text.line_break.strut``.

Styles are shared by the elements of a notice and across notices (``shared_styles.py``), so the same style object
comes back box after box: every line of a paragraph, every run with the same spacing. Two of WeasyPrint's
functions then work out the same answer from it again each time:

- ``resolve_percentages(box, containing_block)``, for every box at every layout pass, turns the style's margins,
  paddings, sizes and border widths into the box's used values: a function of the style, the containing block's
  width and height, and whether the box is a page. :func:`remembered_percentages` keeps the values it set, per
  (width, height, page), on the style, and sets them on the next box. Not for a style with collapsed borders,
  whose used border widths the table layout sets on the box itself.
- ``strut(style)``, a line height and baseline, which WeasyPrint caches under a text key it builds from fourteen
  of the style's values on every call: :func:`remembered_strut` keeps it on the style.

What is kept is what WeasyPrint computed, so the pages are unchanged; the tests hold them to WeasyPrint's own,
byte for byte (tests/renderers/test_weasy_per_style.py). Installed by ``weasy.lay_out_faster`` on the verified
versions only. A style changed in place after a box was laid out with it would leave the kept values stale:
WeasyPrint changes only copies during layout (flex, grid, ``::first-line``), and in place, before layout, the
padding and margins of table parts, a footnote's ``display``, a marker's ``position`` and ``white-space``: the
same change each time the style is used, made before the first layout that reads it.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

_install_lock = threading.Lock()
_originals: dict[str, Any] = {}
# The attributes resolve_percentages sets (adjust_box_sizing then changes width, height and their limits).
USED = (
    "margin_left",
    "margin_right",
    "margin_top",
    "margin_bottom",
    "padding_left",
    "padding_right",
    "padding_top",
    "padding_bottom",
    "width",
    "min_width",
    "max_width",
    "height",
    "min_height",
    "max_height",
    "border_top_width",
    "border_right_width",
    "border_bottom_width",
    "border_left_width",
)
_KEPT_USED = "_notices_used"
_KEPT_STRUT = "_notices_strut"
_MAX_SIZES = 64  # containing-block sizes kept per style, forgotten all at once when full
# Modules of WeasyPrint that call strut by a name of their own (``from ..text.line_break import strut``).
_STRUT_CALLERS = (
    "weasyprint.text.line_break",
    "weasyprint.layout.inline",
    "weasyprint.css.units",
    "weasyprint.css.computed_values",
)


def remembered_percentages(resolve: Any) -> Any:
    """``resolve`` (a ``resolve_percentages``) answering from the values kept on the box's style."""
    from weasyprint.formatting_structure.boxes import Box, PageBox

    def resolve_percentages(box: Any, containing_block: Any) -> None:
        style = box.style
        kept = getattr(style, "__dict__", None)
        if kept is None:
            resolve(box, containing_block)
            return
        sizes = kept.get(_KEPT_USED)
        if sizes is None:
            if style["border_collapse"] == "collapse":
                resolve(box, containing_block)
                return
            sizes = kept[_KEPT_USED] = {}
        if isinstance(containing_block, Box):
            key = (containing_block.width, containing_block.height, isinstance(box, PageBox))
        else:
            width, height = containing_block
            key = (width, height, isinstance(box, PageBox))
        try:
            values = sizes.get(key)
        except TypeError:  # a size that cannot be a key
            resolve(box, containing_block)
            return
        if values is None:
            resolve(box, containing_block)
            if len(sizes) >= _MAX_SIZES:
                sizes.clear()
            sizes[key] = tuple(getattr(box, name) for name in USED)
            return
        for name, value in zip(USED, values, strict=True):
            setattr(box, name, value)

    return resolve_percentages


def remembered_strut(strut: Any) -> Any:
    """``strut`` answering from the value kept on the style."""

    def remembered(style: Any) -> Any:
        kept = getattr(style, "__dict__", None)
        if kept is None:
            return strut(style)
        found = kept.get(_KEPT_STRUT)
        if found is None:
            found = kept[_KEPT_STRUT] = strut(style)
        return found

    remembered.remembered = True  # type: ignore[attr-defined]
    return remembered


def remember_struts() -> None:
    """Install :func:`remembered_strut` (once per process; only on the versions this was verified on)."""
    with _install_lock:
        line_break = importlib.import_module("weasyprint.text.line_break")
        if getattr(line_break.strut, "remembered", False):
            return
        original = _originals["strut"] = line_break.strut
        remembered = remembered_strut(original)
        for name in _STRUT_CALLERS:
            module = importlib.import_module(name)
            if getattr(module, "strut", None) is original:
                setattr(module, "strut", remembered)  # noqa: B010 (a module of WeasyPrint's)


def forget_struts() -> None:
    """Put WeasyPrint's own ``strut`` back (the tests compare the pages with and without)."""
    with _install_lock:
        for name in _STRUT_CALLERS:
            module = importlib.import_module(name)
            if getattr(getattr(module, "strut", None), "remembered", False):
                setattr(module, "strut", _originals["strut"])  # noqa: B010
