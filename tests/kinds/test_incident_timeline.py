"""An incident's timeline names each day once: events on the day of the one before give their time alone.

Section's outage of May 11, 2021 (corpus/real/en-section-2021-portal-outage) has nine updates on one day; each
printed "… on Tuesday, May 11, 2021", nine times over. A status page, and 环信's 事件经过, write the day once and
the times after it, and the day again when it changes (23:55 one night, 3:10 the next morning).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import notices

from .conftest import flat, pdf_text

TIMELINE = [
    {"at": "2021-05-10 23:55", "text": "The portal went down."},
    {"at": "2021-05-11 02:35", "text": "We began investigating."},
    {"at": "2021-05-11 03:40", "text": "Access to the portal was restored."},
    {"at": "a little later", "text": "Logs were back."},
    {"at": "2021-05-11 07:47", "text": "Workarounds were in place."},
]


def incident(lang: str) -> dict[str, Any]:
    locale = {"locale": "en-US"} if lang == "en" else {}
    return {
        **locale,
        "kind": "incident",
        "lang": lang,
        "issuer": {"name": "Section" if lang == "en" else "恒信科技有限公司"},
        "title": "Portal outage: resolved" if lang == "en" else "关于订货平台故障处理结果的通知",
        "incident": {
            "summary": "an outage of the portal" if lang == "en" else "订货平台无法访问",
            "timeline": TIMELINE,
            "status": "resolved",
            "resolution": {"resolved_at": "2021-05-11 15:42"},
        },
        "sign_off": {"date": "2021-05-11"},
    }


def test_an_english_timeline_names_each_day_once(tmp_path: Path) -> None:
    text = notices.compose(notices.load(incident("en"))).plain_text().replace("\xa0", " ")  # 3:40 AM
    assert "11:55 PM on Monday, May 10, 2021: The portal went down." in text
    assert "2:35 AM on Tuesday, May 11, 2021: We began investigating." in text
    assert "3:40 AM: Access to the portal was restored." in text
    assert "a little later: Logs were back." in text
    assert "7:47 AM: Workarounds were in place." in text  # after words, the day is still the one named
    # The date line, the opening, the timeline's day and the resolution.
    assert text.count("May 11, 2021") == 4


def test_a_chinese_timeline_names_each_day_once(tmp_path: Path) -> None:
    notice = notices.load(incident("zh"))
    paths = {p.suffix: p for p in notices.render(notice, tmp_path / "out", check=False)}
    text = flat(pdf_text(paths[".pdf"]))
    assert "2021年5月10日（星期一）23:55，" in text
    assert "2021年5月11日（星期二）2:35，" in text
    assert "（三）3:40，" in text
    assert "（五）7:47，" in text  # after words, the day is still the one named
    assert (
        text.count("2021年5月11日（星期二）") == 3
    )  # the timeline's day, the opening's and the resolution's
