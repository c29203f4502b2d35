"""Reading dates out of notice text: forms, offsets, years, ranges, weekdays, lunar dates, day counts."""

import datetime as dt
import subprocess
import sys

import pytest

from notices.check.dates import (
    DateMention,
    find_dates,
    find_day_counts,
    format_cn_date,
    format_weekday_cn,
    lunar_matches,
    pair_day_counts,
    weekday_matches,
)

D = dt.date

# From the State Council's notice on the 2026 holidays, issued in November 2025.
STATE_COUNCIL_2026 = (
    "现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。\n"
    "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n"
    "二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。"
    "2月14日（周六）、2月28日（周六）上班。\n"
)
ISSUED_2025 = D(2025, 11, 4)


def only(text: str, **kwargs: object) -> DateMention:
    mentions = find_dates(text, **kwargs)  # type: ignore[arg-type]
    assert len(mentions) == 1, mentions
    return mentions[0]


def test_state_council_notice_dates_years_weekdays_and_lunar_dates() -> None:
    mentions = find_dates(STATE_COUNCIL_2026, issue_date=ISSUED_2025)
    assert [(m.date, m.last.date) for m in mentions] == [
        (D(2026, 1, 1), D(2026, 1, 3)),
        (D(2026, 1, 4), D(2026, 1, 4)),
        (D(2026, 2, 15), D(2026, 2, 23)),
        (D(2026, 2, 14), D(2026, 2, 14)),
        (D(2026, 2, 28), D(2026, 2, 28)),
    ]
    for mention in mentions:
        for endpoint in mention.endpoints():
            assert weekday_matches(endpoint) is True, endpoint.text
    spring = mentions[2]
    assert spring.lunar is not None and (spring.lunar.month, spring.lunar.day) == (12, 28)
    assert spring.range_end is not None and spring.range_end.lunar is not None
    assert (spring.range_end.lunar.month, spring.range_end.lunar.day) == (1, 7)
    assert lunar_matches(spring) is True and lunar_matches(spring.range_end) is True
    assert spring.span_days == 9


def test_offsets_point_at_the_text() -> None:
    text = STATE_COUNCIL_2026
    new_year = find_dates(text, issue_date=ISSUED_2025)[0]
    assert (new_year.start, new_year.end) == (text.index("1月1日"), text.index("放假调休，共3天"))
    assert new_year.text == "1月1日（周四）至3日（周六）" == text[new_year.start : new_year.end]
    assert text[new_year.date_start : new_year.date_end] == "1月1日"
    assert new_year.weekday is not None and text[new_year.weekday.start : new_year.weekday.end] == "周四"
    end = new_year.range_end
    assert end is not None and end.text == "3日（周六）" and end.start == text.index("3日（周六）")
    assert end.weekday is not None and end.weekday.weekday == 5
    spring = find_dates(text, issue_date=ISSUED_2025)[2]
    assert spring.lunar is not None and spring.lunar.text == "农历腊月二十八"
    assert text[spring.lunar.start : spring.lunar.end] == "农历腊月二十八"


def test_stock_up_notice_deadline_with_time_and_a_wrong_weekday() -> None:
    text = "最后下单时间为2026年2月6日（星期五）17:00前；2月5日（星期三）起停止接单。"
    deadline, stop = find_dates(text)
    assert deadline.date == D(2026, 2, 6) and deadline.time == dt.time(17, 0)
    assert deadline.text == "2026年2月6日（星期五）17:00"
    assert weekday_matches(deadline) is True
    # 2026-02-05 is a Thursday: the stated 星期三 is wrong.
    assert stop.date == D(2026, 2, 5) and stop.year_source == "paragraph"
    assert stop.weekday is not None and stop.weekday.text == "星期三"
    assert weekday_matches(stop) is False


def test_a_wrong_lunar_date_is_caught() -> None:
    right = only("2026年2月15日（农历腊月二十八、周日）")
    wrong = only("2026年2月14日（农历腊月二十八）")  # 2026-02-14 is 腊月二十七
    assert lunar_matches(right) is True and weekday_matches(right) is True
    assert lunar_matches(wrong) is False
    assert lunar_matches(only("2026年2月14日")) is None


