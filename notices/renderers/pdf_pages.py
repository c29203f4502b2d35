"""Drawn pages as plain data (``weasy/drawing.py`` draws them), which ``pdf_writer.py`` assembles into a PDF
with fonts cut to exactly their glyphs: one notice's pages, or every recipient's for ``--combined``. Drawings
are plain picklable data, so they can travel from a worker process to the one writing the combined file.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from notices.errors import Location, Problem, RenderError
from notices.i18n import _

SCALE = 0.75  # PDF points per CSS pixel
CONTENT_COMPRESSION_LEVEL = 6


class UnsupportedDrawing(Exception):
    """Something on the page that the batch writer does not reproduce; render the notice the standard way."""


class MissingGlyphs(RenderError):
    """Characters that no installed font can draw; the PDF would show empty boxes for them.

    A :class:`RenderError`, so a single render reports it like any other (the batch names the row's column);
    ``at`` gives it the place in the spec where the first such character was typed.
    """

    def __init__(self, characters: list[str], where: Location | None = None) -> None:
        self.characters = list(characters)
        self.where = where
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in self.characters if len(c) == 1)
        super().__init__(
            Problem(
                _("no installed font has a glyph for {shown}: it would print as an empty box").format(
                    shown=shown
                ),
                where or Location("fonts"),
                fix=_(
                    "replace the character, or install a font that has it (`notices doctor` lists the fonts in use)"
                ),
                code="font",
            )
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (MissingGlyphs, (self.characters, self.where))

    def at(self, where: Location | None) -> MissingGlyphs:
        return MissingGlyphs(self.characters, where) if where is not None else self


class Raw(bytes):
    """A PDF value already serialised (a number, a name, a string)."""


@dataclass(frozen=True)
class PortableStream:
    """A stream object (a transparency group, an image) with its dictionary, before object numbers exist."""

    extra: dict[str, Any]
    data: bytes
    compress: bool


class Marker(enum.Enum):
    """A value the writer fills in per PDF."""

    FONTS = "the PDF's font dictionary"
    COLOR_SPACES = "the PDF's colour spaces"


GlyphUse = dict[int, tuple[int, str]]  # glyph id → (advance in 1/1000 em, the text it shows)


@dataclass(frozen=True)
class PageDrawing:
    """One drawn page: geometry, Flate-compressed content, resources, and the glyphs shown per font name."""

    media_box: tuple[float, float, float, float]
    trim_box: tuple[float, float, float, float]
    bleed_box: tuple[float, float, float, float]
    content: bytes
    resources: dict[str, Any]
    glyphs: dict[str, GlyphUse] = field(default_factory=dict)
    height: float = 0.0  # CSS pixels, for placing bookmarks
    bookmarks: tuple[tuple[int, str, tuple[float, float], str], ...] = ()
