"""Every key a spec or a house style may hold, read from the models, for the slip finder."""

from __future__ import annotations

import functools
import typing
from typing import Any

from pydantic import BaseModel


@functools.cache
def all_keys() -> frozenset[str]:
    from notices.spec.house_style import HouseStyleSpec
    from notices.spec.model import NoticeSpec

    found: set[str] = set()
    seen: set[type[BaseModel]] = set()
    for model in (NoticeSpec, HouseStyleSpec):
        _collect(model, found, seen)
    return frozenset(found)


def _collect(model: type[BaseModel], found: set[str], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for name, field in model.model_fields.items():
        found.add(field.alias or name)
        for inner in _models_in(field.annotation):
            _collect(inner, found, seen)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):  # unions, lists, dicts, Annotated: look inside
        out.extend(_models_in(arg))
    return out
