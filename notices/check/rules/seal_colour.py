"""B-SEAL-RED: the seal image is red."""

from __future__ import annotations

import colorsys
import io
import re
from collections.abc import Iterator
from pathlib import Path

from notices.assets import AssetError, load_image
from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.fsio import length_problem
from notices.i18n import _
from notices.patterns import LazyPattern

SAMPLE_PIXELS = 160  # the image is measured at most this many pixels across: enough for a colour share
RED_SHARE = 0.6  # of the coloured ink; a seal in red with a little dark anti-aliasing passes easily
_RED_HUES = ((0.0, 25 / 360), (335 / 360, 1.0))  # red to vermilion (朱红), either side of hue 0
_SVG_COLOUR = LazyPattern(
    r"""(?:fill|stroke|stop-color|color)\s*[:=]\s*["']?\s*(#[0-9a-fA-F]{3,8}|rgb\([^)]*\)|[a-zA-Z]+)"""
)
_NAMED = {
    "red": (255, 0, 0),
    "crimson": (220, 20, 60),
    "darkred": (139, 0, 0),
    "firebrick": (178, 34, 34),
    "black": (0, 0, 0),
    "blue": (0, 0, 255),
    "navy": (0, 0, 128),
    "green": (0, 128, 0),
    "purple": (128, 0, 128),
    "gray": (128, 128, 128),
    "grey": (128, 128, 128),
}


@rule(
    "B-SEAL-RED",
    "warning",
    summary="The seal is red (印章用红色)",
    source="GB/T 9704-2012 §7.3.5.1 and §7.3.5.3 (the seal in red)",
    good="sign_off: {date: 2026-01-05, seal: examples/assets/seal.png}",
    bad="sign_off: {date: 2026-01-05, seal: examples/mistakes/seal-blue.gif}",
)
def seal_is_red(ctx: CheckContext) -> Iterator[Hit]:
    """A notice is black on white but for its red head and its seal, and the seal is stamped in red: a seal
    image in blue, black or another colour is a scan or a drawing of the wrong thing (a stamp pad of the
    wrong ink, a logo used as a seal) and readers take it for a forgery. This rule looks at the seal image the
    notice prints (the spec's own, or the house style's) and warns when less than 60% of its coloured ink is
    red. It does not judge the seal's shape or text."""
    seal, path = _seal_of(ctx)
    if seal is None or length_problem(seal) or not seal.is_file():
        return  # a missing file or a name too long is the loader's (R-ASSET) to report
    share, ink = _red_share(seal)
    if share is None or share >= RED_SHARE:
        return
    yield Hit(
        path,
        _("the seal image {name} is {ink}, not red ({share:.0%} of its ink is red)").format(
            name=seal.name, ink=ink, share=share
        ),
        fix=_("use the red seal image (GB/T 9704 §7.3.5.1: the seal is red)"),
    )


def _seal_of(ctx: CheckContext) -> tuple[Path | None, tuple[str | int, ...]]:
    named = ctx.spec.sign_off.seal
    if named:
        return ctx.notice.base_dir / named, ("sign_off", "seal")
    style = ctx.notice.house_style
    if style is not None and style.seal is not None:
        return style.seal, ("house_style",)
    return None, ()


def _red_share(path: Path) -> tuple[float | None, str]:
    """The share of the image's coloured ink that is red, and a word for the ink's main colour."""
    colours = _svg_colours(path) if path.suffix.lower() == ".svg" else _bitmap_colours(path)
    inked = [c for c in colours if not _is_paper(c)]
    if not inked:
        return None, ""
    red = sum(1 for c in inked if _is_red(c))
    return red / len(inked), _colour_word(inked)


def _bitmap_colours(path: Path) -> list[tuple[int, int, int]]:
    from PIL import Image, UnidentifiedImageError

    try:
        # the image as notices.assets decoded and validated it: the bytes both renderers embed
        with Image.open(io.BytesIO(load_image(path).png)) as image:
            image.thumbnail((SAMPLE_PIXELS, SAMPLE_PIXELS))
            data = image.convert("RGBA").tobytes()
    except (AssetError, OSError, UnidentifiedImageError, ValueError):
        return []  # R-ASSET reports the file
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 4) if data[i + 3] >= 128]


def _svg_colours(path: Path) -> list[tuple[int, int, int]]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [colour for value in _SVG_COLOUR.findall(text) if (colour := _parse_colour(value)) is not None]


def _parse_colour(value: str) -> tuple[int, int, int] | None:
    value = value.strip().lower()
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) in (3, 4):
            digits = "".join(d * 2 for d in digits[:3])
        try:
            return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
        except ValueError:
            return None
    if value.startswith("rgb("):
        parts = re.findall(r"[\d.]+%?", value)
        if len(parts) < 3:
            return None
        channels = [float(p[:-1]) * 2.55 if p.endswith("%") else float(p) for p in parts[:3]]
        r, g, b = (max(0, min(255, round(c))) for c in channels)
        return r, g, b
    return _NAMED.get(value)


def _is_paper(colour: tuple[int, int, int]) -> bool:
    """White and near-white background: not ink."""
    return min(colour) >= 225


def _is_red(colour: tuple[int, int, int]) -> bool:
    hue, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    if saturation < 0.35 or not 0.15 <= lightness <= 0.85:
        return False
    return any(low <= hue <= high for low, high in _RED_HUES)


def _colour_word(colours: list[tuple[int, int, int]]) -> str:
    r, g, b = (sum(c[i] for c in colours) / len(colours) for i in range(3))
    hue, lightness, saturation = colorsys.rgb_to_hls(r / 255, g / 255, b / 255)
    if saturation < 0.25 or lightness < 0.12:
        return _("black or grey")
    for limit, word in (
        (25, _("red")),
        (70, _("orange or yellow")),
        (170, _("green")),
        (260, _("blue")),
        (335, _("purple")),
    ):
        if hue * 360 < limit:
            return word
    return _("red")
