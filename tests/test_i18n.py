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
