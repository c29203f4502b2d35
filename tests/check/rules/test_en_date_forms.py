"""English dates as letters really write them: ordinals, misplaced commas, abbreviations, figures, no month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from notices.check.examples import run_example
from notices.check.runner import check_path
from notices.en_dates import find_en_dates, find_en_ranges

ISSUED = dt.date(2024, 2, 5)


@pytest.mark.parametrize(
    ("text", "written", "day", "slip"),
    [
        (
            "effective March, 12th 2021",
            "March, 12th 2021",
            dt.date(2021, 3, 12),
            "the comma goes after the day",
        ),
        ("until February 18th,2024.", "February 18th,2024", dt.date(2024, 2, 18), "a space after the comma"),
        ("back to work in 3rd February ,2020.", "3rd February ,2020", dt.date(2020, 2, 3), "no space before"),
        ("we resume Feb.10, 2020 and", "Feb.10, 2020", dt.date(2020, 2, 10), "a space after “Feb.”"),
        ("the office reopened on Feb. 03, 2020", "Feb. 03, 2020", dt.date(2020, 2, 3), "no leading zero"),
        ("from February 15, 2026to", "February 15, 2026", dt.date(2026, 2, 15), "a space after the year"),
    ],
)
def test_a_date_written_with_a_slip_is_read_and_its_slip_named(
    text: str, written: str, day: dt.date, slip: str
) -> None:
    [found] = find_en_dates(text, ISSUED)
    assert (found.text, found.date) == (written, day)
    assert any(slip in s for s in found.slips), found.slips


@pytest.mark.parametrize(
    "text", ["Orders by 6 February 2026.", "Monday, November 1st, 2021 is the date", "on the 25th of January"]
)
def test_well_written_dates_have_no_slip(text: str) -> None:
    assert [d.slips for d in find_en_dates(text, ISSUED)] == [()]


def test_a_comma_after_a_month_is_a_date_only_with_an_ordinal_or_a_year() -> None:
    assert find_en_dates("In March, 12 people joined the team.", ISSUED) == []


def test_a_range_with_three_hyphens_and_one_whose_year_runs_into_to() -> None:
    [first] = find_en_ranges("closed 15---23 February 2026", ISSUED)
    assert (first.start.date, first.end.date) == (dt.date(2026, 2, 15), dt.date(2026, 2, 23))
    [second] = find_en_ranges("from February 15, 2026to February 23, 2026 (inclusive)", ISSUED)
    assert (second.start.date, second.end.date) == (dt.date(2026, 2, 15), dt.date(2026, 2, 23))


def test_figures_without_a_year_only_after_a_word_that_takes_a_date() -> None:
    assert [d.text for d in find_en_dates("Please order before 7/1.", ISSUED)] == ["7/1"]
    assert find_en_dates("All items 1/2 price, 3/4 sold.", ISSUED) == []


def test_an_ordinal_day_without_a_month() -> None:
    found = find_en_dates("our office will close from 9th to 16th. We'll resume on 18th", ISSUED)
    assert [(d.text, d.form) for d in found] == [("9th", "day"), ("16th", "day"), ("18th", "day")]
    assert find_en_dates("from 9th to 16th February", ISSUED)[0].form == "uk"


def rules_of(snippet: str) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in run_example(snippet) if f.rule in ("EN-DATE", "P-YEAR")]


def test_a_letter_that_writes_us_order_throughout_is_not_held_to_en_gb() -> None:
    letter = "lang: en\nbody: ['Closed from October 1st to October 7th; back to work on October 8th, 2026.']"
    assert rules_of(letter) == []
    assert rules_of(letter.replace("lang: en", "lang: en\nlocale: en-GB")) == [("EN-DATE", "warning")] * 2


def test_a_date_that_breaks_the_letter_s_own_order_is_flagged() -> None:
    letter = (
        "lang: en\nbody: ['New prices from February 1, 2026 on every order placed after January 25, 2026; "
        "old prices hold until 31 January 2026.']"
    )
    assert rules_of(letter) == [("EN-DATE", "warning")]


def test_last_year_s_festival_left_in_an_english_letter() -> None:
    stale = (
        "lang: en\nsign_off: {date: 2024-02-02}\nbody: [We close for Chinese New Year 2023 on 8 February.]"
    )
    assert rules_of(stale) == [("P-YEAR", "warning")]
    assert rules_of(stale.replace("Year 2023", "Year 2024")) == []


LETTER = """\
lang: en
issuer:
  name: Huadong Hengxin Holdings Co., Ltd.
title: Spring Festival closure
salutation: Dear Sir or Madam,
body:
  - New prices are effective March, 12th 2021 for all orders.
  - Please place your orders before 7/1 so that we can ship them.
  - Our office reopens on Sunday, February 18th,2024.
  - We wish you a happy Chinese New Year 2023!
  - The warehouse closes from 8 February --- 17 February 2024.
sign_off:
  date: 2024-02-01
