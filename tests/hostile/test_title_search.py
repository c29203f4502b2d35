"""A title too long for four lines skips the partition search (its cost grows with the cube of its length) and
is still broken into lines that each fit."""

from __future__ import annotations

import itertools

import pytest

from notices.layout import titles

EM = 22.0  # 22 pt title type, one em per Chinese character
WIDTH = 20 * EM  # a line of 20 characters


def _advance(char: str) -> float:
    return EM


def test_a_title_of_six_lines_never_searches_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = itertools.combinations

    def counting(pool: object, r: int) -> object:
        calls.append(r)
        return real(pool, r)  # type: ignore[arg-type]

    monkeypatch.setattr(titles.itertools, "combinations", counting)
    text = "华东恒信控股有限公司关于" + "春节放假和停发货安排" * 10 + "的通知"
    lines = titles.break_title(text, width=WIDTH, advance=_advance)
    assert calls == []  # 5 or more lines are needed: no 2-, 3- or 4-line search
    assert "".join(lines) == text
    assert all(len(line) * EM <= WIDTH for line in lines)
    assert len(lines) == -(-len(text) // 20)


def test_a_title_of_two_lines_is_still_searched_for_its_best_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = itertools.combinations

    def counting(pool: object, r: int) -> object:
        calls.append(r)
        return real(pool, r)  # type: ignore[arg-type]

    monkeypatch.setattr(titles.itertools, "combinations", counting)
    lines = titles.break_title(
        "华东恒信控股有限公司关于2026年春节放假安排的通知", width=WIDTH, advance=_advance
    )
    assert calls == [1] and len(lines) == 2
