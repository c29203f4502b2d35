"""Heading and item numbers past 99 (一百、 （一百零一）), which once ran off the end of a digit table."""

from __future__ import annotations

import pytest

from notices.composer.numbering import chinese_number, number_for


@pytest.mark.parametrize(
    ("n", "written"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (115, "一百一十五"),
        (200, "二百"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (2020, "二千零二十"),
    ],
)
def test_chinese_numbers_as_a_reader_counts(n: int, written: str) -> None:
    assert chinese_number(n) == written


def test_every_level_numbers_past_a_hundred() -> None:
    assert number_for(1, 120) == "一百二十、"
    assert number_for(2, 101) == "（一百零一）"
    assert number_for(3, 150) == "150."
