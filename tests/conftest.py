from __future__ import annotations

from pathlib import Path

import pytest

import notices

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def stockup_notice() -> notices.Notice:
    return notices.load(EXAMPLES / "stockup.zh.yaml")


@pytest.fixture(scope="session")
def stockup_zh_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Chinese stock-up example rendered once for the whole session, as a user would run it."""
    out = tmp_path_factory.mktemp("stockup-zh")
    paths = notices.render(notices.load(EXAMPLES / "stockup.zh.yaml"), out / "stockup.zh")
    return {p.suffix[1:]: p for p in paths}


@pytest.fixture(scope="session")
def stockup_en_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("stockup-en")
    paths = notices.render(notices.load(EXAMPLES / "stockup.en.yaml"), out / "stockup.en")
    return {p.suffix[1:]: p for p in paths}
