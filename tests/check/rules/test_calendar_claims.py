"""What a notice says about the calendar: festival breaks, working days, and the year a weekday points to."""

from __future__ import annotations

import pytest

from notices.check.examples import run_example


def rules(snippet: str, rule: str) -> list[str]:
    return [f.message for f in run_example(snippet, only=rule)]


@pytest.mark.parametrize(
    "body",
    [
        "春节：2月10日（周一）至2月16日（周日），共7天。",  # 2025's Spring Festival was 29 January
        "端午节：6月10日至6月12日，共3天。",  # 端午 2025: 31 May
        "中秋节放假时间为9月19日至21日。",  # 中秋 2025: 6 October
    ],
)
def test_a_break_named_after_a_festival_it_does_not_contain(body: str) -> None:
    assert rules(f"sign_off: {{date: 2025-01-02}}\nbody: [{body}]", "P-FESTIVAL")


@pytest.mark.parametrize(
    "body",
    [
        "春节：1月28日至2月4日放假调休，共8天。",
        "国庆节、中秋节：10月1日至8日放假调休，共8天。",
        "清明节：4月4日至6日放假，共3天。",
        "春节前最后发货日为1月20日，1月25日至2月18日停止发货。",  # the range is not labelled 春节
        "我司春节放假时间为1月20日至2月10日。",  # a company's longer break still contains 正月初一
    ],
)
def test_breaks_that_contain_their_festival(body: str) -> None:
    assert rules(f"sign_off: {{date: 2025-01-02}}\nbody: [{body}]", "P-FESTIVAL") == []


def test_a_working_day_that_is_no_adjusted_working_day() -> None:
    found = rules(
        "sign_off: {date: 2023-09-01}\nbody: [9月29日至10月6日放假调休，共8天。9月23日（星期六）、10月7日（星期六）上班。]",
        "P-HOLIDAY",
    )
    assert len(found) == 1
    assert "2023年9月23日 is a Saturday" in found[0] and "2023年10月7日" in found[0]


def test_a_working_day_inside_the_break() -> None:
    found = rules("sign_off: {date: 2024-01-02}\nbody: [2月4日和2月17日为调休上班日。]", "P-HOLIDAY")
    assert len(found) == 1 and "2024年2月17日" in found[0] and "春节" in found[0]


def test_the_official_working_days_pass() -> None:
    assert (
        rules(
            "sign_off: {date: 2025-11-04}\nbody: [1月4日（周日）上班。2月14日（周六）、2月28日（周六）上班。]",
            "P-HOLIDAY",
        )
        == []
    )


def test_a_weekday_reads_a_date_in_the_year_the_notice_names() -> None:
    """A 2025 list published in July: 1月1日（周三） is 2025's New Year's Day, not 2026's (a Thursday)."""
    snippet = "title: 2025年邮政放假时间\nsign_off: {date: 2025-07-15}\nbody: [元旦：1月1日（周三）放假1天。]"
    assert rules(snippet, "P-WEEKDAY") == []
    assert rules(snippet.replace("（周三）", "（周五）"), "P-WEEKDAY")  # a weekday no year explains


def test_a_weekday_reads_a_date_in_the_weeks_just_past() -> None:
    """Published on 2 March about the Spring Festival just past: 2月4日（星期日） is 4 February 2024."""
    assert rules("sign_off: {date: 2024-03-02}\nbody: [2月4日（星期日）上班。]", "P-WEEKDAY") == []
    assert rules("sign_off: {date: 2024-09-02}\nbody: [2月4日（星期日）上班。]", "P-WEEKDAY")


def test_a_numbered_english_list_is_not_an_unbalanced_bracket() -> None:
    snippet = "lang: en\nbody: ['1) Holiday for Mid-Autumn Festival is 24 September 2026;', '2) we reopen on 25 September 2026.']"
    assert rules(snippet, "P-PAIRS") == []
    assert rules("lang: en\nbody: ['We reopen on Monday).']", "P-PAIRS") == [
        "“)” closes nothing: its ( is missing"
    ]


def test_open_punctuation_in_an_english_letter() -> None:
    both_bare = "lang: en\nsalutation: Dear Ms Lee\nclosing: Yours sincerely"
    assert rules(both_bare, "EN-SALUTE") == [] and rules(both_bare, "EN-CLOSE") == []
    one_bare = "lang: en\nsalutation: 'Dear Ms Lee,'\nclosing: Yours sincerely"
    assert rules(one_bare, "EN-CLOSE") == ["the closing has no comma after it"]


@pytest.mark.parametrize(
    "text", ["感谢支持，祝您新春快乐！。", "现将有关事项通知如下：。", "版本已更新。，请升级。"]
)
def test_two_marks_where_one_ends_the_sentence(text: str) -> None:
    assert rules(f"body: [{text}]", "P-PAIRS")


def test_a_question_asked_with_force_keeps_its_two_marks() -> None:
    assert rules("body: [真的停止发货了吗？！请尽快确认。]", "P-PAIRS") == []


def test_dear_my_is_no_salutation() -> None:
    assert any("Dear my" in m for m in rules("lang: en\nsalutation: 'Dear my friends,'", "EN-SALUTE"))
    assert rules("lang: en\nsalutation: 'Dear friends,'", "EN-SALUTE") == []


def test_a_december_day_beside_new_year_may_be_the_year_before() -> None:
    """A 2025 list: 元旦 1月1日（周三）, and 12月31日（周二） the day before it, in 2024."""
    snippet = (
        "title: 2025年放假安排\nsign_off: {date: 2025-07-15}\n"
        "body: [元旦：1月1日（周三）放假1天，12月31日（周二）上班。]"
    )
    assert rules(snippet, "P-WEEKDAY") == []
    assert rules(snippet.replace("12月31日（周二）", "12月31日（周五）"), "P-WEEKDAY")


