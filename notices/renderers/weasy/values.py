"""Quicker paths through two of WeasyPrint's functions that every box of a notice goes through, with the same
results: a computed style's property computed on first read (``ComputedStyle.__missing__``), a box's used
margins, paddings, sizes and borders (``layout.percent.resolve_percentages``), and the backgrounds of boxes that
paint none (``layout.background.layout_box_backgrounds``).

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``). A notice's ~90
computed styles are read property by property while it is laid out and drawn: ~6,000 first reads, two in three
of them a property no rule sets, whose value is the initial one or the parent's (bench/RESULTS.md). WeasyPrint's
``__missing__`` takes every read through its whole cascade logic (logical properties, pending ``var()``, math
functions, text decorations, named pages). :func:`quick_missing` answers the reads of a property that is not in
the element's cascaded declarations and needs none of those cases the way that logic ends for them, and hands
every other read to WeasyPrint's own function. ``resolve_percentages`` runs for every box at every layout pass
(~400 times a notice) and resolves fourteen properties through two function calls each; :func:`resolve_percentages`
does the same arithmetic in one loop, and leaves math functions to WeasyPrint's ``percentage`` (and
``per_style.py`` keeps its results per style and containing-block size). Every box of
every page goes through ``layout_box_backgrounds`` once more, for its corner radii and background layers, and
almost none of a notice's boxes has a background, a border image or a shadow: :func:`_quick_box_backgrounds`
sets what WeasyPrint's function sets for those and leaves the others to it.

Both are installed by ``weasy.lay_out_faster`` on the verified versions only, and the tests hold the pages to
WeasyPrint's own, byte for byte (tests/renderers/test_weasy_values.py).
"""

from __future__ import annotations

import threading
from typing import Any

_install_lock = threading.Lock()
# Modules of WeasyPrint that call resolve_percentages by a name of their own (``from .percent import …``).
_CALLERS = (
    "weasyprint.layout.percent",
    "weasyprint.layout.absolute",
    "weasyprint.layout.block",
    "weasyprint.layout.column",
    "weasyprint.layout.float",
    "weasyprint.layout.grid",
    "weasyprint.layout.inline",
    "weasyprint.layout.page",
)
_originals: dict[str, Any] = {}


def _quick_missing(original: Any) -> Any:
    """``ComputedStyle.__missing__`` with the plain cases answered directly, ``original`` for the rest.

    A property not in the element's cascaded declarations is, in ``original``, "inherit" for an inherited or
    custom property and "initial" otherwise. For an inherited one on a non-root element it stores and returns
    the parent's computed value (unless that holds a math function, which it resolves again: left to it);
    for an initial one, the initial value, stored as it is or computed first (``INITIAL_NOT_COMPUTED``). The
    cases it treats apart go to ``original``: the root element, ``float``/``display``/``position``/``page``
    (specified values kept, named pages), ``text-decoration-*`` (propagated), and a physical property whose
    logical counterpart (``margin-inline-start`` …) is cascaded.
    """
    from weasyprint.css import COMPUTER_FUNCTIONS, INHERITED, INITIAL_NOT_COMPUTED, INITIAL_VALUES
    from weasyprint.css.computed_values import PHYSICAL_FUNCTIONS
    from weasyprint.css.functions import check_math

    apart = frozenset(("float", "display", "position", "page"))
    apart |= frozenset(key for key in INITIAL_VALUES if key.startswith("text_decoration_"))
    # An initial value that is itself a math function would be resolved by original: none is, but a later
    # WeasyPrint could have one.
    apart |= frozenset(key for key, value in INITIAL_VALUES.items() if check_math(value))
    logical_keys: dict[tuple[str, Any], str] = {}

    def __missing__(self: Any, key: str) -> Any:
        if key in apart or key in self.cascaded:
            return original(self, key)
        logical = PHYSICAL_FUNCTIONS.get(key)
        if logical is not None:
            direction = self["direction"]
            logical_key = logical_keys.get((key, direction))
            if logical_key is None:
                logical_key = logical_keys[key, direction] = logical(block="ttb", inline=direction)
            if logical_key in self.cascaded:
                return original(self, key)
        if key in INHERITED or key[:2] == "__":
            parent_style = self.parent_style
            if parent_style is None:
                return original(self, key)
            value = parent_style[key]
            if check_math(value):
                return original(self, key)
            self[key] = value
            return value
        if key not in INITIAL_VALUES:  # what original raises for an unknown property, it raises
            return original(self, key)
        value = INITIAL_VALUES[key]
        if key in INITIAL_NOT_COMPUTED and key in COMPUTER_FUNCTIONS:
            value = COMPUTER_FUNCTIONS[key](self, key, value)
        self[key] = value
        return value

    __missing__.quick = True  # type: ignore[attr-defined]
    return __missing__


