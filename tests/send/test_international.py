"""Addresses as Chinese recipients' files hold them: an internationalised domain, letters before the @ that
are not ASCII, full-width characters from an input method. Sent to a real SMTP server on 127.0.0.1, with and
without the SMTPUTF8 extension (RFC 6531), which a non-ASCII part before the @ needs."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import notices
import notices.send
from notices.send.ledger import LEDGER_NAME
from tests.send.conftest import EXAMPLES, write_config, write_recipients
from tests.send.smtp_server import SmtpServer

IDN = "orders@恒信.中国"  # the domain travels as IDNA (xn--…); the part before @ is ASCII
IDN_ENVELOPE = "orders@" + "恒信.中国".encode("idna").decode("ascii")
UTF8_LOCAL = "张经理@hengxin.example.com"  # needs SMTPUTF8
FULL_WIDTH = "ｓａｌｅｓ＠ｓｈｏｐ３．ｅｘａｍｐｌｅ．ｃｏｍ"  # typed with a Chinese input method


@pytest.fixture(scope="module")
def batch_3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("intl")
    shutil.copy(EXAMPLES / "stockup.zh.yaml", root / "stockup.zh.yaml")
    cells = {1: f"王静 <{IDN}>", 2: UTF8_LOCAL, 3: FULL_WIDTH}
    recipients = write_recipients(root / "distributors.csv", 3, lambda n: {"email": cells[n]})
    notices.render_many(notices.load(root / "stockup.zh.yaml"), recipients, root / "out", formats="pdf")
    return root / "out"


def fresh(batch: Path, tmp_path: Path) -> Path:
    shutil.copytree(batch.parent, tmp_path / "project")
    return tmp_path / "project" / "out"


def states(outdir: Path) -> dict[str, tuple[str, str]]:
    db = sqlite3.connect(f"file:{outdir / LEDGER_NAME}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT address, state, last_reply FROM deliveries").fetchall()
    finally:
        db.close()
    return {str(a): (str(s), str(r)) for a, s, r in rows}


def test_with_smtputf8_every_address_arrives_in_the_form_smtp_needs(batch_3: Path, tmp_path: Path) -> None:
    outdir = fresh(batch_3, tmp_path)
    with SmtpServer(smtputf8=True) as server:
        report = notices.send.deliver(
            outdir, notices.send.load_config(write_config(outdir.parent, server.port))
        )
    assert report.counts == {"accepted": 3}, states(outdir)
    by_rcpt = {stored.rcpt_tos[0]: stored for stored in server.messages}
    assert sorted(by_rcpt) == sorted([IDN_ENVELOPE, UTF8_LOCAL, "sales@shop3.example.com"])
    assert "SMTPUTF8" in by_rcpt[UTF8_LOCAL].mail_options  # only the transaction that needs it asks for it
    assert "SMTPUTF8" not in by_rcpt[IDN_ENVELOPE].mail_options
    to = by_rcpt[IDN_ENVELOPE].message["To"].addresses[0]
    assert to.display_name == "王静"


def test_without_smtputf8_only_the_address_that_needs_it_fails_and_says_why(
    batch_3: Path, tmp_path: Path
) -> None:
    outdir = fresh(batch_3, tmp_path)
    with SmtpServer(smtputf8=False) as server:
        report = notices.send.deliver(
            outdir, notices.send.load_config(write_config(outdir.parent, server.port))
        )
    assert report.counts == {"accepted": 2, "failed": 1} and report.exit_code == 1
    state, reply = states(outdir)[UTF8_LOCAL]
    assert state == "failed" and "SMTPUTF8" in reply
    assert sorted(r for s in server.messages for r in s.rcpt_tos) == [IDN_ENVELOPE, "sales@shop3.example.com"]
