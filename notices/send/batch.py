"""A rendered batch as `notices send` sees it: its manifest, its spec, and what goes to whom.

The batch must be complete and unchanged: the spec must still be the one the notices were rendered from, and
every file still the bytes the manifest lists. Anything else is an input error before a single message goes
out (exit 2), because a notice sent from a stale or half-written batch cannot be taken back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from notices.batch.manifest import MANIFEST_NAME, Entry, Manifest, file_sha256, load_manifest
from notices.document import Document
from notices.errors import Location, NoticeError, Problem
from notices.i18n import _
from notices.reader import Notice
from notices.send.addresses import parse_addresses
from notices.send.config import SendConfig
from notices.send.ledger import Planned
from notices.send.message import message_id


class SendInputError(NoticeError):
    """The batch folder cannot be sent from (CLI exit code 2)."""


@dataclass(frozen=True)
class Recipient:
    """One manifest entry with what the send needs: addresses, files, Message-ID (or why it cannot go)."""

    entry: Entry
    addresses: tuple[str, ...]
    names: tuple[str, ...]
    message_id: str | None
    problem: str | None

    @property
    def name(self) -> str:
        return self.entry.name or f"row-{self.entry.row}"


@dataclass
class Batch:
    folder: Path
    manifest: Manifest
    notice: Notice
    key: str  # the batch part of every Message-ID

    @property
    def label(self) -> str:
        return f"{self.manifest.spec.get('file', '')}@{self.folder.name}"

    def recipients(self, config: SendConfig) -> Iterator[Recipient]:
        domain = config.sender.domain if config.sender else ""
        source = self.manifest.recipients.get("file", "the recipients file")
        for entry in self.manifest.entries:
            problem = _entry_problem(entry, source)
            addresses: tuple[str, ...] = ()
            names: tuple[str, ...] = ()
            if problem is None and entry.data is not None:
                parsed = parse_addresses(entry.data.get(config.to_column))
                addresses, names = parsed.addresses, parsed.names
                if parsed.problems:
                    problem = f"row {entry.row} of {source}, column {config.to_column!r}: {'; '.join(parsed.problems)}"
                elif not addresses:
                    problem = _("row {row} of {source} has no e-mail address in column {to_column!r}").format(
                        row=entry.row, source=source, to_column=config.to_column
                    )
            identity = None
            if problem is None:
                content = [
                    *(f"{fmt}:{entry.sha256.get(fmt, '')}" for fmt in config.attach),
                    entry.row_sha256,
                    str(config.sender or ""),
                    config.reply_to or "",
                ]
                identity = message_id(self.key, entry.name or "", addresses, content, domain)
            yield Recipient(entry, addresses, names, identity, problem)

    def planned(self, config: SendConfig) -> Iterator[Planned]:
        for recipient in self.recipients(config):
            if recipient.problem is not None:
                yield Planned(recipient.name, recipient.entry.row, "", None, recipient.problem)
            else:
                for address in recipient.addresses:
                    yield Planned(recipient.name, recipient.entry.row, address, recipient.message_id)

    def has_column(self, column: str) -> bool:
        """True when some row has a value in ``column`` (an empty cell is no value)."""
        return any(column in (e.data or {}) for e in self.manifest.entries)

    def compose(self, entry: Entry) -> Document:
        """The notice of one row as its PDF shows it (its overrides applied), for the cover text."""
        from notices.batch.overrides import apply_overrides, split_row
        from notices.batch.rows import RecipientRow
        from notices.composer import compose

        row = RecipientRow(entry.row, dict(entry.data or {}), self.manifest.recipients.get("file", ""))
        recipient, overrides = split_row(row)
        data = apply_overrides(self.notice.data, overrides, number=entry.row) if overrides else None
        return compose(self.notice, recipient, data=data)

    def changed_files(self, entries: list[Entry], formats: tuple[str, ...]) -> list[str]:
        """Files of ``entries`` that are missing or differ from the manifest's SHA-256."""
        changed = []
        for entry in entries:
            for fmt in formats:
                name = entry.files.get(fmt)
                if name is None or file_sha256(self.folder / name) != entry.sha256.get(fmt):
                    changed.append(name or f"{entry.name}.{fmt}")
        return changed


def open_batch(folder: str | Path) -> Batch:
    from notices import load
    from notices.batch.runner import spec_sha256

    path = Path(folder)
    where = Location(str(path / MANIFEST_NAME))
    if not (path / MANIFEST_NAME).is_file():
        raise SendInputError(
            Problem(
                _("{path} holds no {MANIFEST_NAME}: it is not a folder `notices batch` wrote").format(
                    path=path, MANIFEST_NAME=MANIFEST_NAME
                ),
                where,
                fix=_("run notices batch SPEC -r RECIPIENTS -o {path} first").format(path=path),
            )
        )
    manifest = load_manifest(path)
    if manifest is None:
        raise SendInputError(
            Problem(
                _("the manifest cannot be read"), where, fix=_("run the same notices batch command again")
            )
        )
    if not manifest.complete:
        raise SendInputError(
            Problem(
                _("the batch did not finish (the manifest is not marked complete)"),
                where,
                fix=_("run the same notices batch command again to finish it, then send"),
            )
        )
    spec_path = manifest.spec.get("path")
    if not spec_path or any(e.data is None for e in manifest.entries):
        raise SendInputError(
            Problem(
                _(
                    "the manifest does not record the spec's place or the recipients' values (an older notices wrote it)"
                ),
                where,
                fix=_("run the same notices batch command again; unchanged notices are not rendered again"),
            )
        )
    spec_file = (path / spec_path).resolve() if not Path(spec_path).is_absolute() else Path(spec_path)
    try:
        notice = load(spec_file)
    except NoticeError as err:
        raise SendInputError(
            [
                Problem(
                    _("the batch's spec cannot be read: {message}").format(message=p.message),
                    p.location,
                    p.path,
                    p.fix,
                )
                for p in err.problems
            ]
        ) from None
    if spec_sha256(notice) != manifest.spec.get("sha256"):
        raise SendInputError(
            Problem(
                _("{spec_file} changed after the batch was rendered: the files would not match it").format(
                    spec_file=spec_file
                ),
                Location(str(spec_file)),
                fix=_("run notices batch again so the notices are rendered from the spec as it is now"),
            )
        )
    key = hashlib.sha256(f"{manifest.spec.get('file')}|{manifest.spec.get('sha256')}".encode()).hexdigest()
    return Batch(path, manifest, notice, key)


def _entry_problem(entry: Entry, source: str) -> str | None:
    if entry.status != "ok":
        reasons = "; ".join(str(p.get("reason", "")) for p in entry.problems) or _("see failures.csv")
        return _("row {row} of {source} was not rendered: {reasons}").format(
            row=entry.row, source=source, reasons=reasons
        )
    return None
