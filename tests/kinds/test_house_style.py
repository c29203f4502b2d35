"""A house style changes the look of every notice that names it, with no change to the specs."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
import pypdf
import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

import notices
from notices.assets import load_image
from notices.errors import SpecError, TemplateError

from .conftest import EXAMPLES, HOUSE_STYLE_EXAMPLES, flat

STYLES = EXAMPLES / "house-styles"
KAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")

SPEC = """\
house_style: style/house.yaml
kind: stockup
issuer:
  doc_number: 〔2026〕3号
title: 关于2026年春节备货的通知
salutation: 尊敬的合作伙伴：
stockup:
  holiday: 春节
  holiday_start: 2026-02-15
  holiday_end: 2026-02-23
  order_deadline: {date: 2026-02-06, time: '17:00'}
  shipping_stop: 2026-02-09
  shipping_resume: 2026-02-24
  stock_days: 30
  duty: {name: 李明, phone: 400-820-1688}
sign_off: {date: 2026-01-05}
"""


def make_font(path: Path, family: str, text: str) -> None:
    """A small font file of our own, as a company's licensed face would be: AR PL UKai cut down and renamed."""
    font = TTFont(str(KAI), fontNumber=0)
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = family
        elif record.nameID == 6:
            record.string = family.replace(" ", "")
    font.save(str(path))


@dataclass(frozen=True)
class Output:
    pdf: Path
    docx: Path


def install_style(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)


@pytest.fixture(scope="module")
def swapped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Output]:
    """The same spec rendered twice: with Hengxin's style (title face from a font file), then with Lanting's."""
    work = tmp_path_factory.mktemp("swap")
    spec = work / "notice.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    outputs = {}
    for name in ("hengxin", "lanting"):
        install_style(STYLES / name, work / "style")
        if name == "hengxin":
            (work / "style" / "fonts").mkdir()
            make_font(
                work / "style" / "fonts" / "title.ttf",
                "Hengxin Title Kai",
                "华东恒信控股有限公司文件关于2026年春节备货的通知",
            )
            house = work / "style" / "house.yaml"
            house.write_text(
                house.read_text(encoding="utf-8").replace(
                    "  title: {family: Noto Serif CJK SC, weight: 900}", "  title: fonts/title.ttf"
                ),
                encoding="utf-8",
            )
        before = spec.read_bytes()
        paths = notices.render(notices.load(spec), work / name)
        assert spec.read_bytes() == before
        by_suffix = {p.suffix: p for p in paths}
        outputs[name] = Output(by_suffix[".pdf"], by_suffix[".docx"])
    return outputs


def letterhead_chars(pdf: Path) -> list[dict[str, object]]:
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        biggest = max(c["size"] for c in page.chars)
        return [c for c in page.chars if c["size"] == biggest]


def font_names(pdf: Path) -> set[str]:
    names = set()
    for page in pypdf.PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def image_digests(pdf: Path) -> set[str]:
    digests = set()
    for page in pypdf.PdfReader(pdf).pages:
        for image in page.images:
            digests.add(hashlib.sha256(image.image.tobytes()).hexdigest())
    return digests


def test_the_letterhead_text_and_number_come_from_the_house_style(swapped: dict[str, Output]) -> None:
    hengxin, lanting = (flat(_pdf_text(swapped[n].pdf)) for n in ("hengxin", "lanting"))
    assert "华东恒信控股有限公司文件" in hengxin and "恒信发〔2026〕3号" in hengxin
    assert "蓝汀智能科技有限公司" in lanting and "蓝汀通〔2026〕3号" in lanting
    assert "华东恒信" not in lanting


def test_the_letterhead_colour_comes_from_the_house_style(swapped: dict[str, Output]) -> None:
    expected = {"hengxin": (0xC8, 0x10, 0x2E), "lanting": (0x1F, 0x4E, 0x9A)}
    for name, rgb in expected.items():
        chars = letterhead_chars(swapped[name].pdf)
        assert chars
        colours = {tuple(round(v * 255) for v in c["non_stroking_color"]) for c in chars}  # type: ignore[union-attr]
        assert colours == {rgb}


def test_the_house_fonts_are_embedded_in_the_pdf(swapped: dict[str, Output]) -> None:
    hengxin, lanting = font_names(swapped["hengxin"].pdf), font_names(swapped["lanting"].pdf)
    assert "Hengxin-Title-Kai" in hengxin  # the file the house style names, loaded through @font-face
    assert "Hengxin-Title-Kai" not in lanting
    assert "Noto-Sans-CJK-SC-Bold" in lanting and "Noto-Sans-CJK-SC-Bold" not in hengxin
    faces = {
        name: {str(c["fontname"]).split("+", 1)[-1] for c in letterhead_chars(out.pdf)}
        for name, out in swapped.items()
    }
    assert faces == {"hengxin": {"Hengxin-Title-Kai"}, "lanting": {"Noto-Sans-CJK-SC-Bold"}}


