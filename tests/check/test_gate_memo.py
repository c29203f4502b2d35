"""The library's check gate answers once per notice: an ERP rendering one notice for recipient after recipient
is not checked again for every recipient, and a notice with errors is refused every time."""

from __future__ import annotations

import gc

import pytest

import notices
import notices.check.gate as gate
from notices.errors import CheckError

from .test_gate import HALF_WIDTH_COMMA, WRONG_WEEKDAY


@pytest.fixture
def reviews(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the gate checked a notice."""
    calls: list[int] = []
    real = gate.require_clean

    def counted(notice: notices.Notice, **kwargs: object) -> object:
        calls.append(id(notice))
        return real(notice, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gate, "require_clean", counted)
    return calls


def test_a_notice_that_passed_is_not_checked_again_for_the_next_recipient(reviews: list[int]) -> None:
    notice = notices.loads(HALF_WIDTH_COMMA, file="spring.yaml")  # a warning only: it renders
    first = notices.render_bytes(notice, "html", {"name": "甲公司"})
    second = notices.render_bytes(notice, "html", {"name": "乙公司"})
    assert len(reviews) == 1
    assert "乙公司" in second.decode() and "甲公司" in first.decode()
    again = notices.loads(HALF_WIDTH_COMMA, file="spring.yaml")  # an equal notice, another object
    notices.render_bytes(again, "html", {"name": "丙公司"})
    assert len(reviews) == 2


def test_a_notice_with_an_error_is_refused_every_time(reviews: list[int]) -> None:
    notice = notices.loads(WRONG_WEEKDAY, file="spring.yaml")
    for _ in range(2):
        with pytest.raises(CheckError):
            notices.render_bytes(notice, "html", {"name": "甲公司"})
    assert len(reviews) == 2


def test_a_notice_is_forgotten_when_it_is_gone() -> None:
    notice = notices.loads(HALF_WIDTH_COMMA, file="spring.yaml")
    notices.render_bytes(notice, "html")
    number = id(notice)
    assert number in notices._PASSED
    del notice
    gc.collect()
    assert number not in notices._PASSED
