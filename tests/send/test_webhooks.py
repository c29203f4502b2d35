"""Webhooks per the Standard Webhooks spec, posted to a real HTTP server on 127.0.0.1 that verifies them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import notices.send
from tests.send.conftest import address_of, write_config
from tests.send.smtp_server import Faults, SmtpServer

SECRET = base64.b64encode(b"k" * 32).decode()
OLD_SECRET = base64.b64encode(b"o" * 32).decode()


@dataclass
class Received:
    id: str
    timestamp: int
    body: bytes
    signatures: list[str]
    at: float = 0.0  # time.monotonic() when it arrived


@dataclass
class Endpoint:
    """What the ERP's receiver does: verify, then answer ``answers`` in turn for each event id (then 204)."""

    answers: list[int] = field(default_factory=list)
    retry_after: str | None = None  # sent with every 429/503 answer
    throttled: int = 0  # the first this-many requests, whatever their event, are answered 429
    attempts: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    def accepted(self) -> dict[str, dict[str, object]]:
        """Event id → payload, for the events finally acknowledged with 2xx."""
        done: dict[str, dict[str, object]] = {}
        counts: dict[str, int] = {}
        for attempt in self.attempts:
            counts[attempt.id] = counts.get(attempt.id, 0) + 1
            if counts[attempt.id] > len(self.answers):
                done[attempt.id] = json.loads(attempt.body)
        return done


def verify(secret: str, received: Received) -> bool:
    """The receiving side, written from the spec: v1 = base64 HMAC-SHA256 of `id.timestamp.body`."""
    key = base64.b64decode(secret)
    signed = f"{received.id}.{received.timestamp}.".encode() + received.body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(s, f"v1,{expected}") for s in received.signatures)


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    state = Endpoint()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received = Received(
                self.headers["webhook-id"],
                int(self.headers["webhook-timestamp"]),
                body,
                self.headers["webhook-signature"].split(" "),
                time.monotonic(),
            )
            if not verify(SECRET, received) or abs(time.time() - received.timestamp) > 300:
                self.send_response(401)
                self.end_headers()
                return
            with state.lock:
                seen = sum(1 for a in state.attempts if a.id == received.id)
                state.attempts.append(received)
            status = state.answers[seen] if seen < len(state.answers) else 204
            if len(state.attempts) <= state.throttled:
                status = 429
            self.send_response(status)
            if status in (429, 503) and state.retry_after is not None:
                self.send_header("Retry-After", state.retry_after)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def webhook_config(outdir: Path, smtp_port: int, hook_port: int, extra: str = "") -> notices.send.SendConfig:
    text = (
        "[webhook]\n"
        f'url = "http://127.0.0.1:{hook_port}/hooks/notices"\n'
        'secret_env = "TEST_WEBHOOK_SECRET"\n'
        'retries = ["0.05s", "0.1s", "0.1s"]\n'
        "timeout = 2\n" + extra
    )
    return notices.send.load_config(write_config(outdir.parent, smtp_port, text))


