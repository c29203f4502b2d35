"""A recipient's e-mail addresses, from one cell of the recipients file as people fill it in.

A cell may hold several addresses, separated by commas, semicolons, spaces or line breaks, in Chinese
punctuation too (，；、), with or without a name (``王静 <wang@example.com>``); a JSON or YAML row may hold a
list. Full-width characters typed by a Chinese input method (``ｗａｎｇ＠example.com``) are read as their ASCII
forms (NFKC). Each address is checked for the shape SMTP needs; the same address twice is sent once.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from notices.i18n import _

_NAMED = re.compile(r"((?:\"[^\"]*\"|[^,;，；、<>\"])*)<([^<>]*)>")
_LOCAL = re.compile(r"[^\s@<>()\[\],;:\"\\]+\Z")
_LABEL = re.compile(r"(?!-)[^\s@.<>()\[\],;:\"\\_]{1,63}(?<!-)\Z")


@dataclass(frozen=True)
class Addresses:
    """The usable addresses of one cell, in the order written, and what was wrong with the rest."""

    addresses: tuple[str, ...]
    names: tuple[str, ...]  # the name written beside each address, or ""
    problems: tuple[str, ...]


def parse_addresses(value: Any) -> Addresses:
    items = value if isinstance(value, list | tuple) else [value]
    texts = [
        unicodedata.normalize("NFKC", str(item)) for item in items if item is not None and str(item).strip()
    ]
    found: list[str] = []
    shown: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for text in texts:
        for name, address in _split(text):
            trouble = address_problem(address)
            if trouble:
                problems.append(trouble.format(address=address or name))
                continue
            address = normalise(address)
            if address.lower() in seen:
                continue
            seen.add(address.lower())
            found.append(address)
            shown.append(name)
    return Addresses(tuple(found), tuple(shown), tuple(problems))


def _split(text: str) -> list[tuple[str, str]]:
    """``(name, address)`` pairs: ``Name <address>`` forms first, then bare addresses between separators."""
    pairs: list[tuple[int, str, str]] = []

    def take(match: re.Match[str]) -> str:
        name = match.group(1).strip().strip('"').strip()
        pairs.append((match.start(), name, match.group(2).strip()))
        return "," + " " * (len(match.group(0)) - 1)

    rest = _NAMED.sub(take, text)
    for match in re.finditer(r"[^,;，；、\s]+", rest):
        pairs.append((match.start(), "", match.group()))
    return [(name, address) for _, name, address in sorted(pairs)]


def address_problem(address: str) -> str | None:
    """Why ``address`` cannot be used as an SMTP recipient (a sentence with an ``{address}`` field), or None."""
    if not address:
        return _("{address!r} is not an e-mail address")
    if len(address) > 254:
        return _("{address!r} is longer than the 254 characters an address may have")
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return _("{address!r} is not an e-mail address (no @)")
    if not _LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        return _("{address!r} is not an e-mail address (the part before @)")
    labels = domain.rstrip(".").split(".")
    if len(labels) < 2 and domain.lower() != "localhost":
        return _("{address!r} has no domain after @ (example.com)")
    if not all(_LABEL.match(label) for label in labels):
        return _("{address!r} is not an e-mail address (the domain)")
    return None


def normalise(address: str) -> str:
    """The domain in lower case (it is case-blind); the part before @ exactly as written (it may not be)."""
    local, _at, domain = address.rpartition("@")
    return f"{local}@{domain.rstrip('.').lower()}"


def envelope_form(address: str) -> str:
    """The address as SMTP's envelope carries it: an internationalised domain in its ASCII (IDNA) form."""
    local, _at, domain = address.rpartition("@")
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def needs_smtputf8(address: str) -> bool:
    """A non-ASCII part before @ can only travel with the server's SMTPUTF8 extension."""
    return not address.rpartition("@")[0].isascii()
