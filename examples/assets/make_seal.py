"""Draw the example's company seal: a red ring, a five-pointed star, the company name along the upper arc and
the seal's purpose under the star, on a transparent background (42 mm at 600 dpi).

Run from the repository root: .venv/bin/python examples/assets/make_seal.py
"""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 992  # 42 mm at 600 dpi
RED = (230, 0, 18, 235)
NAME = "华东恒信控股有限公司"
PURPOSE = "公文专用章"


def font(size: int) -> ImageFont.FreeTypeFont:
    path = subprocess.run(
        ["fc-match", "--format=%{file}", "Noto Sans CJK SC:bold"], capture_output=True, text=True, check=True
    ).stdout
    return ImageFont.truetype(path, size, index=2)


def star(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float) -> None:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=RED)


def main() -> None:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = SIZE / 2
    ring = SIZE * 0.035
    draw.ellipse((ring / 2, ring / 2, SIZE - ring / 2, SIZE - ring / 2), outline=RED, width=round(ring))
    star(draw, centre, centre, SIZE * 0.15)
    letters = font(round(SIZE * 0.13))
    radius = SIZE * 0.36
    span = math.radians(250)
    for index, char in enumerate(NAME):
        angle = -math.pi / 2 - span / 2 + span * (index + 0.5) / len(NAME)
        glyph = Image.new("RGBA", (round(SIZE * 0.16), round(SIZE * 0.16)), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text(
            (glyph.width / 2, glyph.height / 2), char, font=letters, fill=RED, anchor="mm"
        )
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x = centre + radius * math.cos(angle) - glyph.width / 2
        y = centre + radius * math.sin(angle) - glyph.height / 2
        image.alpha_composite(glyph, (round(x), round(y)))
    draw.text((centre, centre + SIZE * 0.27), PURPOSE, font=font(round(SIZE * 0.075)), fill=RED, anchor="mm")
    image.save(Path(__file__).with_name("seal.png"), optimize=True, dpi=(600, 600))


if __name__ == "__main__":
    main()
