"""Less work in WeasyPrint's styling of a notice, for the same computed styles: one style for the elements whose
``style`` attributes are the same text, and the styles of pseudo-elements no one reads left uncomputed.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): the ``tinycss2``
that ``weasyprint.css`` parses ``style`` attributes with (``find_style_attributes``), ``StyleFor`` (its cascade,
its cache of computed styles) and ``declaration_precedence``. Both changes are installed once per process by
``weasy.lay_out_faster``, only on the WeasyPrint versions this was verified on; the tests hold the pages to
WeasyPrint's own, byte for byte.

WeasyPrint already gives elements one shared computed style when they have the same parent style, match the
same rules and carry the same declarations of their own (``StyleFor.__init__``: its ``computed_cache``). It tells
"the same declarations" by the identity of the tinycss2 nodes it parsed from each ``style`` attribute, and it
parses every attribute anew, so no two elements with a ``style`` attribute ever share. Our HTML sets every run of a
justified line (its letter spacing) and every first line (its indent) with a ``style`` attribute: a notice has
a hundred or more, and each then computes its style property by property while it is laid out (bench/RESULTS.md:
a large part of laying out a new notice). Parsing each attribute text once per process, into the same nodes,
lets runs and lines with the same attribute share the style WeasyPrint computes, which is exactly what it does for
elements without one: the cascade is the same, so is every computed value, so are the pages. (WeasyPrint keeps
only the last of an element's own declaration groups for that comparison, the ``lang``, ``id`` … ones after the
``style`` attribute's, parsed anew: an element with one of those keeps its own style, as before.)
"""

from __future__ import annotations

import functools
import threading
from typing import Any

_install_lock = threading.Lock()


@functools.lru_cache(maxsize=4096)
def parsed_style_attribute(text: str) -> tuple[Any, ...]:
    """The tinycss2 nodes of a ``style`` attribute, the same objects for the same text (never mutated:
    WeasyPrint reads them through ``preprocess_declarations``, which builds new values)."""
    import tinycss2  # type: ignore[import-untyped]

    return tuple(tinycss2.parse_blocks_contents(text))


class _AttributeParsingTinycss2:
    """tinycss2 as ``weasyprint.css`` sees it: ``parse_blocks_contents`` of a text, which there is a ``style``
    attribute (the stylesheets' rules come to it as token lists), gives :func:`parsed_style_attribute`'s nodes
    in a list of its own; everything else is tinycss2's."""

    def __init__(self, module: Any) -> None:
        self.module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self.module, name)

    def parse_blocks_contents(
        self, input: Any, skip_comments: bool = False, skip_whitespace: bool = False
    ) -> Any:
        if isinstance(input, str) and not skip_comments and not skip_whitespace:
            return list(parsed_style_attribute(input))
        return self.module.parse_blocks_contents(input, skip_comments, skip_whitespace)


def share_style_attributes() -> None:
    """Make ``weasyprint.css`` read a ``style`` attribute into :func:`parsed_style_attribute`'s nodes (once per
    process; the engine calls it only on the WeasyPrint versions this was verified on)."""
    import weasyprint.css as weasy_css

    with _install_lock:
        if not isinstance(weasy_css.tinycss2, _AttributeParsingTinycss2):
            weasy_css.tinycss2 = _AttributeParsingTinycss2(weasy_css.tinycss2)


def unshare_style_attributes() -> None:
    """Put WeasyPrint's own reading of ``style`` attributes back (the tests compare the pages with and without)."""
    import weasyprint.css as weasy_css

    with _install_lock:
        if isinstance(weasy_css.tinycss2, _AttributeParsingTinycss2):
            weasy_css.tinycss2 = weasy_css.tinycss2.module


# Pseudo-elements WeasyPrint reads only for a list item (its marker) or a footnote or note (their calls and
# markers), which a notice seldom has; its user-agent sheet gives every element rules for all six.
DEFERRED_PSEUDO_ELEMENTS = frozenset(
    {"marker", "footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"}
)


def defer_pseudo_element_styles() -> None:
    """Make WeasyPrint compute those six pseudo-elements' styles of an element when it first asks for them.

    ``StyleFor.__init__`` cascades the rules of every pseudo-element an element matches and creates its computed
    style, for every element: for a notice's ~160 elements that is four in five of the declarations it cascades
    and ~950 computed styles no one reads (bench/RESULTS.md). :class:`DeferringStyleFor` leaves the six out of that
    pass and, when ``style_for(element, pseudo)`` is first called, cascades the same rules in the same order (the
    sheets' ``match`` is a pure function of the element) and creates the style then, from the same parent: the
    values, computed lazily by WeasyPrint either way, are the same. One thing WeasyPrint does when it creates a
    pseudo-element's style, registering its ``anchor``, could then come later than a lookup of it: a document
    whose sheets give one of the six an ``anchor`` is styled the ordinary way (:func:`_anchors_a_deferred_pseudo`).
    """
    import weasyprint.css as weasy_css

    with _install_lock:
        if getattr(weasy_css.StyleFor, "defers_pseudo_elements", False):
            return
        weasy_css.StyleFor = _deferring_class(weasy_css.StyleFor)


