"""Document model → HTML + CSS for WeasyPrint, through the Jinja2 templates in ``templates/html``."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup

from notices.document import Document
from notices.profiles import EN_CJK_FALLBACK, Profile, get_profile
from notices.renderers.fonts import ResolvedFont, resolve_profile
from notices.templating import make_environment, templates_dir

MARK_MIN_PT = 22.0


@functools.lru_cache(maxsize=1)
def html_environment() -> jinja2.Environment:
    return make_environment([templates_dir() / "html"], autoescape=True)


def profile_for(doc: Document) -> Profile:
    return get_profile(doc.profile)


@functools.lru_cache(maxsize=1)
def css_environment() -> jinja2.Environment:
    env = make_environment([templates_dir() / "html"], autoescape=False)
    env.filters["css_string"] = css_string
    return env


def css_string(value: object) -> str:
    """A CSS string literal whatever the value holds: a house style's font name cannot close the rule."""
    text = str(value)
    escaped = "".join(
        ch if ch.isalnum() or ch in " _-.·" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in text
    )
    return f'"{escaped}"'


@functools.lru_cache(maxsize=16)
def _css(profile: Profile, fonts_key: tuple[tuple[str, ResolvedFont], ...]) -> str:
    fonts = dict(fonts_key)
    template = css_environment().get_template("notice.css.j2")
    return template.render(p=profile, f=fonts, cjk_fallback=EN_CJK_FALLBACK)


def stylesheet(profile: Profile) -> str:
    fonts = resolve_profile(profile)
    return _css(profile, tuple(sorted(fonts.items())))


def to_html(doc: Document) -> str:
    """The notice as one self-contained HTML document (CSS inline, assets referenced relative to the spec)."""
    profile = profile_for(doc)

    def mark_size(text: str) -> float:
        # The issuer mark stays on one line: long company names get a smaller size rather than wrapping.
        fitting = profile.type_width_pt / max(1.0, len(text) * 1.12)
        return max(MARK_MIN_PT, min(profile.mark_size_pt, fitting))

    def asset_url(path: Path) -> str:
        return path.resolve().relative_to(doc.assets_dir).as_posix()

    template = html_environment().get_template("notice.html.j2")
    return template.render(doc=doc, css=Markup(stylesheet(profile)), mark_size=mark_size, asset_url=asset_url)
