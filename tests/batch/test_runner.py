"""notices batch end to end: 200 rows, one bad, one named ../../evil, one holding 堃."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from typer.testing import CliRunner

import notices
from notices.batch.manifest import file_sha256
from notices.batch.runner import BatchReport, render_many
from notices.cli import app

from .conftest import BAD_ROW, EVIL_ROW, EXAMPLES, KUN_ROW, ROWS, write_recipients

HEADER_LINES = 1  # a CSV row number is the file line where the record starts


def test_every_good_row_gives_a_pdf_and_a_docx_inside_the_folder(batch_200: BatchReport) -> None:
    out = batch_200.outdir
    assert len(sorted(out.glob("*.pdf"))) == ROWS - 1
    assert len(sorted(out.glob("*.docx"))) == ROWS - 1
    assert not list(out.parent.glob("evil*")) and not list(out.parent.parent.glob("evil*"))
    assert (out / "evil.pdf").is_file() and (out / "evil.docx").is_file()
    assert not batch_200.ok
    assert [r.status for r in batch_200.results].count("rendered") == ROWS - 1


def test_the_manifest_lists_every_row_and_names_the_failure(batch_200: BatchReport) -> None:
    manifest = json.loads(batch_200.manifest.read_text(encoding="utf-8"))
    entries = manifest["entries"]
    assert len(entries) == ROWS and manifest["complete"] is True
    assert [e["row"] for e in entries] == list(range(2, ROWS + 2))
    failed = [e for e in entries if e["status"] == "failed"]
    assert len(failed) == 1 and failed[0]["row"] == BAD_ROW + HEADER_LINES
    problem = failed[0]["problems"][0]
    assert problem["column"] == "name" and "recipient.name" in problem["reason"]
    for entry in entries:
        if entry["status"] == "ok":
            for fmt, name in entry["files"].items():
                assert file_sha256(batch_200.outdir / name) == entry["sha256"][fmt]
    assert manifest["spec"]["sha256"] and all(e["row_sha256"] for e in entries)


def test_the_failures_report_gives_row_column_and_reason(batch_200: BatchReport) -> None:
    assert batch_200.failures is not None
    rows = list(csv.DictReader(io.StringIO(batch_200.failures.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["row"] == str(BAD_ROW + HEADER_LINES) and rows[0]["column"] == "name"
    assert rows[0]["reason"] and rows[0]["fix"]


def test_each_file_holds_its_own_recipient(batch_200: BatchReport) -> None:
    by_row = {r.row: r for r in batch_200.results}
    kun = by_row[KUN_ROW + HEADER_LINES]
    text = "".join(page.extract_text() for page in pypdf.PdfReader(kun.files["pdf"]).pages)
    assert "尊敬的堃元商贸有限公司：" in text and "第8号经销商" not in text
    paragraphs = [p.text for p in docx.Document(str(kun.files["docx"])).paragraphs]
    assert any("堃元商贸有限公司" in p for p in paragraphs)
    assert by_row[EVIL_ROW + HEADER_LINES].name == "evil"


def test_a_run_from_scratch_gives_byte_identical_files_and_manifest(
    batch_200: BatchReport, tmp_path: Path, stockup_notice: notices.Notice, recipients_200: Path
) -> None:
    again = render_many(stockup_notice, recipients_200, tmp_path / "again", jobs=1)
    first = sorted(p.name for p in batch_200.outdir.iterdir())
    assert sorted(p.name for p in again.outdir.iterdir()) == first
    for name in first:
        assert (again.outdir / name).read_bytes() == (batch_200.outdir / name).read_bytes(), name


def test_a_second_run_skips_what_is_up_to_date_and_exits_1(
    tmp_path: Path, stockup_notice: notices.Notice
) -> None:
    recipients = write_recipients(tmp_path / "r.csv", rows=15)
    out = tmp_path / "out"
    first = render_many(stockup_notice, recipients, out, jobs=1)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}
    result = CliRunner().invoke(
        app, ["batch", str(EXAMPLES / "stockup.zh.yaml"), "-r", str(recipients), "-o", str(out), "-j", "1"]
    )
    assert result.exit_code == 1, result.output
    assert "0 rendered, 14 up to date, 1 failed" in result.output
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")} == stamps
    assert first.count("rendered") == 14


def test_a_changed_row_is_rendered_again_and_only_it(tmp_path: Path, stockup_notice: notices.Notice) -> None:
    rows = [{"code": f"C{n}", "name": f"客户{n}有限公司"} for n in range(1, 6)]
    out = tmp_path / "out"
    render_many(stockup_notice, rows, out, formats="pdf")
    rows[2]["name"] = "改名后的客户有限公司"
    report = render_many(stockup_notice, rows, out, formats="pdf")
    assert [r.status for r in report.results] == [
        "unchanged",
        "unchanged",
        "rendered",
        "unchanged",
        "unchanged",
    ]
    text = pypdf.PdfReader(out / "C3.pdf").pages[0].extract_text()
    assert "改名后的客户有限公司" in text


def test_hostile_names_stay_inside_the_folder_and_collisions_get_numbers(
    tmp_path: Path, stockup_notice: notices.Notice
) -> None:
    codes = ["../../evil", "a\x00b", "CON", "x" * 200, "Same", "same", "SAME", "/etc/passwd", ".."]
    rows = [{"code": code, "name": "客户"} for code in codes]
    out = tmp_path / "deep" / "out"
    report = render_many(stockup_notice, rows, out, formats="html")
    names = [r.name for r in report.results]
    assert names[:3] == ["evil", "ab", "CON_"]
    assert names[4:7] == ["Same", "same-2", "SAME-3"]
    assert len(names[3] or "") <= 80 and names[7] == "etc_passwd"
    # the NUL is refused as a value (it cannot print), naming its column; the name is still made safe
    assert [r.ok for r in report.results] == [index != 1 for index in range(len(codes))]
    assert report.results[1].problems[0].column == "code"
    assert {p.parent for p in out.rglob("*.html")} == {out}
    assert not list((tmp_path / "deep").glob("*.html")) and not list(tmp_path.glob("*.html"))
    again = render_many(stockup_notice, rows, tmp_path / "again", formats="html")
    assert [r.name for r in again.results] == names


def test_row_problems_name_the_column(tmp_path: Path, stockup_notice: notices.Notice) -> None:
    rows = [
        {"code": "ok", "name": "好客户"},
        {"code": "date", "name": "客户", "spec.sign_off.date": "2026-02-30"},
        {"code": "typo", "name": "客户", "spec.sign_of.date": "2026-02-01"},
        {"code": "tofu", "name": "客户𠀀"},
    ]
    report = render_many(stockup_notice, rows, tmp_path / "out", formats="pdf")
    statuses = {r.name: (r.status, [(p.column, p.reason) for p in r.problems]) for r in report.results}
    assert statuses["ok"] == ("rendered", [])
    assert statuses["date"][0] == "failed" and statuses["date"][1][0][0] == "spec.sign_off.date"
    assert "2026-02-30" in statuses["date"][1][0][1]
    assert statuses["typo"][0] == "failed" and statuses["typo"][1][0][0] == "spec.sign_of.date"
    assert statuses["tofu"][0] == "failed" and statuses["tofu"][1][0][0] == "name"
    assert "U+20000" in statuses["tofu"][1][0][1]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["ok.pdf"]


def test_a_row_that_fails_now_removes_the_file_an_earlier_run_made_for_it(
    tmp_path: Path, stockup_notice: notices.Notice
) -> None:
    out = tmp_path / "out"
    render_many(stockup_notice, [{"code": "A", "name": "客户"}], out, formats="pdf")
    assert (out / "A.pdf").is_file()
    # an empty name is no name (as an empty cell); a column no row has at all is refused before any row
    report = render_many(stockup_notice, [{"code": "A", "name": " "}], out, formats="pdf")
    assert report.results[0].status == "failed" and not (out / "A.pdf").exists()


def test_combined_pdf_holds_every_recipient_in_row_order(
    tmp_path: Path, stockup_notice: notices.Notice
) -> None:
    rows = [{"code": f"C{n}", "name": f"第{n}号客户有限公司"} for n in range(1, 4)]
    report = render_many(stockup_notice, rows, tmp_path / "out", formats="pdf", combined=True)
    assert report.combined is not None
    combined = pypdf.PdfReader(report.combined)
    singles = [pypdf.PdfReader(r.files["pdf"]) for r in report.results]
    assert len(combined.pages) == sum(len(s.pages) for s in singles)
    position = 0
    for single in singles:
        for page in single.pages:
            assert combined.pages[position].extract_text() == page.extract_text()
            position += 1
    assert report.combined.stat().st_size < sum(r.files["pdf"].stat().st_size for r in report.results)
    again = render_many(stockup_notice, rows, tmp_path / "out", formats="pdf", combined=True)
    assert again.combined is not None and again.combined.read_bytes() == report.combined.read_bytes()
    assert [r.status for r in again.results] == ["unchanged"] * 3


def test_recipients_file_errors_stop_before_anything_is_written(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(EXAMPLES / "stockup.zh.yaml"),
            "-r",
            str(tmp_path / "missing.csv"),
            "-o",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 2
    assert not list((tmp_path / "o").glob("*.pdf"))


@pytest.mark.parametrize("pattern", ["{code}-{name}", "{row:05d}"])
def test_name_patterns(tmp_path: Path, stockup_notice: notices.Notice, pattern: str) -> None:
    rows = [{"code": "C1", "name": "客户甲"}, {"code": "C2", "name": "客户乙"}]
    report = render_many(stockup_notice, rows, tmp_path / "out", formats="html", name=pattern)
    expected = ["C1-客户甲", "C2-客户乙"] if pattern.startswith("{code}") else ["00001", "00002"]
    assert [r.name for r in report.results] == expected


def test_docx_entries_have_fixed_times(batch_200: BatchReport) -> None:
    first = next(r for r in batch_200.results if r.ok)
    with zipfile.ZipFile(first.files["docx"]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_changed_spec_renders_every_row_again(tmp_path: Path, stockup_notice: notices.Notice) -> None:
    rows = [{"code": f"C{n}", "name": f"客户{n}有限公司"} for n in range(1, 4)]
    out = tmp_path / "out"
    render_many(stockup_notice, rows, out, formats="pdf")
    changed = notices.load({**stockup_notice.data, "closing": "请遵照执行。"}, base_dir=EXAMPLES)
    report = render_many(changed, rows, out, formats="pdf")
    assert [r.status for r in report.results] == ["rendered"] * 3
    assert "请遵照执行。" in "".join(p.extract_text() for p in pypdf.PdfReader(out / "C1.pdf").pages)


def test_up_to_date_rows_are_answered_without_rendering(
    tmp_path: Path, stockup_notice: notices.Notice, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second run must not draw a row whose files are current: were it rendered again, the rendering refused
    here would fail the row (its bytes would come out the same, so only this shows the work was skipped)."""
    from notices.batch.worker import WorkerState

    rows = [{"code": f"C{n}", "name": f"客户{n}有限公司"} for n in range(1, 5)]
    out = tmp_path / "out"
    render_many(stockup_notice, rows, out)

    def refuse(self: WorkerState, task: object) -> None:
        raise AssertionError("an up-to-date row was rendered again")

    monkeypatch.setattr(WorkerState, "_render", refuse)
    report = render_many(stockup_notice, rows, out)
    assert [r.status for r in report.results] == ["unchanged"] * 4
    assert all(not r.engine for r in report.results)
