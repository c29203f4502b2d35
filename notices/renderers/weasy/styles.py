"""One computed style for the elements of a document whose ``style`` attributes are the same text.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``):
``weasyprint.css.find_style_attributes`` and the cache of computed styles in ``StyleFor.__init__``.

WeasyPrint already gives elements one shared computed style when they have the same parent style, match the
same rules and carry the same declarations of their own (``StyleFor.__init__``: its ``computed_cache``). It tells
"the same declarations" by the identity of the tinycss2 nodes it parsed from each ``style`` attribute, and it
parses every attribute anew, so no two elements with a ``style`` attribute ever share. Our HTML sets every run of a
justified line (its letter spacing) and every first line (its indent) with a ``style`` attribute: a notice has
a hundred or more, and each then computes its style property by property while it is laid out (bench/RESULTS.md:
a large part of laying out a new notice). Parsing each attribute text once per process, into one tuple of nodes,
lets runs and lines with the same attribute share the style WeasyPrint computes, which is exactly what it does for
elements without one: the cascade is the same, so is every computed value, so are the pages.

The attribute's declarations are the first item ``find_style_attributes`` yields for an element, and WeasyPrint
keeps only the last item's declarations per element for that comparison: an element that also has ``lang``,
``id`` or another attribute that adds declarations keeps its own style, as before.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from typing import Any

STYLE_ATTRIBUTE_SPECIFICITY = (
    1,
    0,
    0,
)  # what find_style_attributes gives a style attribute, and nothing else
_install_lock = threading.Lock()


@functools.lru_cache(maxsize=4096)
def parsed_style_attribute(text: str) -> tuple[Any, ...]:
    """The tinycss2 nodes of a ``style`` attribute, the same objects for the same text (never mutated:
    WeasyPrint reads them through ``preprocess_declarations``, which builds new values)."""
    import tinycss2  # type: ignore[import-untyped]

    return tuple(tinycss2.parse_blocks_contents(text))


def share_style_attributes() -> None:
    """Make WeasyPrint's ``find_style_attributes`` hand out :func:`parsed_style_attribute`'s nodes (once per
    process; the engine calls it only on the WeasyPrint versions this was verified on)."""
    import weasyprint.css as weasy_css

    with _install_lock:
        original = weasy_css.find_style_attributes
        if getattr(original, "shares_style_attributes", False):
            return

        def find_style_attributes(
            tree: Any, presentational_hints: bool = False, base_url: Any = None
        ) -> Iterator[Any]:
            for specificity, element, declarations, url in original(tree, presentational_hints, base_url):
                if specificity == STYLE_ATTRIBUTE_SPECIFICITY:
                    declarations = parsed_style_attribute(element.get("style"))
                yield specificity, element, declarations, url

        find_style_attributes.shares_style_attributes = True  # type: ignore[attr-defined]
        find_style_attributes.original = original  # type: ignore[attr-defined]
        weasy_css.find_style_attributes = find_style_attributes


def unshare_style_attributes() -> None:
    """Put WeasyPrint's own ``find_style_attributes`` back (the tests compare the pages with and without)."""
    import weasyprint.css as weasy_css

    with _install_lock:
        current = weasy_css.find_style_attributes
        if getattr(current, "shares_style_attributes", False):
            weasy_css.find_style_attributes = current.original
