"""Notice kinds: each kind is one unit, one folder, found by this registry (as a check rule is one module).

``notices/kinds/<kind>/`` holds everything about the kind:

- ``__init__.py``: ``KIND = Kind(...)``: its name, a one-line summary, its facts model and its section names;
- ``facts.py``: the facts model, which becomes the spec's ``<kind>:`` section (`notices.spec.model`);
- ``zh.j2``, ``en.j2``: the templates that write the facts as sentences (line format: `notices.composer.markup`);
- ``rules.py``: its check rules, which `notices.check.registry` imports with the others;
- ``scaffold.zh.yaml.j2``, ``scaffold.en.yaml.j2``: what `notices init --kind <kind>` writes;
- ``examples/``: its smallest and its fullest spec in each language, which the tests render.

Adding a kind adds a folder (and its test, which the parametrised kind tests already are); no list elsewhere
names the built-in kinds. A company's own kinds (house style ``kinds:``) become :class:`Kind` objects too
(`notices.house_style`), so they take the same path through load, check and compose.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class Kind:
    """One notice kind: its facts (the spec section of its name) and where its templates are.

    ``sections`` names, in print order, the parts of the kind's template a writer can place their own text
    between (``body: [..., {facts: [order_deadline, shipping]}, ...]``); ``opening`` is the generated lead-in
    that the writer's own opening replaces.
    """

    name: str
    summary: str
    facts: type[BaseModel] | None = None
    folder: Path = FOLDER
    sections: tuple[str, ...] = ()
    position: int = 100  # listing order: general first, then the kinds as the README introduces them
    built_in: bool = True

    def template_name(self, lang: str) -> str:
        """The template's name in the kinds' Jinja loader (rooted at this package, or a company's folder)."""
        return f"{self.name}/{lang}.j2"

    def scaffold_name(self, lang: str) -> str:
        return f"{self.name}/scaffold.{lang}.yaml.j2"

    @property
    def examples(self) -> tuple[Path, ...]:
        """The kind's own example specs (``examples/*.yaml`` in its folder), in name order."""
        return tuple(sorted((self.folder / "examples").glob("*.yaml")))


@functools.lru_cache(maxsize=1)
def built_in() -> Mapping[str, Kind]:
    """Every kind in this package, by name, in listing order (each subpackage's ``KIND``)."""
    found: list[Kind] = []
    for module in pkgutil.iter_modules([str(FOLDER)]):
        if not module.ispkg or module.name.startswith("_"):
            continue
        kind = getattr(importlib.import_module(f"{__name__}.{module.name}"), "KIND", None)
        if not isinstance(kind, Kind) or kind.name != module.name:
            raise RuntimeError(
                f"notices/kinds/{module.name}/__init__.py must define KIND = Kind({module.name!r}, …)"
            )
        found.append(kind)
    return {k.name: k for k in sorted(found, key=lambda k: (k.position, k.name))}


def names() -> tuple[str, ...]:
    """The built-in kinds' names, general first."""
    return tuple(built_in())


def get(name: str) -> Kind | None:
    return built_in().get(name)


def rule_modules() -> list[str]:
    """The modules holding the built-in kinds' check rules (``notices.kinds.<kind>.rules``)."""
    return [
        f"{__name__}.{kind.name}.rules"
        for kind in built_in().values()
        if (kind.folder / "rules.py").is_file()
    ]


__all__ = ["FOLDER", "Kind", "built_in", "get", "names", "rule_modules"]
