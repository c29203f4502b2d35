"""Calendar facts, checked against the State Council's published holiday schedules and the lunar calendar."""

import datetime as dt

import pytest

from notices.check.calendar import (
    HolidayBreak,
    LunarDay,
    china_holiday_name,
    holiday_break,
    holiday_breaks,
    is_adjusted_workday,
    is_working_day,
    lunar_month_length,
    lunar_to_solar,
    new_years_eve,
    official_schedule_known,
    official_schedule_years,
    solar_to_lunar,
    spring_festival,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "first_day"),
    [(2024, D(2024, 2, 10)), (2025, D(2025, 1, 29)), (2026, D(2026, 2, 17)), (2027, D(2027, 2, 6))],
)
def test_spring_festival_is_the_first_day_of_the_first_lunar_month(year: int, first_day: dt.date) -> None:
    assert spring_festival(year) == first_day
    assert new_years_eve(year) == first_day - dt.timedelta(days=1)


def test_lunar_and_solar_dates_convert_both_ways() -> None:
    # 2026-02-15 is 腊月二十八 of lunar year 2025, as the 2026 holiday notice says.
    assert solar_to_lunar(D(2026, 2, 15)) == LunarDay(2025, 12, 28, leap=False)
    assert lunar_to_solar(2025, 12, 28) == D(2026, 2, 15)
    assert lunar_to_solar(2026, 1, 7) == D(2026, 2, 23)
    # Lunar 2025 has a leap sixth month.
    assert lunar_to_solar(2025, 6, 1, leap=True) == D(2025, 7, 25)
    assert solar_to_lunar(D(2025, 7, 25)) == LunarDay(2025, 6, 1, leap=True)


def test_lunar_dates_that_do_not_exist_are_refused() -> None:
    with pytest.raises(ValueError):
        lunar_to_solar(2025, 12, 30)  # 腊月 of lunar 2025 has 29 days: 除夕 is 二十九
    with pytest.raises(ValueError):
        lunar_to_solar(2026, 6, 1, leap=True)  # no leap sixth month in 2026
    # lunardate itself answers nonsense outside lunar years 1900-2099.
    with pytest.raises(ValueError):
        solar_to_lunar(D(1899, 1, 1))
    with pytest.raises(ValueError):
        solar_to_lunar(D(2100, 12, 31))
    assert lunar_month_length(2025, 12) == 29
    assert lunar_month_length(2023, 12) == 30


# The State Council's 2026 schedule (国办发明电〔2025〕7号, issued November 2025).
OFFICIAL_2026 = [
    ("元旦", D(2026, 1, 1), D(2026, 1, 3)),
    ("春节", D(2026, 2, 15), D(2026, 2, 23)),
    ("清明节", D(2026, 4, 4), D(2026, 4, 6)),
    ("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
    ("端午节", D(2026, 6, 19), D(2026, 6, 21)),
    ("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
    ("国庆节", D(2026, 10, 1), D(2026, 10, 7)),
]
OFFICIAL_2026_WORKING_WEEKENDS = [
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]


def test_2026_breaks_follow_the_state_council_schedule() -> None:
    found = [(b.name, b.first, b.last) for b in holiday_breaks(2026)]
    assert found == OFFICIAL_2026
    spring = holiday_break(D(2026, 2, 19))
    assert spring == HolidayBreak("春节", D(2026, 2, 15), D(2026, 2, 23), official=True)
    assert spring is not None and spring.days == 9 and D(2026, 2, 21) in spring


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 2, 15), "春节"),  # a Sunday that opens the break
        (D(2026, 2, 16), "春节"),  # 除夕
        (D(2026, 2, 21), "春节"),  # a Saturday inside the break
        (D(2026, 2, 23), "春节"),  # a 调休 Monday that closes it
        (D(2026, 2, 14), None),  # the Saturday worked for it
        (D(2026, 2, 24), None),
        (D(2026, 1, 3), "元旦"),
        (D(2026, 1, 4), None),
        (D(2026, 3, 7), None),  # an ordinary weekend is no holiday
        (D(2025, 10, 8), "国庆节、中秋节"),
        (D(2023, 9, 29), "中秋节、国庆节"),
    ],
)
def test_china_holiday_name_covers_the_whole_break(day: dt.date, name: str | None) -> None:
    assert china_holiday_name(day) == name


def test_a_break_can_begin_in_the_previous_year() -> None:
    # 2019's New Year break: 2018-12-30 to 2019-01-01, with Saturday 2018-12-29 worked.
    assert holiday_breaks(2019)[0] == HolidayBreak("元旦", D(2018, 12, 30), D(2019, 1, 1), official=True)
    assert is_adjusted_workday(D(2018, 12, 29))


def test_adjusted_workdays_are_exactly_the_weekends_the_schedule_names() -> None:
    year_2026 = [D(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    assert [day for day in year_2026 if is_adjusted_workday(day)] == OFFICIAL_2026_WORKING_WEEKENDS
    assert is_adjusted_workday(D(2025, 1, 26))  # the Sunday worked for the 2025 Spring Festival


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 14), True),  # 调休 Saturday
        (D(2026, 2, 20), False),  # 调休 Friday off
        (D(2026, 2, 22), False),  # Sunday inside the break
        (D(2026, 2, 24), True),
        (D(2026, 3, 7), False),  # ordinary Saturday
        (D(2026, 3, 9), True),  # ordinary Monday
        (D(2026, 10, 1), False),
    ],
)
def test_is_working_day(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_years_without_a_published_schedule_keep_to_the_statutory_days() -> None:
    covered = official_schedule_years()
    assert 2025 in covered and 2026 in covered
    year = covered.stop  # the first year the installed holidays package has no schedule for
    assert not official_schedule_known(year)
    spring = holiday_break(spring_festival(year))
    # Nothing guessed: 除夕 to 初三, no weekend joined, marked unofficial.
    third_day = spring_festival(year) + dt.timedelta(days=2)
    assert spring == HolidayBreak("春节", new_years_eve(year), third_day, official=False)
    days = [D(year, 1, 1) + dt.timedelta(days=n) for n in range(365)]
    assert not any(is_adjusted_workday(day) for day in days)
    ordinary_weekend = next(d for d in days if d.weekday() == 5 and china_holiday_name(d) is None)
    assert holiday_break(ordinary_weekend) is None
    assert china_holiday_name(D(year, 10, 1)) == "国庆节"
    assert china_holiday_name(D(year, 10, 4)) is None  # the statutory days are 1-3 October