def test_new_years_eve_means_the_last_day_of_the_lunar_year() -> None:
    # 腊月 of lunar 2025 has 29 days, so 除夕 is 二十九 (2026-02-16), whatever the day number.
    eve = only("除夕（2026年2月16日）至大年初一（2026年2月17日）")
    assert eve.lunar is not None and (eve.lunar.month, eve.lunar.day) == (12, None)
    assert lunar_matches(eve) is True
    first_day = eve.range_end
    assert first_day is not None and first_day.lunar is not None and lunar_matches(first_day) is True
    assert lunar_matches(only("2026年2月16日（大年三十）")) is True
    assert lunar_matches(only("2026年2月15日（除夕）")) is False
    assert lunar_matches(only("2026年2月16日（农历腊月三十）")) is False  # that day does not exist


def test_a_lunar_date_before_a_bracketed_date() -> None:
    text = "除夕（2月16日）至正月初七（2月23日）放假"
    mention = only(text, context_year=2026)
    assert mention.start == 0 and mention.text == "除夕（2月16日）至正月初七（2月23日）"
    assert text[mention.date_start : mention.date_end] == "2月16日"
    assert mention.range_end is not None and mention.range_end.date == D(2026, 2, 23)
    assert lunar_matches(mention) is True and lunar_matches(mention.range_end) is True
    assert only("周五（2026年2月6日）").weekday is not None
    assert weekday_matches(only("周四（2026年2月6日）")) is False


@pytest.mark.parametrize(
    "text",
    [
        "2月30日",
        "2025年2月29日",
        "13月1日",
        "4月31日",
        "2026年0月5日",
        "2026-02-30",
        "二〇二五年二月二十九日",
    ],
)
def test_impossible_dates_are_found_with_no_date(text: str) -> None:
    mention = only(text, context_year=2025)
    assert mention.text == text
    assert mention.date is None and mention.exists is False


def test_possible_dates_exist() -> None:
    assert only("2024年2月29日").date == D(2024, 2, 29)
    assert only("2月29日").exists is None  # depends on a year nobody named
    assert only("2月28日").exists is True


@pytest.mark.parametrize(
    "text",
    [
        "价格上调1.5倍",
        "3.15消费者权益日",
        "版本v2.3.1已发布",
        "软件版本2026.1.2.3",
        "电话010-12345678，传真0755-2026-1234",
        "2026年度目标",
        "合计2026元",
        "12月份的订单",
        "2026年1月起",
        "每月5日结算",
        "请到3号楼领取",
        "1/20",
        "20260120",
        "农历八月十五日",
    ],
)
def test_things_that_are_not_dates_are_not_matched(text: str) -> None:
    assert find_dates(text, context_year=2026) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2月15日", D(2027, 2, 15)),  # before 26 November: next year's
        ("12月1日", D(2026, 12, 1)),
        ("11月26日", D(2026, 11, 26)),  # the issue date itself is "on or after"
        ("11月25日", D(2027, 11, 25)),
    ],
)
def test_year_is_the_first_such_date_on_or_after_the_issue_date(text: str, expected: dt.date) -> None:
    mention = only(text, issue_date=D(2026, 11, 26), context_year=2000)
    assert mention.date == expected and mention.year_source == "issue_date"
    assert mention.year_explicit is False


def test_a_year_named_earlier_in_the_paragraph_wins_over_the_issue_date() -> None:
    text = "现将2026年春节放假安排通知如下：2月15日至23日放假。"
    mention = only(text, issue_date=D(2026, 11, 26))
    assert mention.date == D(2026, 2, 15) and mention.year_source == "paragraph"
    assert only("2025年总结，2月5日开会", issue_date=D(2026, 1, 10)).date == D(2025, 2, 5)
    # The nearest earlier year wins.
    later = find_dates("2025年12月30日至2026年1月2日停运，1月3日恢复", issue_date=D(2025, 12, 1))[1]
    assert later.date == D(2026, 1, 3)


def test_a_year_in_another_paragraph_or_after_the_date_does_not_count() -> None:
    issued = D(2026, 1, 10)
    assert only("2025年总结\n2月5日开会", issue_date=issued).date == D(2026, 2, 5)
    assert only("2月5日开会，2025年总结", issue_date=issued).date == D(2026, 2, 5)
    # 年度 names a period, not the year of the dates that follow.
    assert only("2025年度结算截止2月5日", issue_date=issued).date == D(2026, 2, 5)


def test_relative_years_need_the_issue_date() -> None:
    this_year, next_year = find_dates("今年2月5日，明年2月5日", issue_date=D(2026, 1, 5))
    assert (this_year.date, next_year.date) == (D(2026, 2, 5), D(2027, 2, 5))


