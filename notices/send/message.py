"""The e-mail that carries one notice: cover text in the notice's language, the files, a stable Message-ID.

The cover text is written from the composed notice (the same document the PDF shows): its salutation, its
title as the subject, its issuer and date, its contact line. It says what is attached and who to ask; the
notice itself is the attachment, never retyped into the mail.

The Message-ID is a hash of the batch, the recipient and the content (the attached files' SHA-256, the row's
values and the sender), so sending the same notice again (a retry, a resend of an ``unknown`` row) carries the
same Message-ID, and a changed notice gets a new one. The Date header is fixed when the message is first
built and kept in the ledger, so every retry sends the same bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from pathlib import Path

from notices.document import Closing, DateLine, Document, Note, Salutation, SignOff
from notices.reader import Notice

MEDIA_TYPES = {
    "pdf": ("application", "pdf"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


@dataclass(frozen=True)
class Attachment:
    filename: str  # as the recipient sees it: the notice's title, not the batch's file name
    fmt: str
    data: bytes


def message_id(batch: str, name: str, addresses: Sequence[str], content: Sequence[str], domain: str) -> str:
    """``<hash@domain>`` from the batch, the recipient and the content; nothing random, no clock."""
    digest = hashlib.sha256()
    for part in ("notices-send/1", batch, name, *sorted(a.lower() for a in addresses), *content):
        digest.update(part.encode("utf-8") + b"\x00")
    return f"<{digest.hexdigest()[:40]}@{domain or 'notices.invalid'}>"


def attachment_stem(doc: Document, fallback: str) -> str:
    stem = _UNSAFE_IN_NAME.sub(" ", doc.title).strip(" .")
    return (stem[:80].rstrip(" .") if stem else "") or fallback


def cover_text(doc: Document, notice: Notice, filenames: Sequence[str]) -> str:
    """A short covering note in the notice's language, written from the composed notice."""
    blocks = {type(b).__name__: b for b in doc.blocks}
    salutation = blocks.get("Salutation")
    sign_off = blocks.get("SignOff")
    issuer = sign_off.issuer if isinstance(sign_off, SignOff) else doc.author
    contact = notice.spec.contact
    lines: list[str] = []
    if doc.lang == "zh":
        if isinstance(salutation, Salutation):
            lines += [salutation.text, ""]
        lines.append(f"　　现将《{doc.title}》随本邮件发送（附件：{'、'.join(filenames)}），请查阅。")
        note = blocks.get("Note")
        if isinstance(note, Note) and note.text.strip():
            lines += ["", f"　　如有疑问，请与我们联系{note.text.strip()}。"]
        lines += ["", issuer]
        if isinstance(sign_off, SignOff) and sign_off.date_text:
            lines.append(sign_off.date_text)
    else:
        date_line = blocks.get("DateLine")
        closing = blocks.get("Closing")
        if isinstance(salutation, Salutation):
            lines += [salutation.text, ""]
        dated = f" of {date_line.text}" if isinstance(date_line, DateLine) and date_line.text else ""
        lines.append(
            f"Please find attached our notice \u201c{doc.title}\u201d{dated} ({', '.join(filenames)})."
        )
        reach = [*contact.phone, *([contact.email] if contact.email else [])] if contact else []
        if contact and contact.name:
            who = contact.name + (f" ({', '.join(reach)})" if reach else "")
            lines += ["", f"If you have any questions, please contact {who}."]
        else:
            lines += ["", "If you have any questions, please reply to this e-mail."]
        lines += ["", closing.text if isinstance(closing, Closing) else "Yours faithfully,", issuer]
    return "\n".join(lines) + "\n"


