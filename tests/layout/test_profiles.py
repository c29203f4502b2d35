"""Each profile's defining geometry, measured in its PDF: where the issuer mark sits, the 信函 double rules and
its unnumbered first page, the plain profile's missing red head, the English letter's block format."""

from __future__ import annotations

from typing import Any

import pytest

import notices

from .pdfmeasure import MM, Page, read_pdf

BODY = [
    "感谢贵司一直以来对我司的信任与支持。2026年春节即将来临，为保证节日期间市场供应，现将有关事项通知如下：",
    *[
        f"第{n}项：节前最后一批订单的接收截止时间为2026年2月6日17:00，此后提交的订单将于节后统一安排生产与发货，"
        "请各经销商合理安排订货计划，提前下单，避免因订单积压影响节后到货。"
        for n in range(1, 9)
    ],
]


def spec(profile: str, **extra: Any) -> dict[str, Any]:
    return {
        "profile": profile,
        "issuer": {
            "name": "华东恒信控股有限公司",
            "header": "华东恒信控股有限公司文件",
            "doc_number": "恒信函〔2026〕7号",
        },
        "title": "关于春节备货的通知",
        "salutation": "尊敬的合作伙伴：",
        "body": BODY,
        "sign_off": {"date": "2026-01-05"},
        **extra,
    }


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Page, ...]]:
    out = tmp_path_factory.mktemp("profiles")
    specs = {name: spec(name) for name in ("gbt9704", "enterprise", "letter", "plain")}
    specs["en-letter"] = {
        "lang": "en",
        "issuer": {"name": "Huadong Hengxin Holdings Co., Ltd.", "doc_number": "HX-2026-7"},
        "title": "Orders before the Spring Festival",
        "body": [" ".join(["Please place your orders for the Spring Festival before 6 February 2026."] * 6)]
        * 9,
        "sign_off": {"date": "2026-01-05"},
    }
    return {
        name: read_pdf(notices.render(notices.load(data), out / name, "pdf")[0])
        for name, data in specs.items()
    }


def red_lines(page: Page) -> list[Any]:
    return [line for line in page.lines if line.chars[0].color and line.chars[0].color[0] > 0.8]


def mark_top(page: Page) -> float:
    (mark,) = red_lines(page)
    return mark.chars[0].em_top


def test_gbt9704_mark_35mm_below_the_type_area(pdfs: dict[str, tuple[Page, ...]]) -> None:
    assert mark_top(pdfs["gbt9704"][0]) == pytest.approx((37 + 35) * MM, abs=1 * MM)


def test_enterprise_mark_20mm_below_the_type_area(pdfs: dict[str, tuple[Page, ...]]) -> None:
    assert mark_top(pdfs["enterprise"][0]) == pytest.approx((37 + 20) * MM, abs=1 * MM)


def test_letter_mark_30mm_from_the_top_with_red_double_rules_and_no_first_page_number(
    pdfs: dict[str, tuple[Page, ...]],
) -> None:
    pages = pdfs["letter"]
    assert len(pages) >= 2
    first = pages[0]
    assert mark_top(first) == pytest.approx(30 * MM, abs=1 * MM)
    red = [r for r in first.rects if r.get("non_stroking_color") and r["non_stroking_color"][0] > 0.8]
    long_rules = [r for r in red if r["width"] == pytest.approx(170 * MM, abs=0.5)]
    assert {round(r["x0"] / MM) for r in long_rules} == {20}  # 170 mm centred on the paper
    tops = sorted({round(r["top"], 1) for r in long_rules})
    upper, lower = tops[0], tops[-1]
    (mark,) = red_lines(first)
    assert upper - (mark.baseline + 0.12 * mark.size) == pytest.approx(4 * MM, abs=1 * MM)
    assert max(r["bottom"] for r in long_rules) == pytest.approx((297 - 20) * MM, abs=1 * MM)
    assert lower > 262 * MM
    # the document number flush right under the upper rule
    number = next(line for line in first.lines if "恒信函" in line.text)
    assert number.x1 == pytest.approx((210 - 26) * MM, abs=1)
    assert number.baseline > upper
    below = [line for line in first.lines if line.baseline > 262 * MM + 1]
    assert not below, "page 1 of a letter carries no page number"
    assert any(line.text == "—2—" for line in pages[1].lines)


def test_plain_has_no_red_head_and_opens_with_the_title(pdfs: dict[str, tuple[Page, ...]]) -> None:
    first = pdfs["plain"][0]
    assert not red_lines(first)
    assert not [r for r in first.rects if r.get("non_stroking_color") and r["non_stroking_color"][0] > 0.8]
    title = first.lines[0]
    assert title.text == "关于春节备货的通知" and title.size == 22
    assert title.chars[0].em_top == pytest.approx(37 * MM, abs=3 * MM)


def test_en_letter_is_block_format_in_25mm_margins(pdfs: dict[str, tuple[Page, ...]]) -> None:
    pages = pdfs["en-letter"]
    assert len(pages) >= 2
    starts = [line.x0 for page in pages for line in page.lines if line.baseline < (297 - 25) * MM]
    assert min(starts) == pytest.approx(25 * MM, abs=0.5)
    assert sum(abs(x - 25 * MM) < 0.5 for x in starts) / len(starts) > 0.95  # flush left, no indents
    assert max(line.x1 for page in pages for line in page.lines) <= (210 - 25) * MM + 0.5
    assert not [line for line in pages[0].lines if line.baseline > (297 - 25) * MM]
    assert pages[1].lines[-1].text == "2"


def test_every_profile_is_a4(pdfs: dict[str, tuple[Page, ...]]) -> None:
    for name, pages in pdfs.items():
        for page in pages:
            assert (round(page.width), round(page.height)) == (595, 842), name


def test_every_profile_is_measured(pdfs: dict[str, tuple[Page, ...]]) -> None:
    from notices.profiles import PROFILES

    assert set(pdfs) == set(PROFILES)
