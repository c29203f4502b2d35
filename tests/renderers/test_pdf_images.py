"""Images in the engine's PDFs: no more pixels than the page needs, fewer bytes, the same page to a reader."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from PIL import Image

import notices
from notices.assets import ImageAsset, load_image
from notices.layout import lay_out
from notices.renderers.pdf import standard_pdf
from notices.renderers.pdf_engine import PdfEngine
from notices.renderers.pdf_images import lossless_image

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEALED = EXAMPLES / "house-styles" / "stockup.zh.yaml"
SEAL = EXAMPLES / "house-styles" / "hengxin" / "seal.gif"


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _images(data: bytes) -> list[pypdf.generic.DictionaryObject]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        for obj in page["/Resources"].get("/XObject", {}).values():
            obj = obj.get_object()
            if obj["/Subtype"] == "/Image":
                found.append(obj)
            for inner in obj.get("/Resources", {}).get("/XObject", {}).values():  # inside a group
                if inner.get_object()["/Subtype"] == "/Image":
                    found.append(inner.get_object())
    return found


@pytest.fixture(scope="module")
def sealed_pdfs() -> tuple[bytes, bytes]:
    layout = lay_out(notices.compose(notices.load(SEALED)))
    return PdfEngine().render(layout).data, standard_pdf(layout)


def test_a_seal_of_few_inks_is_indexed_with_a_colour_key_mask(sealed_pdfs: tuple[bytes, bytes]) -> None:
    ours, _ = sealed_pdfs
    seal = max(_images(ours), key=lambda image: int(image["/Width"]))
    assert seal["/ColorSpace"][0] == "/Indexed"
    transparent = int(seal["/ColorSpace"][2])  # the last palette entry marks the transparent pixels
    assert [int(v) for v in seal["/Mask"]] == [transparent, transparent]
    assert "/SMask" not in seal
    assert len(seal.get_object()._data) < 22_000


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_sealed_page_looks_exactly_like_weasyprints(
    sealed_pdfs: tuple[bytes, bytes], tmp_path: Path
) -> None:
    ours, theirs = sealed_pdfs
    pages = []
    for stem, data in (("ours", ours), ("theirs", theirs)):
        (tmp_path / f"{stem}.pdf").write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "110", "-png", str(tmp_path / f"{stem}.pdf"), str(tmp_path / stem)], check=True
        )
        pages.append(sorted(tmp_path.glob(f"{stem}-*.png")))
    assert len(pages[0]) == len(pages[1]) == 2
    for mine, weasy in zip(*pages, strict=True):
        assert Image.open(mine).tobytes() == Image.open(weasy).tobytes(), mine.name


def test_the_indexed_image_holds_every_pixel_of_the_seal() -> None:
    asset = load_image(SEAL.resolve())
    stream = lossless_image(asset.png, True)
    assert stream is not None
    source = Image.open(io.BytesIO(asset.png)).convert("RGBA")
    palette = bytes.fromhex(bytes(stream.extra["ColorSpace"]).split(b"<")[1].split(b">")[0].decode())
    # Decode the PNG-predicted rows back with Pillow: the same rows under a PNG header.
    width, height = source.size
    bits = int(bytes(stream.extra["BitsPerComponent"]))
    indices = _decode_rows(stream.data, width, height, bits, "P", palette)
    assert "SMask" not in stream.extra
    first, last = (int(v) for v in bytes(stream.extra["Mask"]).strip(b"[]").split())
    assert first == last == len(palette) // 3 - 1  # an entry of its own, which no opaque pixel uses
    # The colour key leaves exactly the transparent pixels unpainted; every other pixel has its colour.
    alpha = indices.point(lambda index: 0 if index == last else 255, "L")
    assert alpha.tobytes() == source.getchannel("A").tobytes()
    opaque = Image.new("RGB", source.size)
    opaque.paste(source.convert("RGB"), mask=alpha)
    drawn = Image.new("RGB", source.size)
    drawn.paste(indices.convert("RGB"), mask=alpha)
    assert drawn.tobytes() == opaque.tobytes()


def _decode_rows(rows: bytes, width: int, height: int, bits: int, mode: str, palette: bytes) -> Image.Image:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    colour_type = 3 if mode == "P" else 0
    png = b"\x89PNG\r\n\x1a\n" + chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, bits, colour_type, 0, 0, 0)
    )
    if palette:
        png += chunk(b"PLTE", palette)
    png += chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_an_image_of_many_colours_and_soft_edges_keeps_weasyprints_encoding() -> None:
    gradient = Image.new("RGBA", (300, 300))
    gradient.putdata(
        [(x % 256, y % 256, (x * y) % 256, (x + y) % 256) for y in range(300) for x in range(300)]
    )
    assert lossless_image(_png(gradient), True) is None


def test_an_image_is_scaled_to_300_dpi_only_past_450() -> None:
    # A scan: ink of many shades, which the smaller image keeps in fewer bytes.
    big = Image.effect_noise((2400, 2400), 40).convert("RGBA")
    asset = ImageAsset(Path("seal.png"), "PNG", 2400, 2400, _png(big))
    seal_pt = 42 / 25.4 * 72
    fitted = asset.for_box(seal_pt, seal_pt)
    assert (fitted.width, fitted.height) == (496, 496)
    assert Image.open(io.BytesIO(fitted.png)).size == (496, 496)
    modest = ImageAsset(Path("seal.png"), "PNG", 700, 700, _png(big.resize((700, 700))))
    assert modest.for_box(seal_pt, seal_pt) is modest  # 423 dpi: kept as it is
    assert asset.for_box(None, None) is asset
    # The example logo (240 px, a few inks, hard edges) shown 35 pt high would be resampled to 146 px with
    # soft edges and more colours: more bytes, so it is kept as it is.
    logo = load_image((EXAMPLES / "house-styles" / "hengxin" / "logo.gif").resolve())
    assert logo.for_box(None, 35) is logo
