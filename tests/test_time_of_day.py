"""A time of day as writers type it, and never a number read as seconds.

`time: 1700` was printed "by 00:28" (pydantic reads an int as seconds after midnight); an unquoted 17:00 is
the sexagesimal number 1020 to YAML 1.1, and 1020 typed as such meant 10:20. The reader now reads each as the
characters typed. Writers also type 17.00, 5pm, 5:30 p.m., 17时, 17点30分 and 下午5点; a Chinese notice's
"24:00" (the end of the day) is no time of day and is told so with what to write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import notices
from notices.errors import SpecError
from notices.kinds.facts import Moment
from notices.spec.types import time_of_day

LETTER = """\
lang: en
issuer: Acme Ltd
title: Cut-off for holiday orders
salutation: 'Dear Customer,'
body: Orders close before the holiday.
deadlines:
  - {{label: Last orders, date: 2026-12-18, time: {time}}}
sign_off: {{date: 2026-12-01}}
"""


def deadline_time(tmp_path: Path, typed: str) -> dt.time | None:
    spec = tmp_path / "letter.yaml"
    spec.write_text(LETTER.format(time=typed), encoding="utf-8")
    return notices.load(spec).spec.deadlines[0].time


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("17:00", dt.time(17, 0)),  # unquoted: YAML's sexagesimal 1020, read as typed
        ("1700", dt.time(17, 0)),  # was 00:28 (1700 seconds)
        ("1020", dt.time(10, 20)),  # was 17:00 (read as sexagesimal minutes)
        ("'17.00'", dt.time(17, 0)),
        ("5pm", dt.time(17, 0)),
        ("'5:30 p.m.'", dt.time(17, 30)),
        ("12am", dt.time(0, 0)),
        ("17时", dt.time(17, 0)),
        ("17点30分", dt.time(17, 30)),
        ("下午5点半", dt.time(17, 30)),
        ("上午9时", dt.time(9, 0)),
    ],
)
def test_a_time_typed_as_its_writer_types_it(tmp_path: Path, typed: str, meant: dt.time) -> None:
    assert deadline_time(tmp_path, typed) == meant


def test_the_printed_deadline_says_the_time_typed(tmp_path: Path) -> None:
    spec = tmp_path / "letter.yaml"
    spec.write_text(LETTER.format(time="1700"), encoding="utf-8")
    assert "17:00" in notices.compose(notices.load(spec)).plain_text()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("930", "'930' is not a time of day; write it as HH:MM, e.g. 17:00"),
        ("'25:00'", "'25:00' is not a time of day; write it as HH:MM, e.g. 17:00"),
        ("下午13点", "'下午13点' is not a time of day; write it as HH:MM, e.g. 17:00"),
        ("'24:00'", "24:00 is the end of the day, not a time of day: write 23:59, or 00:00 of the next day"),
        ("true", "'true' is not a time of day; write it as HH:MM, e.g. 17:00"),
    ],
)
def test_what_is_no_time_of_day_is_refused_where_it_is_typed(
    tmp_path: Path, typed: str, message: str
) -> None:
    with pytest.raises(SpecError) as caught:
        deadline_time(tmp_path, typed)
    (problem,) = caught.value.problems
    assert problem.path == "deadlines[0].time" and problem.message.startswith(message)
    assert (problem.location.line, problem.location.column) == (7, 50)


def test_a_callers_number_is_its_digits_and_a_time_is_a_time() -> None:
    data = {"lang": "en", "issuer": {"name": "A"}, "title": "T", "body": "x"}
    for given, meant in ((1700, dt.time(17, 0)), (dt.time(9, 30), dt.time(9, 30)), ("0930", dt.time(9, 30))):
        deadline = {"label": "L", "date": dt.date(2026, 12, 18), "time": given}
        assert notices.load({**data, "deadlines": [deadline]}).spec.deadlines[0].time == meant


@pytest.mark.parametrize(
    "written",
    [
        "2026-02-06 17:00",
        "2026年2月6日17:00",
        "2026年2月6日 下午5点",
        "February 6, 2026 5pm",
        "2026-02-06 1700",
    ],
)
def test_a_date_and_time_in_one_text_as_writers_join_them(written: str) -> None:
    assert Moment.model_validate(written).at == dt.datetime(2026, 2, 6, 17, 0)


def test_a_bare_number_is_not_a_time() -> None:
    assert [time_of_day(text) for text in ("9", "930", "17:00:30", "12:60")] == [None] * 4
