"""Each kind's facts are typed: leaving out what a reader needs is a load error that names the field."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import notices
from notices.errors import SpecError
from notices.kinds.facts import Moment

from .conftest import EXAMPLES


def example_data(name: str) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as caught:
        notices.load(data)
    return [f"{p.path}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("example", "section", "field"),
    [
        ("stockup.zh.yaml", "stockup", "holiday"),
        ("stockup.zh.yaml", "stockup", "holiday_start"),
        ("stockup.en.yaml", "stockup", "holiday_end"),
        ("holiday.zh.yaml", "holiday", "end"),
        ("holiday.en.yaml", "holiday", "start"),
        ("price.zh.yaml", "price", "items"),
        ("price.en.yaml", "price", "items"),
        ("meeting.zh.yaml", "meeting", "name"),
        ("meeting.en.yaml", "meeting", "date"),
        ("incident.zh.yaml", "incident", "summary"),
        ("incident.en.yaml", "incident", "status"),
        ("incident-resolved.zh.yaml", "incident", "status"),
    ],
)
def test_leaving_out_a_required_fact_names_it(example: str, section: str, field: str) -> None:
    data = example_data(example)
    del data[section][field]
    assert problems_of(data) == [f"{section}.{field}: missing required key {field!r}"]


def test_a_missing_fact_exits_2_from_the_command_line(tmp_path: Path) -> None:
    data = example_data("meeting.zh.yaml")
    del data["meeting"]["date"]
    spec = tmp_path / "meeting.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "notices", "render", str(spec), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "missing required key 'date' [meeting.date]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_kind_needs_its_section_and_no_other() -> None:
    data = example_data("stockup.zh.yaml")
    data["kind"] = "holiday"
    found = problems_of(data)
    assert "holiday: missing required key 'holiday'" in found
    assert any(p.startswith("stockup: a stockup: section is read only when kind is stockup") for p in found)


def test_a_misspelt_kind_suggests_the_right_one() -> None:
    data = example_data("stockup.zh.yaml")
    data["kind"] = "Stockup"
    (problem,) = problems_of(data)
    assert problem.startswith("kind: did you mean 'stockup'?")


def test_an_unknown_key_inside_a_section_suggests_the_right_one() -> None:
    data = example_data("stockup.zh.yaml")
    data["stockup"]["stock_day"] = data["stockup"].pop("stock_days")
    found = problems_of(data)
    assert "stockup.stock_day: unknown key 'stock_day'" in found


def test_a_moment_is_a_mapping_or_one_string_and_an_order_deadline_may_be_a_date_alone() -> None:
    data = example_data("stockup.zh.yaml")
    data["stockup"]["order_deadline"] = "2026-02-06 17:30"
    stockup = notices.load(data).spec.stockup
    assert stockup is not None and isinstance(stockup.order_deadline, Moment)
    assert stockup.order_deadline.at == dt.datetime(2026, 2, 6, 17, 30)
    data["stockup"]["order_deadline"] = dt.date(2026, 2, 6)
    stockup = notices.load(data).spec.stockup
    assert stockup is not None and stockup.order_deadline == dt.date(2026, 2, 6)
    assert "截止时间为2026年2月6日（星期五），此后" in notices.compose(notices.load(data)).plain_text()


def test_a_time_is_a_date_and_time_or_the_notices_own_words() -> None:
    data = example_data("incident.zh.yaml")
    data["incident"]["started"] = "4月8日晚间"
    assert notices.load(data).spec.incident.started == "4月8日晚间"  # type: ignore[union-attr]
    assert "4月8日晚间起，我司" in notices.compose(notices.load(data)).plain_text()
    data["incident"]["started"] = dt.date(2026, 4, 8)
    (problem,) = problems_of(data)
    assert problem.startswith("incident.started: a time of day is needed too")
    data["incident"]["started"] = "2026-04-31 09:00"  # a date that does not exist is an error, not words
    (problem,) = problems_of(data)
    assert problem.startswith("incident.started") and "impossible date" in problem


def test_a_price_line_needs_both_prices_or_a_percentage() -> None:
    data = example_data("price.zh.yaml")
    data["price"]["items"] = [{"product": "尿素", "old": 2450}]
    (problem,) = problems_of(data)
    assert problem.startswith("price.items[0]: give the new price")
    data["price"]["items"] = [{"product": "尿素", "change_percent": -3.5}]
    price = notices.load(data).spec.price
    assert price is not None and price.items[0].change_percent == Decimal("-3.5")


@pytest.mark.parametrize("field", ["old", "new", "change_percent", "change_amount", "cap"])
def test_a_price_beyond_any_notice_is_refused_where_it_is_written(field: str) -> None:
    """Not found later by a rule that fails inside ("internal error in rule K-PRICE") or by the template."""
    data = example_data("price.zh.yaml")
    data["price"]["items"][0][field] = 10**30
    assert problems_of(data) == [
        f"price.items[0].{field}: larger than any price a notice states (the limit is 10^15)"
        " (got 1000000000000000000000000000000)"
    ]
    if field != "cap":  # a cap needs a percentage to limit
        data["price"]["items"][0][field] = Decimal("999999999999999.99")  # the largest a notice prints
        notices.load(data)


def test_a_price_line_may_give_a_range_of_percentages() -> None:
    """固铂轮胎 2022: "上调PCR全线产品的供应价格3%至5%" (corpus/real/zh-cooper-2022-tiaojia): a category's range."""
    data = example_data("price.zh.yaml")
    data["price"]["items"] = [{"product": "PCR全线产品", "change_percent": 3, "change_percent_to": 5}]
    notice = notices.load(data)
    assert notice.spec.price is not None and notice.spec.price.items[0].change_percent_to == Decimal("5")
    assert "PCR全线产品价格上调3%～5%" in notices.compose(notice).plain_text()
    english = example_data("price.en.yaml")
    english["price"]["items"] = [{"product": "PCR tyres", "change_percent": 3, "change_percent_to": 5}]
    assert "PCR tyres: an increase of 3% to 5%" in notices.compose(notices.load(english)).plain_text()
    for wrong in (
        {"change_percent": 5, "change_percent_to": 3},
        {"change_percent": -3, "change_percent_to": 5},
        {"old": 100, "new": 105, "change_percent": 3, "change_percent_to": 5},
        {"change_amount": 100, "change_percent_to": 5},
    ):
        data["price"]["items"] = [{"product": "PCR全线产品", **wrong}]
        (problem,) = problems_of(data)
        assert problem.startswith("price.items[0]: "), problem


def test_an_incident_knows_its_stage_and_an_update_needs_its_changes() -> None:
    resolved = notices.load(EXAMPLES / "incident-resolved.en.yaml").spec.incident
    assert resolved is not None and resolved.next_update is None and resolved.stage == "resolution"
    data = example_data("incident-update.en.yaml")
    assert notices.load(data).spec.incident.stage == "update"  # type: ignore[union-attr]
    del data["incident"]["update"]["changes"]
    assert problems_of(data) == ["incident.update.changes: missing required key 'changes'"]


def test_a_price_change_is_dated_by_effective_date_or_after() -> None:
    data = example_data("price.zh.yaml")
    del data["price"]["effective_date"]
    (problem,) = problems_of(data)
    assert problem.startswith("price: give effective_date: (the first day the change applies) or after:")
