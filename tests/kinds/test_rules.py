"""The kind rules find contradictions in a kind's facts, each at the field it is about."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

import notices
from notices.check import Finding, check_notice

from .conftest import EXAMPLES, HOUSE_STYLE_EXAMPLES, KIND_EXAMPLES


def findings(example: str, change: dict[str, Any], rule: str) -> list[Finding]:
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    for dotted, value in change.items():
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[last] = value
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return check_notice(notices.loads(text, file="spec.yaml"), only=[rule])


@pytest.mark.parametrize("spec", [EXAMPLES / n for n in KIND_EXAMPLES] + HOUSE_STYLE_EXAMPLES, ids=str)
def test_every_example_passes_every_rule(spec: Path) -> None:
    assert check_notice(notices.load(spec)) == []


@pytest.mark.parametrize(
    ("example", "change", "rule", "path", "severity", "says"),
    [
        (
            "stockup.zh.yaml",
            {"stockup.order_deadline.date": "2026-02-16"},
            "K-STOCKUP",
            "stockup.order_deadline.date",
            "error",
            "is not before the holiday starts",
        ),
        (
            "stockup.zh.yaml",
            {"stockup.order_deadline.date": "2026-02-11"},
            "K-STOCKUP",
            "stockup.order_deadline.date",
            "warning",
            "cannot ship before the holiday",
        ),
        (
            "stockup.en.yaml",
            {"stockup.shipping_resume": "2026-02-08"},
            "K-STOCKUP",
            "stockup.shipping_resume",
            "error",
            "before it stops",
        ),
        (
            "stockup.zh.yaml",
            {"stockup.shipping_resume": "2026-02-20"},
            "K-STOCKUP",
            "stockup.shipping_resume",
            "warning",
            "inside the holiday",
        ),
        (
            "stockup.zh.yaml",
            {"stockup.plan_confirm_by": "2026-01-02"},
            "K-STOCKUP",
            "stockup.plan_confirm_by",
            "error",
            "before the issue date",
        ),
        (
            "holiday.zh.yaml",
            {"holiday.workdays": ["2026-10-03"]},
            "K-HOLIDAY",
            "holiday.workdays[0]",
            "error",
            "both a day off",
        ),
        (
            "holiday.zh.yaml",
            {"holiday.workdays": ["2026-09-27"]},
            "K-HOLIDAY",
            "holiday.workdays[0]",
            "warning",
            "does not make",
        ),
        (
            "holiday.en.yaml",
            {"holiday.end": "2026-09-29"},
            "K-HOLIDAY",
            "holiday.end",
            "error",
            "ends (2026年9月29日) before it starts",
        ),
        (
            "price.zh.yaml",
            {"price.items.0.change_percent": 4},
            "K-PRICE",
            "price.items[0].change_percent",
            "error",
            "3200 → 3380 is a change of 5.62%, not 4%",
        ),
        (
            "price.en.yaml",
            {"price.items.1.new": 0},
            "K-PRICE",
            "price.items[1].new",
            "error",
            "new price of Urea N46 is 0",
        ),
        (
            "price.zh.yaml",
            {"price.in_transit.price": "new"},
            "K-PRICE",
            "price.in_transit.deliver_by",
            "warning",
            "not printed",
        ),
        (
            "meeting.zh.yaml",
            {"meeting.end_date": "2026-03-18"},
            "K-MEETING",
            "meeting.end_date",
            "error",
            "ends (2026年3月18日) before it starts",
        ),
        (
            "meeting.en.yaml",
            {"meeting.reply_by": "2026-03-25"},
            "K-MEETING",
            "meeting.reply_by",
            "error",
            "after the meeting",
        ),
        (
            "meeting.zh.yaml",
            {"meeting.date": "2026-04-05", "meeting.end_date": None},
            "K-MEETING",
            "meeting.date",
            "warning",
            "清明节",
        ),
        (
            "incident.zh.yaml",
            {"incident.next_update": "2026-04-08 09:00"},
            "K-INCIDENT",
            "incident.next_update",
            "error",
            "not after the incident started",
        ),
        (
            "incident-update.en.yaml",
            {"incident.update.at": "2026-04-08 08:00"},
            "K-INCIDENT",
            "incident.update.at",
            "error",
            "before the incident started",
        ),
        (
            "incident-update.zh.yaml",
            {"incident.next_update": "2026-04-08 11:30"},
            "K-INCIDENT",
            "incident.next_update",
            "error",
            "not after this update",
        ),
        (
            "incident-resolved.zh.yaml",
            {"incident.status": "monitoring", "incident.next_update": "2026-04-08 18:00"},
            "K-INCIDENT",
            "incident.status",
            "error",
            "gives a resolution",
        ),
        (
            "incident.en.yaml",
            {"incident.started": "2026-04-09 09:20", "incident.next_update": "2026-04-09 12:00"},
            "K-INCIDENT",
            "incident.started",
            "error",
            "after the notice's date",
        ),
    ],
)
def test_a_contradiction_is_found_at_its_field(
    example: str, change: dict[str, Any], rule: str, path: str, severity: str, says: str
) -> None:
    found = findings(example, change, rule)
    assert [(f.path, f.severity) for f in found] == [(path, severity)], found
    assert says in found[0].message
    assert found[0].line is not None


def test_the_meeting_stays_within_its_day() -> None:
    found = findings("meeting.zh.yaml", {"meeting.end_date": None, "meeting.end": "8:30"}, "K-MEETING")
    assert [f.message for f in found] == ["the meeting ends at 08:30, not after it starts at 09:00"]


def test_placeholders_in_phone_and_email_are_unfilled_values() -> None:
    found = findings("stockup.zh.yaml", {"stockup.duty.phone": "【待补：值班电话】"}, "K-UNFILLED")
    assert [(f.path, f.column) for f in found] == [("stockup.duty.phone", 12)]
    assert findings("incident.en.yaml", {"incident.contact.phone": "[TODO: phone number]"}, "K-UNFILLED")


def test_a_deadline_on_a_public_holiday_is_a_warning() -> None:
    today = dt.date(2026, 1, 5)
    data = yaml.safe_load((EXAMPLES / "meeting.en.yaml").read_text(encoding="utf-8"))
    data["meeting"]["reply_by"] = dt.date(2026, 2, 17)
    data["sign_off"]["date"] = today
    found = check_notice(notices.load(data), only=["K-MEETING"])
    assert [(f.severity, f.path) for f in found] == [("warning", "meeting.reply_by")]
    assert "春节" in found[0].message
