"""When part of a spec does not load, `notices check` still reports every other mistake in the same run."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from notices.check.runner import check_path

TODAY = dt.date(2026, 1, 5)


def check(tmp_path: Path, text: str) -> tuple[bool, list[tuple[str, int | None, str]]]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    result = check_path(spec, today=TODAY)
    return result.loaded, [(f.rule, f.line, f.path) for f in result.findings if f.severity != "info"]


def test_an_unknown_key_is_reported_and_its_value_is_still_read(tmp_path: Path) -> None:
    loaded, found = check(
        tmp_path,
        "issuer:\n  name: 华东恒信控股有限公司\n  headr: XXXX有限公司文件\n"
        "title: 关于春节放假安排的通知\nbody:\n  - 2026年2月5日（星期三）停止发货。\nsign_off:\n  date: 2026-01-05\n",
    )
    assert not loaded
    assert ("SPEC", 3, "issuer.headr") in found
    assert ("P-PLACEHOLDER", 3, "issuer.headr") in found
    assert ("P-WEEKDAY", 6, "body[0]") in found


def test_a_value_of_the_wrong_type_leaves_no_finding_about_its_stand_in(tmp_path: Path) -> None:
    """title: [1, 2] is set aside; the empty stand-in title must not draw B-TITLE-FORM."""
    loaded, found = check(
        tmp_path,
        "issuer:\n  name: 华东恒信控股有限公司\ntitle: [1, 2]\nsalutation: '尊敬的客户:'\n"
        "sign_off:\n  date: 2026-01-05\n",
    )
    assert not loaded
    assert [rule for rule, *_ in found] == ["SPEC", "B-RECIP"]


def test_a_bad_deadline_sets_aside_that_deadline_only(tmp_path: Path) -> None:
    loaded, found = check(
        tmp_path,
        "issuer:\n  name: 华东恒信控股有限公司\ntitle: 关于春节备货的通知\n"
        "deadlines:\n"
        "  - {label: 最后下单时间XX, date: 2026-02-30}\n"
        "  - {label: 确认备货计划, date: 2025-12-20}\n"
        "sign_off:\n  date: 2026-01-05\n",
    )
    assert not loaded
    assert ("SPEC", 5, "deadlines[0].date") in found
    assert ("P-PLACEHOLDER", 5, "deadlines[0].label") in found  # the item set aside is still read as text
    assert ("P-TIMELINE", 6, "deadlines[1].date") in found  # the other deadline is still checked as a date


def test_a_kind_missing_a_required_fact_is_checked_as_far_as_it_goes(tmp_path: Path) -> None:
    loaded, found = check(
        tmp_path,
        "kind: stockup\nissuer:\n  name: 华东恒信控股有限公司\ntitle: 关于2026年春节备货的通知\n"
        "stockup:\n  holiday: 春节\n  holiday_start: 2026-02-15\n"
        "body:\n  - 请于2026年2月5日（星期三）前下单,谢谢。\nsign_off:\n  date: 2026-01-05\n",
    )
    assert not loaded
    rules = {rule for rule, *_ in found}
    assert "SPEC" in rules and {"P-WEEKDAY", "P-PUNCT"} <= rules


def test_the_sign_off_date_that_does_not_load_is_not_called_missing(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "issuer:\n  name: 公司\ntitle: 关于备货的通知\nbody:\n  - 请于2025年12月1日前下单。\n"
        "sign_off:\n  date: 201X-XX-XX\n",
        encoding="utf-8",
    )
    findings = check_path(spec, today=TODAY).findings
    messages = [f.message for f in findings]
    assert not any("no sign_off.date" in m for m in messages)
    assert any("sign_off.date cannot be read: dated today" in m for m in messages)  # P-TIMELINE says why


def test_a_yaml_syntax_error_gives_only_its_own_finding(tmp_path: Path) -> None:
    loaded, found = check(tmp_path, "title: 关于备货的通知\nbody: [unclosed\n")
    assert not loaded
    assert {rule for rule, *_ in found} == {"SPEC"}


def test_the_cli_lists_everything_and_exits_2(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "issuer:\n  name: 公司\ntitle: 关于XXXX的通知\nsign_off:\n  date: 201X-XX-XX\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "notices", "check", str(spec)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert f"{spec}:3:10: error P-PLACEHOLDER" in result.stdout
    assert f"{spec}:5:9: error SPEC" in result.stdout


def test_a_folder_run_never_leaves_out_a_file_that_does_not_parse(tmp_path: Path) -> None:
    from notices.cli.check import expand_specs

    (tmp_path / "full-width-colon.yaml").write_text(
        "title：关于春节放假的通知\nbody：\n  - 放假\n", encoding="utf-8"
    )
    (tmp_path / "broken.yaml").write_text("issuer:\n  name: [公司\n", encoding="utf-8")
    (tmp_path / "no-title.yaml").write_text("issuer:\n  name: 公司\nbody:\n  - 放假\n", encoding="utf-8")
    (tmp_path / "house.yaml").write_text(
        "company: {zh: 公司}\nletterhead: {zh: 公司文件}\n", encoding="utf-8"
    )
    (tmp_path / "rows.yaml").write_text("- {code: D1, name: 甲}\n", encoding="utf-8")
    files, unmatched = expand_specs([str(tmp_path)])
    assert sorted(p.name for p in files) == ["broken.yaml", "full-width-colon.yaml", "no-title.yaml"]
    assert unmatched == []
    reported = {p.name: check_path(p).loaded for p in files}
    assert reported == {"broken.yaml": False, "full-width-colon.yaml": False, "no-title.yaml": False}


def test_a_line_yaml_refuses_hides_nothing_else(tmp_path: Path) -> None:
    """尊敬的用户: unquoted is a YAML error (the reader says so, at its line); the rest is still checked."""
    loaded, found = check(
        tmp_path,
        "issuer:\n  name: 公司\ntitle: 关于春节放假的通知\nsalutation: 尊敬的用户:\nbody:\n"
        "  - 2026年2月5日（星期三）停止发货。\n  - 注意: 请提前下单。\nsign_off:\n  date: 2026-01-05\n",
    )
    assert not loaded
    rules = [(rule, line) for rule, line, _ in found]
    assert ("SPEC", 4) in rules and ("B-RECIP", 4) in rules and ("P-WEEKDAY", 6) in rules
    assert not any(f.edit for f in check_path(tmp_path / "spec.yaml").findings)  # --fix cannot parse it
