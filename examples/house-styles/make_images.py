"""Draw the example house styles' logos and seals (GIF: a transparent seal that python-docx and WeasyPrint
both read). Run with the project's venv from this folder: ../../.venv/bin/python make_images.py

Every seal is red with a five-pointed star, whatever the company's colour (GB/T 9704 §7.3.5.1: the seal is
red; rule B-SEAL-RED). The one blue seal is the mistake the rule's bad example shows (../mistakes/)."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).parent
SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SIZE = 600  # pixels for 42 mm: about 360 dpi


def to_gif(image: Image.Image, path: Path) -> None:
    """Palette image whose index 0 is transparent: pixels under half opacity vanish, the rest keep colour."""
    alpha = image.getchannel("A").point(lambda a: 255 if a >= 128 else 0)
    flat = Image.new("RGB", image.size, (255, 255, 255))
    flat.paste(image.convert("RGB"), mask=alpha)
    palette = flat.quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    shifted = palette.point(lambda i: i + 1)  # make room for the transparent index 0
    shifted.putpalette([255, 255, 255, *palette.getpalette()[: 255 * 3]])
    shifted.paste(0, mask=alpha.point(lambda a: 255 - a))
    shifted.save(path, transparency=0, optimize=True)


def seal(name: str, colour: tuple[int, int, int], path: Path, centre: str = "★") -> None:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink = (*colour, 255)
    draw.ellipse((12, 12, SIZE - 12, SIZE - 12), outline=ink, width=22)
    star = ImageFont.truetype(SANS, 190, index=2)
    draw.text((SIZE / 2, SIZE / 2 + 10), centre, font=star, fill=ink, anchor="mm")
    glyph_font = ImageFont.truetype(SANS, 76, index=2)
    span = math.radians(250)  # the name runs over the top of the seal, from lower left to lower right
    for i, char in enumerate(name):
        angle = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(name)
        tile = Image.new("RGBA", (110, 110), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((55, 55), char, font=glyph_font, fill=ink, anchor="mm")
        tile = tile.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        radius = SIZE / 2 - 100
        x = SIZE / 2 + radius * math.cos(angle) - 55
        y = SIZE / 2 + radius * math.sin(angle) - 55
        image.alpha_composite(tile, (round(x), round(y)))
    to_gif(image, path)


def logo(mark: str, colour: tuple[int, int, int], path: Path, round_mark: bool) -> None:
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    box = (8, 8, 232, 232)
    if round_mark:
        draw.ellipse(box, fill=(*colour, 255))
    else:
        draw.rounded_rectangle(box, radius=40, fill=(*colour, 255))
    draw.text(
        (120, 124), mark, font=ImageFont.truetype(SANS, 150, index=2), fill=(255, 255, 255, 255), anchor="mm"
    )
    to_gif(image, path)


if __name__ == "__main__":
    seal("华东恒信控股有限公司", (200, 16, 46), HERE / "hengxin" / "seal.gif")
    logo("恒", (200, 16, 46), HERE / "hengxin" / "logo.gif", round_mark=True)
    seal("蓝汀智能科技有限公司", (200, 16, 46), HERE / "lanting" / "seal.gif")
    seal("蓝汀智能科技有限公司", (31, 78, 154), HERE.parent / "mistakes" / "seal-blue.gif", centre="◆")
    logo("汀", (31, 78, 154), HERE / "lanting" / "logo.gif", round_mark=False)
