"""`notices send` against a real SMTP server on 127.0.0.1: what arrives, what the ledger says, and faults."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import notices.send
from notices.batch.manifest import load_manifest
from notices.send.ledger import LEDGER_NAME
from tests.send.conftest import address_of, write_config
from tests.send.smtp_server import Faults, SmtpServer


def ledger_rows(outdir: Path) -> list[dict[str, object]]:
    db = sqlite3.connect(outdir / LEDGER_NAME)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM deliveries ORDER BY row, address")]
    finally:
        db.close()


def test_every_notice_arrives_once_with_its_pdf_and_a_chinese_cover(
    outdir: Path, smtp_server: SmtpServer
) -> None:
    config = notices.send.load_config(write_config(outdir.parent, smtp_server.port))
    report = notices.send.deliver(outdir, config)
    assert report.exit_code == 0
    assert report.counts == {"accepted": 11}  # 10 recipients, one with two addresses
    assert len(smtp_server.messages) == 10  # one message per recipient, both addresses in one transaction
    assert all(n == 1 for n in smtp_server.held().values())
    manifest = load_manifest(outdir)
    assert manifest is not None
    by_code = {m.message["To"].addresses[0].addr_spec: m for m in smtp_server.messages}
    first = by_code[address_of(1)].message
    assert first["Subject"] == "华东恒信控股有限公司关于2026年春节备货的通知"
    assert first["From"].addresses[0].display_name == "华东恒信控股有限公司"
    cover = first.get_body(("plain",)).get_content()
    assert cover.startswith("尊敬的第1号经销商有限公司：")
    assert "《华东恒信控股有限公司关于2026年春节备货的通知》" in cover
    (attachment,) = list(first.iter_attachments())
    assert attachment.get_filename() == "华东恒信控股有限公司关于2026年春节备货的通知.pdf"
    assert attachment.get_content() == (outdir / "D0001.pdf").read_bytes()
    two = by_code[address_of(3)]
    assert sorted(two.rcpt_tos) == sorted([address_of(3), "buyer3@shop3.example.com"])
    rows = ledger_rows(outdir)
    assert {r["state"] for r in rows} == {"accepted"}
    for stored in smtp_server.messages:
        row = next(r for r in rows if r["message_id"] == stored.message_id)
        assert row["sha256"] == hashlib.sha256(stored.data).hexdigest()  # the bytes the server holds
    again = notices.send.deliver(outdir, config)
    assert again.outcomes == [] and len(smtp_server.messages) == 10  # nothing twice


def test_a_550_fails_that_address_only_and_says_why(outdir: Path) -> None:
    faults = Faults(reject={"buyer3@shop3.example.com": "550 5.1.1 <buyer3@shop3.example.com>: user unknown"})
    with SmtpServer(faults=faults) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port))
        report = notices.send.deliver(outdir, config)
    assert report.exit_code == 1
    assert report.counts == {"accepted": 10, "failed": 1}
    (failed,) = report.attention
    assert (failed.name, failed.address, failed.state) == ("D0003", "buyer3@shop3.example.com", "failed")
    assert failed.last_reply == "550 5.1.1 <buyer3@shop3.example.com>: user unknown"
    assert any(address_of(3) in m.rcpt_tos for m in server.messages)


def test_421_on_the_third_message_stops_cleanly_and_a_rerun_continues(outdir: Path) -> None:
    with SmtpServer(faults=Faults(reply_421_at={3})) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port))
        first = notices.send.deliver(outdir, config)
        assert first.exit_code == 0  # nothing failed: the rest waits for the next window
        assert first.stopped is not None and "421" in first.stopped and "Too many" in first.stopped
        assert first.next_window is not None
        assert len(server.messages) == 2
        assert first.counts == {"accepted": 2, "pending": 9}
        second = notices.send.deliver(outdir, config)
        assert second.counts == {"accepted": 11} and second.stopped is None
    assert len(server.messages) == 10
    assert all(n == 1 for n in server.held().values())
    retried = [r for r in ledger_rows(outdir) if r["row"] == 4]
    assert [(r["state"], r["attempts"], r["transmissions"]) for r in retried] == [("accepted", 2, 1)] * 2


def test_a_reply_delayed_past_the_timeout_after_the_message_is_unknown_and_never_resent_on_its_own(
    outdir: Path,
) -> None:
    with SmtpServer(faults=Faults(delay_final={2: 3.0})) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port, timeout="1"))
        report = notices.send.deliver(outdir, config)
        assert report.exit_code == 1
        assert report.counts == {"accepted": 10, "unknown": 1}
        (unknown,) = report.attention
        assert unknown.name == "D0002" and "no reply" in (unknown.last_reply or "")
        assert server.held()[(unknown.message_id, address_of(2))] == 1  # the server did take it
        again = notices.send.deliver(outdir, config)
        assert again.counts == {"accepted": 10, "unknown": 1} and len(server.messages) == 10
        resent = notices.send.deliver(outdir, config, resend_unknown=True)
        assert resent.counts == {"accepted": 11}
        # the explicit resend carries the same Message-ID, so the recipient's mail client can drop it
        assert server.held()[(unknown.message_id, address_of(2))] == 2
        assert len({m.data for m in server.messages if m.message_id == unknown.message_id}) == 1


def test_a_rcpt_reply_delayed_past_the_timeout_is_retried_before_data(outdir: Path) -> None:
    with SmtpServer(faults=Faults(delay_rcpt={1: 3.0})) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port, timeout="1"))
        report = notices.send.deliver(outdir, config)
    assert report.counts == {"accepted": 11}
    assert all(n == 1 for n in server.held().values()) and len(server.messages) == 10
    first = next(r for r in ledger_rows(outdir) if r["row"] == 2)
    assert first["attempts"] == 2 and first["transmissions"] == 1


def test_a_connection_dropped_in_the_middle_of_data_is_retried_and_arrives_once(outdir: Path) -> None:
    with SmtpServer(faults=Faults(drop_in_data={4})) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port))
        report = notices.send.deliver(outdir, config)
    assert server.dropped == 1
    assert report.counts == {"accepted": 11}
    assert all(n == 1 for n in server.held().values()) and len(server.messages) == 10
    dropped = [r for r in ledger_rows(outdir) if r["transmissions"] == 2]
    assert dropped, "the dropped message was sent a second time"
    assert all(r["state"] == "accepted" for r in dropped)


def test_a_4xx_after_the_message_is_retried_and_a_5xx_fails_with_the_reply(outdir: Path) -> None:
    faults = Faults(
        final_reply={1: "451 4.3.0 temporary local problem", 2: "554 5.7.1 message refused as spam"}
    )
    with SmtpServer(faults=faults) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port))
        report = notices.send.deliver(outdir, config)
    assert report.counts == {"accepted": 10, "failed": 1}
    (failed,) = report.attention
    assert failed.last_reply == "554 5.7.1 message refused as spam"
    assert len(server.messages) == 9


def test_temporary_failures_give_up_after_the_configured_time(outdir: Path) -> None:
    faults = Faults(reject={address_of(5): "450 4.2.1 mailbox busy"})
    with SmtpServer(faults=faults) as server:
        path = write_config(outdir.parent, server.port)
        path.write_text(path.read_text().replace('wait = "3s"', 'wait = "1s"\ngive_up_after = "0.5s"'))
        report = notices.send.deliver(notices_dir := outdir, notices.send.load_config(path))
    (failed,) = report.attention
    assert failed.address == address_of(5) and failed.state == "failed"
    assert failed.last_reply is not None and failed.last_reply.startswith("gave up after")
    assert "450 4.2.1 mailbox busy" in failed.last_reply
    assert notices_dir.is_dir()
