"""A batch killed with kill -9 and run again finishes with every file valid and none missing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pypdf
import pytest

import notices
from notices.batch.manifest import file_sha256
from notices.batch.runner import render_many

from .conftest import EXAMPLES, ROWS

KILL_AFTER_FILES = 40
PATIENCE_SECONDS = 120


def _batch_command(recipients: Path, out: Path) -> list[str]:
    spec = str(EXAMPLES / "stockup.zh.yaml")
    return [sys.executable, "-m", "notices", "batch", spec, "-r", str(recipients), "-o", str(out), "-j", "2"]


def _assert_complete_and_valid(out: Path) -> None:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and len(manifest["entries"]) == ROWS
    ok = [e for e in manifest["entries"] if e["status"] == "ok"]
    assert len(ok) == ROWS - 1
    for entry in ok:
        for fmt, name in entry["files"].items():
            assert file_sha256(out / name) == entry["sha256"][fmt]
    for pdf in out.glob("*.pdf"):
        assert len(pypdf.PdfReader(pdf, strict=True).pages) >= 1
    for document in out.glob("*.docx"):
        with zipfile.ZipFile(document) as archive:
            assert archive.testzip() is None
    assert len(list(out.glob("*.pdf"))) == len(list(out.glob("*.docx"))) == ROWS - 1
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]


@pytest.mark.slow
def test_kill_9_mid_run_then_run_again(tmp_path: Path, recipients_200: Path) -> None:
    out = tmp_path / "out"
    command = _batch_command(recipients_200, out)
    environment = {**os.environ, "CI": "1"}
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + PATIENCE_SECONDS
    try:
        while len(list(out.glob("*.pdf"))) < KILL_AFTER_FILES and process.poll() is None:
            assert time.monotonic() < deadline, "the batch wrote too few files to be killed midway"
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the CLI and its worker processes, as a crash would
        process.wait()
    written = list(out.glob("*.pdf"))
    assert KILL_AFTER_FILES <= len(written) < ROWS - 1, "kill the batch midway"
    for pdf in written:  # whatever was already there is whole: files appear only by rename
        pypdf.PdfReader(pdf, strict=True)

    finished = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 1, finished.stderr
    _assert_complete_and_valid(out)


def test_a_damaged_or_deleted_file_is_made_again(tmp_path: Path, stockup_notice: notices.Notice) -> None:
    rows = [{"code": f"C{n}", "name": f"客户{n}"} for n in range(1, 5)]
    out = tmp_path / "out"
    render_many(stockup_notice, rows, out)
    original = (out / "C2.pdf").read_bytes()
    original_docx = (out / "C3.docx").read_bytes()
    (out / "C2.pdf").write_bytes(original[: len(original) // 2])
    (out / "C3.docx").unlink()
    (out / ".C4.pdf.0123abcd.part").write_bytes(b"left by a killed run")
    again = render_many(stockup_notice, rows, out)
    assert [r.status for r in again.results] == ["unchanged", "rendered", "rendered", "unchanged"]
    assert (out / "C2.pdf").read_bytes() == original
    assert (out / "C3.docx").read_bytes() == original_docx
    assert not (out / ".C4.pdf.0123abcd.part").exists()
