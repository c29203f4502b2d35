"""P-DIGIT-WIDTH: a number typed in full-width digits (４００-８２０-１６８８) is found whole, with its half-width fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from notices.check import check_file
from notices.check.examples import example_spec, run_example
from notices.check.fix import apply_edits


def found(snippet: str) -> list[tuple[str, str | None]]:
    return [(f.message, f.fix) for f in run_example(snippet, only="P-DIGIT-WIDTH")]


@pytest.mark.parametrize(
    ("written", "half"),
    [
        ("４００-８２０-１６８８", "400-820-1688"),  # a hotline typed in full-width mode, ASCII hyphens kept
        ("０１０－１２３４５６７８", "010-12345678"),
        ("１７：００", "17:00"),
        ("３．５％", "3.5%"),
        ("１，２００元", "1,200"),
        ("4００", "400"),  # half a number retyped
    ],
)
def test_a_full_width_number_is_one_finding_with_its_half_width_form(written: str, half: str) -> None:
    number = written.removesuffix("元")
    assert found(f"body: ['客服热线：{written}。']") == [
        (f"“{number}” is typed in full-width digits", f"write {half}")
    ]


def test_two_numbers_joined_by_a_full_width_comma_are_two_numbers() -> None:
    assert [fix for _message, fix in found("body: ['第１，２批货物。']")] == ["write 1", "write 2"]


def test_half_width_numbers_and_chinese_numerals_are_left_alone() -> None:
    assert found("body: ['客服热线：400-820-1688，服务时间9:00—17:00，涨幅3.5%，共一千件。']") == []


def test_a_date_in_full_width_digits_is_left_to_b_date() -> None:
    findings = run_example("body: ['请于２０２６年２月６日１７：００前下单。']")
    assert [(f.rule, f.fix) for f in findings if f.rule in {"B-DATE", "P-DIGIT-WIDTH"}] == [
        ("B-DATE", "write 2026年2月6日"),
        ("P-DIGIT-WIDTH", "write 17:00"),
    ]


def test_table_cells_are_held_to_it_like_body_text() -> None:
    snippet = (
        "body:\n  - table:\n      rows: |\n        热线\t时间\n        ４００-８２０-１６８８\t9:00—17:00\n"
    )
    assert [fix for _message, fix in found(snippet)] == ["write 400-820-1688"]


def test_fix_writes_the_numbers_half_width_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "n.yaml"
    path.write_text(
        example_spec("body:\n  - 客服电话：４００-８２０-１６８８，传真：０１０－１２３４５６７８。\n"),
        encoding="utf-8",
    )
    apply_edits(path, [f.edit for f in check_file(path) if f.edit is not None])
    assert "客服电话：400-820-1688，传真：010-12345678。" in path.read_text(encoding="utf-8")
    assert [f for f in check_file(path) if f.rule == "P-DIGIT-WIDTH"] == []
