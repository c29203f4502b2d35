"""Our HTML read into the element tree WeasyPrint's HTML5 parser would build, in a fraction of its time.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): what
``weasyprint.HTML.__init__`` sets up from a parsed tree (``wrapper_element``, ``etree_element``, ``base_url``,
``url_fetcher``, ``media_type``).

WeasyPrint parses HTML with tinyhtml5, a complete HTML5 parser written in Python: for a notice's ~14 KB of
markup that is about a tenth of laying out a new notice (bench/RESULTS.md). The HTML we hand it is our own
(``to_html``: Jinja2 templates, every value escaped), and of the well-formed kind that an XML parser reads as
well. Python's expat builds its tree in well under a millisecond; for a document in the small part of HTML our
templates write, the tree is the one tinyhtml5 builds, element for element, attribute for attribute, text for
text (``tests/renderers/test_weasy_html_tree.py`` compares the two for every example, corpus notice and hostile
input). Where HTML5's tree building would do something XML's does not (a paragraph closed by a block, a table
row without its body, a comment, a tag outside that part, an attribute value with a line break or a character
reference other than the escapes Jinja2 writes, anything expat refuses), :func:`parse_html` gives the job to
tinyhtml5 instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from typing import Any

VOID = frozenset({"meta", "img", "br", "col"})
PHRASING = frozenset({"span", "img", "br", "b", "i", "em", "strong", "sub", "sup", "small"})
FLOW = frozenset({"div", "section", "p", "h1", "h2", "h3", "h4", "h5", "h6", "table"}) | PHRASING
# Which children each element may have here, so that HTML5's tree building leaves the tree as it is written.
CHILDREN: dict[str, frozenset[str]] = {
    "html": frozenset({"head", "body"}),
    "head": frozenset({"meta", "title"}),
    "title": frozenset(),
    "body": FLOW,
    "div": FLOW,
    "section": FLOW,
    "td": FLOW,
    "th": FLOW,
    "caption": FLOW - {"table"},
    **{tag: PHRASING for tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", *PHRASING)},
    "table": frozenset({"caption", "colgroup", "thead", "tbody", "tfoot"}),
    "colgroup": frozenset({"col"}),
    "thead": frozenset({"tr"}),
    "tbody": frozenset({"tr"}),
    "tfoot": frozenset({"tr"}),
    "tr": frozenset({"td", "th"}),
    **{tag: frozenset() for tag in VOID},
}
# Elements in whose own text and children's tails HTML5 keeps only white space where it is written.
WHITESPACE_ONLY = frozenset({"html", "head", "table", "colgroup", "thead", "tbody", "tfoot", "tr"})

_PROLOGUE = re.compile(r"\s*(?:<!DOCTYPE html>\s*)?", re.IGNORECASE)
_VOID_NAMES = "|".join(sorted(VOID))
_VOID_TAG = re.compile(r"<(" + _VOID_NAMES + r")((?:\s[^<>]*?)?)\s*/?>")
_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|#34|#39);)")
_ATTRIBUTE_BREAK = re.compile(r"=\"[^\"]*[\t\n\r\f][^\"]*\"|='[^']*[\t\n\r\f][^']*'")
_SELF_CLOSED = re.compile(r"<(?!(?:" + _VOID_NAMES + r")\b)[^<>]*/>")


def parse_html(html: str, base_url: str, url_fetcher: Any) -> Any:
    """``weasyprint.HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)``, read by expat when the
    tree is sure to be tinyhtml5's (:func:`element_tree`)."""
    import cssselect2  # type: ignore[import-untyped]
    from weasyprint import HTML

    root = element_tree(html)
    if root is None:
        return HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    document = HTML.__new__(HTML)
    document.base_url = base_url  # our templates write no <base> (element_tree refuses one)
    document.url_fetcher = url_fetcher
    document.media_type = "print"
    document.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    document.etree_element = document.wrapper_element.etree_element
    return document


def element_tree(html: str) -> ElementTree.Element | None:
    """The root of the tree tinyhtml5 (``namespace_html_elements=False``) builds from ``html``, or None when
    this reader cannot be sure of building the same one."""
    prologue = _PROLOGUE.match(html)
    start = prologue.end() if prologue else 0
    end = html.rfind("</html>")
    if not html.startswith("<html", start) or end < 0 or html[end + 7 :].strip():
        return None
    markup = html[start : end + 7]
    if "<!" in markup or "<?" in markup or _ENTITY.search(markup) or _ATTRIBUTE_BREAK.search(markup):
        return None
    if _SELF_CLOSED.search(markup):
        return None
    try:
        root = ElementTree.fromstring(_VOID_TAG.sub(r"<\1\2/>", markup))
    except (ElementTree.ParseError, ValueError, UnicodeError):
        return None
    if root.tag != "html" or [child.tag for child in root] != ["head", "body"] or not _as_html5_builds(root):
        return None
    # HTML5 drops the white space before <head>, and puts what follows </body>, even after </html>, in the body.
    root.text = None
    body = root[1]
    after = (body.tail or "") + html[end + 7 :]
    body.tail = None
    if after:
        if len(body):
            body[-1].tail = (body[-1].tail or "") + after
        else:
            body.text = (body.text or "") + after
    return root


def _as_html5_builds(element: ElementTree.Element) -> bool:
    """Whether HTML5's tree building keeps ``element``'s subtree as written: allowed children only, no
    attribute it treats apart (namespaced, or ``<base>``), white space only where it moves other text."""
    allowed = CHILDREN.get(element.tag)
    if allowed is None or any(":" in name or "{" in name for name in element.attrib):
        return False
    if element.tag in WHITESPACE_ONLY and (element.text or "").strip():
        return False
    for child in element:
        if child.tag not in allowed or not _as_html5_builds(child):
            return False
        if element.tag in WHITESPACE_ONLY and (child.tail or "").strip():
            return False
    return True