def test_a_lead_in_names_the_festival_of_the_break_that_follows() -> None:
    """A Spring Festival notice left with another notice's 'Qingming Festival holiday as follows:'."""
    english = (
        "lang: en\nlocale: en-US\nsign_off: {date: 2022-01-20}\n"
        "body: ['We make arrangements for the Qingming Festival holiday as follows:',"
        " 'Vacation time: January 28 (Friday) to February 11 (Friday) 2022.']"
    )
    found = run_example(english, only="P-FESTIVAL")
    line = "body: ['We make arrangements for the Qingming"
    assert [(f.path, f.column) for f in found] == [
        ("body[0]", len(line) - len("Qingming") + 1)
    ]  # at the name
    assert run_example(english.replace("Qingming Festival", "Spring Festival"), only="P-FESTIVAL") == []
    chinese = "sign_off: {date: 2025-01-02}\nbody: [现将清明节放假安排通知如下：, 1月28日至2月4日放假。]"
    assert rules(chinese, "P-FESTIVAL") and rules(chinese.replace("清明节", "春节"), "P-FESTIVAL") == []


def test_an_english_break_named_after_its_festival() -> None:
    good = (
        "lang: en\nbody: ['Our office closes for the Chinese New Year holiday from 15 to 23 February 2026.']"
    )
    assert rules(good, "P-FESTIVAL") == []
    assert rules(good.replace("15 to 23 February", "2 to 8 March"), "P-FESTIVAL")


def test_a_weekday_in_brackets_after_an_english_date() -> None:
    assert (
        rules("lang: en\nlocale: en-US\nbody: ['We resume on February 24, 2026 (Tuesday).']", "P-WEEKDAY")
        == []
    )
    assert rules(
        "lang: en\nlocale: en-US\nbody: ['We resume on February 24, 2026 (Monday).']", "P-WEEKDAY"
    ) == ["24 February 2026 is a Tuesday, not a Monday"]


def test_a_paragraph_whose_weekdays_deny_its_year_is_one_weekday_finding() -> None:
    """2008's 端午 schedule left in a 2022 page: the weekdays say the year is wrong, and that is the finding;
    the festival and the working day read against 2022's calendar would tell the same mistake twice."""
    body = "端午节：6月7日—9日放假，共3天。其中：6月7日（星期六）照常公休，6月9日（星期一）上班。"
    snippet = f"sign_off: {{date: 2021-12-10}}\nbody: [{body}]"
    assert rules(snippet, "P-WEEKDAY")
    assert rules(snippet, "P-FESTIVAL") == []
    # last year's year left on a working day: 2023年2月4日 was a Saturday, so the 星期日 beside it is wrong
    stale = "sign_off: {date: 2024-01-12}\nbody: [2023年2月4日（星期日）、2月18日（星期日）上班。]"
    assert rules(stale, "P-WEEKDAY") and rules(stale, "P-HOLIDAY") == []
    # the same schedule with 2022's own weekdays: the festival is then the finding
    right_days = "端午节：6月7日—9日放假，共3天。其中：6月7日（星期二）照常上班。"
    assert rules(f"sign_off: {{date: 2021-12-10}}\nbody: [{right_days}]", "P-FESTIVAL") == [
        "端午节 2022 is on 2022年6月3日, outside the break “6月7日—9日” named after it"
    ]


def test_a_company_reopening_on_a_weekday_after_its_own_shorter_break() -> None:
    """2025's 国庆 break ran to 8 October; a company that states its own break to the 7th reopens on the 8th,
    a Wednesday the schedule rests on in exchange for a weekend: its choice, not a mistake."""
    own = "国庆节：10月1日（周三）至10月7日（周二），共7天，10月8日（周三）上班。"
    assert rules(f"sign_off: {{date: 2025-07-15}}\nbody: [{own}]", "P-HOLIDAY") == []
    # a Sunday called a working day after the same kind of break is no adjusted working day
    sunday = "劳动节：5月1日（周四）至5月3日（周六），共3天，5月4日（周日）上班。"
    assert rules(f"sign_off: {{date: 2025-03-15}}\nbody: [{sunday}]", "P-HOLIDAY") == [
        "2025年5月4日 is said to be a working day, but it falls in the 劳动节 holiday (2025年5月1日–2025年5月5日)"
    ]
    # a day inside the break that does not follow the notice's own range is still a warning
    inside = "国庆节：10月1日至10月5日放假，10月8日（周三）上班。"
    assert rules(f"sign_off: {{date: 2025-07-15}}\nbody: [{inside}]", "P-HOLIDAY")


def test_a_past_year_in_a_paragraph_is_one_finding() -> None:
    body = "2021年春节放假安排：2021年2月11日至2月17日放假，共7天。"
    assert rules(f"sign_off: {{date: 2024-03-02}}\nbody: [{body}]", "P-YEAR") == [
        "2021年春节 was on 2021年2月12日, before this notice's date 2024年3月2日"
    ]


def test_a_count_of_days_with_a_verb_between_is_checked() -> None:
    """“共放假14天” for 11 to 25 February (15 days) is the same mistake as “共14天”."""
    snippet = "sign_off: {date: 2015-01-31}\nbody: [放假时间：2015年2月11日至2015年2月25日，共放假14天。]"
    assert [f.fix for f in run_example(snippet, only="P-TIMELINE")] == [
        "write 共放假15天, or correct the dates"
    ]
    assert run_example(snippet.replace("共放假14天", "共放假15天"), only="P-TIMELINE") == []
