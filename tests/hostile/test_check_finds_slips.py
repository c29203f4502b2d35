"""A spec whose title line has a slip is still found through a folder or a glob, and its slip is reported."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from notices.cli import app

SPEC = "issuer:\n  name: 某某公司\ntitle：关于春节放假的通知\nsign_off:\n  date: 2026-01-05\n"


def test_a_folder_check_reports_the_full_width_colon_instead_of_skipping_the_file(tmp_path: Path) -> None:
    (tmp_path / "spring.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "house.yaml").write_text("company: 某某公司\n", encoding="utf-8")  # not a spec: skipped
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "spring.yaml:3:6" in result.output
    assert "full-width colon" in result.output
    assert "house.yaml" not in result.output
    assert "1 file checked" in result.output


def test_a_chinese_title_key_is_found_and_named(tmp_path: Path) -> None:
    (tmp_path / "spring.yaml").write_text(SPEC.replace("title：", "标题: "), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "*.yaml")])
    assert result.exit_code == 2
    assert "write title: instead of 标题:" in result.output
