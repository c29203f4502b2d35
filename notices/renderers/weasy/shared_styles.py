"""Computed styles shared across the documents of a process, as WeasyPrint shares them within one document.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): ``StyleFor``'s
``set_computed_styles``, its ``_computed_styles`` and ``_cascaded_styles``, and ``ComputedStyle``.

WeasyPrint gives the elements of one document a single computed style when they have the same parent style and
the same cascaded declarations (``StyleFor.__init__``'s ``computed_cache``), and computes each style's values
lazily, property by property, as layout and drawing read them; the anonymous styles of line and text boxes
(``Style.anonymous_style``) and their values hang off those styles. Every new document starts all of that again,
though the notices of a process are styled by the same sheets (``pdf._stylesheet`` keeps ours parsed) and their
elements carry the same few classes and ``style`` attributes: for a different notice each call, computing the
same values again was a large part of its layout (bench/RESULTS.md).

:func:`share_computed_styles` keeps the computed style of every element WeasyPrint styles, keyed by what the
style is a function of: its parent's and the root's computed styles (by identity: themselves shared, or the
key never matches again), the cascaded values of the element (by value), the base URL, the font configuration
and the sheets (by identity; the page size that viewport units read comes from them). A later element with
the same key, in any document, gets the same style object, values computed or not, which is exactly what
WeasyPrint does for a second element of one document. What the key leaves out is per document in WeasyPrint
too and does not reach a computed value: ``attr()`` is read from the element when boxes are built, counters
live on boxes. Not shared: pseudo-elements and page styles (WeasyPrint writes per-document values into some
of them, e.g. a page's ``overflow`` and a note's ``anchor``), and styles of footnotes and notes.
A shared style with an ``anchor`` is registered with the new document's target collector, as
``set_computed_styles`` does. Installed by ``weasy.lay_out_faster`` on the verified versions only; the tests
hold the pages to WeasyPrint's own, byte for byte, across a sequence of different notices
(tests/renderers/test_weasy_shared_styles.py).
"""

from __future__ import annotations

import threading
from typing import Any

_install_lock = threading.Lock()
_lock = threading.Lock()
MAX_STYLES = 8192  # a notice has ~100 distinct element styles; forgotten all at once when full
_shared: dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]] = {}
_originals: dict[str, Any] = {}


def _key(style_for: Any, element: Any, parent_style: Any, root_style: Any, base_url: Any) -> Any:
    """What the element's computed style is a function of, or None when a value cannot be a key."""
    cascaded = style_for._cascaded_styles.get((element, None), {})
    sheets = tuple(getattr(sheet, "_sheet", sheet) for sheet, _, _ in style_for._sheets)  # styles.py's views
    key = (
        id(parent_style),
        id(root_style),
        base_url,
        id(style_for.font_config),
        tuple(map(id, sheets)),
        tuple((name, values) for name, (values, _weight) in cascaded.items()),
    )
    try:
        hash(key)
    except TypeError:
        return None, sheets
    return key, sheets


def _sharing(original: Any) -> Any:
    def set_computed_styles(
        self: Any,
        element: Any,
        parent: Any,
        root: Any = None,
        pseudo_type: Any = None,
        base_url: Any = None,
        target_collector: Any = None,
    ) -> None:
        if pseudo_type is not None or not hasattr(element, "tag"):  # pseudo-elements, page types
            original(self, element, parent, root, pseudo_type, base_url, target_collector)
            return None
        computed_styles = self._computed_styles
        if element == root:
            parent_style = root_style = None
        else:
            parent_style, root_style = computed_styles[parent, None], computed_styles[root, None]
        key, sheets = _key(self, element, parent_style, root_style, base_url)
        if key is None:
            original(self, element, parent, root, pseudo_type, base_url, target_collector)
            return None
        found = _shared.get(key)
        if found is not None:
            style, _kept = found
            if style.parent_style is parent_style and (root_style is None or style.root_style is root_style):
                computed_styles[element, None] = style
                if target_collector and style["anchor"]:
                    target_collector.collect_anchor(style["anchor"])
                return None
        original(self, element, parent, root, pseudo_type, base_url, target_collector)
        style = computed_styles[element, None]
        # Not a footnote, a note or a running element, whose styles WeasyPrint writes per-document values into.
        if style["float"] == "none" and not isinstance(style["position"], tuple):
            with _lock:
                if len(_shared) >= MAX_STYLES:
                    _shared.clear()
                # The sheets and font configuration are kept alive with the style, so their ids stay theirs.
                _shared[key] = (style, (sheets, self.font_config))
        return None

    set_computed_styles.shares_styles = True  # type: ignore[attr-defined]
    return set_computed_styles


def share_computed_styles() -> None:
    """Install the sharing (once per process; only on the WeasyPrint versions this was verified on)."""
    from weasyprint.css import StyleFor

    base = _base(StyleFor)
    with _install_lock:
        current = base.__dict__["set_computed_styles"]
        if not getattr(current, "shares_styles", False):
            _originals["set_computed_styles"] = current
            setattr(base, "set_computed_styles", _sharing(current))  # noqa: B010 (mypy: a class of WeasyPrint's)


def unshare_computed_styles() -> None:
    """Put WeasyPrint's own ``set_computed_styles`` back and forget the shared styles (for the tests)."""
    from weasyprint.css import StyleFor

    base = _base(StyleFor)
    with _install_lock:
        if getattr(base.__dict__["set_computed_styles"], "shares_styles", False):
            setattr(base, "set_computed_styles", _originals["set_computed_styles"])  # noqa: B010
        forget_shared_styles()


def forget_shared_styles() -> None:
    with _lock:
        _shared.clear()


def shared_style_count() -> int:
    return len(_shared)


def _base(style_for: type) -> type:
    """WeasyPrint's own ``StyleFor`` under ``styles.py``'s subclass, which defines no ``set_computed_styles``."""
    for cls in style_for.__mro__:
        if "set_computed_styles" in cls.__dict__:
            return cls
    raise AttributeError("StyleFor has no set_computed_styles")
