"""Rule settings from pyproject.toml and the spec's checks:, and inline ignore comments."""

from __future__ import annotations

from pathlib import Path

from notices.check import check_file
from notices.check.examples import example_spec

BAD = "salutation: '尊敬的客户:'\nbody: ['请提前下单,谢谢。']"


def write(folder: Path, snippet: str, name: str = "n.yaml") -> Path:
    path = folder / name
    path.write_text(example_spec(snippet), encoding="utf-8")
    return path


def rules_and_severities(path: Path) -> set[tuple[str, str]]:
    return {(f.rule, f.severity) for f in check_file(path)}


def test_defaults_without_any_configuration(tmp_path: Path) -> None:
    assert rules_and_severities(write(tmp_path, BAD)) == {("B-RECIP", "error"), ("P-PUNCT", "warning")}


def test_pyproject_turns_rules_off_and_changes_severity(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.notices.checks]\nB-RECIP = "warning"\n"P-*" = "off"\n', encoding="utf-8"
    )
    (tmp_path / "specs").mkdir()
    spec = write(tmp_path / "specs", BAD)  # the nearest pyproject.toml is a folder up
    assert rules_and_severities(spec) == {("B-RECIP", "warning")}


def test_the_spec_overrides_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.notices.checks]\nP-PUNCT = "off"\n', encoding="utf-8")
    spec = write(tmp_path, BAD + "\nchecks: {P-PUNCT: error, B-RECIP: off}")
    assert rules_and_severities(spec) == {("P-PUNCT", "error")}


def test_yaml_off_is_read_as_off(tmp_path: Path) -> None:
    """YAML 1.1 reads a bare off as false; it still means off."""
    spec = write(tmp_path, BAD + "\nchecks:\n  B-RECIP: off\n  P-PUNCT: info")
    assert rules_and_severities(spec) == {("P-PUNCT", "info")}


def test_unknown_rules_and_settings_are_reported_where_they_are_written(tmp_path: Path) -> None:
    spec = write(tmp_path, BAD + "\nchecks:\n  B-RECEP: off\n  P-PUNCT: loud")
    findings = {(f.rule, f.line, f.message, f.fix) for f in check_file(spec) if f.rule == "X-CONFIG"}
    assert len(findings) == 2
    (typo,) = [f for f in findings if "B-RECEP" in f[2]]
    assert typo[3] == "did you mean B-RECIP?"
    assert spec.read_text(encoding="utf-8").splitlines()[typo[1] - 1].strip().startswith("B-RECEP")
    # The setting that could not be used changes nothing.
    assert ("B-RECIP", "error") in rules_and_severities(spec)


def test_inline_comment_silences_one_rule_on_its_line(tmp_path: Path) -> None:
    spec = write(tmp_path, BAD.replace("'尊敬的客户:'", "'尊敬的客户:'  # notices: ignore[B-RECIP]"))
    assert rules_and_severities(spec) == {("P-PUNCT", "warning")}
    other = write(
        tmp_path, BAD.replace("'尊敬的客户:'", "'尊敬的客户:'  # notices: ignore[P-PUNCT]"), "o.yaml"
    )
    assert ("B-RECIP", "error") in rules_and_severities(other)


def test_inline_comment_on_a_block_scalars_key_covers_the_whole_text(tmp_path: Path) -> None:
    snippet = (
        "body:\n  - |  # notices: ignore[P-PUNCT, P-DASH]\n    第一段,有半角逗号...\n    第二段,也有。\n"
    )
    assert rules_and_severities(write(tmp_path, snippet)) == set()
    unsilenced = snippet.replace("  # notices: ignore[P-PUNCT, P-DASH]", "")
    found = [f for f in check_file(write(tmp_path, unsilenced, "u.yaml")) if f.rule == "P-PUNCT"]
    assert [(f.line, f.column) for f in found] == [(9, 8), (10, 8)]
