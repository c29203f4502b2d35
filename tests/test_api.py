"""What an ERP script does with one call each: load a dict, check it, get bytes."""

from __future__ import annotations

import re
from pathlib import Path

import notices

SPEC = {
    "issuer": {"name": "华东恒信控股有限公司"},
    "title": "关于调整发货时间的通知",
    "salutation": "尊敬的{{ recipient.name }}：",
    "body": ["自2026年2月9日（星期一）起，每日发货截止时间调整为16:00。"],
    "sign_off": {"date": "2026-01-05"},
}


def test_a_clean_dict_spec_has_no_findings_and_renders_to_bytes() -> None:
    notice = notices.load(SPEC)
    assert notices.check_notice(notice) == []
    pdf = notices.render_bytes(notice, "pdf", recipient={"name": "上海某某商贸有限公司"})
    docx = notices.render_bytes(notice, "docx", recipient={"name": "上海某某商贸有限公司"})
    assert pdf.startswith(b"%PDF-") and docx.startswith(b"PK")


def test_check_notice_finds_a_wrong_weekday_at_its_path() -> None:
    wrong = dict(SPEC, body=["自2026年2月9日（星期二）起，每日发货截止时间调整为16:00。"])
    findings = notices.check_notice(notices.load(wrong))
    assert [(f.rule, f.severity, f.path) for f in findings] == [("P-WEEKDAY", "error", "body[0]")]


def test_mistakes_example_is_full_of_findings(examples_dir: Path) -> None:
    """Its sign-off date does not load; check_path still checks the rest in one call."""
    from notices.check import check_path

    result = check_path(examples_dir / "mistakes" / "stockup-template.zh.yaml")
    assert not result.loaded
    assert {"SPEC", "P-PLACEHOLDER", "B-RECIP", "P-YEAR"} <= {f.rule for f in result.findings}


def test_render_many_is_exported_with_its_real_signature_and_report(
    tmp_path: Path, examples_dir: Path
) -> None:
    import inspect

    parameters = inspect.signature(notices.render_many).parameters
    assert list(parameters) == [
        "notice", "recipients", "outdir", "formats", "name", "jobs", "combined", "sheet", "progress",
        "keep_results", "check",
    ]  # fmt: skip
    notice = notices.load(examples_dir / "stockup.zh.yaml")
    seen: list[notices.RecipientResult] = []
    report = notices.render_many(
        notice,
        [{"code": "C1", "name": "上海某某商贸有限公司"}],
        tmp_path,
        formats="pdf",
        progress=seen.append,
    )
    assert isinstance(report, notices.BatchReport) and report.ok and report.counts["rendered"] == 1
    assert seen == report.results
    assert (tmp_path / "C1.pdf").read_bytes() == notices.render_bytes(
        notice, "pdf", {"code": "C1", "name": "上海某某商贸有限公司"}
    )


def test_the_path_of_a_spec_is_taken_where_a_notice_is(tmp_path: Path) -> None:
    """notices.render("spring.yaml", …) loads the spec and gates it; a value of another type is refused with
    the project's error, not an AttributeError from inside."""
    import pytest
    import yaml

    wrong = dict(SPEC, body=["自2026年2月9日（星期二）起，每日发货截止时间调整为16:00。"])
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(wrong, allow_unicode=True), encoding="utf-8")
    assert [f.rule for f in notices.check_notice(spec)] == ["P-WEEKDAY"]
    with pytest.raises(notices.CheckError):
        notices.render(str(spec), tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()
    html = notices.to_html(spec, recipient={"name": "上海某某商贸有限公司"})
    # the text as a reader reads it: the lines the layout set are spans of their own, a phrase may cross two
    assert "每日发货截止时间" in "".join(re.sub(r"<[^>]+>", "", html).split())
    with pytest.raises(notices.SpecError, match="not int"):
        notices.render_bytes(42, "pdf")  # type: ignore[arg-type]


def test_a_dict_is_taken_where_a_notice_is() -> None:
    """An ERP script passes its dict straight to render_bytes and check_notice: the same as loading it."""
    import pytest

    recipient = {"name": "上海某某商贸有限公司"}
    assert notices.render_bytes(SPEC, "docx", recipient) == notices.render_bytes(
        notices.load(SPEC), "docx", recipient
    )
    wrong = dict(SPEC, body=["自2026年2月9日（星期二）起，每日发货截止时间调整为16:00。"])
    assert [f.rule for f in notices.check_notice(wrong)] == ["P-WEEKDAY"]
    with pytest.raises(notices.CheckError):
        notices.render_bytes(wrong, "pdf")


def test_load_refuses_what_is_neither_a_path_nor_a_dict() -> None:
    import pytest

    for value in (None, 42, ["issuer"]):
        with pytest.raises(notices.SpecError, match="a path or a dict"):
            notices.load(value)  # type: ignore[arg-type]


def test_an_output_that_cannot_be_written_is_the_projects_error(tmp_path: Path) -> None:
    """A folder that cannot be made (a file stands where it would go): OutputError, still an OSError, naming
    the path; nothing is written."""
    import pytest

    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(notices.OutputError) as caught:
        notices.render(notices.load(SPEC), blocker / "spring", recipient={"name": "上海某某商贸有限公司"})
    assert isinstance(caught.value, OSError)
    (problem,) = caught.value.problems
    assert problem.location.file == str(blocker / "spring") and "cannot write the output" in problem.message
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"
