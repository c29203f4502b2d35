from __future__ import annotations

import os
from pathlib import Path

import pytest
from rendered import Rendered, render_examples

import notices

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

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
    return render_examples(tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="session")
def stockup_zh_files(all_rendered_examples: dict[str, Rendered]) -> dict[str, Path]:
    rendered = all_rendered_examples["stockup.zh"]
    return {"pdf": rendered.pdf, "docx": rendered.docx}


@pytest.fixture(scope="session")
def stockup_en_files(all_rendered_examples: dict[str, Rendered]) -> dict[str, Path]:
    rendered = all_rendered_examples["stockup.en"]
    return {"pdf": rendered.pdf, "docx": rendered.docx}
