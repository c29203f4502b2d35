"""Every kind × language example renders to PDF and DOCX, and the facts come out as the reader sees them."""

from __future__ import annotations

import re

import docx
import pytest

import notices

from .conftest import EXAMPLES, KIND_EXAMPLES, Rendered, flat

KINDS = ("general", "stockup", "holiday", "price", "meeting", "incident")


def test_there_is_an_example_for_every_kind_in_both_languages() -> None:
    for kind in KINDS:
        for lang in ("zh", "en"):
            assert f"{kind}.{lang}.yaml" in KIND_EXAMPLES


@pytest.mark.parametrize("name", KIND_EXAMPLES)
def test_example_renders_to_pdf_and_docx(name: str, rendered_examples: dict[str, Rendered]) -> None:
    files = rendered_examples[name]
    assert files.pdf.read_bytes().startswith(b"%PDF-") and files.docx.stat().st_size > 5000
    word_text = flat("\n".join(p.text for p in docx.Document(str(files.docx)).paragraphs))
    title = flat(notices.load(EXAMPLES / name).spec.title)
    assert title in files.text and title in word_text
    assert ("特此通知。" in word_text) == (".zh." in name)


@pytest.mark.parametrize(
    ("name", "facts"),
    [
        ("stockup.zh.yaml", ["2026年2月6日（星期五）17:00", "春节放假期间（2026年2月15日至23日，共9天）"]),
        ("stockup.en.yaml", ["by17:00(Beijingtime)onFriday,6February2026.", "(9days)"]),
        ("holiday.zh.yaml", ["2026年10月1日至7日放假调休，共7天。"]),
        ("holiday.en.yaml", ["(7days)", "ShippingstopsonWednesday,30September2026"]),
        ("price.zh.yaml", ["原价（元/吨）", "3,200", "上调5.62%", "须于2026年3月16日（星期一）前提货"]),
        ("price.en.yaml", ["Oldprice(USDperton)", "460.00", "+5.43%", "fromMonday,March2,2026."]),
        ("meeting.zh.yaml", ["会议地点", "上海市浦东新区世纪大道1号", "请于2026年3月10日（星期二）前"]),
        ("meeting.en.yaml", ["Thursday,19March2026,09:00toFriday,20March2026,12:00(Shanghaitime)"]),
    ],
)
def test_the_pdf_states_the_facts(
    name: str, facts: list[str], rendered_examples: dict[str, Rendered]
) -> None:
    for fact in facts:
        assert fact in rendered_examples[name].text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_incident_its_update_and_its_resolution_share_one_number(
    lang: str, rendered_examples: dict[str, Rendered]
) -> None:
    first, update, resolved = (
        rendered_examples[f"{stem}.{lang}.yaml"].text
        for stem in ("incident", "incident-update", "incident-resolved")
    )
    numbers = [set(re.findall(r"INC-\d{4}-\d{4}", text)) for text in (first, update, resolved)]
    assert numbers == [{"INC-2026-0042"}] * 3
    marks = {
        "zh": ("当前状态：正在排查原因", "第1次更新", "处理结果"),
        "en": ("Wearewritingtoletyouknowaboutincident", "Thisisupdate1onincident", "wasresolvedat"),
    }[lang]
    assert marks[0] in first and marks[1] in update and marks[2] in resolved
    # Each says what changed since the notice before it.
    assert ("本次更新" if lang == "zh" else "Whathaschangedsinceourlastnotice") in update
    assert ("证书过期" if lang == "zh" else "expiredcertificate") in update
    assert ("14:10" if lang == "zh" else "2:10PM") in resolved
