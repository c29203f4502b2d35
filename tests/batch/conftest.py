"""Batch fixtures: the 200-row recipients file of the done-when test, rendered once for the session."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import notices
from notices.batch.runner import BatchReport, render_many

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROWS = 200
EVIL_ROW = 5  # data row (1-based) whose code is "../../evil"
KUN_ROW = 9  # whose name holds 堃
BAD_ROW = 13  # whose name is missing, which the salutation needs


def write_recipients(path: Path, rows: int = ROWS) -> Path:
    """Distributors as an ERP exports them; three rows are special (see the constants above)."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "region"])
        for n in range(1, rows + 1):
            code = "../../evil" if n == EVIL_ROW else f"D{n:04d}"
            name = "堃元商贸有限公司" if n == KUN_ROW else "" if n == BAD_ROW else f"第{n}号经销商有限公司"
            writer.writerow([code, name, "华东"])
    return path


@pytest.fixture(scope="session")
def recipients_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_recipients(tmp_path_factory.mktemp("recipients") / "distributors.csv")


@pytest.fixture(scope="session")
def batch_200(
    tmp_path_factory: pytest.TempPathFactory, stockup_notice: notices.Notice, recipients_200: Path
) -> BatchReport:
    """The done-when batch, rendered in this process (one worker) into a fresh folder."""
    out = tmp_path_factory.mktemp("batch") / "out"
    return render_many(stockup_notice, recipients_200, out, jobs=1)
