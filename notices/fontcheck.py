"""The font step of `notices check` (rule R-FONT): every character of the composed document has a glyph in the
face its element prints in, else in some installed face (then it prints in another face: a warning), else it
would print as an empty box (an error).

Which face fills each role is the layout stage's decision (`notices.layout.fonts`), which checking does not
import (the import contract keeps `notices check` light); this module sits above both and registers the step
with `notices.check.render_steps` when it is imported. `notices check`, every render path and the library's
``notices.check_notice`` import it.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

from notices.check.render_steps import StepProblem, add_font_step
from notices.document import Block, Document, Heading, Letterhead, Title, block_text
from notices.i18n import _
from notices.layout.fonts import resolve_profile
from notices.layout.metrics import face_tables, find_face, resolve_font_file
from notices.profiles import get_profile

# Characters that take no glyph: spaces and the default-ignorable marks a shaper drops.
_NO_GLYPH = frozenset(" \t\n\r\u3000\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff")
_MOST_CHARACTERS_REPORTED = 12


def font_problems(document: Document) -> Iterator[StepProblem]:
    """Characters no face of their element carries: in another installed face (a warning), or in none."""
    profile = document.look.profile if document.look else get_profile(document.profile)
    extra = document.look.extra_families if document.look else frozenset()
    faces = resolve_profile(profile, extra)
    house_files = {face.family: face.path for face in document.look.font_faces} if document.look else {}
    missing: dict[str, set[str]] = {}
    for block in document.blocks:
        role = _role(block)
        resolved = faces.get(role) or faces["body"]
        covered = _coverage(resolved.family, resolved.weight, house_files.get(resolved.family))
        if covered is None:
            # The face itself is missing: the machine lacks fonts, which the render reports (MissingFontError,
            # exit 2) and `notices doctor` explains; `notices check` also runs where no fonts are installed
            # (a lint job in CI), so it says nothing about the machine.
            continue
        for char in _characters(block):
            if char not in _NO_GLYPH and not covered(ord(char)):
                missing.setdefault(char, set()).add(resolved.family)
    for char in sorted(missing)[:_MOST_CHARACTERS_REPORTED]:
        families = "、".join(sorted(missing[char]))
        if document.lang == "en" and _is_cjk(char) and _any_face_has(char):
            continue  # Chinese in an English letter prints in a Chinese face, as it should
        if _any_face_has(char):
            yield StepProblem(
                _("“{char}” (U+{char2:04X}) is not in {families}: it prints in another face").format(
                    char=char, char2=ord(char), families=families
                ),
                (),
                _("use a character the face has, or a house-style font that carries it"),
                severity="warning",
                char=char,
            )
        else:
            yield StepProblem(
                _("“{char}” (U+{char2:04X}) is in no installed font: it would print as an empty box").format(
                    char=char, char2=ord(char)
                ),
                (),
                _("replace the character, or install a font that has it"),
                char=char,
            )


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or code >= 0x20000


def _role(block: Block) -> str:
    """The face an element prints in (GB/T 9704: 小标宋 for the mark and the title, 黑体 and 楷体 for the
    first two heading levels, 仿宋 for the rest)."""
    if isinstance(block, Title | Letterhead):
        return "title"
    if isinstance(block, Heading) and block.level in (1, 2):
        return f"heading{block.level}"
    return "body"


def _characters(block: Block) -> set[str]:
    return {char for line in block_text(block) for char in line}


@functools.cache
def _coverage(family: str, weight: int, file: Path | None) -> Callable[[int], bool] | None:
    if file is not None:
        located: tuple[Path, int] | None = (file, find_face(file, family))
    else:
        located = resolve_font_file(family, weight)
    if located is None:
        return None
    try:
        cmap = face_tables(*located).cmap
    except Exception:  # a font file the table reader does not understand: leave it to the renderer
        return None
    return lambda code: bool(cmap.glyph(code))


@functools.cache
def _any_face_has(char: str) -> bool:
    if not shutil.which("fc-list"):
        return True  # cannot tell: do not call it a box
    completed = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "family"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return bool(completed.stdout.strip())


add_font_step(font_problems)
