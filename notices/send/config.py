"""``send.toml``: how and where `notices send` delivers a batch. Every key is documented in :data:`KEYS`.

Example::

    from = "华东恒信控股有限公司 <notices@hengxin.example>"
    reply_to = "sales@hengxin.example"
    attach = ["pdf"]                 # pdf, docx

    [smtp]
    host = "smtp.hengxin.example"
    port = 587
    security = "starttls"            # starttls (default), tls, or none (loopback only)
    user = "notices@hengxin.example"
    password_env = "NOTICES_SMTP_PASSWORD"   # the variable's name, never the password

    [pacing]
    rate = 30                        # messages a minute
    daily_cap = 500                  # addresses in any 24 hours

Mistakes are reported all at once, each at its line and column (``send.toml:7:1: unknown key 'hots' in
[smtp]``), as spec mistakes are. A password is never read from the file: ``security = "none"`` to anything but
a loopback address is refused, because it would carry the password and every notice in clear text.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from notices.errors import Location, NoticeError, Problem
from notices.fsio import length_problem
from notices.i18n import _
from notices.send.tomlsource import TomlPlaces, scan

SECURITY = ("starttls", "tls", "none")
ATTACHABLE = ("pdf", "docx")
EVENT_TYPES = ("notice.sent", "notice.bounced", "notice.failed", "notice.unknown")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
# Standard Webhooks' example schedule (spec/standard-webhooks.md, "Deliverability and reliability"), after the
# first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
WEBHOOK_RETRIES = ("5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\Z")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


class SendConfigError(NoticeError):
    """``send.toml`` cannot be used (CLI exit code 2); every problem carries its line and column."""


# section → key → what it means; the README's Delivery section and `notices send --help` say the same.
KEYS: dict[str, dict[str, str]] = {
    "": {
        "from": "the sender, 'Name <address>'; the display name may be Chinese",
        "reply_to": "where replies go (default: the sender)",
        "return_path": "the envelope sender, where bounces go (default: the sender's address)",
        "to_column": "the recipients-file column holding the addresses (default 'email'); several per cell, separated by , ; or spaces",
        "attach": "what each e-mail carries: ['pdf'] (default), ['pdf', 'docx']",
    },
    "smtp": {
        "host": "the SMTP server",
        "port": "default 587 for starttls, 465 for tls, 25 for none",
        "security": "starttls (default), tls, or none (only to 127.0.0.1, ::1 or localhost)",
        "user": "the login, if the server wants one",
        "password_env": "the NAME of the environment variable that holds the password",
        "timeout": "seconds to wait for each reply (default 60)",
        "ca_file": "a PEM file of certificate authorities to trust besides the system's (a company CA)",
        "helo": "the name this machine gives in EHLO (default: its host name)",
    },
    "pacing": {
        "rate": "messages a minute at most (default 60; 0 = no limit)",
        "daily_cap": "addresses in any 24 hours at most (default: no cap)",
        "pause": "how long to stop when the server says too many (default '15m')",
    },
    "retry": {
        "first": "the first wait after a temporary failure (default '1m'); it doubles, with jitter",
        "longest": "the longest wait between two attempts (default '2h')",
        "give_up_after": "a recipient still failing temporarily this long after the first try fails (default '5d')",
        "wait": "how long one run waits for a retry to fall due before it ends (default '5m')",
    },
    "webhook": {
        "url": "the endpoint (https, or http to a loopback address)",
        "secret_env": "the NAME of the environment variable that holds the signing secret(s), whsec_…",
        "events": f"which events to post (default all: {', '.join(EVENT_TYPES)})",
        "notice": "also post each notice itself, PDF included, as notice.document (default false)",
        "timeout": "seconds to wait for the endpoint (default 15)",
        "retries": "waits between attempts (default Standard Webhooks' schedule, 5s … 24h)",
    },
}


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str
    user: str | None
    password_env: str | None
    timeout: float
    ca_file: Path | None
    helo: str | None
    location: Location

    def password(self) -> str | None:
        """The password from its environment variable; an error when a user is set and the variable is not."""
        if self.user is None:
            return None
        value = os.environ.get(self.password_env or "")
        if not value:
            raise SendConfigError(
                Problem(
                    _(
                        "the environment variable {password_env} that should hold the SMTP password is not set"
                    ).format(password_env=self.password_env),
                    self.location,
                    fix=_("export {password_env}=… before running notices send").format(
                        password_env=self.password_env
                    ),
                )
            )
        return value


@dataclass(frozen=True)
class Pacing:
    rate: float  # messages a minute; 0 = no limit
    daily_cap: int | None
    pause: float


@dataclass(frozen=True)
class Retry:
    first: float
    longest: float
    give_up_after: float
    wait: float


@dataclass(frozen=True)
class WebhookConfig:
    url: str
    secret_env: str
    events: tuple[str, ...]
    notice: bool
    timeout: float
    retries: tuple[float, ...]
    location: Location

    def secrets(self) -> list[bytes]:
        """The signing keys: ``whsec_`` + base64, several separated by spaces while a key is rotated."""
        import base64
        import binascii

        value = os.environ.get(self.secret_env, "").strip()
        keys: list[bytes] = []
        for part in value.split():
            try:
                key = base64.b64decode(part.removeprefix("whsec_"), validate=True)
            except (binascii.Error, ValueError):
                key = b""
            if not 24 <= len(key) <= 64:
                raise SendConfigError(
                    Problem(
                        _(
                            "the webhook secret in {secret_env} is not whsec_ followed by 24 to 64 bytes in base64"
                        ).format(secret_env=self.secret_env),
                        self.location,
                        fix=_(
                            "make one with: python -c \"import base64,os; print('whsec_' + base64.b64encode(os.urandom(32)).decode())\""
                        ),
                    )
                )
            keys.append(key)
        if not keys:
            raise SendConfigError(
                Problem(
                    _(
                        "the environment variable {secret_env} that should hold the webhook secret is not set"
                    ).format(secret_env=self.secret_env),
                    self.location,
                    fix=_("export {secret_env}=whsec_… before running notices send").format(
                        secret_env=self.secret_env
                    ),
                )
            )
        return keys


@dataclass(frozen=True)
class SendConfig:
    file: Path
    sender: Address | None  # `from`
    reply_to: str | None
    return_path: str | None
    to_column: str
    attach: tuple[str, ...]
    smtp: SmtpConfig | None
    pacing: Pacing
    retry: Retry
    webhook: WebhookConfig | None

    @property
    def envelope_sender(self) -> str:
        return self.return_path or (self.sender.addr_spec if self.sender else "")


def load_config(path: str | Path) -> SendConfig:
    """Read and check ``send.toml``; :class:`SendConfigError` lists every problem, located."""
    file = Path(path)
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise SendConfigError(
            Problem(
                _("cannot read the send configuration: {strerror}").format(strerror=err.strerror),
                Location(str(file)),
                fix=_("check the path"),
            )
        ) from None
    except UnicodeDecodeError:
        raise SendConfigError(
            Problem(
                _("the send configuration is not UTF-8 text"), Location(str(file)), fix=_("save it as UTF-8")
            )
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err)) or _("not valid TOML")
        raise SendConfigError(
            Problem(
                _("{message} (TOML syntax)").format(message=message),
                Location(str(file), line, column),
                fix=_("check the TOML syntax"),
            )
        ) from None
    return _Reader(file, scan(text)).read(data)


class _Reader:
    def __init__(self, file: Path, places: TomlPlaces) -> None:
        self.file = file
        self.places = places
        self.problems: list[Problem] = []

    def problem(self, path: tuple[str, ...], message: str, fix: str, *, at_key: bool = False) -> None:
        line, column = self.places.key(path) if at_key else self.places.value(path)
        self.problems.append(Problem(message, Location(str(self.file), line, column), ".".join(path), fix))

    def location(self, path: tuple[str, ...]) -> Location:
        line, column = self.places.key(path)
        return Location(str(self.file), line, column)

    def read(self, data: dict[str, Any]) -> SendConfig:
        self._unknown_keys(data)
        top = _Section(self, (), data)
        sender_text = top.get("from", _text)
        sender = _address(self, ("from",), sender_text, display=True) if sender_text else None
        reply_to = top.get("reply_to", _text)
        if reply_to:
            _address(self, ("reply_to",), reply_to, display=True)
        return_path = top.get("return_path", _text)
        if return_path:
            _address(self, ("return_path",), return_path, display=False)
        to_column = top.get("to_column", _text) or "email"
        attach = tuple(top.get("attach", _choices(ATTACHABLE)) or ("pdf",))
        smtp = self._smtp(data.get("smtp")) if "smtp" in data else None
        if smtp is not None and sender is None:
            self.problem(
                ("from",), _("an e-mail needs a sender: `from` is missing"), _('add from = "Name <address>"')
            )
        pacing_data = _Section(self, ("pacing",), data.get("pacing", {}))
        rate = pacing_data.get("rate", _number(minimum=0))
        cap = pacing_data.get("daily_cap", _integer(minimum=1))
        pacing = Pacing(
            rate=60.0 if rate is None else float(rate),
            daily_cap=cap,
            pause=_or(pacing_data.get("pause", _duration), 900.0),
        )
        retry_data = _Section(self, ("retry",), data.get("retry", {}))
        retry = Retry(
            first=_or(retry_data.get("first", _duration), 60.0),
            longest=_or(retry_data.get("longest", _duration), 7200.0),
            give_up_after=_or(retry_data.get("give_up_after", _duration), 5 * 86400.0),
            wait=_or(retry_data.get("wait", _duration), 300.0),
        )
        webhook = self._webhook(data.get("webhook")) if "webhook" in data else None
        if "smtp" not in data and "webhook" not in data:
            self.problems.append(
                Problem(
                    _("nothing to deliver through: the file has neither [smtp] nor [webhook]"),
                    Location(str(self.file)),
                    fix=_(
                        "add an [smtp] table (host, port, security, user, password_env) or a [webhook] table"
                    ),
                )
            )
        if self.problems:
            raise SendConfigError(self.problems)
        return SendConfig(
            self.file, sender, reply_to, return_path, to_column, attach, smtp, pacing, retry, webhook
        )

    def _unknown_keys(self, data: Mapping[str, Any]) -> None:
        for key, value in data.items():
            if key in KEYS and key and isinstance(value, dict):
                for inner in value:
                    if inner not in KEYS[key]:
                        self._unknown((key, inner), sorted(KEYS[key]), f"[{key}]")
            elif key not in KEYS[""] and key not in KEYS:
                self._unknown((key,), sorted([*KEYS[""], *(f"[{s}]" for s in KEYS if s)]), "send.toml")

    def _unknown(self, path: tuple[str, ...], allowed: list[str], where: str) -> None:
        key = path[-1]
        if key == "password":
            self.problem(
                path,
                _("a password is never written in send.toml"),
                _("put it in an environment variable and give that variable's name as password_env"),
                at_key=True,
            )
            return
        guess = difflib.get_close_matches(key, [a.strip("[]") for a in allowed], n=1, cutoff=0.6)
        fix = (
            _("did you mean {guess!r}?").format(guess=guess[0])
            if guess
            else _("allowed here: {items}").format(items=", ".join(allowed))
        )
        self.problem(path, _("unknown key {key!r} in {where}").format(key=key, where=where), fix, at_key=True)

    def _smtp(self, raw: Any) -> SmtpConfig | None:
        section = _Section(self, ("smtp",), raw)
        host = section.get("host", _text)
        if not host:
            self.problem(("smtp",), _("[smtp] needs a host"), _('add host = "smtp.example.com"'), at_key=True)
        security = section.get("security", _choice(SECURITY)) or "starttls"
        port = section.get("port", _integer(minimum=1, maximum=65535)) or DEFAULT_PORTS[security]
        user = section.get("user", _text)
        password_env = section.get("password_env", _env_name)
        if user and not password_env and "password_env" not in section.data:
            self.problem(
                ("smtp", "user"),
                _("a user is set but not where its password is"),
                _('add password_env = "NOTICES_SMTP_PASSWORD" and export that variable'),
                at_key=True,
            )
        if host and security == "none" and not is_loopback(host):
            self.problem(
                ("smtp", "security"),
                _(
                    'security = "none" would send the password and every notice to {host} in clear text'
                ).format(host=host),
                _('use "starttls" or "tls"; "none" is allowed only to 127.0.0.1, ::1 or localhost'),
            )
        ca_text = section.get("ca_file", _text)
        ca_file = (self.file.parent / ca_text) if ca_text else None
        too_long = length_problem(ca_file) if ca_file is not None else None
        if too_long:
            self.problem(
                ("smtp", "ca_file"),
                _("ca_file cannot be a file: {why}").format(why=too_long),
                _("give a PEM file, relative to send.toml"),
            )
        elif ca_file is not None and not ca_file.is_file():
            self.problem(
                ("smtp", "ca_file"),
                _("no such file: {ca_file}").format(ca_file=ca_file),
                _("give a PEM file, relative to send.toml"),
            )
        if not host:
            return None
        return SmtpConfig(
            host=host,
            port=port,
            security=security,
            user=user,
            password_env=password_env,
            timeout=_or(section.get("timeout", _number(minimum=0.01)), 60.0),
            ca_file=ca_file,
            helo=section.get("helo", _text),
            location=self.location(("smtp",)),
        )

    def _webhook(self, raw: Any) -> WebhookConfig | None:
        from urllib.parse import urlsplit

        section = _Section(self, ("webhook",), raw)
        url = section.get("url", _text)
        secret_env = section.get("secret_env", _env_name)
        if not url:
            self.problem(("webhook",), _("[webhook] needs a url"), _('add url = "https://…"'), at_key=True)
        else:
            parts = urlsplit(url)
            if parts.scheme not in ("https", "http") or not parts.hostname:
                self.problem(
                    ("webhook", "url"),
                    _("{url!r} is not an http(s) URL").format(url=url),
                    _("write https://host/path"),
                )
            elif parts.scheme == "http" and not is_loopback(parts.hostname):
                self.problem(
                    ("webhook", "url"),
                    _(
                        "webhooks carry notices and recipients' addresses: plain http is allowed only to a loopback address"
                    ),
                    _("use an https:// URL"),
                )
        if not secret_env:
            self.problem(
                ("webhook",),
                _("[webhook] needs secret_env, the variable holding the signing secret"),
                _('add secret_env = "NOTICES_WEBHOOK_SECRET"'),
                at_key=True,
            )
        events = section.get("events", _choices(EVENT_TYPES))
        retries = section.get("retries", _durations)
        if not url or not secret_env:
            return None
        return WebhookConfig(
            url=url,
            secret_env=secret_env,
            events=tuple(EVENT_TYPES if events is None else events),
            notice=bool(section.get("notice", _boolean)),
            timeout=_or(section.get("timeout", _number(minimum=0.01)), 15.0),
            retries=tuple(retries if retries is not None else (_seconds(d) for d in WEBHOOK_RETRIES)),
            location=self.location(("webhook",)),
        )


class _Section:
    def __init__(self, reader: _Reader, path: tuple[str, ...], raw: Any) -> None:
        self.reader = reader
        self.path = path
        self.data: Mapping[str, Any] = raw if isinstance(raw, dict) else {}
        if not isinstance(raw, dict):
            reader.problem(
                path,
                _("[{items}] must be a table").format(items=".".join(path)),
                _("write [{items}] on its own line").format(items=".".join(path)),
            )

    def get(self, key: str, convert: Callable[[Any], Any]) -> Any:
        if key not in self.data:
            return None
        try:
            return convert(self.data[key])
        except _Bad as bad:
            self.reader.problem((*self.path, key), bad.message, bad.fix)
            return None


class _Bad(Exception):
    def __init__(self, message: str, fix: str) -> None:
        self.message, self.fix = message, fix


def _or(value: float | None, default: float) -> float:
    return default if value is None else float(value)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(_("expected text, got {value!r}").format(value=value), _('write it in quotes: key = "…"'))
    return value.strip()


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Bad(
            _("expected true or false, got {value!r}").format(value=value),
            _("write true or false, without quotes"),
        )
    return value


def _env_name(value: Any) -> str:
    text = _text(value)
    if not _ENV_NAME.match(text):
        raise _Bad(
            _("{text!r} is not the name of an environment variable").format(text=text),
            _("give the variable's NAME (letters, digits, _), e.g. NOTICES_SMTP_PASSWORD, not its value"),
        )
    return text


def _choice(allowed: tuple[str, ...]) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        text = _text(value).lower()
        if text not in allowed:
            guess = difflib.get_close_matches(text, allowed, n=1)
            raise _Bad(
                _("{value!r} is not one of {items}").format(value=value, items=", ".join(allowed)),
                _("did you mean {guess!r}?").format(guess=guess[0])
                if guess
                else _("use one of {items}").format(items=", ".join(allowed)),
            )
        return text

    return convert


def _choices(allowed: tuple[str, ...]) -> Callable[[Any], list[str]]:
    one = _choice(allowed)

    def convert(value: Any) -> list[str]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise _Bad(
                _("expected a list, got {value!r}").format(value=value),
                _('write e.g. ["{allowed}"]').format(allowed=allowed[0]),
            )
        return list(dict.fromkeys(one(item) for item in items))

    return convert


def _number(*, minimum: float) -> Callable[[Any], float]:
    def convert(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            raise _Bad(
                _("expected a number of at least {minimum:g}, got {value!r}").format(
                    minimum=minimum, value=value
                ),
                _("write a number, without quotes"),
            )
        return float(value)

    return convert


def _integer(*, minimum: int, maximum: int | None = None) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < minimum
            or (maximum and value > maximum)
        ):
            span = f"{minimum} to {maximum}" if maximum else _("at least {minimum}").format(minimum=minimum)
            raise _Bad(
                _("expected a whole number {span}, got {value!r}").format(span=span, value=value),
                _("write a whole number, without quotes"),
            )
        return value

    return convert


def _seconds(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    match = _DURATION.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise _Bad(
            _("{value!r} is not a duration").format(value=value),
            _('write seconds (90) or a text such as "90s", "15m", "2h", "5d"'),
        )
    return float(match.group(1)) * _UNITS[match.group(2)]


def _duration(value: Any) -> float:
    return _seconds(value)


def _durations(value: Any) -> list[float]:
    if not isinstance(value, list) or not value:
        raise _Bad(
            _("expected a list of durations, got {value!r}").format(value=value),
            _('write e.g. ["5s", "5m", "30m"]'),
        )
    return [_seconds(item) for item in value]


def _address(reader: _Reader, path: tuple[str, ...], text: str, *, display: bool) -> Address | None:
    pairs = getaddresses([text])
    if len(pairs) != 1 or "@" not in pairs[0][1] or (pairs[0][0] and not display):
        reader.problem(
            path,
            _("{text!r} is not one e-mail address").format(text=text),
            _('write "Name <name@example.com>"'),
        )
        return None
    name, addr = pairs[0]
    local, _at, domain = addr.rpartition("@")
    try:
        return Address(display_name=name, username=local, domain=domain)
    except (ValueError, IndexError) as err:
        reader.problem(
            path,
            _("{text!r} is not an e-mail address: {err}").format(text=text, err=err),
            _('write "Name <name@example.com>"'),
        )
        return None


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or the name localhost: traffic that never leaves this machine."""
    if host.strip("[]").lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
