"""The rule registry: every rule module under `notices.check.rules` registers itself with :func:`rule`.

Modules are found with pkgutil on first use, so adding a rule touches one new file (and its test), never a list.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from notices.check.findings import SEVERITIES, Hit, Severity

if TYPE_CHECKING:
    from notices.check.context import CheckContext

RuleCheck = Callable[["CheckContext"], Iterable[Hit]]
RULES_PACKAGE = "notices.check.rules"

_registry: dict[str, Rule] = {}
_discovered = False


@dataclass(frozen=True)
class Rule:
    """A named check with its default severity, where it comes from, and a good and a bad example.

    ``good`` and ``bad`` are YAML snippets laid over a small valid spec (see `notices.check.examples`): the
    tests check every good example gives no finding of this rule and every bad one at least one, and
    `notices rules ID` prints them.
    """

    id: str
    severity: Severity
    summary: str
    source: str
    check: RuleCheck
    good: tuple[str, ...]
    bad: tuple[str, ...]
    langs: frozenset[str] = frozenset({"zh", "en"})
    kinds: frozenset[str] | None = None
    profile_severity: Mapping[str, Severity] = field(default_factory=dict)

    @property
    def explanation(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or self.summary)

    def default_severity(self, profile: str) -> Severity:
        return self.profile_severity.get(profile, self.severity)

    def applies_to(self, lang: str, kind: str) -> bool:
        return lang in self.langs and (self.kinds is None or kind in self.kinds)


def rule(
    rule_id: str,
    severity: Severity,
    *,
    summary: str,
    source: str,
    good: str | Iterable[str],
    bad: str | Iterable[str],
    langs: Collection[str] = ("zh", "en"),
    kinds: Collection[str] | None = None,
    profile_severity: Mapping[str, Severity] | None = None,
) -> Callable[[RuleCheck], RuleCheck]:
    """Register the decorated function as rule ``rule_id``; its docstring is the long explanation.

    The function takes a :class:`~notices.check.context.CheckContext` and yields :class:`Hit` objects.
    """
    if severity not in SEVERITIES:
        raise ValueError(f"{rule_id}: severity must be one of {SEVERITIES}, not {severity!r}")

    def register(check: RuleCheck) -> RuleCheck:
        if rule_id in _registry and _registry[rule_id].check.__module__ != check.__module__:
            raise ValueError(f"rule {rule_id} is registered twice ({check.__module__})")
        _registry[rule_id] = Rule(
            id=rule_id,
            severity=severity,
            summary=summary,
            source=source,
            check=check,
            good=(good,) if isinstance(good, str) else tuple(good),
            bad=(bad,) if isinstance(bad, str) else tuple(bad),
            langs=frozenset(langs),
            kinds=frozenset(kinds) if kinds is not None else None,
            profile_severity=dict(profile_severity or {}),
        )
        return check

    return register


def discover() -> None:
    """Import every module of the rules package once, and each kind's ``rules.py``, which registers their rules.

    A kind's rules live in its own folder (`notices.kinds`), so adding a kind adds its rules with it.
    """
    global _discovered
    if _discovered:
        return
    from notices import kinds

    package = importlib.import_module(RULES_PACKAGE)
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{RULES_PACKAGE}.{module.name}")
    for name in kinds.rule_modules():
        importlib.import_module(name)
    _discovered = True


def all_rules() -> dict[str, Rule]:
    """Every registered rule by ID, in ID order."""
    discover()
    return dict(sorted(_registry.items()))


def get_rule(rule_id: str) -> Rule | None:
    return all_rules().get(rule_id.upper())