def test_the_seal_and_logo_come_from_the_house_style(swapped: dict[str, Output]) -> None:
    hengxin, lanting = image_digests(swapped["hengxin"].pdf), image_digests(swapped["lanting"].pdf)
    assert len(hengxin) == 2 and len(lanting) == 2  # logo and seal
    assert not hengxin & lanting
    for name in ("hengxin", "lanting"):
        with zipfile.ZipFile(swapped[name].docx) as package:
            media = {package.read(n) for n in package.namelist() if n.startswith("word/media/")}
        # the house style's images, decoded and validated once (notices.assets): both formats embed that PNG
        assert load_image(STYLES / name / "seal.gif").png in media
        assert load_image(STYLES / name / "logo.gif").png in media


def test_the_docx_styles_carry_the_house_fonts_and_colour(swapped: dict[str, Output]) -> None:
    expected = {"hengxin": ("Hengxin Title Kai", "C8102E"), "lanting": ("Noto Sans CJK SC", "1F4E9A")}
    for name, (family, colour) in expected.items():
        document = docx.Document(str(swapped[name].docx))
        title_style = document.styles["Notice Title"]
        fonts = title_style.element.rPr.rFonts
        assert fonts.get(docx.oxml.ns.qn("w:eastAsia")) == family
        letterhead = next(p for p in document.paragraphs if p.style.name == "Notice Letterhead")
        coloured = [r for r in letterhead.runs if r.text.strip()]
        assert coloured and all(str(r.font.color.rgb) == colour for r in coloured)


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def test_pyproject_names_the_house_style_and_the_spec_wins(tmp_path: Path) -> None:
    install_style(STYLES / "lanting", tmp_path / "brand")
    (tmp_path / "pyproject.toml").write_text('[tool.notices]\nhouse_style = "brand/house.yaml"\n')
    (tmp_path / "notices").mkdir()
    spec = tmp_path / "notices" / "n.yaml"
    spec.write_text(SPEC.replace("house_style: style/house.yaml\n", ""), encoding="utf-8")
    notice = notices.load(spec)
    assert notice.spec.issuer.name == "蓝汀智能科技有限公司"
    assert notice.spec.profile == "letter"
    assert notice.spec.contact is not None and notice.spec.contact.name == "陈晓"
    own = SPEC.replace("house_style: style/house.yaml\n", "").replace(
        "issuer:\n", "profile: plain\ncontact: {name: 王静}\nissuer:\n  name: 蓝汀（杭州）销售有限公司\n"
    )
    spec.write_text(own.replace("〔2026〕3号", "汀销〔2026〕3号"), encoding="utf-8")
    mine = notices.load(spec).spec
    assert (mine.issuer.name, mine.issuer.doc_number, mine.profile) == (
        "蓝汀（杭州）销售有限公司",
        "汀销〔2026〕3号",
        "plain",
    )
    assert mine.contact is not None and mine.contact.name == "王静" and mine.contact.phone == []


def test_an_issuer_typed_as_its_name_keeps_the_house_letterhead(tmp_path: Path) -> None:
    """``issuer: 蓝汀（杭州）销售有限公司``: the spec's name wins, the house style's letterhead still applies."""
    install_style(STYLES / "lanting", tmp_path / "style")
    spec = tmp_path / "n.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    house_letterhead = notices.load(spec).spec.issuer.header
    named = SPEC.replace("issuer:\n  doc_number: 〔2026〕3号\n", "issuer: 蓝汀（杭州）销售有限公司\n")
    spec.write_text(named, encoding="utf-8")
    mine = notices.load(spec).spec
    assert house_letterhead and mine.issuer.header == house_letterhead
    assert mine.issuer.name == "蓝汀（杭州）销售有限公司"


def test_a_changed_pyproject_names_the_new_house_style_in_the_same_process(tmp_path: Path) -> None:
    """pyproject.toml is read once per version of the file: the next load after an edit sees the edit."""
    install_style(STYLES / "lanting", tmp_path / "brand")
    install_style(STYLES / "hengxin", tmp_path / "other-brand")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.notices]\nhouse_style = "brand/house.yaml"\n')
    spec = tmp_path / "n.yaml"
    spec.write_text(SPEC.replace("house_style: style/house.yaml\n", ""), encoding="utf-8")
    assert notices.load(spec).spec.issuer.name == "蓝汀智能科技有限公司"
    pyproject.write_text('[tool.notices]\nhouse_style = "other-brand/house.yaml"\n')
    assert notices.load(spec).spec.issuer.name != "蓝汀智能科技有限公司"


