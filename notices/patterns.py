"""Regular expressions compiled on first use, not when their module is imported.

`notices check` imports every rule module, and the rules hold about two hundred patterns. Compiling one costs
far more than its module's other work: Python's `re` builds the table of a character class one code point at
a time in Python, so a class spelling out the CJK block (``[\\u4e00-\\u9fff]``, 20,992 code points) takes about
a millisecond each time. Most of them are never reached by the notice in hand (a Chinese notice never runs the
English date patterns, a notice without a table never the table rules), so a pattern is compiled when a rule
first asks it to match, once per process; and then from its compiled form kept in notices' cache
(``notices.compiled_patterns``), so that a pattern that is used is not compiled again at every start. The
measured effect on a start is in bench/RESULTS.md.

A :class:`LazyPattern` answers the methods of :class:`re.Pattern` that this code calls, with the same types, so
mypy checks every use; ``.pattern`` and ``.flags`` are its source and flags, read without compiling (a pattern
built from another's source compiles neither).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """``re.compile(source, flags)``, done the first time the pattern matches anything."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            from notices import compiled_patterns

            self._compiled = compiled_patterns.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self.compiled.groupindex)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
