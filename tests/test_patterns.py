"""Rule patterns are compiled when a rule first uses them, and then match exactly as `re` does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from notices.patterns import LazyPattern

ROOT = Path(__file__).resolve().parents[1]

HAN_LIST = r"[：:](?:[\u4e00-\u9fffA-Za-z]{1,6}、)+[\u4e00-\u9fffA-Za-z]{1,6}(?P<comma>[，,])"
TEXT = "请备齐：纸箱、胶带、标签，并于周五前送达。另：A、B，C"


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    lazy, eager = LazyPattern(HAN_LIST), re.compile(HAN_LIST)
    assert lazy.search(TEXT).span() == eager.search(TEXT).span()  # type: ignore[union-attr]
    assert lazy.search(TEXT, 10) is not None and lazy.search(TEXT, 10).span() == eager.search(TEXT, 10).span()  # type: ignore[union-attr]
    assert lazy.match(TEXT) is None and lazy.match(TEXT, 3) is not None
    assert [m.span() for m in lazy.finditer(TEXT)] == [m.span() for m in eager.finditer(TEXT)]
    assert lazy.findall(TEXT) == eager.findall(TEXT) == ["，", "，"]
    assert lazy.sub("|", TEXT) == eager.sub("|", TEXT)
    assert lazy.subn(lambda m: m["comma"] * 2, TEXT, 1) == eager.subn(lambda m: m["comma"] * 2, TEXT, 1)
    assert lazy.split(TEXT) == eager.split(TEXT)
    assert lazy.groupindex == {"comma": 1}
    words = LazyPattern(r"todo", re.IGNORECASE)
    assert words.fullmatch("TODO") is not None and words.fullmatch("TODO!") is None


def test_nothing_is_compiled_before_a_match() -> None:
    broken = LazyPattern("[unclosed")  # compiling it would raise
    assert broken.pattern == "[unclosed" and broken.flags == 0
    try:
        broken.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("the pattern was never compiled")


_PROBE = """\
import sys
import notices.check  # the runner, the registry and what they import
from re import _compiler

compiled = []
original = _compiler.compile


def recording(pattern, flags=0):
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").startswith("re"):
        frame = frame.f_back
    module = frame.f_globals.get("__name__", "") if frame is not None else ""
    if module.startswith(("notices.check", "notices.kinds")):
        compiled.append((module, str(pattern)[:60]))
    return original(pattern, flags)


_compiler.compile = recording
from notices.check.registry import discover

discover()
print("COMPILED", compiled)
"""


@pytest.mark.slow
def test_loading_every_rule_compiles_none_of_their_patterns() -> None:
    """Importing the rules (what every `notices check` and render does) leaves their patterns to first use.

    (The composer's few patterns are compiled at import: every check and render composes the notice.)"""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert "COMPILED []" in done.stdout, done.stdout + done.stderr
