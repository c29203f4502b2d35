"""The Chinese forms of dates, ranges, numbers and lists are the project's own rules (GB/T 9704 §7.3.5,
GB/T 15834 §4.5 and §4.9), so they are tested as such, with no locale library in the expected values: a new Babel
release once turned 2026年2月15日至23日 into "2026年2月15日 – 23日"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from notices.formatting import cn_day, cn_range, join, money, number, percent, signed_percent, span_days


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 2, 15), dt.date(2026, 2, 23), "2026年2月15日至23日"),
        (dt.date(2026, 1, 28), dt.date(2026, 2, 3), "2026年1月28日至2月3日"),
        (dt.date(2025, 12, 30), dt.date(2026, 1, 2), "2025年12月30日至2026年1月2日"),
        (dt.date(2026, 10, 1), dt.date(2026, 10, 1), "2026年10月1日"),
    ],
)
def test_a_chinese_range_drops_what_the_end_shares_with_the_start(
    start: dt.date, end: dt.date, expected: str
) -> None:
    assert cn_range(start, end) == expected


def test_a_chinese_range_may_use_the_one_em_dash() -> None:
    assert cn_range(dt.date(2026, 2, 15), dt.date(2026, 2, 23), joiner="—") == "2026年2月15日—23日"


def test_a_chinese_day_states_its_weekday() -> None:
    assert cn_day(dt.date(2026, 2, 6)) == "2026年2月6日（星期五）"
    assert span_days(dt.date(2026, 2, 15), dt.date(2026, 2, 23)) == 9


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12800, "12,800"),
        (12800.5, "12,800.5"),
        (Decimal("3200.00"), "3,200"),
        (0.125, "0.13"),
        (-1500, "-1,500"),
    ],
)
def test_chinese_numbers_group_by_thousands_without_trailing_zeros(value: float, expected: str) -> None:
    assert number(value, "zh_CN") == expected


def test_chinese_money_and_percentages() -> None:
    assert money(12800, "CNY", "zh_CN") == "12,800元"
    assert percent(5.5, "zh_CN") == "5.5%"
    assert signed_percent(Decimal("5.62"), "zh_CN") == "+5.62%"
    assert signed_percent(-3.5, "zh_CN") == "-3.5%"
    assert signed_percent(0, "zh_CN") == "0%"


def test_chinese_lists_take_the_enumeration_comma_and_a_final_he() -> None:
    assert join(["提货"], "zh_CN") == "提货"
    assert join(["提货", "退换货"], "zh_CN") == "提货和退换货"
    assert join(["短信", "语音", "邮件"], "zh_CN") == "短信、语音和邮件"
    assert join(["短信", "语音"], "zh_CN", style="or") == "短信或语音"


def test_english_forms_still_follow_the_locale() -> None:
    assert join(["pickup", "returns", "exchanges"], "en_US") == "pickup, returns, and exchanges"
    assert join(["pickup", "returns", "exchanges"], "en_GB") == "pickup, returns and exchanges"
    assert number(12800.5, "en_GB") == "12,800.5"
