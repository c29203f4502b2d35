"""Rule settings: ``[tool.notices.checks]`` in the nearest pyproject.toml, then the spec's own ``checks:``.

Both map a rule ID (or a pattern such as ``P-*``) to ``off``, ``error``, ``warning`` or ``info``. An exact ID
beats a pattern; the spec beats pyproject.toml. A YAML comment ``# notices: ignore[RULE-ID, …]`` silences those
rules on its own line, and, on the line where a value starts, for the whole value (a block scalar cannot hold
comments).
"""

from __future__ import annotations

import difflib
import fnmatch
import functools
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notices.check.findings import SETTINGS, Setting
from notices.i18n import _
from notices.patterns import LazyPattern

_IGNORE = LazyPattern(r"#\s*notices:\s*ignore\[([A-Za-z0-9\-_*, ]+)\]")
CONFIG_RULE = "X-CONFIG"


@dataclass(frozen=True)
class SettingProblem:
    """An entry of a settings table that cannot be used; ``key`` is the entry's key."""

    key: str
    message: str
    fix: str


@dataclass(frozen=True)
class Settings:
    """One layer of rule settings and where it was read from."""

    values: Mapping[str, Setting]
    origin: str = ""
    problems: tuple[SettingProblem, ...] = ()


def parse_settings(raw: Mapping[str, Any], known_ids: Sequence[str], origin: str = "") -> Settings:
    """Validate a RULE-ID → setting table; bad entries become problems and are left out."""
    values: dict[str, Setting] = {}
    problems: list[SettingProblem] = []
    for key, value in raw.items():
        rule_id = str(key).strip().upper()
        setting = str(value).strip().lower() if not isinstance(value, bool) else ("off" if not value else "")
        if setting not in SETTINGS:
            problems.append(
                SettingProblem(
                    str(key),
                    _("{value!r} is not a rule setting").format(value=value),
                    _("use off, error, warning or info"),
                )
            )
            continue
        is_pattern = any(ch in rule_id for ch in "*?[")
        if not is_pattern and rule_id not in known_ids:
            guess = difflib.get_close_matches(rule_id, known_ids, n=1, cutoff=0.6)
            fix = (
                _("did you mean {guess}?").format(guess=guess[0])
                if guess
                else _("`notices rules` lists every rule ID")
            )
            problems.append(SettingProblem(str(key), _("unknown rule {key!r}").format(key=key), fix))
            continue
        if is_pattern and not fnmatch.filter(known_ids, rule_id):
            problems.append(
                SettingProblem(
                    str(key),
                    _("the pattern {key!r} matches no rule").format(key=key),
                    _("`notices rules` lists every rule ID"),
                )
            )
            continue
        values[rule_id] = setting
    return Settings(values, origin, tuple(problems))


def setting_for(rule_id: str, layers: Sequence[Settings]) -> Setting | None:
    """The last layer's word on ``rule_id``: its exact entry, else its longest matching pattern."""
    chosen: Setting | None = None
    for layer in layers:
        if rule_id in layer.values:
            chosen = layer.values[rule_id]
            continue
        patterns = [p for p in layer.values if any(ch in p for ch in "*?[") and fnmatch.fnmatch(rule_id, p)]
        if patterns:
            chosen = layer.values[max(patterns, key=len)]
    return chosen


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml in ``start`` or a folder above it."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            return path
    return None


@functools.lru_cache(maxsize=64)
def pyproject_settings(path: Path, known_ids: tuple[str, ...]) -> Settings:
    """``[tool.notices.checks]`` of one pyproject.toml; a file that cannot be read is one problem."""
    origin = f"{path} [tool.notices.checks]"
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        return Settings(
            {},
            origin,
            (
                SettingProblem(
                    "", _("cannot read {name}: {err}").format(name=path.name, err=err), _("fix the TOML")
                ),
            ),
        )
    table = document.get("tool", {}).get("notices", {}).get("checks", {})
    if not isinstance(table, dict):
        return Settings({}, origin, (SettingProblem("", _("[tool.notices.checks] must be a table"), ""),))
    return parse_settings(table, known_ids, origin)


def ignored_rules(line: str) -> frozenset[str]:
    """Rule IDs a ``# notices: ignore[…]`` comment on this source line silences."""
    found: set[str] = set()
    for match in _IGNORE.finditer(line):
        found.update(part.strip().upper() for part in match.group(1).split(",") if part.strip())
    return frozenset(found)


def is_ignored(rule_id: str, ignored: frozenset[str]) -> bool:
    return any(fnmatch.fnmatch(rule_id, pattern) for pattern in ignored)