def test_events_are_signed_retried_with_the_same_id_and_delivered(
    outdir: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", f"whsec_{SECRET} whsec_{OLD_SECRET}")  # a key being rotated
    endpoint.answers = [500, 503]  # every event fails twice before it is taken
    faults = Faults(reject={address_of(4): "550 5.1.1 user unknown"}, delay_final={6: 3.0})
    with SmtpServer(faults=faults) as server:
        config = webhook_config(outdir, server.port, endpoint.port)
        path = config.file
        path.write_text(path.read_text().replace("timeout = 2\n[pacing]", "timeout = 1\n[pacing]", 1))
        report = notices.send.deliver(outdir, notices.send.load_config(path))
    assert report.counts == {"accepted": 9, "failed": 1, "unknown": 1}
    delivered = endpoint.accepted()
    kinds = sorted(str(p["type"]) for p in delivered.values())
    assert kinds == ["notice.failed"] + ["notice.sent"] * 9 + ["notice.unknown"]
    assert report.events == {"delivered": 11}
    # every attempt of one event carried the same id and the same body, each validly signed
    by_id: dict[str, set[bytes]] = {}
    for attempt in endpoint.attempts:
        by_id.setdefault(attempt.id, set()).add(attempt.body)
        assert len(attempt.signatures) == 2 and verify(SECRET, attempt) and verify(OLD_SECRET, attempt)
    assert all(len(bodies) == 1 for bodies in by_id.values())
    assert len(endpoint.attempts) == 3 * 11
    failed = next(p for p in delivered.values() if p["type"] == "notice.failed")
    data = failed["data"]
    assert isinstance(data, dict)
    assert data["address"] == address_of(4) and data["reply"] == "550 5.1.1 user unknown"
    assert str(failed["timestamp"]).endswith("Z")


def test_the_notice_itself_goes_to_the_endpoint(
    outdir: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", f"whsec_{SECRET}")
    with SmtpServer() as server:
        config = webhook_config(
            outdir, server.port, endpoint.port, 'notice = true\nevents = ["notice.failed"]\n'
        )
        notices.send.deliver(outdir, config)
    documents = [p for p in endpoint.accepted().values() if p["type"] == "notice.document"]
    assert len(documents) == 10
    first = next(p["data"] for p in documents if isinstance(p["data"], dict) and p["data"]["name"] == "D0001")
    assert isinstance(first, dict)
    (pdf,) = first["files"]
    assert base64.b64decode(pdf["content_base64"]) == (outdir / "D0001.pdf").read_bytes()
    assert pdf["filename"] == "华东恒信控股有限公司关于2026年春节备货的通知.pdf"
    assert first["addresses"] == [address_of(1)]
    again = len(endpoint.attempts)
    notices.send.deliver(outdir, config)
    assert len(endpoint.attempts) == again  # each notice once, not once a run


def test_429_with_retry_after_holds_the_whole_queue_for_that_long(
    outdir: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A receiver that says "too many, come back in 1 s" gets nothing for that second, from any event."""
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", f"whsec_{SECRET}")
    endpoint.throttled = 1  # the very first post is throttled
    endpoint.retry_after = "1"
    with SmtpServer() as server:
        report = notices.send.deliver(outdir, webhook_config(outdir, server.port, endpoint.port))
    assert report.events == {"delivered": 11}
    first = endpoint.attempts[0]
    # the schedule alone would retry after 0.05 s; Retry-After says 1 s, and nothing else is posted meanwhile
    later = [a for a in endpoint.attempts[1:] if a.at - first.at < 0.95]
    assert later == [], [round(a.at - first.at, 3) for a in later]
    retried = [a for a in endpoint.attempts if a.id == first.id]
    assert len(retried) == 2 and retried[1].body == first.body


def test_410_gone_stops_deliveries_to_the_endpoint(
    outdir: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", f"whsec_{SECRET}")
    endpoint.answers = [410]
    with SmtpServer() as server:
        report = notices.send.deliver(outdir, webhook_config(outdir, server.port, endpoint.port))
    assert len(endpoint.attempts) == 1
    assert report.events == {"gone": 11}
    assert report.counts == {"accepted": 11}  # the mail is not held up by the endpoint


def test_a_bad_secret_is_a_configuration_error(
    outdir: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", "not-a-secret")
    with SmtpServer() as server, pytest.raises(notices.send.SendConfigError, match="whsec_"):
        notices.send.deliver(outdir, webhook_config(outdir, server.port, endpoint.port))


def test_webhook_only_posts_the_notices_and_sends_no_mail(
    outdir: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ERP that mails the notices itself: no [smtp], no sender; each notice goes to the endpoint once."""
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", f"whsec_{SECRET}")
    path = outdir.parent / "send.toml"
    path.write_text(
        "[webhook]\n"
        f'url = "http://127.0.0.1:{endpoint.port}/hooks/notices"\n'
        'secret_env = "TEST_WEBHOOK_SECRET"\n'
        "notice = true\n",
        encoding="utf-8",
    )
    report = notices.send.deliver(outdir, notices.send.load_config(path))
    assert report.counts == {} and report.events == {"delivered": 10}
    assert sorted(str(p["type"]) for p in endpoint.accepted().values()) == ["notice.document"] * 10


def test_a_row_without_an_address_is_failed_and_reported(
    tmp_path: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    import notices
    from tests.send.conftest import EXAMPLES

    monkeypatch.setenv("TEST_WEBHOOK_SECRET", f"whsec_{SECRET}")
    rows = [
        {"code": "C1", "name": "上海恒信商贸有限公司", "email": "orders@hengxin-sh.example.com"},
        {"code": "C2", "name": "苏州华达贸易有限公司"},
        {"code": "C3", "name": "杭州某某有限公司", "email": "lin at linan.example.com"},
    ]
    import shutil

    shutil.copy(EXAMPLES / "stockup.zh.yaml", tmp_path / "stockup.zh.yaml")
    out = tmp_path / "out"
    notices.render_many(notices.load(tmp_path / "stockup.zh.yaml"), rows, out, formats="pdf")
    with SmtpServer() as server:
        report = notices.send.deliver(out, webhook_config(out, server.port, endpoint.port))
    assert report.counts == {"accepted": 1, "failed": 2} and report.exit_code == 1
    reasons = {d.name: d.last_reply for d in report.attention}
    assert reasons["C2"] == "row 2 of <data> has no e-mail address in column 'email'"
    assert "'lin' is not an e-mail address" in str(reasons["C3"])
    failed = [p for p in endpoint.accepted().values() if p["type"] == "notice.failed"]
    assert len(failed) == 2
    again = notices.send.deliver(out, webhook_config(out, server.port, endpoint.port))
    assert again.events == {"delivered": 3}  # no second event for the same failure


def test_one_send_at_a_time_per_folder(outdir: Path, smtp_server: SmtpServer) -> None:
    from notices.send.lock import FolderLock

    config = notices.send.load_config(write_config(outdir.parent, smtp_server.port))
    with FolderLock(outdir), pytest.raises(notices.send.FolderBusy, match=str(os.getpid())):
        notices.send.deliver(outdir, config)
    assert smtp_server.messages == []
