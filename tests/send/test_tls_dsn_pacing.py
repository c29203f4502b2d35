"""STARTTLS with a certificate the client verifies, a login, DSN and bounces, the daily cap and the rate."""

from __future__ import annotations

import mailbox
import ssl
from pathlib import Path

import pytest
import trustme

import notices.send
from notices.send.ledger import Ledger
from tests.send.conftest import address_of, write_config
from tests.send.smtp_server import SmtpServer


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


def test_starttls_with_a_verified_certificate_and_a_login(
    outdir: Path, ca: trustme.CA, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca.cert_pem.write_to_path(str(outdir.parent / "company-ca.pem"))
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret")
    with SmtpServer(tls_context=server_context(ca), auth=("notices", "s3cret")) as server:
        path = write_config(
            outdir.parent,
            server.port,
            security="starttls",
            ca_file='"company-ca.pem"',
            user='"notices"',
            password_env='"TEST_SMTP_PASSWORD"',
        )
        report = notices.send.deliver(outdir, notices.send.load_config(path))
    assert report.counts == {"accepted": 11}
    assert server.logins == ["notices"]  # logged in once, over TLS (aiosmtpd refuses AUTH in clear)
    assert len(server.messages) == 10


def test_a_certificate_the_client_cannot_verify_stops_before_anything_is_sent(
    outdir: Path, ca: trustme.CA
) -> None:
    with SmtpServer(tls_context=server_context(ca)) as server:
        path = write_config(outdir.parent, server.port, security="starttls")  # no ca_file: the system's CAs
        with pytest.raises(notices.send.SendError) as caught:
            notices.send.deliver(outdir, notices.send.load_config(path))
    (problem,) = caught.value.problems
    assert "cannot be trusted" in problem.message and "ca_file" in problem.fix
    assert server.messages == []
    with Ledger(outdir) as ledger:
        assert ledger.counts() == {"pending": 11}  # nothing counted against the rows


def test_a_wrong_password_is_an_error_the_operator_fixes(
    outdir: Path, ca: trustme.CA, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca.cert_pem.write_to_path(str(outdir.parent / "ca.pem"))
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong")
    with SmtpServer(tls_context=server_context(ca), auth=("notices", "s3cret")) as server:
        path = write_config(
            outdir.parent,
            server.port,
            security="starttls",
            ca_file='"ca.pem"',
            user='"notices"',
            password_env='"TEST_SMTP_PASSWORD"',
        )
        with pytest.raises(notices.send.SendError, match="refused the login"):
            notices.send.deliver(outdir, notices.send.load_config(path))
    assert server.messages == []


def test_starttls_required_but_not_offered(outdir: Path, smtp_server: SmtpServer) -> None:
    path = write_config(outdir.parent, smtp_server.port, security="starttls")
    with pytest.raises(notices.send.SendError, match="does not offer STARTTLS"):
        notices.send.deliver(outdir, notices.send.load_config(path))


DSN = """\
From: MAILER-DAEMON@mx.shop5.example.com
To: notices@hengxin.example.com
Subject: Undelivered Mail Returned to Sender
Date: Thu, 08 Jan 2026 10:00:00 +0800
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered.

--BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.shop5.example.com
Original-Envelope-Id: {envid}

Final-Recipient: rfc822; {address}
Original-Recipient: rfc822;{address}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; 550 {status} <{address}>: Recipient address rejected: User unknown

--BOUNDARY
Content-Type: text/rfc822-headers

Message-ID: {message_id}
Subject: whatever

--BOUNDARY--
"""

PLAIN_BOUNCE = """\
From: postmaster@shop6.example.com
To: notices@hengxin.example.com
Subject: Delivery failure
Date: Thu, 08 Jan 2026 10:00:00 +0800
Content-Type: text/plain; charset=utf-8

Your message to {address} could not be delivered: 552 5.2.2 mailbox full.

------ original message headers ------
Message-ID: {message_id}
"""


def test_dsn_is_asked_for_and_bounces_mark_rows_bounced(outdir: Path, tmp_path: Path) -> None:
    with SmtpServer(dsn=True) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port))
        notices.send.deliver(outdir, config)
    assert (
        any(p.startswith("ENVID=") for p in server.dsn_mail_params) and "RET=HDRS" in server.dsn_mail_params
    )
    assert "NOTIFY=FAILURE,DELAY" in server.dsn_rcpt_params
    assert f"ORCPT=rfc822;{address_of(5)}" in server.dsn_rcpt_params
    with Ledger(outdir) as ledger:
        rows = {d.address: d for d in ledger.deliveries()}
    ids = {a: rows[a].message_id or "" for a in (address_of(5), address_of(6), address_of(7))}
    box = mailbox.mbox(tmp_path / "bounces.mbox")
    box.add(
        DSN.format(
            envid=ids[address_of(5)][1:41],
            address=address_of(5),
            action="failed",
            status="5.1.1",
            message_id="<unrelated@x>",
        )
    )
    box.add(PLAIN_BOUNCE.format(address=address_of(6), message_id=ids[address_of(6)]))
    box.add(
        DSN.format(
            envid="", address=address_of(7), action="delayed", status="4.4.1", message_id=ids[address_of(7)]
        )
    )
    box.add("From: someone@example.com\nSubject: out of office\n\nI am away until Monday.\n")
    box.close()
    found = notices.send.read_bounces(outdir, tmp_path / "bounces.mbox")
    assert sorted(found.marked) == [("D0005", address_of(5), "5.1.1"), ("D0006", address_of(6), "5.2.2")]
    assert (found.read, found.delayed, found.already) == (4, 1, 0)
    report = notices.send.status(outdir)
    assert report.counts == {"accepted": 9, "bounced": 2} and report.exit_code == 1
    bounced = {d.address: d for d in report.attention}
    assert bounced[address_of(5)].status_code == "5.1.1"
    assert "User unknown" in (bounced[address_of(5)].last_reply or "")
    again = notices.send.read_bounces(outdir, tmp_path / "bounces.mbox")
    assert again.marked == [] and again.already == 2


