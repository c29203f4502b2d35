"""The tool speaks Chinese to a Chinese locale and English otherwise (gettext catalog, notices/i18n.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from notices import i18n

ROOT = Path(__file__).resolve().parent.parent


def _notices(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "NOTICES_LANG")
    }
    return subprocess.run(
        [sys.executable, "-m", "notices", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "zh_TW:en", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "NOTICES_LANG": "en"}, "en"),
        ({"LANG": "C", "NOTICES_LANG": "zh"}, "zh"),
        ({}, "en"),
    ],
)
def test_the_language_follows_the_locale_in_gettexts_order(
    env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "NOTICES_LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == expected


def test_speaking_overrides_the_locale_inside_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n._("Usage:") == "Usage:"
    with i18n.speaking("zh"):
        assert i18n._("Usage:") == "用法："
        assert i18n._("a sentence nobody translated") == "a sentence nobody translated"
    assert i18n._("Usage:") == "Usage:"
    with pytest.raises(ValueError), i18n.speaking("fr"):
        pass


def test_help_is_chinese_for_a_chinese_locale_and_english_otherwise() -> None:
    chinese = _notices(["render", "--help"], LANG="zh_CN.UTF-8")
    english = _notices(["render", "--help"], LANG="en_US.UTF-8")
    assert chinese.returncode == english.returncode == 0
    assert "用法：" in chinese.stdout and "规范文件（YAML）。" in chinese.stdout
    assert "显示本帮助后退出。" in chinese.stdout
    assert "Usage:" in english.stdout and "Spec files (YAML)." in english.stdout
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in english.stdout.split("Examples")[0])


def test_an_error_line_keeps_its_location_and_speaks_chinese() -> None:
    result = _notices(["render", "no-such-spec.yaml"], LANG="zh_CN.UTF-8")
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("no-such-spec.yaml: 错误：")
    assert "修改：" in result.stderr


def test_the_po_file_is_read_when_no_compiled_catalog_exists(tmp_path: Path) -> None:
    """An install that skipped scripts/setup has no .mo; Babel reads the .po and gives the same words."""
    po = ROOT / "notices" / "locale" / "zh_CN" / "LC_MESSAGES" / "notices.po"
    translations = i18n._from_po(po)
    assert translations.gettext("Usage:") == "用法："


def test_every_translation_keeps_the_fields_of_its_english() -> None:
    """A translation that drops or renames a {field} would crash .format() or print the wrong value."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import messages  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    broken = [p for p in messages.problems() if "other {fields}" in p]
    assert broken == []


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_message_in_the_code_is_in_the_catalog_and_translated() -> None:
    """`scripts/messages.py check`: every _() / N_() message, every CLI help text and click's own words have a
    Chinese translation with the same {fields}, and no message the code no longer uses is left in the catalog."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "messages.py"), "check"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout == ""


BAD_SPEC = """\
kind: general
lang: zh
title: 关于春节放假安排的通告。
salutation: 各经销商,
issuer:
  name: 华东恒信控股有限公司
sign_off:
  date: 2026-03-02
body:
  - 请于2026年3月6日（星期四）前回复XX。
