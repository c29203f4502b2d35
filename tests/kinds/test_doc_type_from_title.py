"""What the writer calls the document decides how it closes: a title ending 公告 or 函 with no `doc_type:` closed
特此通知 before (a page a 行政 sends back), and an invitation (邀请函) closed 特此通知 after its own 敬请光临.
A single attachment is 附件, not 附件1 (GB/T 9704-2012 §7.3.4)."""

from __future__ import annotations

import notices


def closing_of(title: str, **extra: object) -> list[str]:
    spec = {
        "issuer": {"name": "黄石市城市水务集团有限公司"},
        "title": title,
        "body": ["9月20日23:00至9月21日07:00停水。"],
    }
    spec.update(extra)
    lines = notices.compose(notices.load(spec)).plain_text().splitlines()
    return [line for line in lines if line.startswith("特此") or "光临" in line]


def test_the_title_names_the_type_when_doc_type_does_not() -> None:
    assert closing_of("停水公告") == ["特此公告。"]
    assert closing_of("关于调整产品价格的函") == ["特此函告。"]
    assert closing_of("关于价格调整事宜的复函") == ["特此函复。"]
    assert closing_of("关于停水的通知") == ["特此通知。"]
    assert closing_of("春节放假安排") == ["特此通知。"]
    assert closing_of("停水公告", doc_type="通知") == ["特此通知。"]  # what the spec says wins


def test_an_invitation_closes_with_the_writers_wish() -> None:
    assert closing_of("2026年度经销商大会邀请函", body=["诚邀贵司出席。", "敬请光临！"]) == ["敬请光临！"]


MEETING = {
    "kind": "meeting",
    "issuer": {"name": "华东恒信控股有限公司"},
    "title": "2026年度经销商大会邀请函",
    "meeting": {
        "name": "2026年度经销商大会",
        "date": "2026-03-19",
        "reply_by": "2026-03-10",
        "reply_slip": True,
    },
    "sign_off": {"date": "2026-02-26"},
}


def test_one_attachment_is_not_numbered_and_two_are() -> None:
    text = notices.compose(notices.load(MEETING)).plain_text()
    assert "参会回执（附件）" in text and "附件1" not in text
    assert "\n附件\n" in text
    both = {**MEETING, "meeting": {**MEETING["meeting"], "proxy_form": True}}  # type: ignore[dict-item]
    text = notices.compose(notices.load(both)).plain_text()
    assert "参会回执（附件1）" in text and "授权委托书（附件2）" in text
    assert "\n附件1\n" in text and "\n附件2\n" in text