"""


def test_the_english_dates_of_the_issue_each_at_its_place(tmp_path: Path) -> None:
    """Issue 10's English forms, through the file check `notices check` runs: each at its line and column,
    with what to type instead."""
    spec = tmp_path / "letter.yaml"
    spec.write_text(LETTER, encoding="utf-8")
    found = [(f.line, f.column, f.severity, f.rule, f.message, f.fix) for f in check_path(spec).findings]
    assert found == [
        (7, 30, "error", "EN-DATE", "“March, 12th 2021”: the comma goes after the day, not after the month",
         "write March 12, 2021"),
        (7, 30, "warning", "P-YEAR", "March, 12th 2021 is more than a year before this notice's date 1 February 2024",
         "check the year: is it left from an earlier notice?"),
        (8, 37, "error", "EN-DATE", "“7/1” is an all-numeric date: readers in the UK and the US read it differently",
         "write the month as a word: July 1 (US reading) or 7 January (UK reading)"),
        (9, 27, "error", "EN-DATE", "“Sunday, February 18th,2024”: a space after the comma before the year",
         "write February 18, 2024"),
        (10, 42, "warning", "P-YEAR",
         "Chinese New Year 2023 was on 22 January 2023, before this letter's date 1 February 2024",
         "is the year left from last year's letter? Write 2024"),
        (11, 41, "warning", "EN-DATE",
         "“---” joins the range “8 February --- 17 February 2024”: English joins a range with an en dash (–) or “to”",
         "write February 8–17, 2024"),
    ]  # fmt: skip


def test_a_typed_range_mark_is_fixed_with_an_en_dash_in_the_letter_s_order() -> None:
    [finding] = run_example("lang: en\nbody: ['The warehouse closes 8~17 February 2026.']", only="EN-DATE")
    assert (finding.severity, finding.fix) == ("warning", "write 8–17 February 2026")
    assert finding.edit is not None and finding.edit.replacement == "8–17 February 2026"
    assert run_example("lang: en\nbody: ['The warehouse closes 8–17 February 2026.']", only="EN-DATE") == []


def test_an_ordinal_that_counts_something_else_is_no_date() -> None:
    text = "Sep 30 will be Mid-Autumn Festival (on the 15th day of 8th lunar month), on the 3rd floor."
    assert [d.text for d in find_en_dates(text, ISSUED)] == ["Sep 30"]


@pytest.mark.parametrize(
    "text",
    [
        # GBP's energy surcharge (corpus/real/en-gbp-2023-energy-surcharge): a day of every month, no date.
        "Adjustments will be made on the 10th of each month, based on the average price for the previous month.",
        "Invoices are due by the 5th of the following month.",
        "Statements are issued on the 1st of every month and the 15th of the month.",
    ],
)
def test_a_day_of_every_month_is_no_date_without_its_month(text: str) -> None:
    assert find_en_dates(text, ISSUED) == []
    assert run_example(f"lang: en\nbody: [{text!r}]", only="EN-DATE") == []


def test_a_day_alone_before_of_and_a_month_name_is_still_read() -> None:
    assert [d.text for d in find_en_dates("We reopen on the 10th of March.", ISSUED)] == ["10th of March"]


def test_a_negated_until_is_no_deadline() -> None:
    """“can't be delivered until 5 October” says when delivery starts; “accepted until” is a deadline."""
    start = 'lang: en\nsign_off: {date: 2020-09-27}\nbody: ["Orders %s October 5th."]'
    assert run_example(start % "can't be delivered until", only="P-HOLIDAY") == []
    assert run_example(start % "are accepted until", only="P-HOLIDAY")


def test_a_letter_in_us_date_order_takes_the_us_salutation() -> None:
    """Without locale:, the letter's own dates decide, for the salutation as for the dates."""
    letter = (
        "lang: en\nsalutation: 'Dear customers:'\nbody: ['We are closed from September 19 to September 21.']"
    )
    assert run_example(letter, only="EN-SALUTE") == []
    uk = letter.replace("September 19 to September 21", "19 to 21 September")
    assert [f.message for f in run_example(uk, only="EN-SALUTE")] == ["the salutation ends with “:”"]


# Dioxice's CO2 shortage letter (http://www.dioxice.com/dioxicenews/co2-shortages/) dates itself "today
# (14.06.2018)": a British writer's figures, which no reader can take for another day (there is no month 14).
def test_an_all_numeric_date_only_one_order_reads_is_a_warning_with_its_fix() -> None:
    snippet = (
        "lang: en\nsign_off: {date: 2018-06-14}\nbody: ['Stocks are virtually zero today (14.06.2018).']"
    )
    (found,) = run_example(snippet, only="EN-DATE")
    assert found.severity == "warning" and found.fix == "write 14 June 2018"
    (both,) = run_example(snippet.replace("14.06.2018", "09.06.2018"), only="EN-DATE")
    assert both.severity == "error" and "9 June 2018 (UK reading)" in both.fix
