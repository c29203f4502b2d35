"""A machine without CJK fonts: one clear error of the project's type, from the CLI, the batch and the library.

fontconfig is pointed at a folder with no fonts in it (``FONTCONFIG_FILE``), in a fresh process, as on a server
where ``scripts/setup`` never ran.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "examples" / "general.zh.yaml"


@pytest.fixture
def no_fonts(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "cache").mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{tmp_path / 'fonts'}</dir>\n  <cachedir>{tmp_path / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def notices_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notices", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_render_says_which_fonts_are_missing(no_fonts: dict[str, str], tmp_path: Path) -> None:
    done = notices_cli("render", str(SPEC), "-o", str(tmp_path / "out"), env=no_fonts)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "no installed font can set the body text" in done.stderr
    assert "notices doctor" in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_batch_stops_once_instead_of_failing_every_row(no_fonts: dict[str, str], tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("code,name\nD1,甲公司\nD2,乙公司\nD3,丙公司\n", encoding="utf-8")
    done = notices_cli(
        "batch", str(SPEC), "-r", str(rows), "-o", str(tmp_path / "out"), "-j", "1", env=no_fonts
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert done.stderr.count("no installed font") == 1


def test_the_library_raises_the_documented_error(no_fonts: dict[str, str]) -> None:
    script = (
        "import notices\n"
        f"notice = notices.load({str(SPEC)!r})\n"
        "try:\n"
        "    notices.render_bytes(notice, 'pdf')\n"
        "except notices.RenderError as err:\n"
        "    print(type(err).__name__, err.problems[0].fix)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=no_fonts, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("MissingFontError install the CJK fonts")


def test_doctor_warns_when_the_body_prints_in_a_song_face(tmp_path: Path) -> None:
    """Only Noto CJK installed, as on a machine set up by hand: the body's stand-in is a 宋体 face, and doctor
    says the body will not look like 仿宋 (issue 13), while 黑体 keeps its own style."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for name in ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc"):
        found = next(Path("/usr/share/fonts").rglob(name), None)
        if found is None:
            pytest.skip(f"{name} is not installed")
        (fonts / name).symlink_to(found)
    (tmp_path / "cache").mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{fonts}</dir>\n  <cachedir>{tmp_path / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    done = notices_cli("doctor", env={**os.environ, "FONTCONFIG_FILE": str(config), "NOTICES_LANG": "en"})
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if line.startswith("  ")}
    assert "Noto Serif CJK SC" in lines["body"]
    assert "a 宋体 face, so it does not look like 仿宋" in lines["body"]
    assert "WARNING" not in lines["heading1"]
    assert "What a reader sees" in done.stdout