def test_bounces_from_a_maildir(outdir: Path, smtp_server: SmtpServer, tmp_path: Path) -> None:
    notices.send.deliver(outdir, notices.send.load_config(write_config(outdir.parent, smtp_server.port)))
    with Ledger(outdir) as ledger:
        message_id = next(d.message_id for d in ledger.deliveries() if d.address == address_of(2))
    box = mailbox.Maildir(tmp_path / "Maildir")
    box.add(PLAIN_BOUNCE.format(address=address_of(2), message_id=message_id))
    box.close()
    found = notices.send.read_bounces(outdir, tmp_path / "Maildir")
    assert found.marked == [("D0002", address_of(2), "5.2.2")]


def test_the_daily_cap_stops_the_run_says_when_and_a_rerun_continues(
    outdir: Path, smtp_server: SmtpServer
) -> None:
    path = write_config(outdir.parent, smtp_server.port, text="")
    path.write_text(path.read_text().replace("rate = 0", "rate = 0\ndaily_cap = 4"))
    config = notices.send.load_config(path)
    first = notices.send.deliver(outdir, config)
    # D0001, D0002 and D0003 (two addresses) make 4; D0004 would be the 5th address in 24 hours
    assert first.counts == {"accepted": 4, "pending": 7} and first.exit_code == 0
    assert first.stopped is not None and "daily cap of 4" in first.stopped
    with Ledger(outdir) as ledger:
        sends = ledger.sends_since(0)
    assert first.next_window == pytest.approx(sends[0] + 86400)
    same_day = notices.send.deliver(outdir, config)
    assert same_day.outcomes == [] and same_day.stopped is not None
    with Ledger(outdir) as ledger, ledger.transaction() as db:
        db.execute("UPDATE sends SET at = at - 86400")  # a day later
    next_day = notices.send.deliver(outdir, config)
    assert next_day.counts == {"accepted": 8, "pending": 3}
    assert len(smtp_server.messages) == 3 + 4 and all(n == 1 for n in smtp_server.held().values())


def test_the_rate_spaces_messages(outdir: Path, smtp_server: SmtpServer) -> None:
    path = write_config(outdir.parent, smtp_server.port)
    path.write_text(path.read_text().replace("rate = 0", "rate = 600"))  # one message every 0.1 s
    clock = [1_000_000.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    report = notices.send.deliver(outdir, notices.send.load_config(path), clock=lambda: clock[0], sleep=sleep)
    assert report.counts == {"accepted": 11}
    assert waits == [pytest.approx(0.1)] * 9  # before each message but the first


def test_the_rate_holds_across_runs(outdir: Path, smtp_server: SmtpServer) -> None:
    """A run stopped after three messages and run again at once owes the gap after its last message."""
    path = write_config(outdir.parent, smtp_server.port)
    path.write_text(path.read_text().replace("rate = 0", "rate = 600"))  # one message every 0.1 s
    config = notices.send.load_config(path)
    clock = [1_000_000.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += seconds

    first = notices.send.deliver(outdir, config, only=["D0001", "D0002"], clock=lambda: clock[0], sleep=sleep)
    assert first.counts == {"accepted": 2, "pending": 9}
    clock[0] += 0.04  # the re-run starts 40 ms after the last message
    waits.clear()
    again = notices.send.deliver(outdir, config, clock=lambda: clock[0], sleep=sleep)
    assert again.counts == {"accepted": 11}
    assert waits[0] == pytest.approx(0.06, abs=1e-6)
    assert waits[1:] == [pytest.approx(0.1, abs=1e-6)] * 7  # eight messages: D0003 has two addresses in one
