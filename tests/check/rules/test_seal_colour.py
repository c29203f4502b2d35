"""B-SEAL-RED on seals its examples leave out: black scans, SVG drawings, vermilion, a house style's seal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

import notices
from notices.check import check_notice
from notices.check.findings import Finding

ROOT = Path(__file__).resolve().parents[3]


def seal_png(path: Path, ink: tuple[int, int, int], *, opaque_white: bool = False) -> Path:
    background = (255, 255, 255, 255) if opaque_white else (0, 0, 0, 0)
    image = Image.new("RGBA", (300, 300), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 290, 290), outline=(*ink, 255), width=18)
    draw.regular_polygon((150, 150, 60), 5, fill=(*ink, 255))
    image.save(path)
    return path


def findings(folder: Path, seal: str) -> list[Finding]:
    spec = {
        "issuer": {"name": "华东恒信控股有限公司"},
        "title": "华东恒信控股有限公司关于春节放假安排的通知",
        "salutation": "尊敬的客户：",
        "body": ["现将春节放假安排通知如下。"],
        "sign_off": {"date": "2026-01-05", "seal": seal},
    }
    notice = notices.load(spec, base_dir=folder)
    return [f for f in check_notice(notice) if f.rule == "B-SEAL-RED"]


@pytest.mark.parametrize(
    ("ink", "word"),
    [
        ((20, 20, 20), "black or grey"),
        ((30, 80, 160), "blue"),
        ((20, 140, 60), "green"),
        ((120, 40, 150), "purple"),
    ],
)
def test_a_seal_in_another_colour_is_named(tmp_path: Path, ink: tuple[int, int, int], word: str) -> None:
    seal_png(tmp_path / "seal.png", ink)
    (found,) = findings(tmp_path, "seal.png")
    assert found.severity == "warning" and word in found.message and "seal.png" in found.message


@pytest.mark.parametrize("ink", [(230, 0, 18), (200, 16, 46), (227, 66, 52), (180, 10, 40)])
def test_red_and_vermilion_seals_pass_on_white_or_transparent_paper(
    tmp_path: Path, ink: tuple[int, int, int]
) -> None:
    seal_png(tmp_path / "a.png", ink)
    seal_png(tmp_path / "b.png", ink, opaque_white=True)  # a scan on white paper: the paper is not ink
    assert findings(tmp_path, "a.png") == [] and findings(tmp_path, "b.png") == []


def test_svg_seals_are_read_by_their_colours(tmp_path: Path) -> None:
    shape = '<svg xmlns="http://www.w3.org/2000/svg"><circle r="40" fill="none" stroke="{0}"/><path fill="{0}"/></svg>'
    (tmp_path / "red.svg").write_text(shape.format("#E60012"), encoding="utf-8")
    (tmp_path / "blue.svg").write_text(shape.format("rgb(31, 78, 154)"), encoding="utf-8")
    assert findings(tmp_path, "red.svg") == []
    assert len(findings(tmp_path, "blue.svg")) == 1


def test_an_unreadable_seal_is_left_to_the_loader(tmp_path: Path) -> None:
    (tmp_path / "seal.png").write_bytes(b"not an image")
    assert findings(tmp_path, "seal.png") == []


def test_a_house_styles_seal_is_checked_and_the_examples_are_red() -> None:
    for spec in ("examples/house-styles/recall.zh.yaml", "examples/house-styles/stockup.zh.yaml"):
        notice = notices.load(ROOT / spec)
        assert notice.house_style is not None and notice.house_style.seal is not None
        assert [f for f in check_notice(notice) if f.rule == "B-SEAL-RED"] == []
