"""`notices send` against a real SMTP server on 127.0.0.1: what arrives, what the ledger says, and faults."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

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


class _SpreadJitter(random.Random):
    """Backoff jitter at both ends of its range in turn: a message's addresses that each drew their own wait
    would fall due apart and go out as two messages (seen under load on CI: 11 messages for 10)."""

    def __init__(self) -> None:
        super().__init__(0)
        self.turn = 0

    def uniform(self, a: float, b: float) -> float:
        self.turn += 1
        return a if self.turn % 2 else b


def test_421_on_the_third_message_stops_cleanly_and_a_rerun_continues(outdir: Path) -> None:
    with SmtpServer(faults=Faults(reply_421_at={3})) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port))
        first = notices.send.deliver(outdir, config, rng=_SpreadJitter())
        assert first.exit_code == 0  # nothing failed: the rest waits for the next window
        assert first.stopped is not None and "421" in first.stopped and "Too many" in first.stopped
        assert first.next_window is not None
        assert len(server.messages) == 2
        assert first.counts == {"accepted": 2, "pending": 9}
        second = notices.send.deliver(outdir, config, rng=_SpreadJitter())
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


@pytest.mark.parametrize("lines_read", [0, 40], ids=["right-after-354", "mid-message"])
def test_a_connection_dropped_during_data_never_sends_twice(outdir: Path, lines_read: int) -> None:
    """Whether the client can tell that the server hung up before its final dot depends on timing (the
    message may already sit in the socket's buffers): when it can, the message is retried and arrives once;
    when it cannot, the row is ``unknown`` and the server does not hold it. Never failed, never twice."""
    with SmtpServer(faults=Faults(drop_in_data={4: lines_read})) as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port))
        report = notices.send.deliver(outdir, config)
        held = server.held()
    assert server.dropped == 1
    (row,) = [r for r in ledger_rows(outdir) if r["name"] == "D0004"]
    assert row["state"] in ("accepted", "unknown")
    assert held[(row["message_id"], row["address"])] == (1 if row["state"] == "accepted" else 0)
    if row["state"] == "accepted":
        assert row["transmissions"] == 2  # sent again after the drop
    assert report.counts.get("accepted", 0) + report.counts.get("unknown", 0) == 11
    assert all(n == 1 for n in held.values()) and len(server.messages) == 9 + (row["state"] == "accepted")


def test_the_client_sees_a_hang_up_before_its_final_dot() -> None:
    """The check made between the message and its final dot, on a real connection: a server that closed
    (or spoke) is seen, a server that is waiting is not."""
    import smtplib
    import socket

    from notices.send.smtp import _peer_spoke_or_closed

    for peer_action, expected in (("wait", False), ("close", True), ("reply", True)):
        listener = socket.create_server(("127.0.0.1", 0))
        client = smtplib.SMTP()
        client.sock = socket.create_connection(listener.getsockname())
        server_side, _ = listener.accept()
        if peer_action == "close":
            server_side.close()
        elif peer_action == "reply":
            server_side.sendall(b"554 5.3.4 message too big\r\n")
        import time

        time.sleep(0.05)
        assert _peer_spoke_or_closed(client) is expected, peer_action
        client.sock.close()
        if peer_action != "close":
            server_side.close()
        listener.close()


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


def test_a_notice_changed_after_it_was_sent_waits_for_an_explicit_send(outdir: Path) -> None:
    import notices
    from tests.send.conftest import write_recipients

    with SmtpServer() as server:
        config = notices.send.load_config(write_config(outdir.parent, server.port))
        notices.send.deliver(outdir, config)
        first_ids = {m.message_id for m in server.messages}
        project = outdir.parent
        recipients = write_recipients(project / "distributors.csv", 10)
        text = recipients.read_text(encoding="utf-8-sig").replace(
            "第2号经销商有限公司", "第2号经销商（更名）有限公司"
        )
        recipients.write_text(text, encoding="utf-8-sig")
        notices.render_many(notices.load(project / "stockup.zh.yaml"), recipients, outdir, formats="pdf,docx")
        held = notices.send.deliver(outdir, config)
        assert held.outcomes == [] and [d.name for d in held.changed] == ["D0002"]
        assert held.exit_code == 0
        sent = notices.send.deliver(outdir, config, send_changed=True)
        assert [o.name for o in sent.outcomes] == ["D0002"]
    new = server.messages[-1]
    assert new.message_id not in first_ids and len(server.messages) == 11
    assert "第2号经销商（更名）有限公司" in new.message.get_body(("plain",)).get_content()
