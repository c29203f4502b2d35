"""WeasyPrint's C declarations parsed once per install, not at every start.

Part of the one place that relies on WeasyPrint's internals (see ``notices.renderers.weasy``): that
``weasyprint/text/ffi.py`` makes its ``ffi`` with ``cffi.FFI()`` and declares what it calls of Pango, HarfBuzz,
fontconfig … with one ``ffi.cdef(…)`` before it opens the libraries.

cffi parses that declaration text (16 KB of C) with pycparser, a C parser written in Python, at every import:
with pycparser's own import, the largest single part of ``import weasyprint`` (bench/RESULTS.md). cffi's
out-of-line ABI mode (https://cffi.readthedocs.io/en/stable/cdef.html, ``set_source(name, None)``) does that
parse once and writes its result as the arguments of a ``_cffi_backend.FFI``: an FFI built from them knows the
same types, functions, constants and enums, and opens the same libraries with ``dlopen``, without parsing.

- The first start of an install imports WeasyPrint the ordinary way, then has cffi emit the out-of-line module
  for the same declarations (a new ``cffi.FFI``: WeasyPrint's own is not touched) and keeps the module's
  constructor arguments in notices' cache (``notices.cache``), keyed by the bytes of ``ffi.py`` and the cffi
  and Python versions.
- Later starts: while ``weasyprint.text.ffi`` runs, ``cffi.FFI()`` answers a :class:`PrebuiltFFI` built from
  those arguments; its ``cdef`` parses nothing and only checks that the text is the one the entry was made from
  (sha256). Any other text raises :class:`Stale` before a library is opened; ``load_weasyprint`` then drops the
  half-imported WeasyPrint and imports it the ordinary way.

``tests/renderers/test_weasy_declarations.py`` holds the PDFs made with a prebuilt FFI to those made with the
parsed one, byte for byte.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.util
import io
import marshal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import _cffi_backend  # type: ignore[import-untyped]
import cffi  # type: ignore[import-untyped]

MODULE = "weasyprint.text.ffi"
ENTRY = "weasyprint-ffi"
FORMAT = 1  # bump when what an entry holds changes meaning


class Stale(Exception):
    """The declarations WeasyPrint gives are not the ones the cache entry was made from."""


class PrebuiltFFI(_cffi_backend.FFI):  # type: ignore[misc]
    """cffi's FFI as the out-of-line module builds it, with a ``cdef`` that only checks its text."""

    def __init__(self, digest: str, name: str, **arguments: Any) -> None:
        super().__init__(name, **arguments)
        self.digest = digest

    def cdef(self, csource: str, override: bool = False, packed: bool = False, pack: Any = None) -> None:
        if override or packed or pack is not None or _digest(csource) != self.digest:
            raise Stale(f"{MODULE} declares other C functions than the cached ones")


def _digest(csource: str) -> str:
    return hashlib.sha256(csource.encode()).hexdigest()


def _ffi_source() -> Path | None:
    """WeasyPrint's ``text/ffi.py``, found without importing WeasyPrint (its package imports everything)."""
    spec = importlib.util.find_spec("weasyprint")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "text" / "ffi.py"
    return path if path.is_file() else None


def _stamp() -> str | None:
    source = _ffi_source()
    if source is None:
        return None
    try:
        text = source.read_bytes()
    except OSError:
        return None
    return hashlib.sha256(
        b"\x00".join(
            (
                str(FORMAT).encode(),
                sys.version.encode(),
                _cffi_backend.__version__.encode(),
                str(source).encode(),
                text,
            )
        )
    ).hexdigest()[:24]


def cached() -> PrebuiltFFI | None:
    """The FFI of WeasyPrint's declarations from notices' cache, or None (no entry yet, or the cache is off)."""
    from notices.cache import load_bytes

    stamp = _stamp()
    if stamp is None:
        return None
    data = load_bytes(ENTRY, stamp)
    if data is None:
        return None
    try:
        digest, name, arguments = marshal.loads(data)
        return PrebuiltFFI(digest, name, **arguments)
    except Exception:  # a damaged entry, or arguments this cffi no longer takes: parse as WeasyPrint does
        return None


def store() -> None:
    """Keep the out-of-line form of the declarations WeasyPrint's ``ffi`` was given (once imported the
    ordinary way), for the next start."""
    from notices.cache import cache_root, store_bytes

    stamp = _stamp()
    sources = getattr(getattr(sys.modules.get(MODULE), "ffi", None), "_cdefsources", None)
    if stamp is None or cache_root() is None or not isinstance(sources, list) or len(sources) != 1:
        return
    csource = sources[0]
    try:
        arguments = _out_of_line_arguments(csource)
    except Exception:  # cffi refuses the out-of-line form: starts stay as they are
        return
    if arguments is None:
        return
    name, keywords = arguments
    try:
        PrebuiltFFI(_digest(csource), name, **keywords)  # built once here, so a bad entry is never stored
    except Exception:
        return
    store_bytes(ENTRY, stamp, marshal.dumps((_digest(csource), name, keywords)))


def _out_of_line_arguments(csource: str) -> tuple[str, dict[str, Any]] | None:
    """The arguments of the ``_cffi_backend.FFI(…)`` call in the module cffi writes for ``csource``."""
    builder = cffi.FFI()
    builder.cdef(csource)
    builder.set_source("_notices_weasyprint_ffi", None, compiler_verbose=False)  # no "generating …" line
    written = io.StringIO()
    builder.emit_python_code(written)
    tree = ast.parse(written.getvalue())
    calls = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and [target.id for target in node.targets if isinstance(target, ast.Name)] == ["ffi"]
        and isinstance(node.value, ast.Call)
    ]
    # The module is `import _cffi_backend` and `ffi = _cffi_backend.FFI(name, **literals)`; anything else (an
    # included FFI, say) is not what this copies.
    if len(tree.body) != 2 or len(calls) != 1 or ast.unparse(calls[0].func) != "_cffi_backend.FFI":
        return None
    call = calls[0]
    if len(call.args) != 1 or any(keyword.arg is None for keyword in call.keywords):
        return None
    keywords = {str(keyword.arg): ast.literal_eval(keyword.value) for keyword in call.keywords}
    return ast.literal_eval(call.args[0]), keywords


@contextlib.contextmanager
def answering(prebuilt: PrebuiltFFI | None) -> Iterator[None]:
    """While importing WeasyPrint: its ``text/ffi.py``'s ``cffi.FFI()`` answers ``prebuilt`` (every other
    caller gets cffi's own)."""
    if prebuilt is None:
        yield
        return
    original = cffi.FFI

    def ffi_for_caller(*args: Any, **kwargs: Any) -> Any:
        caller = sys._getframe(1).f_globals.get("__name__")
        if caller == MODULE and not args and not kwargs:
            return prebuilt
        return original(*args, **kwargs)

    cffi.FFI = ffi_for_caller
    try:
        yield
    finally:
        cffi.FFI = original


__all__ = ["PrebuiltFFI", "Stale", "answering", "cached", "store"]
