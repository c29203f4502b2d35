"""English date ranges: how they are read, and EN-DATE, P-TIMELINE, P-WEEKDAY, P-DATE-REAL on them."""

from __future__ import annotations

import datetime as dt

import pytest

from notices.check.examples import run_example
from notices.check.findings import Finding
from notices.en_dates import find_en_dates, find_en_ranges, format_en_range

ISSUED = dt.date(2026, 1, 5)


def find(snippet: str, rule_id: str) -> list[Finding]:
    return run_example(snippet, only=rule_id)


def english(text: str, locale: str = "en-GB") -> str:
    return f"lang: en\nlocale: {locale}\nbody: ['{text}']"


@pytest.mark.parametrize(
    ("text", "written", "start", "end"),
    [
        ("Closed 15–23 February 2026.", "15–23 February 2026", (2026, 2, 15), (2026, 2, 23)),
        ("Closed 15 to 23 February.", "15 to 23 February", (2026, 2, 15), (2026, 2, 23)),
        ("Closed February 15–23, 2026.", "February 15–23, 2026", (2026, 2, 15), (2026, 2, 23)),
        (
            "Closed from 9 February to 24 February 2027.",
            "9 February to 24 February 2027",
            (2027, 2, 9),
            (2027, 2, 24),
        ),
        ("Closed 30 January – 3 February 2027.", "30 January – 3 February 2027", (2027, 1, 30), (2027, 2, 3)),
        (
            "Closed January 30 – February 3, 2027.",
            "January 30 – February 3, 2027",
            (2027, 1, 30),
            (2027, 2, 3),
        ),
        (
            "Closed 28 December to 3 January 2027.",
            "28 December to 3 January 2027",
            (2026, 12, 28),
            (2027, 1, 3),
        ),
        (
            "Closed from Sunday 15 to Monday 23 February.",
            "Sunday 15 to Monday 23 February",
            (2026, 2, 15),
            (2026, 2, 23),
        ),
        ("Closed between 9 and 24 February.", "9 and 24 February", (2026, 2, 9), (2026, 2, 24)),
    ],
)
def test_a_range_start_takes_the_month_and_year_written_at_its_end(
    text: str, written: str, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    [found] = find_en_ranges(text, ISSUED)
    assert found.text == written
    assert (found.start.date, found.end.date) == (dt.date(*start), dt.date(*end))
    assert [d.range_part for d in find_en_dates(text, ISSUED)] == ["start", "end"]


def test_an_end_without_a_year_takes_the_start_s_not_the_issue_date_s() -> None:
    # Issued 5 January 2026: "3 January" alone is next year's, and so is the end of its range.
    [found] = find_en_ranges("Stocktaking from 3 January to 10 January.", ISSUED)
    assert (found.start.date, found.end.date) == (dt.date(2027, 1, 3), dt.date(2027, 1, 10))


@pytest.mark.parametrize(
    "text",
    [
        "Deliveries on 3 and 4 February.",  # two days, not a range
        "Open 8:00 AM to 8:00 PM, closed on 3 February.",
        "In 2025 - 3 February we shipped 20-30 boxes.",
        "Version 2.1-3 February.",
        "Orders placed on February 15 – 20% off.",
        "Shipping has been brought forward from 10 February to 6 February 2026.",  # the old date and the new
        "The closure is postponed from February 15 to 23.",
    ],
)
def test_numbers_beside_a_date_and_a_change_of_date_do_not_make_a_range(text: str) -> None:
    assert find_en_ranges(text, ISSUED) == []
    assert find(english(text), "P-TIMELINE") == []


@pytest.mark.parametrize(
    ("start", "end", "locale", "connector", "with_year", "expected"),
    [
        ((2026, 2, 15), (2026, 2, 23), "en-GB", "–", True, "15–23 February 2026"),
        ((2026, 2, 15), (2026, 2, 23), "en-US", "–", True, "February 15–23, 2026"),
        ((2026, 1, 30), (2026, 2, 3), "en-US", " – ", True, "January 30 – February 3, 2026"),
        ((2026, 12, 28), (2027, 1, 3), "en-GB", " to ", True, "28 December 2026 to 3 January 2027"),
        ((2026, 2, 15), (2026, 2, 23), "en-US", " to ", False, "February 15 to 23"),
    ],
)
def test_ranges_are_written_in_the_locale_s_order(
    start: tuple[int, int, int],
    end: tuple[int, int, int],
    locale: str,
    connector: str,
    with_year: bool,
    expected: str,
) -> None:
    written = format_en_range(dt.date(*start), dt.date(*end), locale, connector, with_year=with_year)
    assert written == expected


def test_en_date_rewrites_a_range_whole_in_the_locale_s_order() -> None:
    found = find(english("Our offices close February 15–23, 2026."), "EN-DATE")
    assert [(f.severity, f.column, f.edit.replacement if f.edit else None) for f in found] == [
        ("warning", 27, "15–23 February 2026")
    ]
    assert find(english("Our offices close February 15–23, 2026.", "en-US"), "EN-DATE") == []
    us = find(english("Our offices close 15 to 23 February.", "en-US"), "EN-DATE")
    assert [f.edit.replacement for f in us if f.edit] == ["February 15 to 23"]


def test_en_date_judges_the_dates_of_a_mixed_range_one_by_one() -> None:
    found = find(english("Closed February 15 to 23 March."), "EN-DATE")
    assert [f.edit.replacement for f in found if f.edit] == ["15 February"]


def test_timeline_flags_an_english_range_that_runs_backwards_at_its_end() -> None:
    text = "Closed from 24 February to 9 February 2026."
    found = find(english(text), "P-TIMELINE")
    assert [(f.rule, f.severity) for f in found] == [("P-TIMELINE", "error")]
    assert found[0].column == 9 + text.index("9 February")
    assert find(english("Closed 15–23 February 2026."), "P-TIMELINE") == []
    assert len(find(english("Closed 23–15 February 2026."), "P-TIMELINE")) == 1


def test_weekday_of_a_range_start_is_checked_with_the_range_s_month() -> None:
    assert find(english("Closed from Sunday 15 to Monday 23 February 2026."), "P-WEEKDAY") == []
    wrong = find(english("Closed from Saturday 15 to Monday 23 February 2026."), "P-WEEKDAY")
    assert len(wrong) == 1 and "15 February 2026 is a Sunday" in wrong[0].message


def test_a_day_that_does_not_exist_is_named_with_its_range_s_month() -> None:
    found = find(english("Closed 30–31 April 2026."), "P-DATE-REAL")
    assert [f.message for f in found] == ["“31 April 2026” does not exist"]
