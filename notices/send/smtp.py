"""One SMTP connection and the transaction that hands one message to the server, step by step.

smtplib speaks the protocol; this module decides what each failure means for the ledger. The line that
matters is the final dot: until the server could have seen it, nothing was delivered and a retry is safe;
after it, only the server's reply says whether the message was taken, and without a reply the outcome is
``unknown``. Before sending the final dot the client looks whether the server has already closed the
connection or spoken (a drop mid-DATA), so that case is retried instead of being left unknown.

Outcome per address: ``accepted`` (2xx after the message), ``temporary`` (4xx, a lost connection before the
final dot: retry later), ``permanent`` (5xx: the server refuses this address or message) or ``unknown``.
"""

from __future__ import annotations

import contextlib
import re
import select
import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from notices.i18n import _
from notices.send.addresses import envelope_form, needs_smtputf8
from notices.send.config import SmtpConfig

# Replies by which providers ask a sender to slow down or stop for the day (421 closes the connection;
# 4.7.0/5.4.5 are Gmail's and Microsoft's quota codes). They pause the whole run, not just one address.
_THROTTLE = re.compile(
    r"too many|rate.?limit|throttl|quota|limit exceeded|exceeded|try again later|slow down|"
    r"\b4\.7\.0\b|\b5\.4\.5\b|\b4\.4\.5\b",
    re.IGNORECASE,
)


