"""What a start of `notices` loads: each command imports what it runs and nothing of the other commands.

A cold start is mostly imports (bench/RESULTS.md), so a module that reaches a heavy library by accident
(`notices check` importing WeasyPrint through the render command's module, a DOCX importing the PDF engine)
costs every start. Each test runs the console script's entry point in a new process and lists the modules
loaded by the time it exits.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "examples" / "stockup.zh.yaml"

# Libraries only rendering needs: the PDF engine and its font subsetter, the DOCX writer, the word segmenter.
PDF_LIBRARIES = {"weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cffi", "fontTools", "PIL"}
DOCX_LIBRARIES = {"docx", "lxml"}
RENDERING = PDF_LIBRARIES | DOCX_LIBRARIES | {"jieba"}
OTHER_COMMANDS = {
    "notices.cli.render",
    "notices.cli.doctor",
    "notices.cli.batch",
    "notices.cli.preview",
    "notices.cli.send",
    "notices.cli.init",
    "notices.cli.schema",
    "notices.cli.rules",
}

_PROBE = """\
import atexit, sys
atexit.register(lambda: print("LOADED", *sorted(sys.modules), file=sys.stderr))
sys.argv = ["notices", *sys.argv[1:]]
from notices.cli import main
main()
"""


def loaded_by(*args: str, cache: Path | None = None) -> set[str]:
    """The modules loaded when ``notices ARGS`` exits, started as the console script starts it (with notices'
    cache in ``cache``, when given)."""
    env = None if cache is None else {**os.environ, "NOTICES_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("LOADED ")]
    assert lines, done.stderr
    return set(lines[-1].split()[1:])


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.mark.slow
def test_check_loads_no_renderer_and_no_other_command() -> None:
    loaded = loaded_by("check", str(SPEC), "--format", "json")
    assert "notices.check.runner" in loaded, "the check did run"
    assert top_level(loaded) & RENDERING == set()
    assert {
        m for m in loaded if m.startswith(("notices.renderers", "notices.batch", "notices.send"))
    } == set()
    assert loaded & OTHER_COMMANDS == set()


@pytest.mark.slow
def test_a_docx_alone_loads_no_pdf_library(tmp_path: Path) -> None:
    loaded = loaded_by("render", str(SPEC), "-o", str(tmp_path), "--format", "docx")
    assert (tmp_path / "stockup.zh.docx").is_file()
    assert top_level(loaded) & PDF_LIBRARIES == set()
    assert {m for m in loaded if m.startswith("notices.renderers.weasy")} == set()
    assert loaded & (OTHER_COMMANDS - {"notices.cli.render"}) == set()


# Loaded by WeasyPrint's own import, and left out of ours: the C parser cffi reads WeasyPrint's declarations with
# (notices' cache holds them parsed after the first start), fontTools' subsetter and variable-font instancer
# (imported when WeasyPrint first calls them, which the PDF engine never makes it do).
DEFERRED_BY_THE_PDF_ENGINE = {
    "pycparser",
    "fontTools.subset",
    "fontTools.varLib",
    "fontTools.varLib.instancer",
}


@pytest.mark.slow
def test_a_pdf_from_the_second_start_on_loads_no_c_parser_and_no_font_subsetter(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ("render", str(SPEC), "-o", str(tmp_path), "--format", "pdf")
    loaded_by(*args, cache=cache)  # the first start parses the declarations, and keeps them
    loaded = loaded_by(*args, cache=cache)
    assert (tmp_path / "stockup.zh.pdf").is_file() and "weasyprint" in loaded
    assert loaded & DEFERRED_BY_THE_PDF_ENGINE == set()


@pytest.mark.slow
def test_help_still_lists_every_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "notices", "--help"], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    listed = done.stdout.split("Commands:")[1]
    for name in ("render", "schema", "doctor", "check", "rules", "init", "batch", "preview", "send"):
        assert f"  {name} " in listed
