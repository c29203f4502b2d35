"""WeasyPrint is imported without cffi's library searches (each a child process), and imported the ordinary way
where the sonames it lists do not open. Each case runs in a fresh interpreter: an import happens once."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick path is Linux's"),
    pytest.mark.slow,  # three fresh interpreters importing WeasyPrint
]

# Loads WeasyPrint through notices, counts find_library's searches and reports what was opened; then lays out
# and writes a page, which needs every library WeasyPrint opened.
_PROBE = textwrap.dedent(
    """
    import ctypes.util, io, json, sys
    searches = []
    original = ctypes.util.find_library
    def counted(name):
        searches.append(name)
        return original(name)
    ctypes.util.find_library = counted
    {prelude}
    captured = io.StringIO()
    real_stdout, sys.stdout = sys.stdout, captured
    from notices.renderers.weasy import load_weasyprint
    weasyprint = load_weasyprint()
    sys.stdout = real_stdout
    from weasyprint.text import ffi
    pdf = weasyprint.HTML(string="<p>通知 notice</p>").write_pdf()
    print(json.dumps({{
        "searches": len(searches),
        "restored": ctypes.util.find_library is counted,
        "printed": captured.getvalue(),
        "subset": ffi.harfbuzz_subset is not None,
        "pango": ffi.pango.pango_version(),
        "pdf": pdf.startswith(b"%PDF") and len(pdf) > 1000,
    }}))
    """
)
# A system whose libraries are not found under the sonames WeasyPrint lists: those names fail to open, paths
# (what find_library answers) still do; with cffi's FFI and with the one built from notices' cache alike.
_OTHER_SONAMES = textwrap.dedent(
    """
    import cffi
    from notices.renderers.weasy.declarations import PrebuiltFFI
    def refusing(opening):
        def dlopen(self, name, flags=0):
            if isinstance(name, str) and "/" not in name and ".so." in name:
                raise OSError(f"cannot open {{name}}")
            return opening(self, name, flags)
        return dlopen
    cffi.FFI.dlopen = refusing(cffi.FFI.dlopen)
    PrebuiltFFI.dlopen = refusing(PrebuiltFFI.dlopen)
    """
)


def _probe(prelude: str = "") -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", _PROBE.format(prelude=prelude)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def _ordinary() -> dict[str, object]:
    script = "import json, weasyprint\nfrom weasyprint.text import ffi\n"
    script += (
        'print(json.dumps({"subset": ffi.harfbuzz_subset is not None, "pango": ffi.pango.pango_version()}))'
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(completed.stdout)
    return result


def test_weasyprint_opens_its_libraries_without_searching_for_them() -> None:
    quick = _probe()
    ordinary = _ordinary()
    assert quick["searches"] == 0
    assert quick["restored"] is True
    assert quick["printed"] == ""
    assert quick["pdf"] is True
    # The same libraries as WeasyPrint's own import opens: Pango's version, HarfBuzz's subsetter or not.
    assert (quick["pango"], quick["subset"]) == (ordinary["pango"], ordinary["subset"])


def test_other_sonames_fall_back_to_weasyprints_own_search_silently() -> None:
    fallback = _probe(_OTHER_SONAMES)
    assert fallback["searches"] > 0  # the ordinary import searched, and found the libraries by path
    assert fallback["restored"] is True
    assert fallback["printed"] == ""  # the first attempt's help text is not shown
    assert fallback["pdf"] is True