class SmtpFatal(Exception):
    """A problem no retry fixes: the operator must act (credentials, TLS, a refused sender). Exit code 2."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


class SmtpTemporary(Exception):
    """The server cannot be reached or refused to talk for now: every due row waits and is tried again."""

    def __init__(self, message: str, *, throttled: bool = False) -> None:
        super().__init__(message)
        self.throttled = throttled


@dataclass
class Transaction:
    """What became of one message: per address ``(outcome, reply)``; ``throttled`` holds the reply when the
    server asked to slow down; ``closed`` when the connection cannot be used again."""

    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)
    throttled: str | None = None
    closed: bool = False

    def set_all(self, addresses: Sequence[str], outcome: str, reply: str) -> None:
        for address in addresses:
            self.outcomes[address] = (outcome, reply)


def reply_text(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return f"{code} {' '.join(text.split())}".strip()


def is_throttle(code: int, text: str) -> bool:
    return code == 421 or (code >= 400 and bool(_THROTTLE.search(text)))


class SmtpSession:
    """A connection opened on first use and kept for the next messages; reopened after a drop."""

    def __init__(self, config: SmtpConfig, password: str | None) -> None:
        self.config = config
        self.password = password
        self.conn: smtplib.SMTP | None = None

    # connection ------------------------------------------------------------------------------------------

    def open(self) -> smtplib.SMTP:
        if self.conn is not None:
            return self.conn
        cfg = self.config
        where = f"{cfg.host}:{cfg.port}"
        context = ssl.create_default_context()
        try:
            if cfg.ca_file is not None:
                context.load_verify_locations(cafile=str(cfg.ca_file))
        except (OSError, ssl.SSLError) as err:
            raise SmtpFatal(
                _("cannot read ca_file {ca_file}: {err}").format(ca_file=cfg.ca_file, err=err),
                _("give a PEM file of CA certificates"),
            ) from None
        conn: smtplib.SMTP | None = None
        try:
            if cfg.security == "tls":
                conn = smtplib.SMTP_SSL(
                    cfg.host, cfg.port, local_hostname=cfg.helo, timeout=cfg.timeout, context=context
                )
            else:
                conn = smtplib.SMTP(cfg.host, cfg.port, local_hostname=cfg.helo, timeout=cfg.timeout)
            code, message = conn.ehlo()
            if not 200 <= code < 300:
                code, message = conn.helo()
                if not 200 <= code < 300:
                    raise smtplib.SMTPResponseException(code, message)
            if cfg.security == "starttls":
                if not conn.has_extn("starttls"):
                    raise SmtpFatal(
                        _(
                            "{where} does not offer STARTTLS, so the password and the notices would travel in clear"
                        ).format(where=where),
                        _(
                            'ask for the server\'s TLS port (security = "tls", port 465) or its STARTTLS port (587)'
                        ),
                    )
                conn.starttls(context=context)
                conn.ehlo()
            if cfg.user:
                conn.login(cfg.user, self.password or "")
        except SmtpFatal:
            _quietly_close(conn)
            raise
        except ssl.SSLCertVerificationError as err:
            _quietly_close(conn)
            raise SmtpFatal(
                _("the certificate of {where} cannot be trusted: {verify_message}").format(
                    where=where, verify_message=err.verify_message
                ),
                _(
                    "if the server uses your company's own certificate authority, name its PEM file as ca_file"
                ),
            ) from None
        except smtplib.SMTPAuthenticationError as err:
            _quietly_close(conn)
            reply = reply_text(err.smtp_code, err.smtp_error)
            if 400 <= err.smtp_code < 500:
                raise SmtpTemporary(
                    _("{where} could not log in for now: {reply}").format(where=where, reply=reply)
                ) from None
            raise SmtpFatal(
                _("{where} refused the login of {user}: {reply}").format(
                    where=where, user=cfg.user, reply=reply
                ),
                _("check user and the password in ${password_env}").format(password_env=cfg.password_env),
            ) from None
        except smtplib.SMTPNotSupportedError as err:
            _quietly_close(conn)
            raise SmtpFatal(f"{where}: {err}", _("check security and port in send.toml")) from None
        except smtplib.SMTPResponseException as err:
            _quietly_close(conn)
            reply = reply_text(err.smtp_code, err.smtp_error)
            if err.smtp_code >= 500 and not is_throttle(err.smtp_code, reply):
                raise SmtpFatal(
                    _("{where} refuses the connection: {reply}").format(where=where, reply=reply),
                    _("check host and port"),
                ) from None
            raise SmtpTemporary(f"{where}: {reply}", throttled=is_throttle(err.smtp_code, reply)) from None
        except (OSError, smtplib.SMTPException) as err:
            _quietly_close(conn)
            raise SmtpTemporary(
                _("cannot talk to {where}: {err}").format(where=where, err=_describe(err))
            ) from None
        self.conn = conn
        return conn

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                _quietly_close(conn)

    def drop(self) -> None:
        conn, self.conn = self.conn, None
        _quietly_close(conn)

    # one message -----------------------------------------------------------------------------------------

    def send(
        self,
        envelope_from: str,
        recipients: Sequence[str],
        data: bytes,
        *,
        envelope_id: str,
        before_data: Callable[[list[str]], None],
    ) -> Transaction:
        """Hand ``data`` to the server for ``recipients``. ``before_data`` is called with the accepted
        addresses just before the DATA command, and must make their ``sending`` state durable."""
        conn = self.open()
        result = Transaction()
        utf8 = any(needs_smtputf8(a) for a in recipients)
        if utf8 and not conn.has_extn("smtputf8"):
            result.set_all(
                [a for a in recipients if needs_smtputf8(a)],
                "permanent",
                _("the server does not accept addresses with non-ASCII letters before the @ (no SMTPUTF8)"),
            )
            recipients = [a for a in recipients if not needs_smtputf8(a)]
            utf8 = False
            if not recipients:
                return result
        dsn = conn.has_extn("dsn")
        mail_options = []
        if dsn:
            mail_options += ["RET=HDRS", f"ENVID={_xtext(envelope_id)}"]
        if utf8:
            mail_options.append("SMTPUTF8")
        if conn.has_extn("size"):
            mail_options.append(f"SIZE={len(data)}")
        undecided = list(recipients)
        try:
            code, message = conn.mail(envelope_from, mail_options)
            if code >= 400:
                reply = reply_text(code, message)
                return self._refused_sender(result, undecided, code, reply)
            accepted: list[str] = []
            for address in recipients:
                options = []
                if dsn:
                    options.append("NOTIFY=FAILURE,DELAY")
                    if address.isascii():
                        options.append(f"ORCPT=rfc822;{_xtext(address)}")
                code, message = conn.rcpt(envelope_form(address), options)
                reply = reply_text(code, message)
                undecided.remove(address)
                if 200 <= code < 300:
                    accepted.append(address)
                    continue
                result.outcomes[address] = ("temporary" if code < 500 else "permanent", reply)
                if is_throttle(code, reply):
                    result.outcomes[address] = ("temporary", reply)
                    result.throttled = reply
                if code == 421:
                    result.closed = True
                    result.set_all(undecided, "temporary", reply)
                    self.drop()
                    return result
            if not accepted:
                self._reset()
                return result
        except smtplib.SMTPServerDisconnected as err:
            result.set_all(
                undecided,
                "temporary",
                _("the connection was lost before the message was sent: {err}").format(err=err),
            )
            result.closed = True
            self.drop()
            return result
        before_data(accepted)
        self._data(conn, accepted, data, result)
        return result

    def _refused_sender(
        self, result: Transaction, addresses: list[str], code: int, reply: str
    ) -> Transaction:
        if is_throttle(code, reply):
            result.throttled = reply
            result.set_all(addresses, "temporary", reply)
        elif code < 500:
            result.set_all(addresses, "temporary", reply)
        elif code == 552 or "5.3.4" in reply:  # this message is too big: no retry will change that
            result.set_all(addresses, "permanent", reply)
        else:
            self.drop()
            raise SmtpFatal(
                _("the server refuses the sender: {reply}").format(reply=reply),
                _("check from and return_path in send.toml: the login may only send as its own address"),
            )
        if code == 421:
            result.closed = True
            self.drop()
        else:
            self._reset()
        return result

    def _data(self, conn: smtplib.SMTP, accepted: list[str], data: bytes, result: Transaction) -> None:
        lost = _("the connection was lost before the end of the message (nothing was delivered): {reason}")
        try:
            code, message = conn.docmd("DATA")
        except smtplib.SMTPServerDisconnected as err:
            result.set_all(accepted, "temporary", lost.format(reason=err))
            result.closed = True
            self.drop()
            return
        reply = reply_text(code, message)
        if code != 354:
            self._final(code, reply, accepted, result)
            return
        try:
            conn.send(_dot_stuffed(data))
            if _peer_spoke_or_closed(conn):
                result.set_all(
                    accepted,
                    "temporary",
                    lost.format(reason=_("the server closed or answered before the final dot")),
                )
                result.closed = True
                self.drop()
                return
            conn.send(b".\r\n")
        except smtplib.SMTPServerDisconnected as err:
            result.set_all(accepted, "temporary", lost.format(reason=err))
            result.closed = True
            self.drop()
            return
        # From here the server may hold the message: only its reply can say.
        try:
            code, message = conn.getreply()
        except smtplib.SMTPServerDisconnected as err:
            result.set_all(
                accepted,
                "unknown",
                _(
                    "no reply after the whole message was sent ({err}): the server may have accepted it"
                ).format(err=_describe(err)),
            )
            result.closed = True
            self.drop()
            return
        self._final(code, reply_text(code, message), accepted, result)

    def _final(self, code: int, reply: str, accepted: list[str], result: Transaction) -> None:
        if 200 <= code < 300:
            result.set_all(accepted, "accepted", reply)
            return
        result.set_all(accepted, "temporary" if code < 500 else "permanent", reply)
        if is_throttle(code, reply):
            result.set_all(accepted, "temporary", reply)
            result.throttled = reply
        if code == 421:
            result.closed = True
            self.drop()
        else:
            self._reset()

    def _reset(self) -> None:
        if self.conn is None:
            return
        try:
            code, _reply = self.conn.rset()
            if code >= 400:
                self.drop()
        except (OSError, smtplib.SMTPException):
            self.drop()


def _dot_stuffed(data: bytes) -> bytes:
    """RFC 5321 §4.5.2: a line starting with '.' gets a second one; the message ends with CRLF."""
    body = re.sub(rb"(?m)^\.", b"..", data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return body if body.endswith(b"\r\n") else body + b"\r\n"


def _peer_spoke_or_closed(conn: smtplib.SMTP) -> bool:
    """True when the server has closed the connection or sent something before our final dot."""
    sock = conn.sock
    if sock is None:
        return True
    try:
        readable, _writable, _errors = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    if not readable:
        return False
    timeout = sock.gettimeout()
    try:
        if isinstance(sock, ssl.SSLSocket):
            sock.setblocking(False)
            try:
                sock.recv(1)
            except ssl.SSLWantReadError:  # only a TLS record with no data in it (a session ticket)
                return False
            return True
        sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        return True
    except (BlockingIOError, InterruptedError):
        return False
    except OSError:
        return True
    finally:
        sock.settimeout(timeout)


def _xtext(text: str) -> str:
    """RFC 3461 xtext: '+', '=' and anything outside '!'..'~' as +XX."""
    return "".join(
        c if "!" <= c <= "~" and c not in "+=" else "".join(f"+{b:02X}" for b in c.encode()) for c in text
    )


def _describe(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    return _("timed out") if isinstance(err, TimeoutError) or "timed out" in text else text


def _quietly_close(conn: smtplib.SMTP | None) -> None:
    if conn is not None:
        with contextlib.suppress(OSError):
            conn.close()
