"""The kind templates write the standard phrasing from the facts, by locale, in Chinese and in English."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

import notices
from notices.document import Heading, Table

from .conftest import EXAMPLES, KIND_EXAMPLES


def example_data(name: str) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def text_of(data: dict[str, Any]) -> str:
    return notices.compose(notices.load(data)).plain_text()


@pytest.mark.parametrize("name", KIND_EXAMPLES)
def test_every_directive_lands_on_a_line_of_its_own(name: str) -> None:
    text = notices.compose(notices.load(EXAMPLES / name)).plain_text()
    assert "::" not in text
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("name", [n for n in KIND_EXAMPLES if ".en." in n])
def test_english_notices_use_half_width_punctuation(name: str) -> None:
    text = notices.compose(notices.load(EXAMPLES / name)).plain_text()
    assert not re.findall(r"[，。：；！？（）【】“”、]", text)


def test_the_day_count_is_computed_from_start_and_end() -> None:
    data = example_data("holiday.zh.yaml")
    assert "2026年10月1日至7日放假调休，共7天。" in text_of(data)
    data["holiday"]["end"] = "2026-10-08"
    data["holiday"]["workdays"] = []
    data["holiday"]["shipping_resume"] = "2026-10-09"
    assert "2026年10月1日至8日放假，共8天。" in text_of(data)
    data["lang"], data["title"] = "en", "Closure"
    data["salutation"] = "Dear Sir or Madam,"
    del data["issuer"]["header"]
    assert "from Thursday, 1 October 2026 to Thursday, 8 October 2026 (8 days)." in text_of(data)


def test_adjusted_working_days_are_listed_with_their_weekdays() -> None:
    zh = text_of(example_data("holiday.zh.yaml"))
    assert "2026年9月20日（星期日）、2026年10月10日（星期六）正常上班。" in zh
    en = text_of(example_data("holiday.en.yaml"))
    assert "Sunday, 20 September 2026 and Saturday, 10 October 2026 are normal working days" in en


def test_english_dates_and_times_follow_the_locale() -> None:
    data = example_data("stockup.en.yaml")
    assert "by 17:00 (Beijing time) on Friday, 6 February 2026." in text_of(data)
    data["locale"] = "en-US"
    us = text_of(data)
    assert "by 5:00\u00a0PM (Beijing time) on Friday, February 6, 2026." in us
    assert "February 5, 2026" not in us and "January 5, 2026" in us  # the date line, by the same locale


def test_several_price_lines_make_a_table_with_computed_changes() -> None:
    doc = notices.compose(notices.load(EXAMPLES / "price.zh.yaml"))
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.header == ("产品", "规格型号", "原价（元/吨）", "新价（元/吨）", "调整幅度")
    assert table.rows[0] == ("恒信牌复合肥", "HX-15-15-15", "3,200", "3,380", "上调5.62%")
    assert table.rows[-1] == ("水溶肥全系列", "—", "—", "—", "上调4%")
    us = notices.compose(notices.load(EXAMPLES / "price.en.yaml"))
    (us_table,) = [b for b in us.blocks if isinstance(b, Table)]
    assert us_table.header[1:3] == ("Old price (USD per ton)", "New price (USD per ton)")
    assert us_table.rows[0][1:] == ("460.00", "485.00", "+5.43%")


def test_a_price_table_states_a_shared_unit_in_its_head_and_mixed_units_in_the_cells() -> None:
    data = example_data("price.zh.yaml")
    items = data["price"]["items"]
    items[1]["unit"] = "袋"  # a second unit: no one head fits every row
    (table,) = [
        b for b in notices.compose(notices.load(data, base_dir=EXAMPLES)).blocks if isinstance(b, Table)
    ]
    assert table.header[2:4] == ("原价", "新价")
    assert table.rows[0][2:4] == ("3,200元/吨", "3,380元/吨") and table.rows[1][2] == "2,450元/袋"
    data = example_data("price.zh.yaml")
    data["price"]["currency"] = "USD"
    (table,) = [
        b for b in notices.compose(notices.load(data, base_dir=EXAMPLES)).blocks if isinstance(b, Table)
    ]
    assert table.header[2] == "原价（美元/吨）" and table.rows[0][2] == "3,200.00"


def test_one_price_line_is_a_sentence_in_the_currency_of_the_locale() -> None:
    data = example_data("price.zh.yaml")
    data["price"]["items"] = [{"product": "恒信牌尿素", "unit": "吨", "old": 12450, "new": 11950.5}]
    zh = text_of(data)
    assert "恒信牌尿素价格由12,450元/吨调整为11,950.5元/吨，下调4.01%。" in zh
    data = example_data("price.en.yaml")
    data["locale"], data["price"]["currency"] = "en-GB", "EUR"
    data["price"]["items"] = [{"product": "Urea N46", "unit": "tonne", "old": 1352, "new": 1368}]
    en = text_of(data)
    assert "The price of Urea N46 changes from €1,352.00 to €1,368.00 per tonne (+1.18%)." in en
    data["price"]["items"] = [{"product": "All water-soluble fertilisers", "change_percent": -2.5}]
    assert "All water-soluble fertilisers: a decrease of 2.5%." in text_of(data)


def test_the_body_follows_the_kind_phrasing_and_continues_its_numbering() -> None:
    data = example_data("stockup.zh.yaml")
    data["body"] = [{"heading": "其他事项", "text": "节后新品订货会另行通知。"}]
    doc = notices.compose(notices.load(data))
    headings = [b.number + b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [
        "一、订单截止时间",
        "二、停发货与恢复发货时间",
        "三、备货建议",
        "四、值班安排",
        "五、其他事项",
    ]


def test_deadlines_still_print_after_a_kind_body() -> None:
    data = example_data("meeting.zh.yaml")
    data["deadlines"] = [{"label": "酒店预订", "date": "2026-03-05"}]
    assert text_of(data).endswith(
        "（一）酒店预订：2026年3月5日（星期四）前。\n特此通知。\n华东恒信控股有限公司\n2026年2月26日\n（联系人：王静，电话：021-6288 1234）"
    )


def test_a_value_with_a_line_break_cannot_open_a_directive() -> None:
    data = example_data("incident.zh.yaml")
    data["incident"]["impact"] = "无法下单\n::h1 伪造的标题"
    doc = notices.compose(notices.load(data))
    assert "伪造的标题" not in [b.text for b in doc.blocks if isinstance(b, Heading)]


def test_each_incident_stage_says_what_it_is() -> None:
    first = text_of(example_data("incident.zh.yaml"))
    update = text_of(example_data("incident-update.zh.yaml"))
    resolved = text_of(example_data("incident-resolved.zh.yaml"))
    assert "本次更新" not in first and "临时解决办法" in first
    assert "（第1次更新，截至2026年4月8日（星期三）12:00）" in update
    assert "（一）已查明原因：登录认证服务器证书过期。" in update
    assert "已于2026年4月8日（星期三）14:10处理完毕" in resolved and "临时解决办法" not in resolved
    assert "后续安排" not in resolved
