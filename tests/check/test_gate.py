"""One gate for every path that renders: the CLI's render and batch, and the library's render functions.

A notice with an error is not rendered (nothing written, not even the batch folder), the findings are reported
once, and the override is explicit (``check=False``, ``--no-check``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import notices
from notices.errors import CheckError, NoticeError

WRONG_WEEKDAY = """\
issuer:
  name: 华东恒信控股有限公司
title: 关于春节备货的通知
salutation: 尊敬的{{ recipient.name }}：
recipient: {name: 各经销商}
body:
  - 请于2026年2月5日（星期三）前下单。
sign_off:
  date: 2026-01-05
"""
# Only a warning (P-PUNCT): it renders, and the warning is shown once.
HALF_WIDTH_COMMA = WRONG_WEEKDAY.replace(
    "2026年2月5日（星期三）前下单。", "2026年2月5日（星期四）前下单,谢谢。"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def recipients(folder: Path, rows: int = 3) -> Path:
    lines = ["code,name"] + [f"D{n},第{n}号经销商" for n in range(1, rows + 1)]
    return write(folder, "rows.csv", "\n".join(lines) + "\n")


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notices", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


# ---------------------------------------------------------------- the library


def test_render_refuses_a_notice_with_an_error_and_writes_nothing(tmp_path: Path) -> None:
    notice = notices.loads(WRONG_WEEKDAY, file="spring.yaml")
    with pytest.raises(CheckError) as caught:
        notices.render(notice, tmp_path / "spring", formats="html")
    assert list(tmp_path.iterdir()) == []
    error = caught.value
    assert isinstance(error, NoticeError)  # callers catching the project's base error still catch it
    assert [(f.rule, f.severity, f.line) for f in error.errors] == [("P-WEEKDAY", "error", 7)]
    assert [(p.code, p.location.line, p.path) for p in error.problems] == [("P-WEEKDAY", 7, "body[0]")]
    assert "spring.yaml:7:" in str(error) and "Thursday" in str(error)


def test_render_bytes_refuses_too_and_check_false_renders_anyway(tmp_path: Path) -> None:
    notice = notices.loads(WRONG_WEEKDAY, file="spring.yaml")
    with pytest.raises(CheckError):
        notices.render_bytes(notice, "html")
    html = notices.render_bytes(notice, "html", check=False).decode("utf-8")
    assert "星期三" in html  # the override renders the notice as written
    written = notices.render(notice, tmp_path / "spring.html", check=False)
    assert [p.name for p in written] == ["spring.html"]


def test_warnings_do_not_stop_a_render() -> None:
    notice = notices.loads(HALF_WIDTH_COMMA, file="spring.yaml")
    assert {f.severity for f in notices.check_notice(notice)} == {"warning"}
    assert b"<!DOCTYPE html>" in notices.render_bytes(notice, "html")


def test_render_many_refuses_before_any_row_and_creates_no_folder(tmp_path: Path) -> None:
    notice = notices.loads(WRONG_WEEKDAY, file="spring.yaml")
    out = tmp_path / "out"
    with pytest.raises(CheckError) as caught:
        notices.render_many(notice, recipients(tmp_path), out, formats="html")
    assert not out.exists()
    assert [f.rule for f in caught.value.errors] == ["P-WEEKDAY"]
    report = notices.render_many(notice, recipients(tmp_path), out, formats="html", check=False)
    assert report.count("rendered") == 3


def test_render_many_keeps_the_warnings_in_its_report(tmp_path: Path) -> None:
    notice = notices.loads(HALF_WIDTH_COMMA, file="spring.yaml")
    report = notices.render_many(notice, recipients(tmp_path), tmp_path / "out", formats="html")
    assert report.count("rendered") == 3
    assert [f.rule for f in report.findings] == ["P-PUNCT"]


def test_the_gate_reads_the_same_pyproject_settings_as_notices_check(tmp_path: Path) -> None:
    """A team that turned a rule off in pyproject.toml renders what `notices check` passes."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.notices.checks]\nP-WEEKDAY = "warning"\n', encoding="utf-8"
    )
    spec = write(tmp_path, "spring.yaml", WRONG_WEEKDAY)
    notice = notices.load(spec)
    assert [(f.rule, f.severity) for f in notices.check_notice(notice)] == [("P-WEEKDAY", "warning")]
    assert notices.render(notice, tmp_path / "spring.html")[0].is_file()


def test_a_composed_document_is_drawn_as_it_is() -> None:
    """The caller composed it: the check belongs to the notice, before compose."""
    notice = notices.loads(WRONG_WEEKDAY, file="spring.yaml")
    assert b"<!DOCTYPE html>" in notices.render_bytes(notices.compose(notice), "html")


# ---------------------------------------------------------------- the CLI


def test_batch_with_an_error_writes_nothing_and_exits_1_with_the_finding_once(tmp_path: Path) -> None:
    spec = write(tmp_path, "spring.yaml", WRONG_WEEKDAY)
    rows = recipients(tmp_path)
    out = tmp_path / "out"
    result = run("batch", str(spec), "-r", str(rows), "-o", str(out), "--format", "html")
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("P-WEEKDAY") == 1
    assert f"{spec}:7:" in result.stderr and "not rendered" in result.stderr
    assert not out.exists()
    assert "rows:" not in result.stdout  # no row was started

    forced = run("batch", str(spec), "-r", str(rows), "-o", str(out), "--format", "html", "--no-check")
    assert forced.returncode == 0, forced.stderr
    assert forced.stderr.count("P-WEEKDAY") == 1  # still shown, once
    assert sorted(p.name for p in out.glob("*.html")) == ["D1.html", "D2.html", "D3.html"]


def test_batch_with_warnings_renders_every_row_and_shows_them_once(tmp_path: Path) -> None:
    spec = write(tmp_path, "spring.yaml", HALF_WIDTH_COMMA)
    out = tmp_path / "out"
    result = run("batch", str(spec), "-r", str(recipients(tmp_path, rows=5)), "-o", str(out), "-f", "html")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("P-PUNCT") == 1
    assert "5 rows: 5 rendered" in result.stdout


def test_a_row_whose_override_brings_an_error_fails_alone(tmp_path: Path) -> None:
    """spec.* columns make another notice: a row that moves the deadline before the notice's date fails, with
    its column, and every other row renders."""
    spec = HALF_WIDTH_COMMA.replace("body:", "deadlines:\n  - {label: 最后下单时间, date: 2026-02-05}\nbody:")
    notice = notices.loads(spec, file="spring.yaml")
    rows = [
        {"code": "D1", "name": "甲"},
        {"code": "D2", "name": "乙", "spec.deadlines.0.date": "2025-12-30"},  # before sign_off.date
        {"code": "D3", "name": "丙", "spec.deadlines.0.date": "2026-02-04"},
    ]
    report = notices.render_many(notice, rows, tmp_path / "out", formats="html")
    assert (report.count("rendered"), report.count("failed")) == (2, 1)
    [failed] = report.failed
    [problem] = failed.problems
    assert (failed.row, problem.column) == (2, "spec.deadlines.0.date")
    assert problem.reason.startswith("P-TIMELINE") and "before the issue date" in problem.reason
    unchecked = notices.render_many(notice, rows, tmp_path / "forced", formats="html", check=False)
    assert unchecked.count("rendered") == 3
