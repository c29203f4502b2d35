"""Where each key of a TOML file is, so a mistake in ``send.toml`` is reported at its line and column.

``tomllib`` gives values, not places. This scanner reads the same text line by line, following ``[table]``
headers and ``key = value`` lines (dotted and quoted keys included), and remembers where every key path
first appears. It only has to agree with ``tomllib`` on files that ``tomllib`` accepted, and it skips the
insides of multi-line strings and arrays, where no key can start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BARE = re.compile(r"[A-Za-z0-9_-]+")


@dataclass
class TomlPlaces:
    """Key path (``("smtp", "host")``) → (line, column of the key, column of the value), all 1-based."""

    places: dict[tuple[str, ...], tuple[int, int, int]] = field(default_factory=dict)

    def key(self, path: tuple[str, ...]) -> tuple[int | None, int | None]:
        place = self._nearest(path)
        return (place[0], place[1]) if place else (None, None)

    def value(self, path: tuple[str, ...]) -> tuple[int | None, int | None]:
        place = self.places.get(path)
        if place is None:
            return self.key(path)
        return place[0], place[2]

    def _nearest(self, path: tuple[str, ...]) -> tuple[int, int, int] | None:
        while path:
            if path in self.places:
                return self.places[path]
            path = path[:-1]
        return None


def scan(text: str) -> TomlPlaces:
    found = TomlPlaces()
    table: tuple[str, ...] = ()
    depth = 0  # open brackets of a multi-line array or inline table
    in_string: str | None = None  # the closing quotes of a multi-line string we are inside
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if in_string in line:
                in_string = None
            continue
        if depth:
            depth = max(0, depth + _bracket_balance(line))
            continue
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if stripped.startswith("[") and not stripped.startswith("[["):
            parts = _key_parts(stripped[1:].split("]", 1)[0])
            if parts:
                table = tuple(parts)
                found.places.setdefault(table, (number, indent + 2, indent + 2))
            continue
        if stripped.startswith("[["):
            parts = _key_parts(stripped[2:].split("]]", 1)[0])
            table = tuple(parts or ())
            continue
        if not stripped or stripped.startswith("#") or "=" not in stripped:
            continue
        key_text, value_text = _split_key(stripped)
        parts = _key_parts(key_text)
        if not parts:
            continue
        value_column = indent + len(stripped) - len(value_text.lstrip()) + 1
        found.places.setdefault(table + tuple(parts), (number, indent + 1, value_column))
        value = value_text.strip()
        for quotes in ('"""', "'''"):
            if value.startswith(quotes) and value.count(quotes) == 1:
                in_string = quotes
        if value.startswith(("[", "{")):
            depth = max(0, _bracket_balance(value))
    return found


def _split_key(text: str) -> tuple[str, str]:
    quote: str | None = None
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "=":
            return text[:index], text[index + 1 :]
    return text, ""


def _key_parts(text: str) -> list[str] | None:
    parts: list[str] = []
    rest = text.strip()
    while rest:
        if rest[0] in "\"'":
            end = rest.find(rest[0], 1)
            if end < 0:
                return None
            parts.append(rest[1:end])
            rest = rest[end + 1 :].strip()
        else:
            match = _BARE.match(rest)
            if not match:
                return None
            parts.append(match.group())
            rest = rest[match.end() :].strip()
        if rest.startswith("."):
            rest = rest[1:].strip()
        elif rest:
            return None
    return parts


def _bracket_balance(text: str) -> int:
    balance, quote = 0, None
    for char in text:
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            balance += 1
        elif char in "]}":
            balance -= 1
    return balance
