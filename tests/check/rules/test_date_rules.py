"""P-WEEKDAY, P-DATE-REAL, P-YEAR, P-TIMELINE, P-HOLIDAY, B-DATE, EN-DATE on the cases their examples leave out."""

from __future__ import annotations

import pytest

from notices.check.examples import run_example
from notices.check.findings import Finding


def find(snippet: str, rule_id: str) -> list[Finding]:
    return run_example(snippet, only=rule_id)


def test_weekday_without_a_year_follows_the_issue_date_and_says_so() -> None:
    # Dated 2026-11-26, "1月5日" means 5 January 2027, a Tuesday; it was a Monday in 2026.
    found = find("sign_off: {date: 2026-11-26}\nbody: [1月5日（周一）起恢复发货。]", "P-WEEKDAY")
    assert len(found) == 1
    assert "reads it as 2027" in found[0].message and "2026年1月5日" in found[0].fix
    assert find("sign_off: {date: 2026-11-26}\nbody: [2026年12月28日（周一）起恢复发货。]", "P-WEEKDAY") == []


def test_weekday_of_a_range_end_and_a_lunar_date_are_checked() -> None:
    found = find("body: [2月15日（周日）至23日（周二）放假。]", "P-WEEKDAY")
    assert len(found) == 1 and "星期一" in found[0].message.replace("周一", "星期一")
    assert find("body: [除夕（2月16日）起放假。]", "P-WEEKDAY") == []
    assert len(find("body: [除夕（2月17日）起放假。]", "P-WEEKDAY")) == 1


def test_day_counts_pair_with_their_range() -> None:
    assert find("body: [2月15日至23日放假，共9天；5月1日至5日放假，共5天。]", "P-TIMELINE") == []
    found = find("body: [2月15日至23日放假，共9天；5月1日至5日放假，共4天。]", "P-TIMELINE")
    assert len(found) == 1 and "5 days" in found[0].message


def test_windows_of_hours_run_forwards_and_name_the_day_they_end() -> None:
    """停水/停电/系统升级 windows (corpus/planted/zh-boc-windows.yaml): the times are compared, not only the days."""
    forwards = [
        "7月29日23:00至次日02:55",
        "7月29日23:00至翌日凌晨4点",
        "7月29日21:00至30日06:15",
        "7月29日23:00至7月30日04:00",
        "7月30日00:00至03:00",
        "7月30日22:00至24:00",
        "7月30日晚上8点至10点",
        "7月30日（周日）02:00—06:00",
    ]
    for window in forwards:
        assert find(f"sign_off: {{date: 2026-07-20}}\nbody: [停水时间：{window}。]", "P-TIMELINE") == [], (
            window
        )
    same_day = find(
        "sign_off: {date: 2026-07-20}\nbody: [停水时间：7月29日23:00至7月29日04:00。]", "P-TIMELINE"
    )
    assert len(same_day) == 1 and same_day[0].severity == "error" and same_day[0].column == 24
    overnight = find("sign_off: {date: 2026-07-20}\nbody: [停水时间：7月29日23:00至4:00。]", "P-TIMELINE")
    assert len(overnight) == 1 and overnight[0].severity == "warning"
    assert "至次日04:00" in overnight[0].fix and overnight[0].column == 24
    table = "sign_off: {date: 2026-07-20}\nbody:\n  - table:\n      rows: [[业务, 时间], [网银, 7月30日08:00至06:00]]"
    assert len(find(table, "P-TIMELINE")) == 1


def test_as_of_and_start_dates_are_not_deadlines() -> None:
    past = "body: [截至2025年12月31日，已收到订单120份；2025年12月1日起执行新价格。]"
    assert find(past, "P-TIMELINE") == []
    assert len(find("body: [截止时间为2025年12月31日17:00。]", "P-TIMELINE")) == 1


def test_deadline_on_an_adjusted_working_day_is_fine_and_on_a_holiday_is_not() -> None:
    assert find("deadlines: [{label: 下单, date: 2026-02-28}]", "P-HOLIDAY") == []  # 调休上班
    assert find("deadlines: [{label: 下单, date: 2026-02-13}]", "P-HOLIDAY") == []  # the Friday before
    found = find("deadlines: [{label: 下单, date: 2026-02-21}]", "P-HOLIDAY")
    assert (
        len(found) == 1 and "春节" in found[0].message and "2026年2月15日–2026年2月23日" in found[0].message
    )


def test_holiday_outside_the_known_schedules_uses_the_statutory_days() -> None:
    """2030: no State Council schedule yet, so only 除夕 to 初三 count (Spring Festival 2030 is 3 February)."""
    snippet = "sign_off: {date: 2029-12-01}\ndeadlines: [{label: 下单, date: %s}]"
    assert len(find(snippet % "2030-02-03", "P-HOLIDAY")) == 1
    assert find(snippet % "2030-02-08", "P-HOLIDAY") == []


def test_a_festival_year_already_past_is_a_leftover() -> None:
    assert len(find("sign_off: {date: 2026-12-20}\nbody: [2026年春节期间的订单已全部发出。]", "P-YEAR")) == 1
    assert find("sign_off: {date: 2026-12-20}\nbody: [2027年春节即将来临。]", "P-YEAR") == []
    assert find("sign_off: {date: 2026-02-20}\nbody: [2026年春节期间的订单将于节后发出。]", "P-YEAR") == []