def _resolve_percentages_function() -> Any:
    from math import inf

    from weasyprint.css.functions import check_math
    from weasyprint.formatting_structure.boxes import Box, PageBox
    from weasyprint.layout import percent

    percentage = percent.percentage
    adjust_box_sizing = percent.adjust_box_sizing
    widths = ("margin_left", "margin_right")
    heights = ("margin_top", "margin_bottom")
    inner_widths = ("padding_left", "padding_right")
    inner_heights = ("padding_top", "padding_bottom")
    sizes = ("width", "min_width", "max_width")
    borders = ("border_top_width", "border_right_width", "border_bottom_width", "border_left_width")

    def used(box: Any, style: Any, names: tuple[str, ...], refer_to: Any) -> None:
        """``resolve_one_percentage`` of each of ``names``."""
        for name in names:
            value = style[name]
            if value is None or value == "auto":
                pass
            else:
                unit = getattr(value, "unit", None)
                if unit is None:
                    value = percentage(value, style, refer_to)
                elif unit == "%":
                    value = refer_to * value.value / 100
                else:
                    value = value.value
            if value == "auto" and (name == "min_width" or name == "min_height"):
                value = 0
            setattr(box, name, value)

    def resolve_percentages(box: Any, containing_block: Any) -> None:
        """WeasyPrint's ``resolve_percentages``, the same steps in the same order."""
        if isinstance(containing_block, Box):
            cb_width = containing_block.width
            cb_height = containing_block.height
        else:
            cb_width, cb_height = containing_block
        maybe_height = cb_height if isinstance(box, PageBox) else cb_width
        style = box.style
        used(box, style, widths, cb_width)
        used(box, style, heights, maybe_height)
        used(box, style, inner_widths, cb_width)
        used(box, style, inner_heights, maybe_height)
        used(box, style, sizes, cb_width)
        if cb_height == "auto":
            height = style["height"]
            if height == "auto" or check_math(height) or height.unit == "%":
                box.height = "auto"
            else:
                assert height.unit.lower() == "px"
                box.height = height.value
            used(box, style, ("min_height",), 0)
            used(box, style, ("max_height",), inf)
        else:
            used(box, style, ("height", "min_height", "max_height"), cb_height)
        collapse = style["border_collapse"] == "collapse"
        for name in borders:
            if not (collapse and hasattr(box, name)):
                setattr(box, name, style[name])
        adjust_box_sizing(box, "width")
        adjust_box_sizing(box, "height")

    resolve_percentages.quick = True  # type: ignore[attr-defined]
    return resolve_percentages


def _quick_box_backgrounds(original: Any) -> Any:
    """``layout_box_backgrounds`` with the boxes that paint nothing of their own answered directly.

    For a box other than the page whose corners are square, with no border or mask image, no background
    image, a transparent background colour and no shadow, WeasyPrint's function sets each corner's used radius
    to (0, 0), lays the children's backgrounds out and leaves the box without a background: so does this one,
    in that order. Every other box (and a call for a given style) is WeasyPrint's.
    """
    from weasyprint.draw.color import get_color

    corners = (
        "border_top_left_radius",
        "border_top_right_radius",
        "border_bottom_right_radius",
        "border_bottom_left_radius",
    )
    square = (0, "px")

    def paints_nothing(style: Any) -> bool:
        for corner in corners:
            if square not in style[corner]:
                return False
        if style["border_image_source"][0] != "none" or style["mask_border_source"][0] != "none":
            return False
        if style["visibility"] != "hidden":
            for kind, value in style["background_image"]:
                if kind == "url" or value:
                    return False
            if get_color(style, "background_color").alpha != 0:
                return False
        return not style["box_shadow"]

    def layout_box_backgrounds(
        page: Any, box: Any, get_image_from_uri: Any, layout_children: bool = True, style: Any = None
    ) -> None:
        if style is not None or box is page or not paints_nothing(box.style):
            original(page, box, get_image_from_uri, layout_children, style)
            return
        for corner in corners:
            setattr(box, corner, (0, 0))
        if layout_children:
            for child in box.all_children():
                layout_box_backgrounds(page, child, get_image_from_uri)
        box.background = None

    layout_box_backgrounds.quick = True  # type: ignore[attr-defined]
    return layout_box_backgrounds


def compute_values_faster() -> None:
    """Install the quick paths (once per process; only on the WeasyPrint versions this was verified on)."""
    import importlib

    from weasyprint.css import ComputedStyle

    from notices.renderers.weasy.per_style import remembered_percentages

    with _install_lock:
        if getattr(ComputedStyle.__missing__, "quick", False):
            return
        _originals["__missing__"] = ComputedStyle.__missing__
        ComputedStyle.__missing__ = _quick_missing(ComputedStyle.__missing__)
        original = importlib.import_module("weasyprint.layout.percent").resolve_percentages
        _originals["resolve_percentages"] = original
        quick = remembered_percentages(_resolve_percentages_function())  # per style: per_style.py
        quick.quick = True
        for name in _CALLERS:
            module = importlib.import_module(name)
            if getattr(module, "resolve_percentages", None) is original:
                setattr(module, "resolve_percentages", quick)  # noqa: B010
        background: Any = importlib.import_module("weasyprint.layout.background")
        _originals["layout_box_backgrounds"] = background.layout_box_backgrounds
        background.layout_box_backgrounds = _quick_box_backgrounds(background.layout_box_backgrounds)


def compute_values_as_weasyprint() -> None:
    """Put WeasyPrint's own functions back (the tests compare the pages with and without)."""
    import importlib

    from weasyprint.css import ComputedStyle

    with _install_lock:
        if not getattr(ComputedStyle.__missing__, "quick", False):
            return
        ComputedStyle.__missing__ = _originals["__missing__"]
        for name in _CALLERS:
            module = importlib.import_module(name)
            if getattr(getattr(module, "resolve_percentages", None), "quick", False):
                setattr(module, "resolve_percentages", _originals["resolve_percentages"])  # noqa: B010
        background: Any = importlib.import_module("weasyprint.layout.background")
        if getattr(background.layout_box_backgrounds, "quick", False):
            background.layout_box_backgrounds = _originals["layout_box_backgrounds"]
