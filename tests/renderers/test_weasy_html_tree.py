"""Our HTML read by expat (weasy/html_tree.py) is the tree WeasyPrint's HTML5 parser builds, or it is left to
that parser: for every example and corpus notice, hostile text in a notice, and markup HTML5 builds otherwise."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import tinyhtml5
import yaml
from rendered import example_specs

import notices
from notices.errors import NoticeError
from notices.layout import lay_out
from notices.renderers.html import to_html
from notices.renderers.pdf import _without_style
from notices.renderers.weasy.html_tree import element_tree

ROOT = Path(__file__).resolve().parents[2]
SPECS = example_specs() + sorted((ROOT / "notices" / "kinds").glob("*/examples/*.yaml"))


def _shape(element: Any, out: list[tuple[Any, ...]] | None = None, depth: int = 0) -> list[tuple[Any, ...]]:
    """Every element's depth, tag, attributes (in order), text and tail."""
    out = [] if out is None else out
    out.append((depth, element.tag, list(element.attrib.items()), element.text, element.tail))
    for child in element:
        _shape(child, out, depth + 1)
    return out


def _html5(html: str) -> list[tuple[Any, ...]]:
    return _shape(tinyhtml5.parse(html, namespace_html_elements=False))


def _html_of(spec: Path | dict[str, Any]) -> str | None:
    try:
        notice = (
            notices.load(spec, base_dir=ROOT / "examples") if isinstance(spec, dict) else notices.load(spec)
        )
        return _without_style(to_html(lay_out(notices.compose(notice))))[0]
    except NoticeError:
        return None  # the examples of mistakes


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_notice_is_read_into_the_html5_tree(spec: Path) -> None:
    html = _html_of(spec)
    if html is None:
        pytest.skip("not a valid notice")
    tree = element_tree(html)
    assert tree is not None, "our own HTML is read the quick way"
    assert _shape(tree) == _html5(html)


HOSTILE = [
    "<p>&nbsp;</p><!-- x -->",
    "a\r\nb\rc",
    "tab\there",
    "]]> &amp;#10; &#10; &lt;/html&gt;",
    "\u0085 \ufdd0 \u200b \u3000 \U0001f600",
    "\"quoted\" 'single' <b>bold</b>",
    "<![CDATA[x]]>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_a_notice_gives_the_html5_tree_or_html5_reads_it(text: str) -> None:
    data = yaml.safe_load((ROOT / "examples" / "stockup.zh.yaml").read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    changed["title"] = text + changed["title"]
    changed["body"][0] = text + changed["body"][0]
    html = _html_of(changed)
    if html is None:
        pytest.skip("the loader refuses this text")
    tree = element_tree(html)
    assert tree is None or _shape(tree) == _html5(html)


PAGE = '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n<title>t</title>\n</head>\n<body>{}</body>\n</html>\n'
MARKUP = [
    ("<p>a<span>b</span>c</p>", True),
    ('<div class="x" style="a:b"><p>a</p>\n<p>b<br>c</p></div>', True),
    ('<h1><img src="a.png" alt="&quot;x&quot;">名</h1>', True),
    (
        "<table><colgroup><col><col></colgroup><thead><tr><th>a</th></tr></thead>"
        "<tbody>\n<tr><td><p>b</p></td></tr></tbody></table>",
        True,
    ),
    ("<p>a<div>b</div>c</p>", False),  # HTML5 closes the paragraph before the div
    ("<table><tr><td>a</td></tr></table>", False),  # HTML5 adds the tbody
    ("<table>text<tbody></tbody></table>", False),  # HTML5 moves the text before the table
    ("<p/>a", False),  # HTML5 ignores the slash: the paragraph stays open
    ("<p>a<!-- c --></p>", False),
    ("<p>&nbsp;</p>", False),
    ('<p title="a\nb">c</p>', False),  # XML would turn the line break into a space
    ("<P>a</P>", False),
    ("<h1><h2>a</h2></h1>", False),
    ('<base href="x/"><p>a</p>', False),
    ("<p>a</p>", True),
]


@pytest.mark.parametrize(("body", "quick"), MARKUP)
def test_markup_is_read_as_html5_builds_it_or_left_to_html5(body: str, quick: bool) -> None:
    html = PAGE.format(body)
    tree = element_tree(html)
    assert (tree is not None) == quick
    if tree is not None:
        assert _shape(tree) == _html5(html)


def test_text_after_the_body_goes_into_it_as_html5_puts_it() -> None:
    html = "<html><head></head><body><p>a</p>\n</body>\n</html>\n\n"
    tree = element_tree(html)
    assert tree is not None
    assert _shape(tree) == _html5(html)
    assert tree[1][-1].tail == "\n\n\n\n"
