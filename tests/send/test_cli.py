"""`notices send` as a sales-admin runs it: dry run, send, status, exit codes, errors with their place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from notices.cli import app
from notices.send.ledger import LEDGER_NAME
from tests.send.conftest import address_of, write_config
from tests.send.smtp_server import Faults, SmtpServer


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["send", *args])
    return result.exit_code, result.stdout, result.stderr


def test_dry_run_shows_who_gets_what_and_sends_nothing(outdir: Path, smtp_server: SmtpServer) -> None:
    config = write_config(outdir.parent, smtp_server.port)
    code, out, _ = run(str(outdir), "--config", str(config), "--dry-run")
    assert code == 0
    assert f"D0003 (row 4) → {address_of(3)}, 采购部 <buyer3@shop3.example.com> [new]" in out
    assert (
        "华东恒信控股有限公司关于2026年春节备货的通知 · 华东恒信控股有限公司关于2026年春节备货的通知.pdf ("
        in out
    )
    assert "10 recipients would be sent to, 0 cannot be (dry run: nothing sent)" in out
    assert "尊敬的第1号经销商有限公司：" in out  # the first cover text, in full
    assert smtp_server.messages == [] and not (outdir / LEDGER_NAME).exists()


def test_send_then_status_in_text_and_json(outdir: Path) -> None:
    faults = Faults(reject={address_of(7): "550 5.1.1 <d0007@shop0.example.com>: user unknown"})
    with SmtpServer(faults=faults) as server:
        config = write_config(outdir.parent, server.port)
        code, out, err = run(str(outdir), "--config", str(config))
    assert code == 1, err
    assert "10 accepted, 1 failed" in out
    assert f"D0007 (row 8) {address_of(7)}: failed: 550 5.1.1" in out
    assert f"D0007 (row 8) {address_of(7)}: failed: 550 5.1.1" in err  # as it happened
    code, out, _ = run(str(outdir), "--status")
    assert code == 1 and "needs attention:" in out
    # --status reads the ledger and changes nothing in it, even while a send holds its write lock.
    ledger = outdir / LEDGER_NAME
    before = ledger.read_bytes()
    with sqlite3.connect(ledger, isolation_level=None) as writer:
        writer.execute("BEGIN IMMEDIATE")
        code, out, _ = run(str(outdir), "--status", "--format", "json")
        writer.execute("ROLLBACK")
    assert ledger.read_bytes() == before
    data = json.loads(out)
    assert data["counts"] == {"accepted": 10, "failed": 1} and data["exit_code"] == 1
    (row,) = data["attention"]
    assert (row["name"], row["address"], row["reply"]) == (
        "D0007",
        address_of(7),
        "550 5.1.1 <d0007@shop0.example.com>: user unknown",
    )


def test_all_accepted_exits_0_and_unknown_can_be_resent_explicitly(outdir: Path) -> None:
    with SmtpServer(faults=Faults(delay_final={5: 3.0})) as server:
        config = write_config(outdir.parent, server.port, timeout="1")
        code, out, _ = run(str(outdir), "--config", str(config))
        assert code == 1 and "unknown" in out and "--resend-unknown" in out
        code, out, _ = run(str(outdir), "--config", str(config), "--resend-unknown", "--only", "D0005")
        assert code == 0, out
        assert "11 accepted" in out
    code, out, _ = run(str(outdir), "--status")
    assert code == 0


def test_a_mistake_in_send_toml_exits_2_with_its_line(outdir: Path) -> None:
    config = write_config(outdir.parent, 25)
    config.write_text(config.read_text().replace("host =", "hots ="), encoding="utf-8")
    code, _, err = run(str(outdir), "--config", str(config))
    assert code == 2
    assert f"{config}:4:1: error: unknown key 'hots' in [smtp] [smtp.hots]" in err
    assert "fix: did you mean 'host'?" in err


def test_a_folder_without_a_batch_exits_2(tmp_path: Path) -> None:
    config = write_config(tmp_path, 25)
    code, _, err = run(str(tmp_path), "--config", str(config))
    assert code == 2 and "holds no manifest.json" in err and "notices batch" in err


def test_the_password_variable_must_be_set(outdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    config = write_config(outdir.parent, 25, user='"notices"', password_env='"NOT_SET_ANYWHERE"')
    code, _, err = run(str(outdir), "--config", str(config))
    assert code == 2 and "NOT_SET_ANYWHERE" in err


def test_a_changed_batch_is_refused_until_rendered_again(outdir: Path, smtp_server: SmtpServer) -> None:
    (outdir / "D0002.pdf").write_bytes(b"%PDF-1.7 something else")
    config = write_config(outdir.parent, smtp_server.port)
    code, _, err = run(str(outdir), "--config", str(config))
    assert code == 2 and "D0002.pdf" in err and "run the same notices batch command again" in err
    assert smtp_server.messages == []
