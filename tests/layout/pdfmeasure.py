"""Read a rendered PDF as a typesetter measures it: lines of characters with their baseline, ends and faces."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

MM = 72 / 25.4
CJK_EM_TOP = 0.88  # the ideographic em box runs from -0.12 em to 0.88 em around the baseline
# A half-width run as the layout keeps it whole: a number, a word, an address, with the spaces between digits
# ("021-6288 1234"). Runs longer than a line may be broken anywhere (linebreak.py): they are left out.
HALF_WIDTH_RUN = re.compile(r"[!-~]+(?:(?<=[0-9]) (?=[0-9])[!-~]+)*")
LONGEST_CHECKED = 40


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    x1: float
    baseline: float  # from the top of the page
    size: float
    font: str  # embedded name without the subset tag, e.g. "Noto-Serif-CJK-SC"
    color: tuple[float, ...] | None

    @property
    def em_top(self) -> float:
        return self.baseline - CJK_EM_TOP * self.size


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    baseline: float
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    images: tuple[dict[str, Any], ...]
    rects: tuple[dict[str, Any], ...]
    spaces: tuple[tuple[float, float, float], ...] = ()  # (baseline, x0, x1) of each space glyph drawn


def _font_name(raw: str) -> str:
    return raw.split("+", 1)[1] if "+" in raw[:8] else raw


def _char(raw: dict[str, Any], height: float) -> Char:
    baseline = height - raw["matrix"][5]
    color = raw.get("non_stroking_color")
    return Char(
        raw["text"],
        raw["x0"],
        raw["x1"],
        round(baseline, 2),
        round(raw["size"], 2),
        _font_name(raw["fontname"]),
        tuple(color) if isinstance(color, list | tuple) else None,
    )


@functools.lru_cache(maxsize=64)
def read_pdf(path: Path) -> tuple[Page, ...]:
    """Pages with their text lines: characters sharing a baseline (within 0.5 pt), left to right."""
    pages: list[Page] = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            chars = [_char(c, page.height) for c in page.chars if c["text"].strip()]
            rows: list[list[Char]] = []
            for char in sorted(chars, key=lambda c: (c.baseline, c.x0)):
                if rows and abs(rows[-1][0].baseline - char.baseline) < 0.5:
                    rows[-1].append(char)
                else:
                    rows.append([char])
            lines = tuple(
                Line(number, row[0].baseline, tuple(sorted(row, key=lambda c: c.x0))) for row in rows
            )
            rects = tuple(dict(r) for r in (*page.rects, *page.lines))
            spaces = tuple(
                (c.baseline, c.x0, c.x1)
                for c in (_char(raw, page.height) for raw in page.chars if not raw["text"].strip())
            )
            pages.append(Page(number, page.width, page.height, lines, tuple(page.images), rects, spaces))
    return tuple(pages)


def all_lines(pages: tuple[Page, ...]) -> list[Line]:
    return [line for page in pages for line in page.lines]


def text_lines(pages: tuple[Page, ...], type_bottom: float = (297 - 35) * MM) -> list[Line]:
    """Lines inside the type area: the running page numbers below it are not part of the text."""
    return [line for line in all_lines(pages) if line.baseline <= type_bottom + 1]


def reading_chars(pages: tuple[Page, ...]) -> list[tuple[Char, Line]]:
    return [(char, line) for line in text_lines(pages) for char in line.chars]


def find_paragraph(pages: tuple[Page, ...], text: str, start: int = 0) -> list[Line] | None:
    """The lines that hold `text` (spaces ignored), searching the characters in reading order from `start`."""
    wanted = "".join(text.split())
    stream = reading_chars(pages)
    flat = "".join(char.text for char, _ in stream)
    at = flat.find(wanted, start)
    if at < 0:
        return None
    lines: list[Line] = []
    for _char, line in stream[at : at + len(wanted)]:
        if not lines or lines[-1] is not line:
            lines.append(line)
    return lines


def line_count(pages: tuple[Page, ...], text: str) -> int | None:
    """How many lines (distinct page and baseline pairs) the paragraph `text` occupies."""
    lines = find_paragraph(pages, text)
    return None if lines is None else len({(line.page, line.baseline) for line in lines})


def body_texts(blocks: tuple[Any, ...]) -> list[tuple[str, str]]:
    """(kind, text as printed) of every justified text block, attachment pages included, in order."""
    from notices.document import AttachmentPage, Closing, Heading, Note, Paragraph, Salutation

    found: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, Heading):
            found.append((f"heading{block.level}", block.number + block.text))
        elif isinstance(block, Paragraph):
            found.append(("paragraph", block.number + block.text))
        elif isinstance(block, Closing | Note | Salutation):
            found.append((block.kind, block.text))
        elif isinstance(block, AttachmentPage):
            found.extend(body_texts(block.blocks))
    return found


def paragraphs_in_order(pages: tuple[Page, ...], texts: list[str]) -> list[list[Line] | None]:
    """Each text's lines, searched in reading order after the previous one's end (repeated texts included)."""
    stream = reading_chars(pages)
    flat = "".join(char.text for char, _ in stream)
    results: list[list[Line] | None] = []
    position = 0
    for text in texts:
        wanted = "".join(text.split())
        at = flat.find(wanted, position)
        if at < 0:
            results.append(None)
            continue
        position = at + len(wanted)
        lines: list[Line] = []
        for _char, line in stream[at:position]:
            if not lines or lines[-1] is not line:
                lines.append(line)
        results.append(lines)
    return results


def ink_runs(
    pdf: Path, page: int, x_pt: float, top_pt: float, bottom_pt: float, *, dpi: int = 600
) -> list[tuple[float, float]]:
    """What a reader sees down one column of pixels: the (top, bottom) in pt of each run of coloured ink between
    `top_pt` and `bottom_pt` at `x_pt`, as poppler rasterises the page (two rules drawn as one bar are one run)."""
    import subprocess
    import tempfile

    from PIL import Image

    scale = dpi / 72
    with tempfile.TemporaryDirectory(prefix="ink-") as folder:
        prefix = Path(folder) / "strip"
        subprocess.run(
            [
                "pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png",
                "-x", str(round(x_pt * scale)), "-y", str(round(top_pt * scale)),
                "-W", "1", "-H", str(round((bottom_pt - top_pt) * scale)),
                str(pdf), str(prefix),
            ],
            check=True,
            timeout=60,
        )  # fmt: skip
        (image_path,) = Path(folder).glob("strip*.png")
        with Image.open(image_path) as image:
            column = [image.convert("RGB").getpixel((0, y)) for y in range(image.height)]
    runs: list[tuple[float, float]] = []
    start: int | None = None
    for y, (r, g, b) in enumerate([*column, (255, 255, 255)]):
        ink = min(r, g, b) < 200 and max(r, g, b) - min(r, g, b) > 60  # coloured, not grey anti-aliasing
        if ink and start is None:
            start = y
        elif not ink and start is not None:
            runs.append((top_pt + start / scale, top_pt + y / scale))
            start = None
    return runs


@dataclass(frozen=True)
class Gap:
    """The space between two adjacent glyphs of a line, beyond the base letter-spacing, in pt."""

    left: Char
    right: Char
    extra: float
    line: Line


def line_gaps(pages: tuple[Page, ...], line: Line, base_spacing: float) -> list[Gap]:
    """Each gap between adjacent glyphs of `line` with no space glyph between them: how much wider it is than
    `base_spacing` (the grid's letter-spacing). A squeezed punctuation mark gives a negative one."""
    spaces = pages[line.page - 1].spaces
    found = []
    for left, right in zip(line.chars, line.chars[1:], strict=False):
        if any(abs(b - line.baseline) < 0.5 and left.x1 - 0.5 <= x0 < right.x0 for b, x0, _ in spaces):
            continue
        found.append(Gap(left, right, right.x0 - left.x1 - base_spacing, line))
    return found


def split_runs(pages: tuple[Page, ...], texts: list[str]) -> tuple[int, list[str]]:
    """How many half-width runs of the justified paragraphs `texts` were checked, and those whose characters do
    not all stand on one line (or a paragraph not found in reading order)."""
    stream = reading_chars(pages)
    flat = "".join(char.text for char, _ in stream)
    checked, problems, position = 0, [], 0
    for text in texts:
        wanted = "".join(text.split())
        at = flat.find(wanted, position)
        if at < 0:
            problems.append(f"paragraph not found in reading order: {text[:30]}")
            continue
        position = at + len(wanted)
        for match in HALF_WIDTH_RUN.finditer(text):
            token = "".join(match.group().split())
            if len(token) < 2 or len(token) > LONGEST_CHECKED:
                continue
            start = at + len("".join(text[: match.start()].split()))
            lines = {(line.page, line.baseline) for _, line in stream[start : start + len(token)]}
            checked += 1
            if len(lines) > 1:
                problems.append(f"{match.group()} split over {sorted(lines)} in {text[:24]}…")
    return checked, problems
