"""Our regular expressions compiled once per install of Python, not at every start.

Python's ``re`` compiles a pattern in Python code (``re._parser``, ``re._compiler``) into a list of integers
for its matching engine, ``_sre``; a character class over the CJK block is built one code point at a time. The
rules of ``notices check`` use about seventy patterns, and compiling them was a large part of a cold check
(bench/RESULTS.md). The compiled form depends on nothing but the pattern, its flags and the Python that
compiled it, so it is kept in notices' cache (``notices.cache``) under a stamp of the exact Python version and
its ``_sre`` engine, and a later start hands it to ``_sre.compile``, the function ``re.compile`` itself ends
with (``re/_compiler.py``, ``compile``).

The command line also hands ``re``'s own cache (``re._cache``, which ``re.compile`` and ``re.match`` … look in
first) the patterns the libraries it imports compiled at earlier starts of the same command
(:func:`prime_re_cache`: typer, pydantic, PyYAML, Jinja … compile a few hundred at import), on the Python
whose ``re`` this was read from (3.11) only; a library then gets from ``re.compile`` a pattern equal to the
one it would have compiled.

Nothing is kept that was not checked: a pattern's compiled form is stored only when the pattern ``_sre``
builds from it is equal to the one ``re.compile`` gives (``re.Pattern``'s equality compares the pattern, the
flags and the whole compiled code). A form ``_sre`` refuses (another build, a damaged file) is compiled by
``re`` instead. What a process compiled that was not yet kept is written when it exits, merged with what
other processes wrote meanwhile.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import hashlib
import marshal
import re
import sys
import threading
from typing import Any

ENTRY = "patterns"
PRIMED = "patterns-of-libraries"
FORMAT = 1  # bump when what an entry holds changes meaning
MAX_KEPT = 4096  # patterns kept at most; more (a long history of changed rules) starts the entry anew

_Key = tuple[str, int]
_lock = threading.Lock()
_kept: dict[_Key, tuple[Any, ...]] | None = None  # the entry, read on the first compile of the process
_new: dict[_Key, tuple[Any, ...]] = {}


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the kept compiled form when there is one."""
    key = (source, int(flags))
    parts = _entry().get(key)
    if parts is not None:
        try:
            return _sre.compile(source, *parts)  # type: ignore[no-any-return]
        except Exception:
            pass  # a form this _sre refuses: compiled by re below
    compiled = re.compile(source, flags)
    parts = _checked_parts(source, key[1], compiled)
    if parts is not None:
        with _lock:
            if not _new:
                atexit.register(_keep)
            _new[key] = parts
    return compiled


def _stamp() -> str:
    return hashlib.sha256(
        "\x00".join(
            map(str, (FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS))
        ).encode()
    ).hexdigest()[:24]


def _entry() -> dict[_Key, tuple[Any, ...]]:
    global _kept
    if _kept is None:
        _kept = _read()
    return _kept


def _read(name: str = ENTRY) -> dict[_Key, tuple[Any, ...]]:
    from notices.cache import load_bytes

    data = load_bytes(name, _stamp())
    if data is None:
        return {}
    try:
        kept = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _checked_parts(source: str, flags: int, compiled: re.Pattern[str]) -> tuple[Any, ...] | None:
    """The arguments ``re._compiler.compile`` gives ``_sre.compile`` for ``source``, when ``_sre.compile``
    builds from them a pattern equal to ``compiled``; else None (a Python whose ``re`` works otherwise)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
        code = [int(number) for number in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        parts = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        marshal.dumps(parts)
        if _sre.compile(source, *parts) != compiled:
            return None
    except Exception:
        return None
    return parts


def _keep() -> None:
    """Write what this process compiled into the entry, with what is there now (another process's)."""
    from notices.cache import store_bytes

    with _lock:
        if not _new:
            return
        kept = _read()
        if len(kept) + len(_new) > MAX_KEPT:
            kept = {}
        kept.update(_new)
        _new.clear()
    store_bytes(ENTRY, _stamp(), marshal.dumps(kept))


def prime_re_cache(command: str | None = None) -> None:
    """Put into ``re``'s cache the patterns compiled through ``re`` at earlier starts of ``command`` (the
    command line's first argument by default), and at exit keep what this start's cache holds for the next.
    Python 3.11 only: its ``re._compile`` looks in the dict ``re._cache`` under ``(type(pattern), pattern,
    flags)`` before it compiles (``re/__init__.py``).

    What is kept stays small and does not grow from start to start: a pattern is kept when it is in the cache
    at the end of two starts in a row of the same command. Some libraries build a pattern from a set, whose
    order changes with each process's hash seed (the standard library's ``tokenize``, openpyxl's defined
    names), so each start brings a variant no later start asks for; kept by every start, they made this entry
    grow without end, and reading it cost a cold start more than priming saved."""
    cache = getattr(re, "_cache", None)
    room = getattr(re, "_MAXCACHE", 0) // 2  # the rest stays free: priming never pushes out a pattern
    if sys.version_info[:2] != (3, 11) or not isinstance(cache, dict) or room <= 0:
        return
    name = f"{PRIMED}-{_command_label(sys.argv[1:2] if command is None else [command])}"
    kept, seen = _read_primed(name)
    primed = 0
    for (source, flags), parts in kept.items():
        if primed >= room:
            break
        key = (str, source, flags)
        if key not in cache:
            try:
                cache[key] = _sre.compile(source, *parts)
            except Exception:
                continue  # compiled by re when asked for, and kept again at exit
            primed += 1
    atexit.register(_keep_re_cache, cache, name, kept, seen)


def _command_label(arguments: list[str]) -> str:
    """The entry's label for a start: the command's name, or ``other`` (options, a file, nothing)."""
    first = arguments[0] if arguments else ""
    return first if re.fullmatch(r"[a-z][a-z-]{0,19}", first) else "other"


def _read_primed(name: str) -> tuple[dict[_Key, tuple[Any, ...]], frozenset[_Key]]:
    """The patterns kept for priming, and the keys found in the cache at the end of the last start."""
    entry: dict[Any, Any] = _read(name)
    kept = entry.get("kept")
    seen = entry.get("seen")
    if not isinstance(kept, dict) or not isinstance(seen, (list, tuple)):
        return {}, frozenset()
    return kept, frozenset(key for key in seen if isinstance(key, tuple))


def _keep_re_cache(
    cache: dict[Any, Any], name: str, kept: dict[_Key, tuple[Any, ...]], seen: frozenset[_Key]
) -> None:
    from notices.cache import store_bytes

    ours = _read(ENTRY)  # the rules' own patterns, compiled by re at this start only when not yet kept
    now: dict[_Key, re.Pattern[str]] = {}
    for key, pattern in list(cache.items()):
        ours_or_not_a_str_pattern = (
            not (isinstance(key, tuple) and len(key) == 3 and key[0] is str and isinstance(key[2], int))
            or (key[1], key[2]) in ours
        )
        if not ours_or_not_a_str_pattern and isinstance(pattern, re.Pattern):
            now[(key[1], key[2])] = pattern
    keep: dict[_Key, tuple[Any, ...]] = {}
    for key, pattern in now.items():
        if key in kept:
            keep[key] = kept[key]
        elif key in seen:
            parts = _checked_parts(key[0], key[1], pattern)
            if parts is not None:
                keep[key] = parts
    if keep.keys() == kept.keys() and frozenset(now) == seen:
        return  # nothing changed: nothing written
    store_bytes(name, _stamp(), marshal.dumps({"kept": keep, "seen": list(now)}))


__all__ = ["compile", "prime_re_cache"]
