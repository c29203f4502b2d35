"""Row columns split into recipient fields and spec overrides; overrides may only change what the spec has."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from notices.batch.overrides import apply_overrides, split_row
from notices.batch.recipients import read_recipients
from notices.batch.rows import RecipientRow, RowProblemsError

SPEC: dict[str, Any] = {
    "title": "关于缴纳2026年度服务费的通知",
    "deadlines": [{"date": "2026-03-01", "what": "缴费"}, {"date": "2026-03-15", "what": "开票"}],
    "sign_off": {"issuer": "某某公司", "date": "2026-02-01"},
    "quota": 100,
}


def row(data: dict[str, Any], number: int = 2) -> RecipientRow:
    return RecipientRow(number, data, f"r.csv:{number}")


def test_columns_split_into_nested_recipient_fields_and_spec_paths() -> None:
    recipient, overrides = split_row(
        row(
            {
                "code": "00123",
                "name": "张三",
                "contact.phone": "13800138000",
                "contact.email": "z@example.cn",
                "spec.title": "特别通知",
                "spec.deadlines[1].date": "2026-04-01",
                "Spec.sign_off.date": "2026-02-02",
            }
        )
    )

    assert recipient == {
        "code": "00123",
        "name": "张三",
        "contact": {"phone": "13800138000", "email": "z@example.cn"},
    }
    assert overrides == {"title": "特别通知", "deadlines.1.date": "2026-04-01", "sign_off.date": "2026-02-02"}


def test_overrides_from_a_real_csv_row_change_only_that_copy() -> None:
    original = copy.deepcopy(SPEC)
    _, overrides = split_row(row({"spec.deadlines.0.date": "2026-05-01", "spec.quota": "250"}))

    result = apply_overrides(SPEC, overrides, number=2)

    assert result["deadlines"][0] == {"date": "2026-05-01", "what": "缴费"}
    assert result["quota"] == "250"  # converted by the spec model later, as a spec file's values are
    assert result["deadlines"][1] == SPEC["deadlines"][1]
    assert original == SPEC
    result["sign_off"]["issuer"] = "changed"
    assert original == SPEC  # no structure is shared with the input


def test_empty_cells_override_nothing(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("code,spec.title,spec.sign_off.date\n1,,2026-02-03\n2,新标题,\n", encoding="utf-8")

    specs = [apply_overrides(SPEC, split_row(r)[1], number=r.number) for r in read_recipients(path)]

    assert [spec["title"] for spec in specs] == [SPEC["title"], "新标题"]
    assert [spec["sign_off"]["date"] for spec in specs] == ["2026-02-03", "2026-02-01"]


def test_every_bad_override_is_reported_with_its_column() -> None:
    overrides = {
        "titel": "x",
        "deadlines.2.date": "2026-01-01",
        "deadlines.first.date": "2026-01-01",
        "title.text": "x",
        "deadlines": "2026-01-01",
        "sign_off": "x",
    }

    with pytest.raises(RowProblemsError) as caught:
        apply_overrides(SPEC, overrides, number=12)

    problems = {problem.column: problem for problem in caught.value.problems}
    assert set(problems) == {f"spec.{path}" for path in overrides}
    assert all(problem.number == 12 for problem in problems.values())
    assert "did you mean 'title'" in problems["spec.titel"].fix
    assert "2 item(s)" in problems["spec.deadlines.2.date"].reason
    assert "0 to 1" in problems["spec.deadlines.2.date"].fix
    assert "not a position" in problems["spec.deadlines.first.date"].reason
    assert "single value" in problems["spec.title.text"].reason
    assert "whole section" in problems["spec.deadlines"].reason
    assert "whole section" in problems["spec.sign_off"].reason


def test_a_section_can_be_replaced_by_one_of_the_same_kind() -> None:
    new_deadlines = [{"date": "2026-06-01", "what": "缴费"}]

    result = apply_overrides(SPEC, {"deadlines": new_deadlines})

    assert result["deadlines"] == new_deadlines
    new_deadlines.append({"date": "x"})
    assert len(result["deadlines"]) == 1


def test_conflicting_and_malformed_columns_are_row_problems() -> None:
    with pytest.raises(RowProblemsError) as caught:
        split_row(row({"contact": "x", "contact.phone": "1", "a..b": "2", "spec.": "3", "ok": "4"}, 5))

    columns = [problem.column for problem in caught.value.problems]
    assert columns == ["contact.phone", "a..b", "spec."]
    assert all(problem.number == 5 for problem in caught.value.problems)


def test_json_mappings_merge_with_dotted_columns_without_sharing() -> None:
    contact = {"phone": "1"}
    recipient, _ = split_row(row({"contact": contact, "contact.email": "e@x.cn"}))

    assert recipient == {"contact": {"phone": "1", "email": "e@x.cn"}}
    assert contact == {"phone": "1"}
