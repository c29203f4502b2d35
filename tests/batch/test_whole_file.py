"""A recipients file's whole-file problems are reported once, before any row; cells are data, never templates;
one batch at a time writes into a folder."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from typer.testing import CliRunner

import notices
from notices.batch.columns import RecipientColumnsError, required_recipient_fields
from notices.batch.lock import LOCK_NAME, FolderBusyError, folder_lock
from notices.batch.runner import render_many
from notices.cli import app

SPEC = """\
issuer:
  name: 华东恒信控股有限公司
title: 华东恒信控股有限公司关于启用新版电子发票的通知
salutation: '尊敬的{{ recipient.name }}：'
body:
  - '请核对贵司的联系电话{{ recipient.phone }}{{ recipient.fax | default("") }}。'
  - '{% if recipient.vip is defined %}贵宾客户另行通知。{% endif %}'
sign_off:
  date: 2026-05-06
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(SPEC, encoding="utf-8")
    return path


def csv_file(tmp_path: Path, text: str, name: str = "rows.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_fields_a_spec_needs_leave_out_the_ones_with_a_fallback(spec: Path) -> None:
    assert set(required_recipient_fields(notices.load(spec))) == {"name", "phone"}


def test_a_missing_column_is_one_problem_before_any_row(spec: Path, tmp_path: Path) -> None:
    rows = csv_file(tmp_path, "code,name,电话\n" + "".join(f"D{i},公司{i},021-{i}\n" for i in range(300)))
    out = tmp_path / "out"
    with pytest.raises(RecipientColumnsError) as caught:
        render_many(notices.load(spec), rows, out, formats="html")
    (problem,) = caught.value.problems
    assert "{{ recipient.phone }}" in problem.message and "no column 'phone'" in problem.message
    assert "Its columns: code, name, 电话" in problem.message
    assert problem.location.file == "rows.csv" and problem.location.line == 1
    assert not out.exists()  # nothing written, not even the folder

    result = CliRunner().invoke(app, ["batch", str(spec), "-r", str(rows), "-o", str(out), "-f", "html"])
    assert result.exit_code == 2
    assert result.output.count("no column 'phone'") == 1


def test_a_name_pattern_naming_no_column_is_one_problem(spec: Path, tmp_path: Path) -> None:
    rows = csv_file(tmp_path, "客户编码,name,phone\nD1,甲,1\nD2,乙,2\n")
    with pytest.raises(RecipientColumnsError) as caught:
        render_many(notices.load(spec), rows, tmp_path / "out", formats="html", name="{客户代码}-{row}")
    (problem,) = caught.value.problems
    assert "{客户代码}" in problem.message and "客户编码" in problem.message
    assert "did you mean '客户编码'" in problem.fix


def test_title_rows_above_the_header_are_stepped_over_and_noted(spec: Path, tmp_path: Path) -> None:
    rows = csv_file(
        tmp_path, "客户名单（2026年5月导出）,,\n导出人：王静,,\n\ncode,name,phone\nD1, 甲公司 ,021-1\n"
    )
    report = render_many(notices.load(spec), rows, tmp_path / "out", formats="html")
    assert report.ok and report.rows == 1
    assert "the rows above the header" in report.notes[0] and "header is row 4" in report.notes[0]
    html = (tmp_path / "out" / "D1.html").read_text(encoding="utf-8")
    assert "尊敬的甲公司：" in html  # the spaces around the cell's value are gone

    result = CliRunner().invoke(
        app, ["batch", str(spec), "-r", str(rows), "-o", str(tmp_path / "o2"), "-f", "html"]
    )
    assert result.exit_code == 0
    assert result.output.count("note:") == 1


def test_an_xlsx_title_row_is_stepped_over(spec: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["经销商联系表"])
    sheet.append(["code", "name", "phone"])
    sheet.append(["D1", "甲公司", "021-1"])
    path = tmp_path / "rows.xlsx"
    book.save(path)
    report = render_many(notices.load(spec), path, tmp_path / "out", formats="html")
    assert report.ok and report.rows == 1 and "header is row 2" in report.notes[0]


def test_a_one_column_file_is_not_mistaken_for_a_title(tmp_path: Path) -> None:
    from notices.batch.recipients import read_recipients

    rows = list(read_recipients(csv_file(tmp_path, "name\n甲\n乙\n丙\n丁\n戊\n")))
    assert [row.data["name"] for row in rows] == ["甲", "乙", "丙", "丁", "戊"]


def test_a_control_character_in_a_cell_fails_that_row_only(spec: Path, tmp_path: Path) -> None:
    rows = csv_file(tmp_path, "code,name,phone\nD1,甲\x07公司,1\nD2,乙公司,2\n")
    report = render_many(notices.load(spec), rows, tmp_path / "out", formats="html")
    assert report.count("rendered") == 1
    (failed,) = report.failed
    assert failed.row == 2 and failed.problems[0].column == "name"
    assert "U+0007" in failed.problems[0].reason


def test_spec_columns_are_data_never_templates(tmp_path: Path) -> None:
    spec = csv_file(tmp_path, SPEC.replace("{{ recipient.phone }}", ""), "spec.yaml")
    rows = csv_file(
        tmp_path,
        "code,name,spec.title\n"
        "D1,甲公司,关于{{ 7*7 }}的通知\n"
        'D2,乙公司,"{% for i in range(10**8) %}{{ i }}{% endfor %}"\n',
    )
    report = render_many(notices.load(spec), rows, tmp_path / "out", formats="pdf")
    assert report.ok
    with pdfplumber.open(io.BytesIO((tmp_path / "out" / "D1.pdf").read_bytes())) as pdf:
        text = "".join(pdf.pages[0].extract_text().split())
    assert "关于{{7*7}}的通知" in text and "关于49" not in text
    with pdfplumber.open(tmp_path / "out" / "D2.pdf") as pdf:
        assert "{%foriinrange(10**8)%}" in "".join(pdf.pages[0].extract_text().split())


def test_rows_given_as_data_are_checked_like_a_file(spec: Path, tmp_path: Path) -> None:
    with pytest.raises(RecipientColumnsError):
        render_many(notices.load(spec), [{"code": "D1", "name": "甲"}], tmp_path / "out", formats="html")
    report = render_many(
        notices.load(spec), [{"code": "D1", "name": " 甲 ", "phone": "1"}], tmp_path / "out", formats="html"
    )
    assert "尊敬的甲：" in (tmp_path / "out" / "D1.html").read_text(encoding="utf-8") and report.ok


def test_a_second_batch_into_the_same_folder_is_told_who_holds_it(spec: Path, tmp_path: Path) -> None:
    rows = csv_file(tmp_path, "code,name,phone\nD1,甲,1\n")
    out = tmp_path / "out"
    out.mkdir()
    with folder_lock(out):  # a batch running in this folder
        holder = json.loads((out / LOCK_NAME).read_text(encoding="utf-8"))
        with pytest.raises(FolderBusyError) as caught:
            render_many(notices.load(spec), rows, out, formats="html")
        assert f"process {holder['pid']}" in caught.value.problems[0].message
        result = CliRunner().invoke(app, ["batch", str(spec), "-r", str(rows), "-o", str(out), "-f", "html"])
        assert result.exit_code == 2 and "in use by another batch" in result.output
        assert not (out / "D1.html").exists()
    report = render_many(notices.load(spec), rows, out, formats="html")  # free again
    assert report.ok and not (out / LOCK_NAME).exists()


def test_piped_progress_shows_the_total(spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import notices.cli.batch as batch_cli

    monkeypatch.setattr(batch_cli, "LINE_EVERY_SECONDS", 0.0)
    rows = csv_file(tmp_path, "code,name,phone\nD1,甲,1\nD2,乙,2\nD3,丙,3\n")
    result = CliRunner().invoke(
        app, ["batch", str(spec), "-r", str(rows), "-o", str(tmp_path / "o"), "-f", "html"]
    )
    assert result.exit_code == 0
    assert "3 of 3 rows done" in result.output


def test_a_chinese_header_for_the_field_is_named_in_the_fix(spec: Path, tmp_path: Path) -> None:
    """A spreadsheet's 名称 is the name to its writer, and no spelling distance finds it from 'name'."""
    rows = csv_file(tmp_path, "编号,名称,电话\nD1,甲公司,021-1\n")
    with pytest.raises(RecipientColumnsError) as caught:
        render_many(notices.load(spec), rows, tmp_path / "out", formats="html")
    fixes = {
        problem.message.split("no column ")[1].split(":")[0]: problem.fix for problem in caught.value.problems
    }
    assert fixes["'name'"] == (
        "the column '名称' looks like 'name': rename it to name, or write {{ recipient.名称 }} in the spec"
    )
    assert "'电话' looks like 'phone'" in fixes["'phone'"]


def test_a_spec_may_name_a_chinese_column(spec: Path, tmp_path: Path) -> None:
    chinese = tmp_path / "chinese.yaml"
    chinese.write_text(
        spec.read_text(encoding="utf-8")
        .replace("recipient.name", "recipient.名称")
        .replace("recipient.phone", "recipient.电话"),
        encoding="utf-8",
    )
    rows = csv_file(tmp_path, "编号,名称,电话\nD1,甲公司,021-1\n")
    report = render_many(notices.load(chinese), rows, tmp_path / "out", formats="html", name="{编号}")
    assert report.ok and report.rows == 1
    assert "甲公司" in (tmp_path / "out" / "D1.html").read_text(encoding="utf-8")
