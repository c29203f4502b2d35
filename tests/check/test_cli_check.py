"""`notices check`, `notices rules` and the check inside `notices render`, run as a person runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run

ROOT = Path(__file__).resolve().parents[2]
CLEAN = ROOT / "examples" / "stockup.zh.yaml"
MISTAKES = ROOT / "examples" / "mistakes" / "stockup-template.zh.yaml"
JSON_KEYS = {"rule", "severity", "message", "file", "line", "column", "path", "fix"}

BAD_SPEC = """\
issuer:
  name: 华东恒信控股有限公司
title: 关于春节备货的通知
salutation: '尊敬的客户:'
body:
  - 请于2026年2月5日（星期三）前下单,谢谢。
sign_off:
  date: 2026-01-05
"""


@pytest.fixture
def bad_spec(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_SPEC, encoding="utf-8")
    return path


def test_clean_spec_exits_0(tmp_path: Path) -> None:
    result = run("check", str(CLEAN))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 file checked: no problems" in result.stdout


def test_text_output_points_at_the_offending_text(bad_spec: Path) -> None:
    result = run("check", str(bad_spec))
    assert result.returncode == 1
    assert f"{bad_spec}:4:19: error B-RECIP" in result.stdout
    assert (
        f"{bad_spec}:6:17: error P-WEEKDAY 2026年2月5日 is a Thursday (星期四), not 星期三 [body[0]]"
        in result.stdout
    )
    assert f"{bad_spec}:6:24: warning P-PUNCT" in result.stdout
    assert "    fix: " in result.stdout


def test_json_output_is_a_list_with_exactly_the_documented_keys(bad_spec: Path) -> None:
    result = run("check", str(bad_spec), "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert {f["rule"] for f in findings} == {"B-RECIP", "P-WEEKDAY", "P-PUNCT"}
    assert all(set(f) == JSON_KEYS for f in findings)
    weekday = next(f for f in findings if f["rule"] == "P-WEEKDAY")
    assert (weekday["line"], weekday["column"], weekday["path"], weekday["file"]) == (
        6,
        17,
        "body[0]",
        str(bad_spec),
    )


def test_github_output_is_workflow_annotations(bad_spec: Path) -> None:
    result = run("check", str(bad_spec), "--format", "github")
    lines = result.stdout.splitlines()
    assert f"::error file={bad_spec},line=6,col=17,title=P-WEEKDAY::2026年2月5日 is a Thursday" in lines[1]
    assert any(line.startswith("::warning ") and "title=P-PUNCT" in line for line in lines)


def test_sarif_output_is_a_sarif_2_1_log(bad_spec: Path) -> None:
    result = run("check", str(bad_spec), "--format", "sarif")
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    results = run_["results"]
    assert {r["ruleId"] for r in results} == set(rules)
    weekday = next(r for r in results if r["ruleId"] == "P-WEEKDAY")
    assert weekday["level"] == "error" and rules[weekday["ruleIndex"]] == "P-WEEKDAY"
    assert weekday["locations"][0]["physicalLocation"]["region"] == {"startLine": 6, "startColumn": 17}


def test_many_files_globs_and_folders_in_one_run(tmp_path: Path, bad_spec: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "clean.yaml").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", str(tmp_path / "*.yaml"), str(tmp_path / "sub"), "--format", "json")
    assert result.returncode == 1
    assert {Path(f["file"]).name for f in json.loads(result.stdout)} == {"bad.yaml"}
    text = run("check", str(tmp_path), str(bad_spec))  # a folder is searched recursively; repeats count once
    assert "2 files checked" in text.stdout


def test_unreadable_or_missing_files_exit_2(tmp_path: Path, bad_spec: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("issuer: [\n", encoding="utf-8")
    result = run("check", str(bad_spec), str(broken), str(tmp_path / "missing.yaml"), "--format", "json")
    assert result.returncode == 2
    rules = [f["rule"] for f in json.loads(result.stdout)]
    assert rules.count("SPEC") == 2 and "P-WEEKDAY" in rules
    nothing = run("check", str(tmp_path / "nothing-*.yaml"))
    assert nothing.returncode == 2 and "no spec file matches" in nothing.stderr


def test_the_command_line_builds_its_models_without_pydantics_plugin_search(bad_spec: Path) -> None:
    """pydantic scans every installed distribution's entry points for plugins when it builds its first
    model; the command line asks it not to (it uses none), before any model is built, and a user's own
    setting of PYDANTIC_DISABLE_PLUGINS stands."""
    code = (
        "import os, sys\n"
        "import notices\n"
        "print('MODELS', 'pydantic' in sys.modules, 'notices.reader' in sys.modules)\n"
        "from pydantic.plugin import _loader\n"
        "searches = []\n"
        "found = _loader.entry_points\n"
        "_loader.entry_points = lambda **kw: searches.append(kw) or found(**kw)\n"
        "from notices.cli import app\n"
        f"try:\n    app(['check', {str(bad_spec)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print('SEARCHES', len(searches), os.environ['PYDANTIC_DISABLE_PLUGINS'])\n"
    )

    def run_with(environment: dict[str, str]) -> str:
        env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | environment
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
        )
        return done.stdout

    quiet = run_with({})
    assert "MODELS False False" in quiet  # `import notices` builds no model: the CLI is in time
    assert "SEARCHES 0 __all__" in quiet
    chosen = run_with({"PYDANTIC_DISABLE_PLUGINS": "some-plugin"})
    assert "SEARCHES 1 some-plugin" in chosen


def test_fix_rewrites_the_file_keeping_comments_then_reports_the_rest(bad_spec: Path) -> None:
    bad_spec.write_text(BAD_SPEC.replace("title:", "# 标题\ntitle:"), encoding="utf-8")
    result = run("check", str(bad_spec), "--fix")
    assert result.returncode == 1  # the weekday needs a person: no safe fix for it
    text = bad_spec.read_text(encoding="utf-8")
    assert "# 标题\n" in text and "salutation: '尊敬的客户：'" in text
    assert "（星期三）前下单，谢谢。" in text
    assert "P-WEEKDAY" in result.stdout and "B-RECIP" not in result.stdout and "P-PUNCT" not in result.stdout


def test_rules_lists_every_rule_and_explains_one() -> None:
    listing = run("rules")
    assert listing.returncode == 0
    for rule_id in ("B-TITLE-FORM", "B-RECIP", "P-PUNCT", "P-PLACEHOLDER", "P-WEEKDAY", "P-YEAR", "H-DOCNO"):
        assert rule_id in listing.stdout
    explained = run("rules", "p-weekday")
    assert explained.returncode == 0
    assert "Good:" in explained.stdout and "Bad:" in explained.stdout
    assert "→ error: 2026年2月5日 is a Thursday" in explained.stdout
    assert run("rules", "NO-SUCH").returncode == 2


def test_render_stops_on_errors_unless_no_check(tmp_path: Path, bad_spec: Path) -> None:
    out = tmp_path / "out"
    stopped = run("render", str(bad_spec), "-o", str(out), "--format", "html")
    assert stopped.returncode == 1
    assert "P-WEEKDAY" in stopped.stderr and "not rendered" in stopped.stderr
    assert not out.exists() or not any(out.iterdir())
    forced = run("render", str(bad_spec), "-o", str(out), "--format", "html", "--no-check")
    assert forced.returncode == 0, forced.stderr
    assert (out / "bad.html").is_file()
    assert "P-WEEKDAY" in forced.stderr  # still shown
