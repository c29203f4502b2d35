"""`notices preview` writes one PNG per PDF page and removes pages a shorter notice no longer has."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from typer.testing import CliRunner

from notices.cli import app

from .conftest import EXAMPLES


def test_preview_writes_a_png_per_page(tmp_path: Path) -> None:
    stale = tmp_path / "stockup.zh-page-9.png"
    stale.write_bytes(b"old")
    result = CliRunner().invoke(
        app, ["preview", str(EXAMPLES / "stockup.zh.yaml"), "-o", str(tmp_path), "--dpi", "30"]
    )
    assert result.exit_code == 0, result.output
    pages = sorted(tmp_path.glob("stockup.zh-page-*.png"))
    assert [p.name for p in pages] == ["stockup.zh-page-1.png", "stockup.zh-page-2.png"]
    assert result.output.split() == [str(p) for p in pages]
    with Image.open(pages[0]) as image:
        width, height = image.size
        assert abs(width - 210 / 25.4 * 30) <= 1 and abs(height - 297 / 25.4 * 30) <= 1  # A4 at 30 dpi
        pixels = image.convert("RGB").tobytes()
        red = sum(
            1
            for r, g, b in zip(pixels[0::3], pixels[1::3], pixels[2::3], strict=True)
            if r > 180 and g < 80 and b < 80
        )
        assert red > 50  # the red head is drawn
    assert not stale.exists()


def test_preview_of_a_missing_spec_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["preview", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
