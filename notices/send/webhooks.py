"""Webhooks for ERPs, as the Standard Webhooks specification (v1.0.0, standard-webhooks/standard-webhooks,
``spec/standard-webhooks.md``) defines them.

* The body is the JSON ``{"type", "timestamp", "data"}`` written to the ledger's outbox when the event
  happened; it is posted byte for byte as stored, so its ``timestamp`` is the event's, on every retry.
* Headers: ``webhook-id`` (the event id, the same on every retry: the receiver's idempotency key),
  ``webhook-timestamp`` (this attempt, integer Unix seconds) and ``webhook-signature``: ``v1,`` + base64
  HMAC-SHA256 of ``id.timestamp.body`` under each secret (``whsec_`` + base64; several, space-separated, while
  a key is rotated).
* 2xx is success. Anything else is retried on the configured schedule with jitter; redirects are not
  followed (the spec counts 3xx as failure); ``Retry-After`` is honoured, and 429, 502 and 504 slow the
  whole queue. 410 Gone stops deliveries to the endpoint (the remaining events are kept, marked ``gone``).

Events are delivered by a background thread with its own ledger connection, so a slow endpoint never holds
up the mail.
"""

from __future__ import annotations

import base64
import email.utils
import hashlib
import hmac
import random
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from notices.i18n import _
from notices.send.config import WebhookConfig, is_loopback
from notices.send.ledger import Event, Ledger

_THROTTLING = (429, 502, 504)


def signature(secrets: list[bytes], message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    return " ".join(
        "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")
        for key in secrets
    )


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # the 3xx reaches the caller as an HTTPError: a failure, as the spec says


class WebhookSender:
    """Posts due events from the ledger's outbox, on its own thread, until told to finish."""

    def __init__(
        self,
        folder: Path,
        config: WebhookConfig,
        secrets: list[bytes],
        *,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        user_agent: str = "notices",
    ) -> None:
        self.folder = folder
        self.config = config
        self.secrets = secrets
        self.clock = clock
        self.rng = rng or random.Random()
        self.user_agent = user_agent
        handlers: list[urllib.request.BaseHandler] = [_NoRedirects()]
        if is_loopback(urlsplit(config.url).hostname or ""):
            handlers.append(urllib.request.ProxyHandler({}))  # a proxy must not see loopback traffic
        self.opener = urllib.request.build_opener(*handlers)
        self._wake = threading.Event()
        self._deadline: float | None = None
        self._thread: threading.Thread | None = None
        self._held_until = 0.0  # 429/502/504: the whole queue waits
        self.error: BaseException | None = None
        self.posted = 0

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="notices-webhooks", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        """New events are in the outbox."""
        self._wake.set()

    def finish(self, deadline: float) -> None:
        """Deliver what falls due before ``deadline``, then stop; returns when the thread has ended."""
        self._deadline = deadline
        self._wake.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        try:
            with Ledger(self.folder) as ledger:
                self._loop(ledger)
        except BaseException as err:  # reported by the caller; the events stay in the outbox
            self.error = err

    def _loop(self, ledger: Ledger) -> None:
        while True:
            now = self.clock()
            if ledger.get_meta("webhook_gone") is not None:
                return
            events = ledger.due_events(now) if now >= self._held_until else []
            for event in events:
                self._post(ledger, event)
                if ledger.get_meta("webhook_gone") is not None or self.clock() < self._held_until:
                    break
            if events:
                continue
            upcoming = ledger.next_event_due()
            if upcoming is not None:
                upcoming = max(upcoming, self._held_until)
            if self._deadline is not None and (upcoming is None or upcoming > self._deadline):
                return
            pause = 0.5 if upcoming is None else min(0.5, max(0.0, upcoming - now))
            self._wake.wait(pause)
            self._wake.clear()

    def _post(self, ledger: Ledger, event: Event) -> None:
        body = event.payload.encode("utf-8")
        stamp = int(self.clock())
        request = urllib.request.Request(
            self.config.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": self.user_agent,
                "webhook-id": event.id,
                "webhook-timestamp": str(stamp),
                "webhook-signature": signature(self.secrets, event.id, stamp, body),
            },
        )
        retry_after: float | None = None
        try:
            with self.opener.open(request, timeout=self.config.timeout) as response:
                status = response.status
                reply = f"{status} {response.reason}"
        except urllib.error.HTTPError as err:
            status, reply = err.code, f"{err.code} {err.reason}"
            retry_after = _retry_after(err.headers.get("Retry-After"), self.clock())
            err.close()
        except (OSError, ValueError) as err:  # refused, reset, timed out, TLS
            status, reply = 0, _("no answer: {value}").format(value=getattr(err, "reason", None) or err)
        now = self.clock()
        self.posted += 1
        if 200 <= status < 300:
            ledger.event_done(event, "delivered", reply, now)
            return
        if status == 410:
            ledger.event_done(event, "gone", reply, now)
            ledger.events_gone(
                _("the endpoint answered {reply}: it wants no more events").format(reply=reply), now
            )
            return
        if status in _THROTTLING:
            self._held_until = now + (retry_after or self.config.retries[0])
        schedule = self.config.retries
        if event.attempts >= len(schedule):
            ledger.event_done(
                event,
                "failed",
                _("gave up after {value} attempts; last: {reply}").format(
                    value=event.attempts + 1, reply=reply
                ),
                now,
            )
            return
        wait = schedule[event.attempts] * self.rng.uniform(0.8, 1.2)
        if retry_after is not None:
            wait = max(wait, retry_after)
        ledger.event_done(event, "pending", reply, now, next_attempt=now + wait)


def _retry_after(value: str | None, now: float) -> float | None:
    """Retry-After as seconds from now: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - now)
