from __future__ import annotations

import os
from pathlib import Path

import pytest
from once import once_per_run
from rendered import Rendered, render_examples

import notices

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Write notices' bytecode once, before any test starts a `notices` or Python process.

    The tests start many (the README's commands, kill -9 runs, import checks). A shell with
    PYTHONDONTWRITEBYTECODE set, as developers' often are, never writes notices/__pycache__, so every one of
    those processes compiled all of notices from source again (~0.4 s CPU each); with the bytecode written,
    they read it, as a user's start does. Nothing is written where the bytecode is current.
    """
    import compileall

    compileall.compile_dir(ROOT / "notices", quiet=2)


# The tests read the tool's English words whatever the locale of the machine that runs them (a developer with
# LANG=zh_CN); tests/test_i18n.py sets the language it means explicitly.
os.environ["NOTICES_LANG"] = "en"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def stockup_notice() -> notices.Notice:
    return notices.load(EXAMPLES / "stockup.zh.yaml")


@pytest.fixture(scope="session")
def all_rendered_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Every example as PDF and DOCX, rendered once for the whole session as a user would render it."""
    return once_per_run(tmp_path_factory, "examples", render_examples)


@pytest.fixture(scope="session")
def stockup_zh_files(all_rendered_examples: dict[str, Rendered]) -> dict[str, Path]:
    rendered = all_rendered_examples["stockup.zh"]
    return {"pdf": rendered.pdf, "docx": rendered.docx}


@pytest.fixture(scope="session")
def stockup_en_files(all_rendered_examples: dict[str, Rendered]) -> dict[str, Path]:
    rendered = all_rendered_examples["stockup.en"]
    return {"pdf": rendered.pdf, "docx": rendered.docx}
