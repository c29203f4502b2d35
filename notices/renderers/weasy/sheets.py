"""WeasyPrint's stylesheets for forms and presentational hints parsed when a document asks for them, not at
import.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): that
``weasyprint/html.py`` builds, as it is imported, ``CSS`` objects of three stylesheets it ships: the HTML5
user-agent sheet, the one for PDF forms and the one for presentational hints (``html5_ua_form.css``,
``html5_ph.css``); and that the last two are read only by ``HTML._ua_stylesheets(forms=True)`` and
``HTML._ph_stylesheets()``, for a document rendered with ``pdf_forms`` or ``presentational_hints``. notices
renders with neither. Parsing the hints' sheet is a visible part of ``import weasyprint`` (bench/RESULTS.md).

While ``load_weasyprint`` imports WeasyPrint on the verified versions, ``weasyprint.html`` is executed with
``CSS`` answering those two texts with a :class:`LazyCSS`: a ``CSS`` whose ``__init__`` runs, with the same
arguments, the first time one of its attributes is read. Every other sheet is built as before. The user-agent
sheet's counter styles are unchanged: the two sheets declare none.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

MODULE = "weasyprint.html"
DEFERRED_SHEETS = ("html5_ua_form.css", "html5_ph.css")  # in weasyprint/css/


def lazy_css_class(css_class: Any) -> Any:
    """``css_class`` (WeasyPrint's ``CSS``), built on first use."""

    class LazyCSS(css_class):  # type: ignore[misc]
        """A ``CSS`` parsed when one of its attributes is first read."""

        _lock = threading.Lock()

        def __init__(self, **arguments: Any) -> None:
            self.__dict__["_deferred_arguments"] = arguments

        def __getattr__(self, name: str) -> Any:
            # Only for attributes not set: once built, every attribute is read as any CSS object's.
            with LazyCSS._lock:
                arguments = self.__dict__.pop("_deferred_arguments", None)
                if arguments is not None:
                    css_class.__init__(self, **arguments)
            if arguments is None and name not in self.__dict__:
                raise AttributeError(name)
            return getattr(self, name)

    return LazyCSS


class _DeferringLoader(importlib.abc.Loader):
    """The loader of ``weasyprint.html``, running it with ``weasyprint.CSS`` deferring the two sheets."""

    def __init__(self, loader: Any, texts: frozenset[str]) -> None:
        self.loader = loader
        self.texts = texts

    def create_module(self, spec: Any) -> ModuleType | None:
        return self.loader.create_module(spec)  # type: ignore[no-any-return]

    def exec_module(self, module: ModuleType) -> None:
        package: Any = sys.modules["weasyprint"]
        css_class = package.CSS
        lazy = lazy_css_class(css_class)
        texts = self.texts

        def css(*args: Any, **kwargs: Any) -> Any:
            if not args and set(kwargs) <= {"string", "counter_style"} and kwargs.get("string") in texts:
                return lazy(**kwargs)
            return css_class(*args, **kwargs)

        package.CSS = css
        try:
            self.loader.exec_module(module)
        finally:
            package.CSS = css_class

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self, texts: frozenset[str]) -> None:
        self.texts = texts

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != MODULE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _DeferringLoader(spec.loader, self.texts)
        return spec


def _sheet_texts() -> frozenset[str] | None:
    spec = importlib.machinery.PathFinder.find_spec("weasyprint")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "css"
    try:
        return frozenset((folder / name).read_text("utf-8") for name in DEFERRED_SHEETS)
    except OSError:
        return None


@contextlib.contextmanager
def deferring(active: bool) -> Iterator[None]:
    """While WeasyPrint is imported (``active``): ``weasyprint.html`` leaves the two sheets unparsed."""
    texts = _sheet_texts() if active and MODULE not in sys.modules else None
    if not texts:
        yield
        return
    finder = _Finder(texts)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)


__all__ = ["DEFERRED_SHEETS", "deferring", "lazy_css_class"]
