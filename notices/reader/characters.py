"""Characters no notice may hold, found with their position before anything is parsed or drawn.

None of them prints: NUL and the other C0 and C1 control characters (tab, line feed and carriage return
excepted), DEL, lone surrogates (half of a UTF-16 pair, which cannot even be written as UTF-8), Unicode's
noncharacters (U+FDD0–U+FDEF and the last two code points of every plane), the line and paragraph separators
U+2028/U+2029 (a line break that editors do not show as one, so every line number after it would be off) and
the bidirectional embedding, override and isolate controls (they reorder what a reader sees against what the file
says: "Trojan Source", CVE-2021-42574). XML 1.0, and so DOCX, refuses most of them outright; the rest would reach
the page as an empty box or reorder its text. They usually come from copying out of another program, so the
message says which character it is and where, and the fix is to delete it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from notices.i18n import N_, _

_FORBIDDEN = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 except tab, line feed, carriage return; DEL; C1
    "\ud800-\udfff"  # surrogates (only ever lone in a str decoded from text)
    "\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff"
    "\u2028\u2029"
    "\u202a-\u202e\u2066-\u2069"
    "]"
)

_C0_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


def forbidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """(index, character) of every forbidden character in ``text``, in order."""
    for match in _FORBIDDEN.finditer(text):
        yield match.start(), match.group()


def first_forbidden(text: str) -> tuple[int, str] | None:
    match = _FORBIDDEN.search(text)
    return (match.start(), match.group()) if match else None


def describe(char: str) -> str:
    """``U+0007 (a control character, BEL)``: what a writer can search for in an editor."""
    code = ord(char)
    label = f"U+{code:04X}"
    if code in _C0_NAMES:
        return _("{label} (a control character, {C0_NAMES})").format(label=label, C0_NAMES=_C0_NAMES[code])
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return _("{label} (an invisible control character)").format(label=label)
    if 0xD800 <= code <= 0xDFFF:
        return _("{label} (half of a UTF-16 surrogate pair, not a character)").format(label=label)
    if code in (0x2028, 0x2029):
        return _("{label} ({lower}, an invisible line break)").format(
            label=label, lower=unicodedata.name(char).lower()
        )
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return _("{label} (an invisible text-direction control, {char})").format(
            label=label, char=unicodedata.name(char)
        )
    return _("{label} (a Unicode noncharacter)").format(label=label)


FIX = N_(
    _("delete the character (it does not print); retype the text around it if it was copied from elsewhere")
)


def strip_forbidden(text: str) -> str:
    """``text`` without the forbidden characters, for echoing a value back in a message."""
    return _FORBIDDEN.sub("", text)