def test_context_year_is_the_last_resort_and_no_year_means_no_date() -> None:
    assert only("2月5日", context_year=2030).date == D(2030, 2, 5)
    unknown = only("2月5日")
    assert (unknown.year, unknown.date, unknown.year_source) == (None, None, "unknown")
    assert (unknown.month, unknown.day) == (2, 5)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2月15日至23日", D(2026, 2, 15), D(2026, 2, 23)),
        ("2月15日（星期日）至2月23日（星期一）", D(2026, 2, 15), D(2026, 2, 23)),
        ("2026年1月1日—3日", D(2026, 1, 1), D(2026, 1, 3)),
        ("1月20日-2月3日", D(2026, 1, 20), D(2026, 2, 3)),
        ("2026-01-20至2026-01-25", D(2026, 1, 20), D(2026, 1, 25)),
        ("2月15日起至2月23日", D(2026, 2, 15), D(2026, 2, 23)),
        ("2月5日（含）至2月8日（含）", D(2026, 2, 5), D(2026, 2, 8)),
        ("2月5号到8号", D(2026, 2, 5), D(2026, 2, 8)),
        ("一月一日至三日", D(2026, 1, 1), D(2026, 1, 3)),
        ("12月28日至1月3日", D(2026, 12, 28), D(2027, 1, 3)),
    ],
)
def test_ranges(text: str, first: dt.date, last: dt.date) -> None:
    mention = only(text, context_year=2026)
    assert mention.text == text
    assert mention.range_end is not None
    assert (mention.date, mention.range_end.date) == (first, last)


def test_a_range_end_takes_month_and_year_from_its_start() -> None:
    mention = only("2月15日至23日", issue_date=D(2026, 11, 26))
    assert mention.range_end is not None
    assert mention.range_end.date == D(2027, 2, 23)
    assert mention.range_end.year_source == "range_start" and not mention.range_end.year_explicit
    across = only("2026年12月28日至1月3日")
    assert across.range_end is not None and across.range_end.date == D(2027, 1, 3)
    assert across.range_end.year_explicit is False  # a checker can ask for explicit years across 1 January


def test_a_bare_day_is_only_read_as_a_range_end() -> None:
    assert find_dates("5日前回复", context_year=2026) == []
    assert [m.text for m in find_dates("2月14日、15日上班", context_year=2026)] == ["2月14日"]
    # "到" followed by something that is not a date does not make a range.
    assert only("2月5日到货", context_year=2026).range_end is None


@pytest.mark.parametrize(
    ("text", "form", "numerals", "zero_padded", "fullwidth"),
    [
        ("2026年1月5日", "cjk", "arabic", False, False),
        ("2026年01月05日", "cjk", "arabic", True, False),
        ("2026-01-05", "hyphen", "arabic", True, False),
        ("2026/1/5", "slash", "arabic", False, False),
        ("2026.1.5", "dot", "arabic", False, False),
        ("二〇二六年一月五日", "cjk", "chinese", False, False),
        ("２０２６年１月５日", "cjk", "arabic", False, True),
    ],
)
def test_forms_are_reported(text: str, form: str, numerals: str, zero_padded: bool, fullwidth: bool) -> None:
    mention = only(text)
    assert mention.date == D(2026, 1, 5) and mention.year_explicit
    assert (mention.form, mention.numerals, mention.zero_padded) == (form, numerals, zero_padded)
    assert mention.fullwidth_digits is fullwidth


def test_fullwidth_digits_keep_offsets() -> None:
    text = "请于２０２６年２月５日（星期四）１７：００前下单"
    mention = only(text)
    assert mention.text == "２０２６年２月５日（星期四）１７：００"
    assert mention.start == 2 and mention.time == dt.time(17, 0)
    assert weekday_matches(mention) is True


@pytest.mark.parametrize(
    ("suffix", "time"),
    [
        ("17:00前", dt.time(17, 0)),
        ("17：30前", dt.time(17, 30)),
        ("17时前", dt.time(17, 0)),
        ("17时30分", dt.time(17, 30)),
        (" 下午5点", dt.time(17, 0)),
        ("下午五点半", dt.time(17, 30)),
        ("上午9:00", dt.time(9, 0)),
        ("中午12点", dt.time(12, 0)),
        ("24:00", dt.time.max),
        ("晚上12点", dt.time.max),
        ("一时无法发货", None),  # 一时 here is "for a while"
        ("25:00", None),
    ],
)
def test_time_of_day(suffix: str, time: dt.time | None) -> None:
    assert only("2026年2月6日" + suffix).time == time