# The end of a term is years ahead in real notices: Microsoft's lifecycle notice of June 2021 gave Windows 10's
# end of support as 14 October 2025 (reported on https://www.aluth.com/2021/06/windows-10-is-getting-ready-to-
# say-goodbye.html); a 停服 notice names the day a service stops. An order deadline years ahead is still a slip.
@pytest.mark.parametrize(
    "snippet",
    [
        "lang: en\nsign_off: {date: 2021-06-16}\nbody: ['Windows 10 Home and Pro will reach end of support on "
        "October 14, 2025.']",
        "lang: en\nsign_off: {date: 2021-06-16}\nbody: ['Security updates continue until 14 October 2025.']",
        "sign_off: {date: 2021-06-16}\nbody: [Windows 10家庭版和专业版将于2025年10月14日终止支持。]",
        "sign_off: {date: 2026-03-02}\nbody: [已签订的年度合同有效期至2029年3月1日。]",
    ],
)
def test_the_end_of_a_term_years_ahead_is_no_slip(snippet: str) -> None:
    assert find(snippet, "P-YEAR") == []


def test_an_order_deadline_years_ahead_is_a_slip() -> None:
    assert len(find("sign_off: {date: 2026-03-02}\nbody: [请于2062年3月6日下单。]", "P-YEAR")) == 1
    found = find("lang: en\nsign_off: {date: 2026-03-02}\nbody: [Please order by 6 March 2062.]", "P-YEAR")
    assert len(found) == 1 and "two years after" in found[0].message


def test_document_number_year_follows_the_issue_date() -> None:
    snippet = "issuer: {name: 华东恒信控股有限公司, doc_number: 恒信发〔2026〕1号}\nsign_off: {date: %s}"
    assert find(snippet % "2026-12-31", "P-YEAR") == []
    found = find(snippet % "2027-01-04", "P-YEAR")
    assert len(found) == 1 and found[0].severity == "error" and found[0].column == 44


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("2026-01-20", "2026年1月20日"),
        ("2026/1/20", "2026年1月20日"),
        ("2026.1.20", "2026年1月20日"),
        ("2026年01月20日", "2026年1月20日"),
        ("二〇二六年一月二十日", "2026年1月20日"),
        ("２０２６年１月２０日", "2026年1月20日"),
    ],
)
def test_date_forms_are_rewritten_to_the_standard_one(written: str, fixed: str) -> None:
    found = find(f"body: [请于{written}前确认。]", "B-DATE")
    assert len(found) == 1 and found[0].edit is not None and found[0].edit.replacement == fixed


@pytest.mark.parametrize("written", ["2022.8.26", "2022-08-26", "2022/8/26", "2022年08月26日"])
def test_a_table_cell_is_held_to_the_date_form_as_body_text_is(written: str) -> None:
    """长乐供电's outage table (corpus/real/zh-changle-2022-tingdian) dates its rows 2022.8.26. No standard gives
    that form (GB/T 15835-2011 writes 2022年8月26日, GB/T 7408 2022-08-26; GB/T 9704's reference list says not
    2026.1.5), and a table is read as the text around it: the same finding, the same fix, in a cell as in a
    paragraph."""
    in_text = find(f"body: [停电日期为{written}。]", "B-DATE")
    in_cell = find(
        f"body:\n  - table:\n      rows: |\n        日期\t区域\n        {written}\t东平村\n", "B-DATE"
    )
    assert [(f.message, f.fix) for f in in_cell] == [(f.message, f.fix) for f in in_text]
    assert (
        len(in_cell) == 1 and in_cell[0].edit is not None and in_cell[0].edit.replacement == "2022年8月26日"
    )


def test_english_dates_follow_the_locale() -> None:
    found = find("lang: en\nlocale: en-US\nbody: [Orders close on 6 February 2026.]", "EN-DATE")
    assert [(f.severity, f.edit.replacement if f.edit else None) for f in found] == [
        ("warning", "February 6, 2026")
    ]
    iso = find("lang: en\nbody: [Orders close on 2026-02-06.]", "EN-DATE")
    assert [f.edit.replacement if f.edit else None for f in iso] == ["6 February 2026"]
    assert find("lang: en\nbody: [Version 1.2.3 ships on 6 February 2026.]", "EN-DATE") == []


def test_impossible_dates_in_english_and_chinese() -> None:
    assert len(find("body: [2027年2月29日起执行。]", "P-DATE-REAL")) == 1
    # Without a year, the issue date decides which February is meant (P-YEAR).
    assert len(find("body: [2月29日起执行。]", "P-DATE-REAL")) == 1
    assert find("sign_off: {date: 2027-12-01}\nbody: [2月29日起执行。]", "P-DATE-REAL") == []
    assert len(find("lang: en\nbody: [Shipping resumes on 31 April 2026.]", "P-DATE-REAL")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "body: [2022年1月31日-2022年2月7日期间只接单不发货，2月7日恢复正常发货。]",
        "body: [2026年2月15日至2月24日放假，2月24日（星期二）正常上班。]",
        "lang: en\nbody: [The holiday from 19th January to 3rd February 2026. We will be back to work on 3rd February 2026.]",
    ],
)
def test_work_resuming_on_a_day_of_the_break_is_an_error(text: str) -> None:
    assert "P-TIMELINE" in {f.rule for f in run_example(text)}


@pytest.mark.parametrize(
    "text",
    [
        "body: [2026年2月15日至23日放假，2月24日恢复正常发货。]",
        "body: [2026年2月15日至23日停止发货，2月20日恢复接单。]",  # another activity resumes
        "lang: en\nbody: [We are closed from 15 to 23 February 2026 and back to work on 24 February 2026.]",
    ],
)
def test_work_resuming_after_the_break_is_fine(text: str) -> None:
    assert "P-TIMELINE" not in {f.rule for f in run_example(text)}
