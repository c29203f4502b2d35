"""scripts/gallery: the page images a person looks at, one PNG per page of each notice's PDF (and of
LibreOffice's PDF of its DOCX, which the layout tests measure; here left out, --no-docx, as it is slow)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pdfplumber
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def gallery_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "scripts" / "gallery.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gallery"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # renders and rasterises a four-page notice
def test_the_gallery_has_a_png_for_every_page_and_an_index(tmp_path: Path) -> None:
    specs = [ROOT / "examples" / "long-notice.zh.yaml", ROOT / "examples" / "general.en.yaml"]
    out = tmp_path / "gallery"
    assert gallery_module().main([*map(str, specs), "--out", str(out), "--dpi", "12", "--no-docx"]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    for spec in specs:
        label = "examples__" + spec.stem
        with pdfplumber.open(out / f"{label}.pdf") as pdf:
            pages = len(pdf.pages)
        pngs = sorted((out / "png").glob(f"{label}.pdf-*.png"))
        assert len(pngs) == pages, label
        assert all(f"png/{png.name}" in index for png in pngs), label
        with Image.open(pngs[0]) as image:
            assert abs(image.width - 210 / 25.4 * 12) <= 1  # A4 at the dpi asked
    assert len(list((out / "png").glob("examples__long-notice.zh.pdf-*.png"))) >= 4
