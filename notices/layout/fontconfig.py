"""fontconfig's answers asked in this process, through its C library, as `fc-match` and `fc-list` give them.

Which faces are installed and which file fills a family are fontconfig's answers (the ones Pango, so
WeasyPrint, gets). Every `notices check` and `notices render` asked five of them, each by starting `fc-list` or
`fc-match` (a process that loads fontconfig's configuration anew each time, bench/RESULTS.md). Here the
library (libfontconfig, which WeasyPrint needs anyway) is loaded once per process with ctypes and asked the
same questions the commands ask, the same way (``fc-match.c``: parse the pattern, apply the configuration's
and the default substitutions, match). Where the library cannot be loaded, :func:`library` is ``None`` and the
callers run the commands as before.
"""

from __future__ import annotations

import ctypes
import functools
import sys
from pathlib import Path

_MATCH_PATTERN = 0  # FcMatchPattern
_RESULT_MATCH = 0  # FcResultMatch
_NAMES = {"linux": "libfontconfig.so.1", "darwin": "libfontconfig.1.dylib"}


class Fontconfig:
    """One fontconfig configuration (the user's, as the commands load it), asked in this process."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        pointer = ctypes.c_void_p
        lib.FcInitLoadConfigAndFonts.restype = pointer
        lib.FcNameParse.restype = pointer
        lib.FcNameParse.argtypes = [ctypes.c_char_p]
        lib.FcConfigSubstitute.argtypes = [pointer, pointer, ctypes.c_int]
        lib.FcDefaultSubstitute.argtypes = [pointer]
        lib.FcFontMatch.restype = pointer
        lib.FcFontMatch.argtypes = [pointer, pointer, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternGetString.argtypes = [
            pointer,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_char_p),
        ]
        lib.FcPatternGetInteger.argtypes = [
            pointer,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_int),
        ]
        lib.FcPatternDestroy.argtypes = [pointer]
        lib.FcPatternCreate.restype = pointer
        lib.FcObjectSetCreate.restype = pointer
        lib.FcObjectSetAdd.argtypes = [pointer, ctypes.c_char_p]
        lib.FcObjectSetDestroy.argtypes = [pointer]
        lib.FcFontList.restype = ctypes.POINTER(_FontSet)
        lib.FcFontList.argtypes = [pointer, pointer, pointer]
        lib.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FontSet)]
        self._lib = lib
        self._config = lib.FcInitLoadConfigAndFonts()
        if not self._config:
            raise OSError("fontconfig could not load its configuration")

    def match(self, pattern: str) -> tuple[Path, int, tuple[str, ...]] | None:
        """(file, face index, the face's family names) of the best match for ``pattern``, as `fc-match`."""
        lib = self._lib
        query = lib.FcNameParse(pattern.encode("utf-8"))
        if not query:
            return None
        try:
            lib.FcConfigSubstitute(self._config, query, _MATCH_PATTERN)
            lib.FcDefaultSubstitute(query)
            result = ctypes.c_int()
            found = lib.FcFontMatch(self._config, query, ctypes.byref(result))
        finally:
            lib.FcPatternDestroy(query)
        if not found:
            return None
        try:
            file = self._strings(found, b"file")
            index = ctypes.c_int()
            if not file or lib.FcPatternGetInteger(found, b"index", 0, ctypes.byref(index)) != _RESULT_MATCH:
                return None
            return Path(file[0]), index.value, self._strings(found, b"family")
        finally:
            lib.FcPatternDestroy(found)

    def families(self) -> list[tuple[str, ...]]:
        """Each installed face's family names (every language's), as `fc-list --format '%{family}\\n'`."""
        lib = self._lib
        everything = lib.FcPatternCreate()
        wanted = lib.FcObjectSetCreate()
        lib.FcObjectSetAdd(wanted, b"family")
        try:
            listed = lib.FcFontList(self._config, everything, wanted)
        finally:
            lib.FcObjectSetDestroy(wanted)
            lib.FcPatternDestroy(everything)
        if not listed:
            return []
        try:
            fonts = listed.contents
            return [self._strings(fonts.fonts[number], b"family") for number in range(fonts.nfont)]
        finally:
            lib.FcFontSetDestroy(listed)

    def _strings(self, pattern: int, name: bytes) -> tuple[str, ...]:
        values: list[str] = []
        value = ctypes.c_char_p()
        while self._lib.FcPatternGetString(pattern, name, len(values), ctypes.byref(value)) == _RESULT_MATCH:
            values.append((value.value or b"").decode("utf-8", "replace"))
        return tuple(values)


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


@functools.cache
def library() -> Fontconfig | None:
    """This process's fontconfig, or ``None`` where its library cannot be loaded (then run the commands)."""
    name = _NAMES.get(sys.platform)
    if name is None:
        return None
    try:
        return Fontconfig(ctypes.CDLL(name))
    except (OSError, AttributeError):
        return None