"""


def test_check_of_a_bad_spec_speaks_the_locale(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(BAD_SPEC, encoding="utf-8")
    chinese = _notices(["check", str(spec)], LANG="zh_CN.UTF-8")
    english = _notices(["check", str(spec)], LANG="C")
    assert chinese.returncode == english.returncode == 1
    # Rule IDs, file:line:column and spec paths stay as written; the sentences follow the locale.
    assert (
        f"{spec}:4:17: 错误 B-RECIP 主送机关（称呼）以“,”结尾，而不是全角冒号 [salutation]" in chinese.stdout
    )
    assert "    修改：请以“：”结尾" in chinese.stdout
    assert "P-WEEKDAY 2026年3月6日 是星期五" in chinese.stdout
    assert "已检查 1 个文件：" in chinese.stdout
    assert (
        f"{spec}:4:17: error B-RECIP the salutation ends with “,” instead of a full-width colon"
        in english.stdout
    )
    assert "1 file checked: " in english.stdout
    assert not any(word in english.stdout for word in ("错误", "修改", "主送", "已检查"))


def test_a_spec_that_does_not_load_is_explained_in_the_locale(tmp_path: Path) -> None:
    spec = tmp_path / "slip.yaml"
    spec.write_text("kind: general\nlang: zh\n标题: 关于调价的通知\n", encoding="utf-8")
    chinese = _notices(["render", str(spec), "-o", str(tmp_path)], LANG="zh_CN.UTF-8")
    english = _notices(["render", str(spec), "-o", str(tmp_path)], LANG="C")
    assert chinese.returncode == english.returncode == 2
    assert "未知的键 '标题'" in chinese.stderr
    assert "键要用英文：请把 标题: 写成 title:" in chinese.stderr
    assert "unknown key '标题'" in english.stderr
    assert "the keys are English words: write title: instead of 标题:" in english.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_a_render_error_speaks_the_locale(tmp_path: Path) -> None:
    """A seal that is not there: found by the check (R-ASSET), and, with --no-check, refused by the render."""
    spec = tmp_path / "seal.yaml"
    text = (ROOT / "examples" / "stockup.zh.yaml").read_text(encoding="utf-8")
    spec.write_text(text.replace("sign_off:\n", "sign_off:\n  seal: missing-seal.png\n", 1), encoding="utf-8")
    for extra in ([], ["--no-check"]):
        chinese = _notices(["render", str(spec), "-o", str(tmp_path), *extra], LANG="zh_CN.UTF-8")
        english = _notices(["render", str(spec), "-o", str(tmp_path), *extra], LANG="C")
        assert chinese.returncode == english.returncode != 0
        assert "中找不到印章文件 'missing-seal.png'" in chinese.stderr
        assert "修改：请检查文件名" in chinese.stderr or "--no-check" in extra
        assert "the seal file 'missing-seal.png' not found in" in english.stderr
        assert not any(word in english.stderr for word in ("错误", "修改", "印章", "未生成"))
    assert (
        "未生成：请修正上面的错误，或加 --no-check 生成"
        in _notices(["render", str(spec), "-o", str(tmp_path)], LANG="zh_CN.UTF-8").stderr
    )
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.docx"))


def test_the_batch_report_speaks_the_locale(tmp_path: Path) -> None:
    recipients = tmp_path / "客户.csv"
    recipients.write_text("code,name\n001,华东经销商\n002,\n", encoding="utf-8")
    spec = ROOT / "examples" / "stockup.zh.yaml"
    chinese = _notices(
        ["batch", str(spec), "-r", str(recipients), "-o", str(tmp_path / "zh"), "--format", "pdf"],
        LANG="zh_CN.UTF-8",
    )
    english = _notices(
        ["batch", str(spec), "-r", str(recipients), "-o", str(tmp_path / "en"), "--format", "pdf"], LANG="C"
    )
    assert chinese.returncode == english.returncode == 1
    assert "共 2 行：生成 1 行，0 行已是最新，失败 1 行" in chinese.stdout
    assert "第 3 行" in chinese.stderr and "这一行没有该值" in chinese.stderr
    assert "清单：" in chinese.stdout and "失败清单：" in chinese.stdout
    assert "2 rows: 1 rendered, 0 up to date, 1 failed" in english.stdout
    assert "row 3" in english.stderr and "this row has no value for it" in english.stderr


@pytest.mark.parametrize("command", ["check", "batch", "send", "init", "doctor"])
def test_each_commands_help_follows_the_locale(command: str) -> None:
    chinese = _notices([command, "--help"], LANG="zh_CN.UTF-8")
    english = _notices([command, "--help"], LANG="C")
    assert chinese.returncode == english.returncode == 0
    first_chinese = chinese.stdout.split("\n\n")[1]
    assert _has_chinese(first_chinese), chinese.stdout[:400]
    assert "示例：" in chinese.stdout or (command == "doctor" and "示例" in chinese.stdout)
    assert "Examples:" in english.stdout
    # English help is English, but for the Chinese placeholders and file names it quotes.
    prose = english.stdout.split("Examples:")[0].replace("【待补：…】", "").replace("客户.xlsx", "")
    assert not _has_chinese(prose)


@pytest.mark.parametrize("command", ["batch", "send", "check", "init"])
def test_chinese_help_fits_the_terminal_and_breaks_where_chinese_may(command: str) -> None:
    """click counts characters and breaks at spaces only: a Chinese paragraph came out twice the terminal's width.
    Lines fit 80 columns (a Chinese character takes two) and none starts with a closing mark (CLREQ)."""
    result = _notices([command, "--help"], LANG="zh_CN.UTF-8", COLUMNS="80")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert sum(1 for line in lines if _has_chinese(line)) > 5
    for line in lines:
        assert i18n._columns(line) <= 80, line
        assert line.strip()[:1] not in i18n._NO_LINE_START, line
