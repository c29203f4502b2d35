"""WeasyPrint's C declarations come parsed from notices' cache after an install's first start, and the PDFs are
the bytes cffi's own parse gives. The cases that import WeasyPrint run in fresh interpreters (an import happens
once per process), each with a cache folder of its own."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import cffi
import pytest

from notices.renderers.weasy import declarations

ROOT = Path(__file__).resolve().parents[2]
SPECS = [ROOT / "examples" / "stockup.zh.yaml", ROOT / "examples" / "meeting.en.yaml"]

# What a start of notices imports WeasyPrint with, and what it took.
_PROBE = """
import json, sys
from notices.renderers.weasy import load_weasyprint
load_weasyprint()
from weasyprint.text import ffi
print(json.dumps({"ffi": type(ffi.ffi).__name__, "pycparser": "pycparser" in sys.modules,
                  "pango": ffi.pango.pango_version()}))
"""


def _environment(cache: Path) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["NOTICES_CACHE_DIR"] = str(cache)
    return environment


def _probe(cache: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, env=_environment(cache)
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _render(cache: Path, out: Path) -> dict[str, bytes]:
    subprocess.run(
        [sys.executable, "-m", "notices", "render", *map(str, SPECS), "-o", str(out), "--format", "pdf"],
        capture_output=True,
        check=True,
        env=_environment(cache),
        cwd=ROOT,
    )
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.pdf"))}


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "data").glob(f"{declarations.ENTRY}-*.bin"))


@pytest.mark.slow
def test_later_starts_use_the_parsed_declarations_and_make_the_same_pdfs(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _render(cache, tmp_path / "first")  # parses as WeasyPrint does, and keeps the result
    assert len(first) == len(SPECS) and len(_entries(cache)) == 1
    later = _render(cache, tmp_path / "later")
    assert later == first  # byte for byte
    started = _probe(cache)
    assert started["ffi"] == "PrebuiltFFI" and started["pycparser"] is False
    assert started["pango"] == _probe(tmp_path / "no-entry")["pango"]  # the same library opened


@pytest.mark.slow
def test_an_entry_for_other_declarations_is_not_used_and_is_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _probe(cache)["ffi"] == "FFI"  # the first start: cffi's own FFI, and a new entry
    (entry,) = _entries(cache)
    digest, name, arguments = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps(("0" * 64, name, arguments)))  # as if WeasyPrint's text had changed
    assert _probe(cache)["ffi"] == "FFI"  # the import went on the ordinary way …
    assert marshal.loads(entry.read_bytes())[0] == digest  # … and wrote the entry again
    assert _probe(cache)["ffi"] == "PrebuiltFFI"


@pytest.mark.slow
def test_a_damaged_entry_is_no_entry(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _probe(cache)
    (entry,) = _entries(cache)
    entry.write_bytes(b"\x00 not marshal data")
    assert _probe(cache)["ffi"] == "FFI"
    assert _probe(cache)["ffi"] == "PrebuiltFFI"


def test_a_prebuilt_ffi_declares_what_cffi_parsed_and_refuses_other_text() -> None:
    declared = "int abs(int x);\ntypedef enum { LOW = 1, HIGH = 7 } level_t;\n"
    found = declarations._out_of_line_arguments(declared)
    assert found is not None
    name, arguments = found
    prebuilt = declarations.PrebuiltFFI(declarations._digest(declared), name, **arguments)
    prebuilt.cdef(declared)  # the same text: nothing to do
    libc = prebuilt.dlopen(None)
    assert libc.abs(-3) == 3 and (libc.LOW, libc.HIGH) == (1, 7)
    assert prebuilt.sizeof("level_t") == cffi.FFI().sizeof("int")
    with pytest.raises(declarations.Stale):
        prebuilt.cdef(declared + "int labs(int x);")
    with pytest.raises(declarations.Stale):
        prebuilt.cdef(declared, override=True)


def test_only_weasyprints_ffi_module_is_answered_the_prebuilt_ffi() -> None:
    sentinel = object()
    with declarations.answering(sentinel):  # type: ignore[arg-type]
        own = cffi.FFI()
        as_weasyprint = eval("cffi.FFI()", {"__name__": declarations.MODULE, "cffi": cffi})
    assert isinstance(own, cffi.FFI) and as_weasyprint is sentinel
    assert isinstance(cffi.FFI(), cffi.FFI)  # put back
