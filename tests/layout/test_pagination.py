"""The layout stage counts the pages WeasyPrint makes: every block starts and ends on the page
`notices.layout.pages` predicts, with the sign-off's tightening and keeps applied, in every profile."""

from __future__ import annotations

import pytest

import notices
from notices.layout import Layout, lay_out
from notices.renderers.html import to_html
from notices.renderers.pdf import weasy_document
from notices.renderers.weasy.reuse import blocks_by_page

from .conftest import example_specs
from .signoff_cases import cases

pytestmark = pytest.mark.slow


def mismatches(layout: Layout) -> list[str]:
    pages = layout.fit.pages
    assert pages is not None
    real_first: dict[int, int] = {}
    real_last: dict[int, int] = {}
    for number, found in enumerate(blocks_by_page(weasy_document(layout.doc, to_html(layout)))):
        for block in found:
            real_first.setdefault(block, number)
            real_last[block] = number
    return [
        f"block {b} ({layout.doc.blocks[b].kind}): predicted pages {pages.first_page(b) + 1}-"
        f"{pages.last_page(b) + 1}, WeasyPrint {real_first[b] + 1}-{real_last[b] + 1}"  # type: ignore[operator]
        for b in real_first
        if (pages.first_page(b), pages.last_page(b)) != (real_first[b], real_last[b])
    ]


def test_examples_paginate_as_predicted() -> None:
    problems = []
    for spec in example_specs():
        try:
            notice = notices.load(spec)
        except notices.SpecError:
            continue  # wrong on purpose (examples/mistakes/): the loader's test
        layout = lay_out(notices.compose(notice))
        if layout.zh is not None:
            problems += [f"{spec.name}: {m}" for m in mismatches(layout)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", [c for c in cases() if not c.name.startswith("en-")], ids=lambda c: c.name)
def test_notices_around_a_page_break_paginate_as_predicted(case: object) -> None:
    layout = lay_out(notices.compose(notices.load(case.spec, base_dir=case.base_dir)))  # type: ignore[attr-defined]
    assert not mismatches(layout)
