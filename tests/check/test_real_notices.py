"""Well-formed notices pass clean: the State Council's 2026 holiday notice, and every example in examples/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notices.check import check_file, check_notice
from notices.check.calendar import holiday_breaks, is_adjusted_workday
from notices.cli.check import expand_specs
from notices.reader import loads

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号), as published on 4 November 2025.
STATE_COUNCIL_2026 = """\
profile: gbt9704
issuer:
  name: 国务院办公厅
  doc_number: 国办发明电〔2025〕7号
title: 国务院办公厅关于2026年部分节假日安排的通知
salutation: 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
body:
  - 经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
  - 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
  - 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
  - 三、清明节：4月4日（周六）至6日（周一）放假，共3天。
  - 四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
  - 五、端午节：6月19日（周五）至21日（周日）放假，共3天。
  - 六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
  - 七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
  - 节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
closing: ""
sign_off:
  issuer: 国务院办公厅
  date: 2025-11-04
"""


def test_the_state_council_schedule_written_here_is_the_real_one() -> None:
    """The spec's dates are the official ones (as the holidays package carries them), so passing means something."""
    spans = {b.name: (b.first, b.last) for b in holiday_breaks(2026)}
    assert spans["春节"] == (dt.date(2026, 2, 15), dt.date(2026, 2, 23))
    assert spans["国庆节"] == (dt.date(2026, 10, 1), dt.date(2026, 10, 7))
    assert spans["劳动节"] == (dt.date(2026, 5, 1), dt.date(2026, 5, 5))
    workdays = [dt.date(2026, 1, 4), dt.date(2026, 2, 14), dt.date(2026, 2, 28), dt.date(2026, 5, 9)]
    workdays += [dt.date(2026, 9, 20), dt.date(2026, 10, 10)]
    assert all(is_adjusted_workday(day) for day in workdays)


def test_state_council_holiday_notice_gives_no_error_and_no_warning() -> None:
    findings = check_notice(loads(STATE_COUNCIL_2026, file="state-council-2026.yaml"))
    assert [f for f in findings if f.severity != "info"] == []


def test_a_wrong_weekday_in_the_state_council_notice_is_caught() -> None:
    """The same text with one weekday wrong: the clean result above is not the checker seeing nothing."""
    wrong = STATE_COUNCIL_2026.replace("5月1日（周五）", "5月1日（周四）")
    findings = check_notice(loads(wrong, file="state-council-2026.yaml"))
    assert [(f.rule, f.severity, f.line) for f in findings] == [("P-WEEKDAY", "error", 12)]
    assert "星期五" in findings[0].message or "Friday" in findings[0].message


SPECS = [p for p in expand_specs([str(EXAMPLES)])[0] if "mistakes" not in p.relative_to(EXAMPLES).parts]


@pytest.mark.parametrize("spec", SPECS, ids=[p.name for p in SPECS])
def test_every_example_gives_no_error_and_no_warning(spec: Path) -> None:
    findings = check_file(spec)
    assert [
        f"{f.line}:{f.column} {f.severity} {f.rule} {f.message}" for f in findings if f.severity != "info"
    ] == []


def test_there_are_examples_to_check_and_house_styles_are_not_taken_for_specs() -> None:
    assert len(SPECS) >= 2
    assert not [p for p in SPECS if p.name == "house.yaml"]
