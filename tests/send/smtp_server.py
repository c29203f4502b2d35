"""A real SMTP server on 127.0.0.1 (aiosmtpd) with faults a test can switch on, for the delivery tests and
`bench/send.py`.

It runs its own asyncio loop in a thread, listens on a free port chosen by the system, keeps every message it
accepted (envelope and bytes), and can: delay a reply past the client's timeout, answer ``421`` on the Nth
transaction, refuse chosen recipients with ``550``, drop the connection in the middle of DATA, offer STARTTLS
with a certificate the test made, require a login, offer DSN, and call a hook at chosen protocol points (the
crash test kills the client there).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session


@dataclass
class Stored:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    mail_options: list[str]
    rcpt_options: list[str]

    @property
    def message_id(self) -> str:
        return str(email.message_from_bytes(self.data, policy=email.policy.default)["Message-ID"])

    @property
    def message(self) -> email.message.EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, email.message.EmailMessage)
        return parsed


@dataclass
class Faults:
    """What the server does wrong. Transactions are counted from 1 by their MAIL command."""

    reject: dict[str, str] = field(
        default_factory=dict
    )  # address → RCPT reply, e.g. "550 5.1.1 no such user"
    reply_421_at: set[int] = field(default_factory=set)  # transactions answered 421 at MAIL (and closed)
    reply_421_after_data: set[int] = field(default_factory=set)  # 421 instead of 250 after the message
    delay_final: dict[int, float] = field(default_factory=dict)  # transaction → seconds before the final 250
    delay_rcpt: dict[int, float] = field(default_factory=dict)  # transaction → seconds before the RCPT reply
    # transaction → lines of the message read before the connection is dropped mid-DATA (0: right after 354)
    drop_in_data: dict[int, int] = field(default_factory=dict)
    final_reply: dict[int, str] = field(
        default_factory=dict
    )  # transaction → reply instead of 250 (not stored)
    # hook(phase, transaction, envelope): phases "mail", "rcpt", "data-command", "message", "replied"
    hook: Callable[[str, int, Envelope], None] | None = None


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_EHLO(
        self, smtp: SMTP, session: Session, envelope: Envelope, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        if self.server.dsn:
            responses.insert(-1, "250-DSN")
        return responses

    async def handle_RCPT(
        self, smtp: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        number = self.server.transactions
        self.server.fire("rcpt", number, envelope)
        if number in self.server.faults.delay_rcpt:
            await asyncio.sleep(self.server.faults.delay_rcpt[number])
        reply = self.server.faults.reject.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        number = self.server.transactions
        faults = self.server.faults
        if number in faults.final_reply:
            return faults.final_reply[number]
        if number in faults.reply_421_after_data:
            return "421 4.7.0 Too many messages, try again later"
        content = envelope.original_content or b""
        self.server.store(
            Stored(
                str(envelope.mail_from),
                list(envelope.rcpt_tos),
                content,
                list(envelope.mail_options),
                list(envelope.rcpt_options),
            )
        )
        self.server.fire("message", number, envelope)
        if number in faults.delay_final:
            await asyncio.sleep(faults.delay_final[number])
        return "250 2.0.0 OK queued"


class _FaultySMTP(SMTP):
    server: SmtpServer

    async def smtp_MAIL(self, arg: str | None) -> None:
        self.server.transactions += 1
        number = self.server.transactions
        if arg is not None and self.server.dsn:
            words = arg.split()
            kept = [w for w in words if not w.upper().startswith(("RET=", "ENVID="))]
            self.server.dsn_mail_params.extend(w for w in words if w not in kept)
            arg = " ".join(kept)
        self.server.fire("mail", number, self.envelope)
        if number in self.server.faults.reply_421_at:
            await self.push("421 4.7.0 Too many messages from you, try again later")
            self.transport.close()
            return
        await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg: str | None) -> None:
        if arg is not None and self.server.dsn:
            words = arg.split()
            kept = [w for w in words if not w.upper().startswith(("NOTIFY=", "ORCPT="))]
            self.server.dsn_rcpt_params.extend(w for w in words if w not in kept)
            arg = " ".join(kept)
        await super().smtp_RCPT(arg)

    async def smtp_DATA(self, arg: str) -> None:
        number = self.server.transactions
        if self.envelope.rcpt_tos:
            self.server.fire("data-command", number, self.envelope)
        if number in self.server.faults.drop_in_data and self.envelope.rcpt_tos:
            lines = self.server.faults.drop_in_data[number]
            if lines == 0:  # hang up with the 354: the client's kernel holds both before it can send a byte
                self._writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                self.transport.get_extra_info("socket").shutdown(socket.SHUT_WR)
            else:
                await self.push("354 End data with <CR><LF>.<CR><LF>")
                for _ in range(lines):  # read some of the message, then hang up
                    await self._reader.readline()
            self.transport.close()
            self.server.dropped += 1
            return
        await super().smtp_DATA(arg)


class SmtpServer:
    """``with SmtpServer() as server:`` … ``server.port``, ``server.messages``."""

    def __init__(
        self,
        *,
        faults: Faults | None = None,
        tls_context: Any = None,
        auth: tuple[str, str] | None = None,
        dsn: bool = False,
        smtputf8: bool = True,
    ) -> None:
        self.faults = faults or Faults()
        self.tls_context = tls_context
        self.auth = auth
        self.dsn = dsn
        self.smtputf8 = smtputf8
        self.messages: list[Stored] = []
        self.transactions = 0
        self.dropped = 0
        self.logins: list[str] = []
        self.dsn_mail_params: list[str] = []
        self.dsn_rcpt_params: list[str] = []
        self.port = 0
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None

    def __enter__(self) -> SmtpServer:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            assert self._server is not None
            self._server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    async def _start(self) -> None:
        def factory() -> SMTP:
            kwargs: dict[str, Any] = {
                "hostname": "mx.test",
                "enable_SMTPUTF8": self.smtputf8,
                "decode_data": False,
                "ident": "test SMTP",
            }
            if self.tls_context is not None:
                kwargs.update(tls_context=self.tls_context, require_starttls=True)
            if self.auth is not None:
                kwargs.update(authenticator=self._authenticate, auth_required=True)
            smtp = _FaultySMTP(_Handler(self), data_size_limit=64 * 1024 * 1024, **kwargs)
            smtp.server = self
            return smtp

        self._server = await self._loop.create_server(factory, host="127.0.0.1", port=0)
        self.port = self._server.sockets[0].getsockname()[1]

    def _authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        assert self.auth is not None
        user = data.login.decode() if isinstance(data.login, bytes) else str(data.login)
        password = data.password.decode() if isinstance(data.password, bytes) else str(data.password)
        ok = (user, password) == self.auth
        if ok:
            self.logins.append(user)
        return AuthResult(success=ok, handled=False)

    def store(self, stored: Stored) -> None:
        with self._lock:
            self.messages.append(stored)

    def fire(self, phase: str, number: int, envelope: Envelope) -> None:
        if self.faults.hook is not None:
            self.faults.hook(phase, number, envelope)

    def held(self) -> Counter[tuple[str, str]]:
        """(Message-ID, address) → how many times the server holds it."""
        counts: Counter[tuple[str, str]] = Counter()
        with self._lock:
            for stored in self.messages:
                for address in stored.rcpt_tos:
                    counts[(stored.message_id, address)] += 1
        return counts
