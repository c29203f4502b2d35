"""A notice issued jointly (联合行文) names each issuer on its own line, the lead issuer first, the others under it
(GB/T 9704 §7.3.5.2), aligned, with the date under the last; with a seal, the seal presses on the last issuer and
the date and its top stays within a line of the text (§7.3.5.1). Measured in our PDF and in the DOCX as
LibreOffice lays it out. Before, ``sign_off.issuer: |`` with two names printed the second over the date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import notices
from notices.layout import lay_out

from .conftest import EXAMPLES, Rendered, libreoffice_convert
from .pdfmeasure import MM, Line, read_pdf

ISSUERS = ("华东恒信控股有限公司", "上海蓝星贸易有限公司")
SIGN_OFFS = {
    "joint": {"issuer": "\n".join(ISSUERS), "date": "2026-05-06"},
    "joint-sealed": {"issuer": "\n".join(ISSUERS), "date": "2026-05-06", "seal": "assets/seal.png"},
}


def spec(sign_off: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / "general.zh.yaml").read_text(encoding="utf-8"))
    data["sign_off"] = sign_off
    data.pop("contact", None)
    return data


@pytest.fixture(scope="module")
def joint(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("joint-issuers")
    found = {}
    for name, sign_off in SIGN_OFFS.items():
        doc = notices.compose(notices.load(spec(sign_off), base_dir=EXAMPLES))
        paths = {p.suffix[1:]: p for p in notices.render(doc, out / name)}
        found[name] = Rendered(out / f"{name}.yaml", doc, paths["pdf"], paths["docx"])
    return found


def sign_off_lines(pdf: Path) -> list[Line]:
    """The issuers' lines and the date's, top to bottom, on the sign-off's page."""
    lines = [line for page in read_pdf(pdf) for line in page.lines]
    wanted = [*ISSUERS, "2026年5月6日"]
    found = [[line for line in lines if "".join(line.text.split()) == text][-1] for text in wanted]
    assert len({line.page for line in found}) == 1
    return found


def check_geometry(rendered: Rendered, pdf: Path, sealed: bool) -> None:
    profile = lay_out(rendered.doc).profile
    pitch, cell = profile.line_pitch_pt, profile.body_size_pt + profile.grid_letter_spacing_pt
    right = (profile.page_width_mm - profile.margin_right_mm) * MM
    first, second, date = sign_off_lines(pdf)
    # one under another, a line apart, the date on the next line
    assert second.baseline - first.baseline == pytest.approx(pitch, abs=0.5)
    assert date.baseline - second.baseline == pytest.approx(pitch, abs=0.5)
    assert first.x0 == pytest.approx(second.x0, abs=1)  # aligned (both names are ten characters)
    if not sealed:
        assert right - first.x1 == pytest.approx(2 * cell, abs=1.5)  # 右空二字
        assert date.x0 - first.x0 == pytest.approx(2 * cell, abs=1.5)  # the date two characters in
        return
    assert right - date.x1 == pytest.approx(4 * cell, abs=1.5)  # 右空四字
    page = read_pdf(pdf)[date.page - 1]
    (seal,) = [image for image in page.images if image["width"] > 100]
    middle = (seal["top"] + seal["bottom"]) / 2
    assert second.baseline - profile.body_size_pt < middle < date.baseline  # on the last issuer and the date
    assert (seal["x0"] + seal["x1"]) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=1.5)
    above = max(line.baseline for line in page.lines if line.baseline < first.baseline - pitch / 2)
    assert seal["top"] - above <= pitch  # its top within a line of the text above


@pytest.mark.parametrize("name", list(SIGN_OFFS))
def test_joint_issuers_stand_one_under_another_in_the_pdf(joint: dict[str, Rendered], name: str) -> None:
    check_geometry(joint[name], joint[name].pdf, sealed="sealed" in name)


