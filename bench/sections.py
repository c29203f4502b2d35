"""One benchmark's section of a results file, replaced in place between its markers so that the other
benchmarks' sections stay as their last runs left them."""

from __future__ import annotations

from pathlib import Path


def markers(script: str) -> tuple[str, str]:
    """The markers around the section ``script`` (e.g. "bench/render.py") writes."""
    return f"<!-- {script}: begin -->", f"<!-- {script}: end -->"


def write_section(path: Path, text: str, begin: str, end: str) -> None:
    """Put ``text`` (which starts with ``begin`` and ends with ``end``) in place of the old section, or at the
    end of the file when it has none."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if begin in old and end in old:
        new = old[: old.index(begin)] + text.rstrip("\n") + old[old.index(end) + len(end) :]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")
