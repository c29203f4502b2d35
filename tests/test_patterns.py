"""Rule patterns are compiled when a rule first uses them, and then match exactly as `re` does."""

from __future__ import annotations

import marshal
import os
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


@pytest.fixture
def pattern_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty notices cache, and compiled_patterns as at the start of a process."""
    from notices import cache, compiled_patterns

    monkeypatch.setenv("NOTICES_CACHE_DIR", str(tmp_path / "cache"))
    cache.cache_root.cache_clear()
    monkeypatch.setattr(compiled_patterns, "_kept", None)
    monkeypatch.setattr(compiled_patterns, "_new", {})
    yield tmp_path / "cache"
    cache.cache_root.cache_clear()


def _next_process() -> None:
    """What the end of this process and the start of the next do: keep what was compiled, read it back."""
    from notices import compiled_patterns

    compiled_patterns._keep()
    compiled_patterns._kept = None


# Patterns of every kind the rules use: named groups, CJK classes, look-behind, flags, inline flags.
KINDS = [
    (HAN_LIST, 0),
    (r"(?<![\d.])(?P<y>\d{4})年(?P<m>\d{1,2})月", 0),
    (r"^\s*yours\s+faithfully\b", re.IGNORECASE | re.MULTILINE),
    (r"(?x) \b (?:clos(?:ed|e|ing)|holidays?) \b", 0),
    (r"[\u1100-\u115f\u2e80-\u303e\U00020000-\U0002a6df]+", 0),
]


def test_a_kept_pattern_is_the_one_re_compiles(pattern_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from notices import compiled_patterns

    first = [compiled_patterns.compile(source, flags) for source, flags in KINDS]
    _next_process()
    assert len(compiled_patterns._entry()) == len(KINDS)

    def refused(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(re, "compile", refused)
    kept = [compiled_patterns.compile(source, flags) for source, flags in KINDS]
    monkeypatch.undo()
    for pattern, (source, flags) in zip(kept, KINDS, strict=True):
        # Pattern equality compares the source, the flags and the whole compiled code.
        assert (
            pattern == re.compile(source, flags)
            and pattern.groupindex == re.compile(source, flags).groupindex
        )
    assert [p.search(TEXT) and p.search(TEXT).span() for p in kept] == [
        p.search(TEXT) and p.search(TEXT).span() for p in first
    ]  # type: ignore[union-attr]


def test_a_lazy_pattern_is_read_from_the_cache(pattern_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    LazyPattern(HAN_LIST).search(TEXT)
    _next_process()
    monkeypatch.setattr(re, "compile", lambda *args: pytest.fail("compiled again"))
    assert LazyPattern(HAN_LIST).findall(TEXT) == ["，", "，"]


def test_a_damaged_or_refused_entry_is_compiled_by_re(pattern_cache: Path) -> None:
    from notices import compiled_patterns

    compiled_patterns.compile(HAN_LIST)
    _next_process()
    entry = compiled_patterns._entry()
    flags, code, *rest = entry[(HAN_LIST, 0)]
    entry[(HAN_LIST, 0)] = (flags, [999_999, *code], *rest)  # code _sre refuses
    assert compiled_patterns.compile(HAN_LIST) == re.compile(HAN_LIST)
    (file,) = (pattern_cache / "data").glob(f"{compiled_patterns.ENTRY}-*.bin")
    file.write_bytes(b"not marshal data")
    compiled_patterns._kept = None
    assert compiled_patterns._entry() == {}
    assert compiled_patterns.compile(HAN_LIST) == re.compile(HAN_LIST)


def test_processes_merge_what_they_kept(pattern_cache: Path) -> None:
    from notices import compiled_patterns

    compiled_patterns.compile(KINDS[0][0])
    _next_process()
    compiled_patterns._kept = {}  # a second process that started before the first wrote
    compiled_patterns.compile(KINDS[1][0])
    _next_process()
    assert set(compiled_patterns._entry()) == {(KINDS[0][0], 0), (KINDS[1][0], 0)}


_CHECKED_TWICE = """\
import sys
from re import _compiler
compiled = []
original = _compiler.compile
def recording(pattern, flags=0):
    compiled.append(pattern)
    return original(pattern, flags)
