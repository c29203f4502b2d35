"""Our regular expressions compiled once per install of Python, not at every start.

Python's ``re`` compiles a pattern in Python code (``re._parser``, ``re._compiler``) into a list of integers
for its matching engine, ``_sre``; a character class over the CJK block is built one code point at a time. The
rules of ``notices check`` use about seventy patterns, and compiling them was a large part of a cold check
(bench/RESULTS.md). The compiled form depends on nothing but the pattern, its flags and the Python that
compiled it, so it is kept in notices' cache (``notices.cache``) under a stamp of the exact Python version and
its ``_sre`` engine, and a later start hands it to ``_sre.compile``, the function ``re.compile`` itself ends
with (``re/_compiler.py``, ``compile``).

The command line also hands ``re``'s own cache (``re._cache``, which ``re.compile`` and ``re.match`` … look in
first) the patterns the libraries it imports compiled at an earlier start (:func:`prime_re_cache`: typer,
pydantic, PyYAML, Jinja … compile a few hundred at import), on the Python whose ``re`` this was read from
(3.11) only; a library then gets from ``re.compile`` a pattern equal to the one it would have compiled.

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


def prime_re_cache() -> None:
    """Put into ``re``'s cache the patterns compiled through ``re`` at earlier starts, and at exit keep those
    this start compiled that were not among them. Python 3.11 only: its ``re._compile`` looks in the dict
    ``re._cache`` under ``(type(pattern), pattern, flags)`` before it compiles (``re/__init__.py``)."""
    cache = getattr(re, "_cache", None)
    room = getattr(re, "_MAXCACHE", 0) // 2  # the rest stays free: priming never pushes out a pattern
    if sys.version_info[:2] != (3, 11) or not isinstance(cache, dict) or room <= 0:
        return
    primed = _read(PRIMED)
    for (source, flags), parts in primed.items():
        if len(cache) >= room:
            break
        key = (str, source, flags)
        if key not in cache:
            try:
                cache[key] = _sre.compile(source, *parts)
            except Exception:
                continue  # compiled by re when asked for, and kept again at exit
    atexit.register(_keep_re_cache, cache, frozenset(primed))


def _keep_re_cache(cache: dict[Any, Any], primed: frozenset[_Key]) -> None:
    from notices.cache import store_bytes

    found = {}
    ours = _read(ENTRY)  # the rules' own patterns, compiled by re at this start only when not yet kept
    for key, pattern in list(cache.items()):
        if not (isinstance(key, tuple) and len(key) == 3 and key[0] is str and isinstance(key[2], int)):
            continue
        source, flags = key[1], key[2]
        if (source, flags) not in primed and (source, flags) not in ours and isinstance(pattern, re.Pattern):
            parts = _checked_parts(source, flags, pattern)
            if parts is not None:
                found[(source, flags)] = parts
    if not found:
        return
    kept = _read(PRIMED)
    if len(kept) + len(found) > MAX_KEPT:
        kept = {}
    kept.update(found)
    store_bytes(PRIMED, _stamp(), marshal.dumps(kept))


__all__ = ["compile", "prime_re_cache"]
