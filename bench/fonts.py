"""Measure the open faces that may stand in for 仿宋 and 楷体: GB 2312 coverage, and how big and dark they print.

Issue 13 item 7: the body did not look like 仿宋 (it fell back to a 宋体-style face) and the 楷体 stand-in looked
small and light next to the body. This script gives the figures the choice in `notices/profiles.py` and
`scripts/fontconfig/65-notices-cjk.conf` rests on, and writes them into bench/RESULTS-fonts.md:

- coverage: how many of GB 2312's 6763 hanzi (3755 level 1, 3008 level 2) the face's cmap maps, the set every
  公文 face (仿宋_GB2312, 楷体_GB2312) is built for;
- size: the mean height and width of the ink of common hanzi, in em (a face whose glyphs fill less of the em
  looks small at the same point size);
- darkness: the share of the em square a common hanzi inks on average (stroke weight: "light" is a low figure);
- all hanzi in the face (CJK Unified Ideographs and extensions): a name with a character outside GB 2312 (堃,
  喆) prints that character in another face when the role's face lacks it, as with the licensed 仿宋_GB2312.

Faces are named by family (found with fc-match) or given as font files (for a face that is not installed, e.g.
one unpacked from a Debian package to compare)::

    .venv/bin/python bench/fonts.py                       # the default candidates, installed ones only
    .venv/bin/python bench/fonts.py --face FandolKai=/tmp/FandolKai-Regular.otf --write
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "RESULTS-fonts.md"
BEGIN, END = "<!-- bench/fonts.py: begin -->", "<!-- bench/fonts.py: end -->"
EM_PX = 200

# The roles' candidates (best first) and the faces they are compared with.
DEFAULT_FACES = {
    "仿宋 (body)": ["FandolFang", "cwTeXFangSong", "Noto Serif CJK SC"],
    "楷体 (level-2 headings)": ["LXGW WenKai", "FandolKai", "AR PL UKai CN"],
    "黑体 (level-1 headings, for comparison)": ["Noto Sans CJK SC"],
}
# Common words of a notice (通知, 价格, 调整 …): the size and darkness are averaged over these.
SAMPLE = "关于调整产品价格的通知各经销商为保证质量经公司研究决定自年月日起对部分产品出厂价进行调整特此"


def gb2312_hanzi() -> tuple[list[str], list[str]]:
    """GB 2312's hanzi: level 1 in rows 16-55 (row 55 has 89), level 2 in rows 56-87, by decoding each code."""
    level1: list[str] = []
    level2: list[str] = []
    for row in range(16, 88):
        for cell in range(1, 95):
            try:
                char = bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            (level1 if row <= 55 else level2).append(char)
    return level1, level2


def locate(face: str) -> tuple[Path, int]:
    """A font file and the index of the face in it: a path as given, a family through fc-match."""
    if "=" in face:
        path = Path(face.split("=", 1)[1])
        return path, 0
    out = subprocess.run(
        ["fc-match", "--format", "%{file}\n%{index}\n%{family}", f"{face}:weight=80"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    families = [name.strip() for name in out[2].split(",")] if len(out) > 2 else []
    if face not in families:
        raise LookupError(f"{face} is not installed (fc-match gives {out[2] if len(out) > 2 else 'nothing'})")
    return Path(out[0]), int(out[1] or 0)


def measure(name: str, path: Path, index: int) -> dict[str, object]:
    font = TTCollection(str(path)).fonts[index] if path.suffix.lower() == ".ttc" else TTFont(str(path))
    cmap = font.getBestCmap()
    level1, level2 = gb2312_hanzi()
    covered1 = sum(1 for char in level1 if ord(char) in cmap)
    covered2 = sum(1 for char in level2 if ord(char) in cmap)
    pil = ImageFont.truetype(str(path), EM_PX, index=index)
    heights: list[float] = []
    widths: list[float] = []
    inks: list[float] = []
    for char in SAMPLE:
        if ord(char) not in cmap:
            continue
        image = Image.new("L", (EM_PX * 2, EM_PX * 2), 0)
        ImageDraw.Draw(image).text((EM_PX // 2, EM_PX // 2), char, font=pil, fill=255)
        box = image.getbbox()
        if box is None:
            continue
        widths.append((box[2] - box[0]) / EM_PX)
        heights.append((box[3] - box[1]) / EM_PX)
        histogram = image.histogram()
        inks.append(sum(count * level for level, count in enumerate(histogram)) / 255 / EM_PX**2)
    return {
        "face": name,
        "file": f"{path.name}" + (f" #{index}" if index else ""),
        "level1": covered1,
        "level2": covered2,
        "total": covered1 + covered2,
        "of": len(level1) + len(level2),
        "unified": sum(
            1 for code in cmap if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or code >= 0x20000
        ),
        "height": statistics.mean(heights),
        "width": statistics.mean(widths),
        "ink": statistics.mean(inks),
    }


def table(rows: list[tuple[str, dict[str, object]]]) -> str:
    lines = [
        "| role | face (file) | GB 2312 hanzi | level 1 | level 2 | all hanzi in the face | ink height / width (em) "
        "| ink share of the em |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for role, m in rows:
        lines.append(
            f"| {role} | {m['face']} ({m['file']}) | {m['total']}/{m['of']} | {m['level1']}/3755 | "
            f"{m['level2']}/3008 | {m['unified']} | {m['height']:.3f} / {m['width']:.3f} | {m['ink']:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--face", action="append", default=[], help="NAME=FILE: also measure a font file")
    parser.add_argument("--write", action="store_true", help="write the table into bench/RESULTS-fonts.md")
    args = parser.parse_args(argv)
    rows: list[tuple[str, dict[str, object]]] = []
    extra = {face.split("=", 1)[0]: face for face in args.face}
    for role, faces in DEFAULT_FACES.items():
        for face in faces:
            try:
                path, index = locate(extra.get(face, face))
            except (LookupError, subprocess.CalledProcessError) as error:
                print(f"skipped: {error}", file=sys.stderr)
                continue
            rows.append((role, measure(face, path, index)))
    text = table(rows)
    print(text)
    if args.write:
        current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else f"{BEGIN}\n{END}\n"
        head, _, rest = current.partition(BEGIN)
        _, _, tail = rest.partition(END)
        command = (
            "`.venv/bin/python bench/fonts.py " + " ".join(f"--face {f}" for f in args.face) + " --write`"
        )
        RESULTS.write_text(f"{head}{BEGIN}\nCommand: {command}\n\n{text}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
