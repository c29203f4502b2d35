"""Modules WeasyPrint imports at start-up for rare fonts only, imported when first used instead.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): which modules
``weasyprint/pdf/fonts.py`` imports and what it takes from them. It imports fontTools' subsetter
(``from fontTools import subset``) and its variable-font instancer (``from fontTools.varLib.instancer import
instantiateVariableFont``) at the top, and calls them only in ``Font.clean``: the subsetter when HarfBuzz's
cannot cut a face, the instancer for a variable font. Importing the two (and fontTools.varLib behind them) is a
large part of ``import weasyprint`` (bench/RESULTS.md), and the PDF engine never calls ``Font.clean``
(``pdf_fonts.py`` cuts the faces itself); ``write_pdf``, the fallback, still may.

While ``load_weasyprint`` imports WeasyPrint, each of those modules is a :class:`StandIn` in ``sys.modules``:
``fonts.py`` gets the stand-in of ``fontTools.subset`` as its ``subset``, whose attributes are the real module's
once it is asked for one (imported then), and for ``instantiateVariableFont`` a function that imports the real
one and calls it. Any other name asked of a stand-in during the import fails it; ``load_weasyprint`` then
imports WeasyPrint again the ordinary way. The stand-ins leave ``sys.modules`` when the import ends, so every
other importer gets the real modules.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

# Module → the functions WeasyPrint imports from it by name (each called later, never read as a value).
DEFERRED: dict[str, frozenset[str]] = {
    "fontTools.subset": frozenset(),
    "fontTools.varLib.instancer": frozenset({"instantiateVariableFont"}),
}


class StandIn(types.ModuleType):
    """A module not yet imported: its attributes are the real module's, imported when one is first asked for;
    while WeasyPrint is being imported, only the functions named in :data:`DEFERRED`, as forwarders."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.importing = True

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if self.importing:
            if name in DEFERRED.get(self.__name__, ()):
                return _forwarder(self.__name__, name)
            raise AttributeError(f"{self.__name__}.{name} is not deferred")
        return getattr(importlib.import_module(self.__name__), name)


def _forwarder(module: str, name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    call.__doc__ = f"{module}.{name}, imported when first called (notices.renderers.weasy.deferred)."
    return call


@contextlib.contextmanager
def standing_in(active: bool) -> Iterator[None]:
    """While WeasyPrint is imported (``active``): :class:`StandIn` modules for those not yet imported."""
    placed = {}
    if active:
        for name in DEFERRED:
            if name not in sys.modules:
                placed[name] = sys.modules[name] = StandIn(name)
    try:
        yield
    finally:
        for name, stand_in in placed.items():
            stand_in.importing = False
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


__all__ = ["DEFERRED", "StandIn", "standing_in"]
