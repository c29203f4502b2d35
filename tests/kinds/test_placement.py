"""The writer's own text goes where the writer puts it, the document type decides the closing, and attachments
and contacts take the shapes real notices give them."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

import notices
from notices import kinds
from notices.composer import kind_environment
from notices.composer.markup import section_names
from notices.document import Heading
from notices.errors import SpecError

from .conftest import EXAMPLES


def example_data(name: str) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def lines_of(data: dict[str, Any]) -> list[str]:
    return notices.compose(notices.load(data)).plain_text().splitlines()


def headings_of(data: dict[str, Any]) -> list[str]:
    doc = notices.compose(notices.load(data))
    return [b.number + b.text for b in doc.blocks if isinstance(b, Heading)]


@pytest.mark.parametrize("name", [k for k, kind in kinds.built_in().items() if kind.sections])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_kind_template_writes_the_sections_its_kind_names(name: str, lang: str) -> None:
    kind = kinds.built_in()[name]
    source = kind_environment().loader.get_source(kind_environment(), kind.template_name(lang))[0]  # type: ignore[union-attr]
    written = section_names(line for line in source.splitlines() if line.startswith("::section"))
    assert ("opening", *written) == kind.sections
    assert f'{{% include "_deadlines.{lang}.j2" %}}' in source  # the section every kind ends with


def test_the_writers_opening_replaces_the_generated_one_and_numbering_runs_on() -> None:
    data = example_data("holiday.zh.yaml")
    data["body"] = [
        "为做好国庆节期间的客户服务工作，现将有关安排通知如下：",
        {"facts": ["days_off", "shipping"]},
        {"heading": "备货提醒", "items": ["请提前备货。", "请提前结清货款。"]},
        {"facts": "rest"},
        "祝节日愉快！",
    ]
    lines = lines_of(data)
    assert not any(line.startswith("根据国家有关节假日安排") for line in lines)
    opening = lines.index("为做好国庆节期间的客户服务工作，现将有关安排通知如下：")
    assert lines[opening + 1] == "一、放假时间"
    assert headings_of(data) == ["一、放假时间", "二、停发货安排", "三、备货提醒", "四、客户服务"]
    assert "（二）请提前结清货款。" in lines
    assert lines[lines.index("四、客户服务") + 3] == "祝节日愉快！"


def test_a_body_without_facts_entries_prints_after_the_sections_as_before() -> None:
    data = example_data("stockup.zh.yaml")
    data["body"] = [{"heading": "其他事项", "text": "节后新品订货会另行通知。"}]
    assert headings_of(data)[-1] == "五、其他事项"
    assert lines_of(data)[4].startswith("感谢贵司一直以来对我司的信任与支持")


def test_sections_left_unnamed_follow_the_last_facts_entry() -> None:
    data = example_data("price.zh.yaml")
    data["body"] = [
        "因原材料价格上涨，经研究决定调整部分产品价格。",
        {"facts": "changes"},
        "以上价格均含税。",
    ]
    assert headings_of(data) == ["一、调整内容", "二、执行时间", "三、在途订单处理"]
    lines = lines_of(data)
    assert lines.index("以上价格均含税。") > lines.index("三、在途订单处理")


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"facts": "shiping"}, "kind: holiday has no section 'shiping' (did you mean 'shipping'?)"),
        ([{"facts": "shipping"}, {"facts": ["shipping"]}], "the section 'shipping' is placed twice"),
    ],
)
def test_a_wrong_facts_entry_is_a_load_error(facts: Any, message: str) -> None:
    data = example_data("holiday.zh.yaml")
    data["body"] = facts if isinstance(facts, list) else [facts]
    with pytest.raises(SpecError) as caught:
        notices.load(data)
    assert message in str(caught.value)


def test_a_general_notice_has_no_sections_to_place() -> None:
    data = example_data("general.zh.yaml")
    data["body"] = [{"facts": "all"}]
    with pytest.raises(SpecError, match="writes no sections of its own"):
        notices.load(data)


@pytest.mark.parametrize(
    ("doc_type", "closing", "verb"),
    [
        ("通告", "特此通告。", "通告如下"),
        ("函", "特此函告。", "函告如下"),
        ("情况说明", "特此说明。", "说明如下"),
    ],
)
def test_the_document_type_decides_closing_and_phrasing(doc_type: str, closing: str, verb: str) -> None:
    data = example_data("price.zh.yaml")
    data["doc_type"] = doc_type
    lines = lines_of(data)
    assert closing in lines and "特此通知。" not in lines
    assert any(verb in line for line in lines)
    assert notices.load(data).spec.document.closing == closing


def test_a_document_type_of_the_other_language_is_refused() -> None:
    data = example_data("price.en.yaml")
    data["doc_type"] = "通告"
    with pytest.raises(SpecError, match="not a document type of a lang: en notice"):
        notices.load(data)
    data["doc_type"] = "incident summary"
    assert notices.load(data).spec.document.verb == "summary"


def test_attachments_may_be_plain_titles_and_contacts_have_several_phones_and_a_fax() -> None:
    data = example_data("general.zh.yaml")
    data["attachments"] = ["2026年春节发货安排表", {"title": "经销商名单"}]
    data["contact"] = {"name": "王静", "phone": ["021-6288 1234", "400-820-1688"], "fax": "021-6288 1235"}
    lines = lines_of(data)
    assert "（联系人：王静，电话：021-6288 1234、400-820-1688，传真：021-6288 1235）" in lines
    spec = notices.load(data).spec
    assert [a.title for a in spec.attachments] == ["2026年春节发货安排表", "经销商名单"]


def test_a_company_kind_without_sections_is_placed_whole_never_dropped() -> None:
    path = EXAMPLES / "house-styles" / "recall.zh.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    plain = notices.compose(notices.load(data, base_dir=path.parent)).plain_text().splitlines()
    data["body"] = ["为保障消费者安全，现将召回事项通知如下：", {"facts": "all"}]
    placed = notices.compose(notices.load(data, base_dir=path.parent)).plain_text().splitlines()
    start = placed.index("为保障消费者安全，现将召回事项通知如下：")
    written = [line for line in plain if line.startswith(("一、", "二、"))]
    assert written and all(line in placed[start:] for line in written)