def undefer_pseudo_element_styles() -> None:
    """Put WeasyPrint's own ``StyleFor`` back (the tests compare the pages with and without)."""
    import weasyprint.css as weasy_css

    with _install_lock:
        if getattr(weasy_css.StyleFor, "defers_pseudo_elements", False):
            weasy_css.StyleFor = weasy_css.StyleFor.__bases__[0]


def _deferring_class(style_for: type) -> type:
    from math import inf

    from weasyprint.css import declaration_precedence

    class DeferringStyleFor(style_for):  # type: ignore[misc]
        defers_pseudo_elements = True

        def __init__(
            self,
            html: Any,
            sheets: list[Any],
            presentational_hints: Any,
            font_config: Any,
            target_collector: Any,
        ) -> None:
            self._elements: dict[Any, Any] | None = None
            if any(_anchors_a_deferred_pseudo(sheet) for sheet, _, _ in sheets):
                super().__init__(html, sheets, presentational_hints, font_config, target_collector)
                return
            self._elements = {}  # etree element -> its cssselect2 wrapper, for the deferred matches
            self._html, self._target_collector = html, target_collector
            views = [(_SheetView(sheet, self._elements), origin, weight) for sheet, origin, weight in sheets]
            super().__init__(html, views, presentational_hints, font_config, target_collector)
            self._sheets = sheets  # the page rules (add_page_declarations) read the sheets themselves

        def __call__(self, element: Any, pseudo_type: str | None = None) -> Any:
            if (
                pseudo_type in DEFERRED_PSEUDO_ELEMENTS
                and self._elements is not None
                and (element, pseudo_type) not in self._computed_styles
                and element in self._elements
            ):
                self._style_deferred(self._elements.pop(element), pseudo_type)
            return super().__call__(element, pseudo_type)

        def _style_deferred(self, wrapper: Any, pseudo_type: str) -> None:
            """What ``StyleFor.__init__`` does for a pseudo-element, for all six of ``wrapper``'s at once."""
            element = wrapper.etree_element
            cascaded = self._cascaded_styles
            for sheet, origin, sheet_specificity in self._sheets:
                for specificity, _order, pseudo, (declarations, layer) in sheet.matcher.match(wrapper):
                    if pseudo not in DEFERRED_PSEUDO_ELEMENTS:
                        continue
                    layer_order = inf if layer is None else sheet.layers.index(layer)
                    weight_specificity = sheet_specificity or specificity
                    style = cascaded.setdefault((element, pseudo), {})
                    for name, values, importance in declarations:
                        weight = (declaration_precedence(origin, importance), layer_order, weight_specificity)
                        old_weight = style.get(name, (None, None))[1]
                        if old_weight is None or old_weight <= weight:
                            style[name] = values, weight
            html = self._html
            for pseudo in sorted(DEFERRED_PSEUDO_ELEMENTS):
                if (element, pseudo) in cascaded:
                    self.set_computed_styles(
                        element,
                        pseudo_type=pseudo,
                        root=html.etree_element,
                        parent=element,
                        base_url=html.base_url,
                        target_collector=self._target_collector,
                    )
                    del cascaded[element, pseudo]

    return DeferringStyleFor


class _SheetView:
    """A stylesheet whose ``matcher.match`` leaves out the deferred pseudo-elements' rules, noting each element
    that had some."""

    def __init__(self, sheet: Any, elements: dict[Any, Any]) -> None:
        self._sheet = sheet
        self.matcher = self
        self._elements = elements

    def match(self, wrapper: Any) -> list[Any]:
        matched = self._sheet.matcher.match(wrapper)
        kept = [selector for selector in matched if selector[2] not in DEFERRED_PSEUDO_ELEMENTS]
        if len(kept) != len(matched):
            self._elements[wrapper.etree_element] = wrapper
        return kept

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sheet, name)


_ANCHORING: dict[int, tuple[Any, bool]] = {}


def _anchors_a_deferred_pseudo(sheet: Any) -> bool:
    """Whether a rule of ``sheet`` for one of the deferred pseudo-elements sets ``anchor`` (kept per sheet)."""
    known = _ANCHORING.get(id(sheet))
    if known is not None and known[0] is sheet:
        return known[1]
    matcher = sheet.matcher
    entries = [
        *(entry for entries in matcher.id_selectors.values() for entry in entries),
        *(entry for entries in matcher.class_selectors.values() for entry in entries),
        *(entry for entries in matcher.lower_local_name_selectors.values() for entry in entries),
        *(entry for entries in matcher.namespace_selectors.values() for entry in entries),
        *matcher.lang_attr_selectors,
        *matcher.other_selectors,
    ]
    anchors = any(
        name == "anchor"
        for _test, _specificity, _order, pseudo, (declarations, _layer) in entries
        if pseudo in DEFERRED_PSEUDO_ELEMENTS
        for name, _values, _importance in declarations
    )
    if len(_ANCHORING) > 64:
        _ANCHORING.clear()
    _ANCHORING[id(sheet)] = (sheet, anchors)
    return anchors