def test_weekday_written_without_brackets() -> None:
    mention = only("1月4日周日上班", context_year=2026)
    assert mention.weekday is not None and mention.weekday.text == "周日"
    assert weekday_matches(mention) is True
    assert weekday_matches(only("1月4日 星期六", context_year=2026)) is False


def test_lunar_dates_without_brackets_need_a_mark() -> None:
    marked = only("2月16日农历腊月二十九停止发货", context_year=2026)
    assert marked.lunar is not None and lunar_matches(marked) is True
    assert only("2月16日除夕当天", context_year=2026).lunar is not None
    assert only("2月5日初三学生返校", context_year=2026).lunar is None
    bracketed = only("2月24日（初八）", context_year=2026)
    assert bracketed.lunar is not None and (bracketed.lunar.month, bracketed.lunar.day) == (None, 8)
    assert lunar_matches(bracketed) is True


def test_a_bracket_with_unknown_content_is_not_part_of_the_mention() -> None:
    mention = find_dates("2月5日（物流停运）至2月8日", context_year=2026)[0]
    assert mention.text == "2月5日" and mention.range_end is None


def test_day_counts_in_arabic_and_chinese_numerals() -> None:
    text = "共3天；共计9天；为期两天；共十五天；共9个自然日；共3个工作日；日期共3日期"
    assert [(c.text, c.days) for c in find_day_counts(text)] == [
        ("共3天", 3),
        ("共计9天", 9),
        ("为期两天", 2),
        ("共十五天", 15),
        ("共9个自然日", 9),
    ]
    count = find_day_counts(text)[1]
    assert text[count.start : count.end] == "共计9天"


def test_day_counts_pair_with_the_nearest_range_in_their_sentence() -> None:
    mentions = find_dates(STATE_COUNCIL_2026, issue_date=ISSUED_2025)
    pairs = pair_day_counts(STATE_COUNCIL_2026, mentions)
    assert [(p.count.days, p.mention and p.mention.text, p.matches) for p in pairs] == [
        (3, "1月1日（周四）至3日（周六）", True),
        (9, "2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）", True),
    ]


def test_a_wrong_day_count_and_a_count_without_a_range() -> None:
    """A single date does not pair: "2月10日起放假，共7天" counts from a start, and a "共1天" fix would be wrong."""
    text = "2月15日至23日放假，共8天。共3天。4月5日放假，共1天。2月10日起放假，共7天。"
    pairs = pair_day_counts(text, find_dates(text, context_year=2026))
    assert [(p.count.days, p.computed_days, p.matches) for p in pairs] == [
        (8, 9, False),
        (3, None, None),
        (1, None, None),
        (7, None, None),
    ]


@pytest.mark.parametrize("connector", ["---", "--", "-", "~", "～", "—", "——", "–", "至", "到"])
def test_a_range_is_read_whatever_joins_it(connector: str) -> None:
    """2023年01月17日---2023年01月28日 is 12 days: the count is compared with the range, not its last date."""
    text = f"2023年01月17日{connector}2023年01月28日，共11天。"
    [mention] = find_dates(text)
    assert (mention.date, mention.last.date, mention.span_days) == (D(2023, 1, 17), D(2023, 1, 28), 12)
    [pair] = pair_day_counts(text, [mention])
    assert (pair.computed_days, pair.matches) == (12, False)


def test_a_day_without_its_mark_before_a_range_end() -> None:
    [mention] = find_dates("2024年4月4-6日（星期四-六）共休3天", issue_date=D(2024, 4, 2))
    assert (mention.date, mention.last.date) == (D(2024, 4, 4), D(2024, 4, 6))
    assert find_dates("3号楼4-6层") == [] and find_dates("共4-6天") == []


def test_formatting() -> None:
    assert format_cn_date(D(2026, 1, 5)) == "2026年1月5日"
    assert format_cn_date(D(2026, 12, 31)) == "2026年12月31日"
    assert format_weekday_cn(D(2026, 1, 5)) == "星期一"
    assert format_weekday_cn(D(2026, 1, 11)) == "星期日"
    assert format_weekday_cn(D(2026, 1, 11), style="周") == "周日"
    assert format_weekday_cn(D(2026, 1, 10), style="周") == "周六"


def test_importing_the_dates_module_does_not_load_the_calendar_libraries() -> None:
    probe = "import sys, notices.check.dates; print('holidays' in sys.modules, 'lunardate' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