def test_english_notices_take_the_english_texts(tmp_path: Path) -> None:
    install_style(STYLES / "hengxin", tmp_path / "style")
    spec = tmp_path / "n.yaml"
    spec.write_text(
        "house_style: style/house.yaml\nlang: en\nissuer: {doc_number: 2026-007}\ntitle: Notice\n"
        "body: [Text.]\nsign_off: {date: 2026-01-05}\n",
        encoding="utf-8",
    )
    doc = notices.compose(notices.load(spec))
    text = doc.plain_text()
    assert text.startswith("Huadong Hengxin Holdings Co., Ltd.\nRef: HX-2026-007\n")
    assert "Contact: Wang Jing, Customer Service" in text
    assert doc.look is not None and doc.look.profile.roles["title"].docx_name == "Liberation Serif"


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        (("profile: enterprise", "profle: enterprise"), "unknown key 'profle'", 25),
        (("letterhead: '#C8102E'", "letterhead: 'C8102E'"), "'C8102E' is not a colour", 14),
        (("seal: seal.gif", "seal: ../seal.gif"), "'../seal.gif' is outside the house style's folder", 16),
        (("logo: logo.gif", "logo: missing.gif"), "file 'missing.gif' not found", 15),
        # one error where the writer erred, not one per branch of "one value or {zh: …, en: …}"
        (("phone: 021-6288 1234}", "phone: 021-6288 1234, mobile: 13800000000}"), "unknown key 'mobile'", 23),
        (("  zh: 华东恒信控股有限公司文件", "  fr: Huadong Hengxin"), "'fr' is not allowed here", 8),
    ],
)
def test_house_style_mistakes_are_located_in_its_own_file(
    tmp_path: Path, change: tuple[str, str], message: str, line: int
) -> None:
    install_style(STYLES / "hengxin", tmp_path / "style")
    house = tmp_path / "style" / "house.yaml"
    text = house.read_text(encoding="utf-8")
    assert change[0] in text
    house.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    spec = tmp_path / "n.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        notices.load(spec)
    # the spec's missing issuer.name is only the failed style's echo: not reported
    (problem,) = caught.value.problems
    assert problem.location.file == str(house)
    assert message in problem.message
    assert problem.location.line == line
    assert "allowed keys here: address, email" in problem.fix or "mobile" not in message


def test_a_spec_naming_a_missing_house_style_exits_2(tmp_path: Path) -> None:
    spec = tmp_path / "n.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "notices", "render", str(spec)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "n.yaml:1:14: error: house style 'style/house.yaml' not found" in result.stderr


def test_a_company_kind_renders_from_its_own_folder(tmp_path: Path) -> None:
    doc = notices.compose(notices.load(STYLES / "recall.zh.yaml"))
    text = doc.plain_text()
    assert "一、召回范围\n生产批次为LT2601A、LT2601B的LT-S2型智能插座。" in text
    assert "请于2026年3月20日（星期五）前完成库存清点" in text


@pytest.mark.parametrize(
    "template",
    [
        '{% include "../house.yaml" %}',
        '{% include "/etc/hostname" %}',
        '{% include "escape.j2" %}',  # a symlink that points out of the folder
    ],
)
def test_a_company_kind_reaches_nothing_outside_its_folder(tmp_path: Path, template: str) -> None:
    install_style(STYLES / "lanting", tmp_path / "style")
    (tmp_path / "secret.j2").write_text("::p secret", encoding="utf-8")
    (tmp_path / "style" / "kinds" / "escape.j2").symlink_to(tmp_path / "secret.j2")
    (tmp_path / "style" / "kinds" / "sneaky.zh.j2").write_text(template + "\n", encoding="utf-8")
    spec = tmp_path / "n.yaml"
    spec.write_text(
        "house_style: style/house.yaml\nkind: sneaky\ntitle: 关于测试的通知\nsign_off: {date: 2026-01-05}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as caught:
        notices.compose(notices.load(spec))
    assert "reaches only the templates in its own folder" in str(caught.value)


def test_a_company_template_runs_in_the_sandbox(tmp_path: Path) -> None:
    install_style(STYLES / "lanting", tmp_path / "style")
    (tmp_path / "style" / "kinds" / "probe.zh.j2").write_text(
        "::p {{ notice.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8"
    )
    spec = tmp_path / "n.yaml"
    spec.write_text(
        "house_style: style/house.yaml\nkind: probe\ntitle: 关于测试的通知\nsign_off: {date: 2026-01-05}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as caught:
        notices.compose(notices.load(spec))
    assert "sandbox" in str(caught.value) or "needs a value" in str(caught.value)


def test_an_unknown_kind_is_an_error_not_a_general_notice() -> None:
    with pytest.raises(SpecError) as caught:
        notices.load({"kind": "stokup", "issuer": {"name": "公司"}, "title": "通知"})
    (problem,) = caught.value.problems
    assert problem.message.startswith("unknown kind 'stokup'")
    assert problem.fix == "did you mean 'stockup'?"


@pytest.mark.parametrize("spec", HOUSE_STYLE_EXAMPLES, ids=lambda p: p.name)
def test_house_style_examples_render_to_pdf_and_docx(spec: Path, tmp_path: Path) -> None:
    paths = {p.suffix: p for p in notices.render(notices.load(spec), tmp_path / spec.stem)}
    text = flat(_pdf_text(paths[".pdf"]))
    company = (
        "华东恒信控股有限公司" if "hengxin" in spec.read_text(encoding="utf-8") else "蓝汀智能科技有限公司"
    )
    assert text.count(company) >= 2  # letterhead (or title) and sign-off, though the spec never names it
    assert company in "".join(p.text for p in docx.Document(str(paths[".docx"])).paragraphs)