_compiler.compile = recording
import atexit
atexit.register(lambda: print("COMPILED", len(compiled)))
sys.argv = ["notices", "check", sys.argv[1], "--format", "json"]
from notices.cli import main
main()
"""


@pytest.mark.slow
def test_a_third_check_compiles_few_of_the_patterns_the_first_did(tmp_path: Path) -> None:
    env = {**os.environ, "NOTICES_CACHE_DIR": str(tmp_path / "cache")}
    spec = str(ROOT / "examples" / "stockup.zh.yaml")
    runs = [
        subprocess.run(
            [sys.executable, "-c", _CHECKED_TWICE, spec], capture_output=True, text=True, env=env, cwd=ROOT
        )
        for _ in range(3)
    ]
    counts = [int(run.stdout.rsplit("COMPILED", 1)[1]) for run in runs]
    reports = {run.stdout.rsplit("COMPILED", 1)[0] for run in runs}
    assert len(reports) == 1  # the same report
    # The first check compiled the rules' patterns and the libraries' (~180); the second the libraries' again
    # (a library's pattern is kept once two starts in a row compiled it); the third only the few the standard
    # library compiles before the command line starts.
    assert counts[0] > 100 and counts[1] < counts[0] and counts[2] < counts[0] / 5, counts


def _start(monkeypatch: pytest.MonkeyPatch, command: str, *compiled_by_a_library: str) -> None:
    """One start of a command: re's cache empty, primed, the libraries compile, the start ends."""
    import atexit

    from notices import compiled_patterns

    at_exit: list[tuple[object, ...]] = []
    with monkeypatch.context() as patch:
        patch.setattr(atexit, "register", lambda function, *arguments: at_exit.append((function, *arguments)))
        re.purge()
        compiled_patterns.prime_re_cache(command)
    for pattern in compiled_by_a_library:
        re.compile(pattern)
    for function, *arguments in at_exit:
        function(*arguments)  # type: ignore[operator]


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="re's cache is primed on Python 3.11 only")
def test_re_is_handed_the_patterns_two_earlier_starts_compiled(
    pattern_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from notices import compiled_patterns

    source = r"(?P<year>\d{4})年[\u4e00-\u9fff]{2,}primed-by-a-test"
    once = r"[\u4e00-\u9fff]+built-from-a-set-in-one-order-only"
    _start(monkeypatch, "check", source, once)
    _start(monkeypatch, "check", source)  # compiled again: kept from now on; `once` never kept
    _start(monkeypatch, "check")  # the next start: primed
    primed = re._cache[(str, source, 0)]  # type: ignore[attr-defined]
    assert (str, once, 0) not in re._cache  # type: ignore[attr-defined]
    assert re.compile(source) is primed  # re found it in its cache …
    re.purge()
    assert primed == re.compile(source)  # … equal to what re compiles
    re.purge()
    compiled_patterns.prime_re_cache("render")  # another command: its own entry, empty yet
    assert (str, source, 0) not in re._cache  # type: ignore[attr-defined]


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="re's cache is primed on Python 3.11 only")
def test_the_kept_patterns_do_not_grow_with_variants_each_start_builds(
    pattern_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from notices import cache, compiled_patterns

    for start in range(30):
        # the second pattern stands for one a library builds from a set: its order new at every start
        _start(monkeypatch, "check", r"\s+stable-pattern", f"(?:a|b|variant-{start})")
    data = cache.load_bytes(f"{compiled_patterns.PRIMED}-check", compiled_patterns._stamp())
    assert data is not None
    entry = marshal.loads(data)
    assert (r"\s+stable-pattern", 0) in entry["kept"]
    assert not any("variant-" in source for source, _flags in entry["kept"])
    assert sum("variant-" in source for source, _flags in entry["seen"]) == 1  # the last start's only
