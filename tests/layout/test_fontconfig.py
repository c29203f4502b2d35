"""fontconfig asked in the process gives what `fc-match` and `fc-list` give, and the commands still answer where
the library cannot be loaded."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from notices.layout import fontconfig, fonts, metrics
from notices.profiles import PROFILES

pytestmark = pytest.mark.skipif(
    fontconfig.library() is None or not shutil.which("fc-match"), reason="fontconfig is not installed"
)

# Every face a profile may ask for, at its weight, and names fontconfig only substitutes for.
ASKED = sorted(
    {
        (family, weight)
        for profile in PROFILES.values()
        for role in profile.roles.values()
        for family, weight in role.candidates
    }
    | {("serif", 400), ("No Such Face 9", 400), ("仿宋", 400), ("Noto Serif CJK SC", 700)}
)


def _fc_match(pattern: str) -> list[str]:
    done = subprocess.run(
        ["fc-match", "--format=%{file}\\n%{index}\\n%{family}", pattern],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split("\n")


@pytest.mark.parametrize(("family", "weight"), ASKED)
def test_a_match_is_fc_matchs(family: str, weight: int) -> None:
    library = fontconfig.library()
    assert library is not None
    pattern = family + (":bold" if weight >= 600 else "")
    found = library.match(pattern)
    assert found is not None
    file, index, families = found
    assert [str(file), str(index), ",".join(families)] == _fc_match(pattern)


def test_the_installed_families_are_fc_lists() -> None:
    listed = subprocess.run(
        ["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, check=True
    ).stdout
    from_command = {name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()}
    fonts.installed_families.cache_clear()
    assert fonts.installed_families() == from_command
    assert "Noto Serif CJK SC" in from_command  # scripts/setup installs it: the comparison is not empty


def _answers() -> tuple[list[tuple[object, ...] | None], frozenset[str]]:
    metrics.resolve_font_file.cache_clear()
    fonts.installed_families.cache_clear()
    try:
        return [
            metrics.resolve_font_file(family, weight) for family, weight in ASKED
        ], fonts.installed_families()
    finally:
        metrics.resolve_font_file.cache_clear()
        fonts.installed_families.cache_clear()


def test_without_the_library_the_commands_give_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    from_library = _answers()
    assert any(from_library[0]) and not all(from_library[0])  # some faces found, some substituted
    monkeypatch.setattr(metrics, "library", lambda: None)  # as where libfontconfig cannot be loaded
    monkeypatch.setattr(fonts, "library", lambda: None)
    assert _answers() == from_library
