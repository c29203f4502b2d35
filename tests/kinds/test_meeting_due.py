"""Meeting deadlines relative to the meeting: ``meeting.due: [{what, before: 48 hours, to, show_date}]``
(kinds-gaps.md G5). Printed as the notice words them ("no later than 48 hours before the meeting", "会前3天"),
with the moment they work out to when ``show_date`` is set; K-MEETING checks that moment like a dated one.
Read back from the PDF (pdfplumber) and the DOCX (python-docx).
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import notices

from .conftest import flat, pdf_text

ZH = """kind: meeting
title: 关于召开2026年度经销商大会的通知
issuer: {{name: 华东恒信控股有限公司}}
meeting:
  name: 2026年度经销商大会
  date: 2026-03-19
  {start}
  place: 恒信大厦三楼多功能厅
  attendees: [各经销商负责人]
  due:
    - {{what: 授权委托书, before: 3天, show_date: true, to: 公司办公室}}
    - {{what: 提案, before: {hours}, show_date: true}}
    - {{what: 书面意见, before: 1周}}
sign_off: {{date: {issued}}}
"""
EN = """kind: meeting
lang: en
locale: en-GB
title: Notice of Annual General Meeting
issuer: {name: Example Association}
meeting:
  name: the 2026 Annual General Meeting
  date: 2026-03-19
  start: '18:00'
  place: Ross House
  attendees: [All financial members]
  due:
    - {what: Completed proxy forms, before: 48 hours, to: the Secretary, show_date: true}
    - {what: Nominations, before: 72 hours, to: the Secretary}
sign_off: {date: 2026-02-20}
"""


def _spec(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _read_back(tmp_path: Path, text: str) -> tuple[str, str]:
    out = {
        p.suffix: p for p in notices.render(notices.load(_spec(tmp_path, text)), tmp_path / "m", check=False)
    }
    word = "\n".join(p.text for p in docx.Document(str(out[".docx"])).paragraphs)
    return flat(pdf_text(out[".pdf"])), flat(word)


def test_chinese_deadlines_before_the_meeting_print_the_phrase_and_the_day(tmp_path: Path) -> None:
    pdf, word = _read_back(tmp_path, ZH.format(start="start: '9:00'", hours="48小时", issued="2026-03-02"))
    for text in (pdf, word):
        assert "请于会前3天（即2026年3月16日前）将授权委托书送达公司办公室。" in text
        assert "请于会前48小时（即2026年3月17日9:00前）提交提案。" in text  # counted back from the start
        assert "请于会前1周提交书面意见。" in text  # no show_date: the phrase alone, as the notice writes it
        assert "2026年3月12日" not in text


def test_english_deadlines_before_the_meeting_print_the_phrase_and_the_moment(tmp_path: Path) -> None:
    pdf, word = _read_back(tmp_path, EN)
    for text in (pdf, word):
        assert (
            flat(
                "Completed proxy forms must reach the Secretary no later than 48 hours before the meeting, "
                "that is by 18:00 on Tuesday, 17 March 2026."  # counted back from the start, in en-GB's forms
            )
            in text
        )
        assert flat("Nominations must reach the Secretary no later than 72 hours before the meeting.") in text
        assert "16March2026" not in text  # 72 hours is not shown as a day


def test_a_deadline_before_the_meeting_that_is_already_past_is_an_error(tmp_path: Path) -> None:
    past = ZH.format(start="start: '9:00'", hours="48小时", issued="2026-03-17")
    findings = notices.check_notice(notices.load(_spec(tmp_path, past)))
    hits = [f for f in findings if f.rule == "K-MEETING" and f.severity == "error"]
    assert all("deadline for “" in f.message for f in hits)
    assert len(hits) == 2  # 3 days (16 March) and 1 week (12 March) before; 48 hours is 17 March itself
    assert all("due" in str(f.path) for f in hits)
    fine = ZH.format(start="start: '9:00'", hours="48小时", issued="2026-03-02")
    assert not [f for f in notices.check_notice(notices.load(_spec(tmp_path, fine))) if f.rule == "K-MEETING"]


def test_a_deadline_in_hours_needs_the_meetings_start(tmp_path: Path) -> None:
    with pytest.raises(notices.SpecError) as err:
        notices.load(_spec(tmp_path, ZH.format(start="", hours="48小时", issued="2026-03-02")))
    assert "no start time" in str(err.value) and "meeting.yaml" in str(err.value)


@pytest.mark.parametrize("before", ["soon", "0天", "-3 days", "3 months"])
def test_a_time_before_the_meeting_that_is_not_one_is_refused(tmp_path: Path, before: str) -> None:
    with pytest.raises(notices.SpecError) as err:
        notices.load(
            _spec(tmp_path, ZH.format(start="start: '9:00'", hours=f"'{before}'", issued="2026-03-02"))
        )
    assert "before the meeting" in str(err.value) and ":12:" in str(err.value)  # the line of that value
