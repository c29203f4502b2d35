"""Delivery fixtures: rendered batches (once per session, copied per test), send.toml files, servers."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import notices
from tests.send.smtp_server import Faults, SmtpServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def address_of(n: int) -> str:
    return f"d{n:04d}@shop{n % 7}.example.com"


def write_recipients(path: Path, rows: int, extra: Callable[[int], dict[str, str]] | None = None) -> Path:
    """Distributors as an ERP exports them: code, name, email (row 3 has two addresses)."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, ["code", "name", "email"])
        writer.writeheader()
        for n in range(1, rows + 1):
            email = address_of(n) if n != 3 else f"{address_of(n)}; 采购部 <buyer{n}@shop{n % 7}.example.com>"
            row = {"code": f"D{n:04d}", "name": f"第{n}号经销商有限公司", "email": email}
            row.update(extra(n) if extra else {})
            writer.writerow(row)
    return path


def render_batch(root: Path, rows: int, *, spec: str = "stockup.zh.yaml", formats: str = "pdf") -> Path:
    """root/spec.yaml, root/distributors.csv and root/out/, as a user's project folder holds them."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLES / spec, root / spec)
    recipients = write_recipients(root / "distributors.csv", rows)
    notices.render_many(notices.load(root / spec), recipients, root / "out", formats=formats)
    return root / "out"


@pytest.fixture(scope="session")
def batch_10(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_batch(tmp_path_factory.mktemp("batch10"), 10, formats="pdf,docx")


@pytest.fixture
def outdir(batch_10: Path, tmp_path: Path) -> Path:
    """A fresh copy of the 10-recipient batch (with its spec beside it), for one test to send from."""
    shutil.copytree(batch_10.parent, tmp_path / "project")
    return tmp_path / "project" / "out"


def write_config(folder: Path, port: int, text: str = "", **smtp: str) -> Path:
    """send.toml for the test server: plain SMTP to 127.0.0.1, short timeouts and retries, no pacing."""
    lines = [
        'from = "华东恒信控股有限公司 <notices@hengxin.example.com>"',
        'reply_to = "sales@hengxin.example.com"',
        "[smtp]",
        'host = "127.0.0.1"',
        f"port = {port}",
        f'security = "{smtp.pop("security", "none")}"',
        f"timeout = {smtp.pop('timeout', '2')}",
        *(f"{key} = {value}" for key, value in smtp.items()),
        "[pacing]",
        "rate = 0",
        'pause = "0s"',
        "[retry]",
        'first = "0.05s"',
        'longest = "0.2s"',
        'wait = "3s"',
    ]
    path = folder / "send.toml"
    path.write_text("\n".join(lines) + "\n" + text, encoding="utf-8")
    return path


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with SmtpServer(faults=Faults()) as server:
        yield server