@pytest.mark.slow
def test_joint_issuers_stand_one_under_another_in_libreoffice(
    joint: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Where our PDF has each line and the seal. (LibreOffice adds its own space between Han and digits, see
    test_libreoffice_stretch.py, so the date's right end is compared through its left.)"""
    converted = libreoffice_convert(joint, tmp_path_factory.mktemp("joint-issuers-lo"))
    for name, rendered in joint.items():
        ours, theirs = sign_off_lines(rendered.pdf), sign_off_lines(converted[name])
        for a, b in zip(ours, theirs, strict=True):
            assert b.x0 == pytest.approx(a.x0, abs=1.5), (name, a.text)
            assert b.baseline - theirs[0].baseline == pytest.approx(a.baseline - ours[0].baseline, abs=0.5)
        our_seals = [i for i in read_pdf(rendered.pdf)[ours[0].page - 1].images if i["width"] > 100]
        their_seals = [i for i in read_pdf(converted[name])[theirs[0].page - 1].images if i["width"] > 100]
        assert len(our_seals) == len(their_seals) == ("sealed" in name)
        for a_seal, b_seal in zip(our_seals, their_seals, strict=True):
            assert b_seal["x0"] == pytest.approx(a_seal["x0"], abs=1.5)
            # where the PDF has it on the page (LibreOffice's baselines sit up to 2 pt lower than ours)
            assert b_seal["top"] == pytest.approx(a_seal["top"], abs=1.5)


def test_an_english_letter_signs_for_each_company_on_its_own_line(tmp_path: Path) -> None:
    data = yaml.safe_load((EXAMPLES / "general.en.yaml").read_text(encoding="utf-8"))
    data["sign_off"] = {
        **data.get("sign_off", {}),
        "issuer": "Hengxin Holdings Ltd\nBlue Star Trading Co., Ltd",
    }
    pdf, docx = notices.render(notices.load(data, base_dir=EXAMPLES), tmp_path / "joint")
    texts = [line.text for page in read_pdf(pdf) for line in page.lines]  # words without their spaces
    assert "HengxinHoldingsLtd" in texts and "BlueStarTradingCo.,Ltd" in texts
    import docx as python_docx

    paragraphs = [line for p in python_docx.Document(str(docx)).paragraphs for line in p.text.split("\n")]
    assert "Hengxin Holdings Ltd" in paragraphs and "Blue Star Trading Co., Ltd" in paragraphs


LONG_NAME = "中国石油化工股份有限公司华东地区销售分公司上海市浦东新区第三经营部"  # 33 characters


@pytest.fixture(scope="module")
def long_name(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    out = tmp_path_factory.mktemp("long-issuer")
    data = spec({"date": "2026-05-06"})
    data["issuer"] = {"name": LONG_NAME}
    doc = notices.compose(notices.load(data, base_dir=EXAMPLES))
    paths = {p.suffix[1:]: p for p in notices.render(doc, out / "long", check=False)}
    return {"long": Rendered(out / "long.yaml", doc, paths["pdf"], paths["docx"])}


def check_long_name(rendered: Rendered, pdf: Path) -> None:
    """The letterhead and the sign-off keep inside the type area: the mark set smaller, the name wrapped after
    分公司 into two lines aligned on the longer one, the date under them."""
    profile = lay_out(rendered.doc).profile
    left, right = profile.margin_left_mm * MM, (profile.page_width_mm - profile.margin_right_mm) * MM
    lines = [line for page in read_pdf(pdf) for line in page.lines]
    mark = next(line for line in lines if "".join(line.text.split()) == LONG_NAME)
    assert left - 0.5 <= mark.x0 and mark.x1 <= right + 0.5
    assert (mark.x0 - left) == pytest.approx(right - mark.x1, abs=2)  # centred
    first = [
        line for line in lines if "".join(line.text.split()) == "中国石油化工股份有限公司华东地区销售分公司"
    ][-1]
    second = [line for line in lines if "".join(line.text.split()) == "上海市浦东新区第三经营部"][-1]
    assert left <= first.x0 and first.x1 <= right
    assert second.baseline - first.baseline == pytest.approx(profile.line_pitch_pt, abs=0.5)
    assert second.x0 == pytest.approx(first.x0, abs=1)


def test_a_long_issuer_keeps_inside_the_type_area_in_the_pdf(long_name: dict[str, Rendered]) -> None:
    check_long_name(long_name["long"], long_name["long"].pdf)


@pytest.mark.slow
def test_a_long_issuer_keeps_inside_the_type_area_in_libreoffice(
    long_name: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory
) -> None:
    converted = libreoffice_convert(long_name, tmp_path_factory.mktemp("long-issuer-lo"))
    check_long_name(long_name["long"], converted["long"])
