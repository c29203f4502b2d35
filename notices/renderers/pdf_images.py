"""Raster images (a seal, a logo) as PDF image objects no larger than their pixels need, losing nothing.

WeasyPrint stores a PNG's colours as 24-bit RGB and its alpha as an 8-bit mask, each Flate-compressed: a
600 × 600 seal takes ~50 KB, half of a sealed two-page notice. Seals and logos are drawn in a few inks, and
their masks are usually all-or-nothing, so here:

- an image of at most 256 colours is stored as an indexed image (``/Indexed /DeviceRGB``, PDF 1.7 §8.6.6.3)
  of exactly its colours, and an alpha channel holding only 0 and 255 as one more palette entry that a
  colour key mask leaves unpainted (§8.9.6.4), or, with no entry free or no palette, a 1-bit soft mask
  (§11.6.5.3);
- anything else keeps WeasyPrint's own encoding.

Every pixel decodes to the same colour and opacity as WeasyPrint's object (checked when the object is made:
the indexed image is expanded back and compared), so a reader sees the same page; the hengxin seal takes
~18 KB instead of ~50 KB. The resolution itself is set earlier, where the page's size of the image is known
(``notices.assets.ImageAsset.for_box``): the PDF and the oracle the tests compare it with embed the same pixels.
"""

from __future__ import annotations

import io
import struct
from typing import Any

from notices.renderers.pdf_pages import PortableStream, Raw

MAX_PALETTE = 256


def lossless_image(data: bytes, interpolate: bool) -> PortableStream | None:
    """The smaller image object for the image file ``data``, or ``None`` when WeasyPrint's own is as good."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as opened:
        if opened.format == "JPEG":
            return None  # stored as it is (DCT) by WeasyPrint
        image = opened.convert("RGBA") if "transparency" in opened.info else opened.copy()
    if image.mode not in ("RGB", "RGBA"):
        return None
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    colour = image.convert("RGB")
    indexed = _indexed(colour)
    binary_mask = alpha is not None and not any(alpha.histogram()[1:255])
    if indexed is None and not binary_mask:
        return None
    width, height = image.size
    flag = Raw(b"true" if interpolate else b"false")
    extra: dict[str, Any] = {
        "Type": Raw(b"/XObject"),
        "Subtype": Raw(b"/Image"),
        "Width": Raw(b"%d" % width),
        "Height": Raw(b"%d" % height),
    }
    key_masked = False
    if indexed is not None:
        palette, indices = indexed
        if alpha is not None and binary_mask and len(palette) // 3 < MAX_PALETTE:
            # A free palette entry marks the transparent pixels, and a colour key mask (PDF 1.7 §8.9.6.4)
            # leaves them unpainted: the same all-or-nothing mask as a 1-bit soft mask, without its ~7 KB.
            transparent = len(palette) // 3
            palette += b"\xff\xff\xff"
            indices = indices.copy()
            indices.putpalette(palette)
            indices.paste(
                transparent, mask=alpha.point(lambda a: 255 - a).convert("1", dither=Image.Dither.NONE)
            )
            extra["Mask"] = Raw(b"[%d %d]" % (transparent, transparent))
            key_masked = True
        bits, rows = _png_rows(indices)
        extra["ColorSpace"] = Raw(
            b"[/Indexed /DeviceRGB %d <%s>]" % (len(palette) // 3 - 1, palette.hex().encode())
        )
        extra["BitsPerComponent"] = Raw(b"%d" % bits)
        colors = 1
    else:
        bits, rows = _png_rows(colour)
        extra["ColorSpace"] = Raw(b"/DeviceRGB")
        extra["BitsPerComponent"] = Raw(b"%d" % bits)
        colors = 3
    extra["Interpolate"] = flag
    extra["Filter"] = Raw(b"/FlateDecode")
    extra["DecodeParms"] = _predictor(colors, bits, width)
    if alpha is not None and not key_masked:
        mask = alpha.convert("1", dither=Image.Dither.NONE) if binary_mask else alpha
        mask_bits, mask_rows = _png_rows(mask)
        extra["SMask"] = PortableStream(
            {
                "Type": Raw(b"/XObject"),
                "Subtype": Raw(b"/Image"),
                "Width": Raw(b"%d" % width),
                "Height": Raw(b"%d" % height),
                "ColorSpace": Raw(b"/DeviceGray"),
                "BitsPerComponent": Raw(b"%d" % mask_bits),
                "Interpolate": flag,
                "Filter": Raw(b"/FlateDecode"),
                "DecodeParms": _predictor(1, mask_bits, width),
            },
            mask_rows,
            False,
        )
    return PortableStream(extra, rows, False)


def _indexed(colour: Any) -> tuple[bytes, Any] | None:
    """(palette, the image of palette indices) when ``colour`` has at most 256 colours, else ``None``."""
    from PIL import Image

    if colour.getcolors(MAX_PALETTE) is None:
        return None
    # Median cut ends with one box per colour when there are no more colours than boxes: the palette is
    # then exactly the image's colours. Checked, never assumed (Pillow's lookup by palette is approximate).
    indices = colour.quantize(colors=MAX_PALETTE, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if indices.convert("RGB").tobytes() != colour.tobytes():
        return None
    return bytes(indices.getpalette() or b""), indices


def _png_rows(image: Any) -> tuple[int, bytes]:
    """(bits per component, the PNG-filtered rows) Pillow writes for ``image``: the IDAT data a PDF image
    with the PNG predictor holds, as WeasyPrint stores it."""
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=9)
    data = out.getvalue()
    position, bits, rows = 8, 8, []
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            bits = body[8]
        elif kind == b"IDAT":
            rows.append(body)
        position += 12 + length
    return bits, b"".join(rows)


def _predictor(colors: int, bits: int, width: int) -> dict[str, Any]:
    return {
        "Predictor": Raw(b"15"),
        "Colors": Raw(b"%d" % colors),
        "BitsPerComponent": Raw(b"%d" % bits),
        "Columns": Raw(b"%d" % width),
    }