def build_message(
    *,
    doc: Document,
    notice: Notice,
    sender: Address | None,
    to: Sequence[tuple[str, str]],  # (name, address)
    reply_to: str | None,
    message_id: str,
    date: str,
    attachments: Sequence[Attachment],
    smtputf8: bool = False,
) -> bytes:
    """The message as it goes over SMTP: CRLF line ends, every part base64, headers encoded for 7-bit
    transport unless the recipient's address itself needs SMTPUTF8.

    Headers are encoded and folded by the email package (RFC 2047 words, address syntax), once per distinct
    value; the MIME body is assembled here, because the package's folding of the attachment headers costs
    tens of milliseconds a message.
    """
    headers = []
    if sender is not None:
        headers.append(("From", str(sender)))
    headers.append(("To", ", ".join(str(_address(name, address)) for name, address in to)))
    if reply_to:
        headers.append(("Reply-To", reply_to))
    # the generator's boundary would be random; one derived from the Message-ID keeps a retry
    # byte-identical ("=_" never occurs in base64, which every part is encoded in)
    boundary = "=_notices_" + hashlib.sha256(message_id.encode()).hexdigest()[:32]
    headers += [
        ("Subject", doc.title),
        ("Date", date),
        ("Message-ID", message_id),
        ("Content-Language", "zh-CN" if doc.lang == "zh" else "en"),
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/mixed; boundary="{boundary}"'),
    ]
    cover = cover_text(doc, notice, [a.filename for a in attachments])
    parts = [
        (
            'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n',
            cover.replace("\n", "\r\n").encode("utf-8"),
        )
    ]
    for item in attachments:
        maintype, subtype = MEDIA_TYPES[item.fmt]
        parts.append(
            (
                f"Content-Type: {maintype}/{subtype};{_parameter('name', item.filename)}\r\n"
                f"Content-Disposition: attachment;{_parameter('filename', item.filename)}\r\n"
                "Content-Transfer-Encoding: base64\r\n",
                item.data,
            )
        )
    out = [*(_folded(smtputf8, name, value) for name, value in headers), b"\r\n"]
    for part_headers, data in parts:
        out += [f"--{boundary}\r\n{part_headers}\r\n".encode("ascii"), _base64_lines(data)]
    out.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(out)


@functools.lru_cache(maxsize=1024)
def _folded(smtputf8: bool, name: str, value: str) -> bytes:
    """One header line as the SMTP policy writes it (a batch repeats its From, Subject and Reply-To)."""
    chosen = policy.SMTPUTF8 if smtputf8 else policy.SMTP
    return chosen.fold_binary(name, chosen.header_factory(name, value))


def _parameter(name: str, value: str) -> str:
    """A MIME parameter on its own folded line: plain when ASCII, else RFC 2231 (``name*=utf-8''…``), split
    into ``name*0*``, ``name*1*`` … when long."""
    if value.isascii() and len(value) < 60 and not any(c in value for c in '"\\'):
        return f'\r\n {name}="{value}"'
    quoted = urllib.parse.quote(value, safe="")
    if len(quoted) < 60:
        return f"\r\n {name}*=utf-8''{quoted}"
    chunks = [""]  # split between characters, never inside one character's UTF-8 bytes
    for char in value:
        piece = urllib.parse.quote(char, safe="")
        if len(chunks[-1]) + len(piece) > 60:
            chunks.append("")
        chunks[-1] += piece
    first = f"\r\n {name}*0*=utf-8''{chunks[0]}"
    return first + "".join(f";\r\n {name}*{n}*={chunk}" for n, chunk in enumerate(chunks[1:], start=1))


def _base64_lines(data: bytes) -> bytes:
    """Base64 in lines of 76 characters with CRLF, as RFC 2045 wants."""
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def _address(name: str, address: str) -> Address:
    local, _, domain = address.rpartition("@")
    return Address(display_name=name, username=local, domain=domain)


def read_attachments(
    folder: Path, files: Mapping[str, str], formats: Sequence[str], stem: str
) -> list[Attachment]:
    return [Attachment(f"{stem}.{fmt}", fmt, (folder / files[fmt]).read_bytes()) for fmt in formats]
