"""The PDF outline and Lab colour spaces exactly as WeasyPrint writes them.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): its bookmark
tree builder, its matrix, and tinycss2's white points.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any


def bookmark_tree(pages: Sequence[tuple[float, tuple[Any, ...]]], scale: float) -> list[Any]:
    """The bookmark tree WeasyPrint builds from h1-h6, from each page's height and bookmarks."""
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.matrix import Matrix

    root: list[Any] = []
    skipped: list[int] = []
    last_by_depth: list[list[Any]] = [root]
    previous = 0
    for number, (height, bookmarks) in enumerate(pages):
        matrix = Matrix(a=scale, d=-scale, f=height * scale)
        shim = SimpleNamespace(bookmarks=list(bookmarks))
        previous = make_page_bookmark_tree(shim, skipped, last_by_depth, previous, number, matrix)
    return root


def lab_white_points() -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The D50 and D65 white points of the Lab colour spaces WeasyPrint puts in every page's resources."""
    from tinycss2.color5 import D50, D65  # type: ignore[import-untyped]

    return tuple(D50), tuple(D65)
