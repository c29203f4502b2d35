"""Everything of WeasyPrint and pydyf that is not their public API, in one place, checked before use.

The PDF engine (``pdf_engine.py``) draws WeasyPrint's layout itself and writes the file with fonts cut to the
glyphs shown: files several times smaller than WeasyPrint's, and the next recipient in a fraction of the time
(bench/RESULTS.md). For that it relies on what WeasyPrint and pydyf do not promise to keep: box classes and
their attributes, ``split_first_line``, ``Stream`` and ``Font``, ``Page.paint``, ``draw_text``, the bookmark
tree builder, pydyf's serialiser. All of that lives in this package and nowhere else (an import-linter contract
in pyproject.toml forbids any other module of notices to import weasyprint or pydyf, but ``renderers.pdf`` for
the public API: ``HTML``, ``URLFetcher``, ``FontConfiguration``, ``write_pdf``).

Before the engine uses it, :func:`unverified` compares the installed versions with those this code was verified
on (:data:`VERIFIED`). On any other version, or if an internal it needs is missing, the PDF is made by
WeasyPrint's public ``write_pdf`` instead (slower, larger files, the same pages) with a one-line warning.
``write_pdf`` is also the oracle the tests hold the engine to (``tests/renderers/test_engines.py``).

Its import, too, takes less work on the verified versions (:func:`load_weasyprint`): WeasyPrint's C
declarations come parsed from notices' cache (``declarations.py``), checked against the text it gives cffi.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import sys
from collections.abc import Iterator
from importlib import metadata
from typing import Any

# Release series the internals were read and tested on: WeasyPrint 70.x with pydyf 0.11 to 0.13
# (pyproject.toml's ranges; scripts/try-latest runs the tests on the newest releases).
VERIFIED = {"weasyprint": ("70.",), "pydyf": ("0.11.", "0.12.", "0.13.")}
# The internals themselves, so that a patch release that renames one is caught before a notice is drawn.
REQUIRED = (
    ("weasyprint.formatting_structure.boxes", ("LineBox", "InlineBox", "TextBox", "BlockBox", "ParentBox")),
    ("weasyprint.layout.inline", ("strut",)),
    ("weasyprint.text.line_break", ("split_first_line",)),
    ("weasyprint.text.fonts", ("get_pango_font_key", "get_hb_object_data")),
    ("weasyprint.text.ffi", ("ffi", "harfbuzz")),
    ("weasyprint.pdf.stream", ("Stream",)),
    ("weasyprint.pdf.fonts", ("Font", "get_hb_object_data")),
    ("weasyprint.draw.text", ("draw_text",)),
    ("weasyprint.anchors", ("make_page_bookmark_tree",)),
    ("weasyprint.css", ("tinycss2", "find_style_attributes", "StyleFor", "declaration_precedence")),
    (
        "weasyprint.css",
        ("ComputedStyle", "COMPUTER_FUNCTIONS", "INHERITED", "INITIAL_NOT_COMPUTED", "INITIAL_VALUES"),
    ),
    ("weasyprint.css.computed_values", ("PHYSICAL_FUNCTIONS",)),
    ("weasyprint.css.functions", ("check_math",)),
    ("weasyprint.layout.percent", ("resolve_percentages", "percentage", "adjust_box_sizing")),
    ("weasyprint.layout.background", ("layout_box_backgrounds",)),
    ("weasyprint.draw.color", ("get_color",)),
    ("weasyprint.text.line_break", ("Layout", "create_layout", "get_font_description")),
    ("weasyprint.layout.inline", ("create_layout",)),
    ("weasyprint.draw", ("draw_text",)),
    ("weasyprint", ("HTML",)),
    ("cssselect2", ("ElementWrapper",)),
    ("weasyprint.matrix", ("Matrix",)),
    ("tinycss2.color5", ("D50", "D65")),
    ("pydyf", ("_to_bytes", "Dictionary", "Stream", "Object", "String")),
)
log = logging.getLogger("notices")


def version_problem(versions: dict[str, str]) -> str | None:
    """Why ``versions`` (distribution → version) are not the verified ones, or None."""
    for name, series in VERIFIED.items():
        found = versions.get(name)
        if found is None:
            return f"{name} is not installed"
        if not any(f"{found}.".startswith(prefix) for prefix in series):
            verified = " or ".join(prefix.rstrip(".") + ".x" for prefix in series)
            return f"{name} {found} is not the version the fast PDF engine was verified on ({verified})"
    return None


@functools.cache
def load_weasyprint() -> Any:
    """WeasyPrint, imported without the work of its import that gives the same module every time.

    - On the verified versions, its C declarations come parsed from notices' cache (``declarations.py``); the
      first start of an install parses them as WeasyPrint does and keeps the result for the next.
    - WeasyPrint opens Pango, HarfBuzz, fontconfig … by trying several names per library with cffi's
      ``dlopen`` (``text/ffi.py``), and cffi looks every name that fails to open up with
      ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` (and then gcc and ld) in child
      processes: about twenty of them per start, a large part of a cold ``notices render`` (bench/RESULTS.md).
      Each list also names the library's soname (``libpango-1.0.so.0`` …), which the dynamic linker opens by
      itself, so on Linux the first import runs with ``find_library`` answering "not found".

    - On the verified versions, the fontTools modules WeasyPrint imports for rare fonts only are imported when
      first used (``deferred.py``), and its stylesheets for forms and presentational hints, which notices does
      not render with, are parsed when a document asks for them (``sheets.py``).

    Should any of these leave the import unfinished (a system whose sonames differ, declarations other than
    the cached ones, a name asked of a deferred module), the partial import is dropped and WeasyPrint is
    imported again the ordinary way.
    """
    if "weasyprint" in sys.modules:
        import weasyprint

        return weasyprint
    from notices.renderers.weasy import declarations

    verified = _installed_problem() is None
    prebuilt = declarations.cached() if verified else None
    if sys.platform.startswith("linux") or verified:
        try:
            with _quick_import(prebuilt, verified):
                import weasyprint

            if verified and prebuilt is None:
                declarations.store()
            return weasyprint
        except (OSError, ImportError, declarations.Stale):
            for name in [
                name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")
            ]:
                del sys.modules[name]
    import weasyprint

    if verified:
        declarations.store()
    return weasyprint


@contextlib.contextmanager
def _quick_import(prebuilt: Any, verified: bool) -> Iterator[None]:
    """The patches :func:`load_weasyprint`'s first attempt imports WeasyPrint under."""
    import ctypes.util

    from notices.renderers.weasy import declarations, deferred, sheets

    searching = ctypes.util.find_library

    def not_found(name: str) -> None:
        return None

    if sys.platform.startswith("linux"):
        ctypes.util.find_library = not_found
    try:
        # WeasyPrint prints a help text before it gives up on a library: not for an attempt that is retried.
        with (
            contextlib.redirect_stdout(io.StringIO()),
            declarations.answering(prebuilt),
            deferred.standing_in(verified),
            sheets.deferring(verified),
        ):
            yield
    finally:
        ctypes.util.find_library = searching


@functools.cache
def _installed() -> dict[str, str]:
    versions = {}
    for name in VERIFIED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    return versions


def _installed_problem() -> str | None:
    return version_problem(_installed())


@functools.cache
def unverified() -> str | None:
    """Why the internals cannot be used in this environment, or None when they can."""
    problem = _installed_problem()
    if problem is not None:
        return problem
    import importlib

    load_weasyprint()
    for module_name, names in REQUIRED:
        try:
            module = importlib.import_module(module_name)
        except ImportError as err:
            return f"{module_name} cannot be imported ({err})"
        missing = [name for name in names if not hasattr(module, name)]
        if missing:
            return f"{module_name} has no {', '.join(missing)}"
    return None


@functools.cache
def lay_out_faster() -> None:
    """Once per process, on the verified versions only: the changes to WeasyPrint's layout that leave its pages
    as they are and take less time (``styles.py``, ``values.py``, ``pango_layouts.py``, ``shared_styles.py``,
    ``per_style.py``)."""
    if unverified() is None:
        from notices.renderers.weasy.pango_layouts import keep_text_layouts
        from notices.renderers.weasy.per_style import remember_struts
        from notices.renderers.weasy.shared_styles import share_computed_styles
        from notices.renderers.weasy.styles import defer_pseudo_element_styles, share_style_attributes
        from notices.renderers.weasy.values import compute_values_faster

        share_style_attributes()
        defer_pseudo_element_styles()
        compute_values_faster()
        keep_text_layouts()
        share_computed_styles()
        remember_struts()


def html_document(html: str, base_url: str, url_fetcher: Any) -> Any:
    """``weasyprint.HTML(string=html, …)``; on the verified versions, our HTML read the quick way
    (``html_tree.py``: the same tree)."""
    if unverified() is None:
        from notices.renderers.weasy.html_tree import parse_html

        return parse_html(html, base_url, url_fetcher)
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)


@functools.cache
def warn_once(reason: str) -> None:
    """One line, once per process: the PDF is still right, only slower and larger."""
    log.warning("notices: %s; PDFs are made by WeasyPrint's write_pdf (slower, larger files)", reason)


__all__ = [
    "REQUIRED",
    "VERIFIED",
    "html_document",
    "lay_out_faster",
    "load_weasyprint",
    "unverified",
    "version_problem",
    "warn_once",
]
