"""The Jinja2 sandbox every template and every spec string renders in.

Spec strings are templates written by the notice's author (``尊敬的{{ recipient.name }}：``); values that come from
data (recipient rows, ERP dicts) are only ever inserted as text, so a customer named ``{{ 7*7 }}`` prints as typed.
The sandbox refuses attribute tricks; undefined names are errors, never blank text in a notice.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from notices.formatting import cn_date, cn_time, cn_weekday

PACKAGE_TEMPLATES = Path(__file__).parent / "_templates"
SOURCE_TEMPLATES = Path(__file__).parent.parent / "templates"


def templates_dir() -> Path:
    """Templates ship inside the wheel as notices/_templates; in a checkout they live at the top level."""
    return PACKAGE_TEMPLATES if PACKAGE_TEMPLATES.is_dir() else SOURCE_TEMPLATES


# The filters spec strings may use; their rules live with every other date form in notices/formatting.py.
FILTERS: Mapping[str, Callable[..., Any]] = {
    "cn_date": cn_date,
    "cn_weekday": cn_weekday,
    "cn_time": cn_time,
}


def make_environment(
    search_path: list[Path] | None = None, *, autoescape: bool = False
) -> jinja2.Environment:
    """A sandboxed environment; templates load only from ``search_path`` (no absolute paths, no ``..``)."""
    loader = jinja2.FileSystemLoader([str(p) for p in (search_path or [templates_dir()])])
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


@functools.lru_cache(maxsize=1)
def string_environment() -> jinja2.Environment:
    return make_environment([])


@functools.lru_cache(maxsize=4096)
def compile_string(source: str) -> jinja2.Template:
    return string_environment().from_string(source)


def is_template(text: str) -> bool:
    return "{{" in text or "{%" in text or "{#" in text


def render_string(source: str, context: Mapping[str, Any]) -> str:
    """Render one spec string; plain strings skip Jinja entirely (the common case in a batch)."""
    if not is_template(source):
        return source
    return compile_string(source).render(context)
