"""``DIR/manifest.json``: what a batch produced, per recipient, and what it was made from.

A run reads the manifest the previous run left and skips every recipient whose row, spec and renderer are
unchanged and whose files are still there with the recorded SHA-256. The manifest is replaced atomically,
during the run every few seconds and once at the end, so a run killed at any moment leaves either the previous
manifest or a newer one, never a torn file; recipients finished after the last write are simply rendered again.

The manifest holds no timestamps and no per-run counts: the same inputs give the same manifest bytes.
It also records where the spec is (``spec.path``, relative to DIR) and each row's values (``data``), so a later
step (``notices send``) can address and greet every recipient from DIR alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from notices.fsio import atomic_output

MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class Entry:
    """One recipient: its row, output name, status, files and their SHA-256, and the hash of its row."""

    row: int
    name: str | None
    status: str  # "ok" or "failed"
    row_sha256: str
    files: dict[str, str] = field(default_factory=dict)  # format → file name inside DIR
    sha256: dict[str, str] = field(default_factory=dict)  # format → SHA-256 of that file
    pages: int | None = None
    problems: tuple[dict[str, Any], ...] = ()  # {"row", "column", "reason", "fix"}
    data: dict[str, Any] | None = None  # the row's values as read (column → value)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"row": self.row, "name": self.name, "status": self.status}
        if self.files:
            out["files"] = dict(self.files)
            out["sha256"] = dict(self.sha256)
        if self.pages is not None:
            out["pages"] = self.pages
        if self.problems:
            out["problems"] = [dict(p) for p in self.problems]
        out["row_sha256"] = self.row_sha256
        if self.data is not None:
            out["data"] = row_to_json(self.data)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entry:
        return cls(
            row=int(data["row"]),
            name=data.get("name"),
            status=str(data["status"]),
            row_sha256=str(data["row_sha256"]),
            files={str(k): str(v) for k, v in dict(data.get("files") or {}).items()},
            sha256={str(k): str(v) for k, v in dict(data.get("sha256") or {}).items()},
            pages=data.get("pages"),
            problems=tuple(dict(p) for p in data.get("problems") or ()),
            data=row_from_json(data["data"]) if isinstance(data.get("data"), dict) else None,
        )


@dataclass
class Manifest:
    """The whole file: what every entry was rendered from, then the entries in row order.

    A run adds its entries with :meth:`add`, which writes each as its line of JSON to an anonymous temporary
    file, and every write of the manifest copies them from there: memory stays the same for 10,000 rows as
    for 1,000 (bench/RESULTS.md), where a list of lines joined into one string at each checkpoint grew with
    every row. ``entries`` holds the entries of a manifest read back from a file.
    """

    spec: dict[str, str]  # {"file", "sha256"}, and "path" (relative to DIR) when the spec is a file
    recipients: dict[str, str]  # {"file"}
    render_sha256: str  # notices' code and templates, WeasyPrint and python-docx versions
    formats: list[str]
    name_pattern: str | None
    entries: list[Entry] = field(default_factory=list)
    complete: bool = False
    _spill: IO[bytes] | None = field(default=None, repr=False, compare=False)
    _count: int = 0
    _ok: int = 0

    def add(self, entry: Entry) -> None:
        if self._spill is None:
            self._spill = tempfile.TemporaryFile()  # noqa: SIM115 (lives and is deleted with the manifest)
        self._spill.write((_SEPARATOR if self._count else b"") + _line(entry))
        self._count += 1
        self._ok += entry.status == "ok"

    def to_bytes(self, pending: Iterable[Entry] = ()) -> bytes:
        """The file; ``pending`` are entries of rows this run has not reached yet, kept from the last run."""
        out = io.BytesIO()
        self._write_to(out, list(pending))
        return out.getvalue()

    def write(self, folder: Path, pending: Iterable[Entry] = ()) -> Path:
        path = folder / MANIFEST_NAME
        with atomic_output(path) as out:
            self._write_to(out, list(pending))
        return path

    def _write_to(self, out: IO[bytes], pending: list[Entry]) -> None:
        ok = self._ok + sum(1 for entry in pending if entry.status == "ok")
        total = self._count + len(pending)
        head = {
            "manifest_format": MANIFEST_FORMAT,
            "complete": self.complete,
            "spec": self.spec,
            "recipients": self.recipients,
            "render_sha256": self.render_sha256,
            "formats": self.formats,
            "name_pattern": self.name_pattern,
            "summary": {"total": total, "ok": ok, "failed": total - ok},
        }
        text = json.dumps(head, ensure_ascii=False, indent=1)
        out.write(text[: -len("\n}")].encode("utf-8") + b',\n "entries": ')
        if not total:
            out.write(b"[]\n}\n")
            return
        out.write(b"[\n  ")
        if self._spill is not None:
            self._spill.seek(0)
            shutil.copyfileobj(self._spill, out)
            self._spill.seek(0, io.SEEK_END)
        for number, entry in enumerate(pending):
            out.write((_SEPARATOR if self._count or number else b"") + _line(entry))
        out.write(b"\n ]\n}\n")

    def same_inputs(self, other: Manifest) -> bool:
        """True when entries of ``other`` may be reused by this run (same spec, renderer and formats)."""
        return (
            self.spec.get("sha256") == other.spec.get("sha256")
            and self.render_sha256 == other.render_sha256
            and self.formats == other.formats
        )


_SEPARATOR = b",\n  "


def _line(entry: Entry) -> bytes:
    return json.dumps(entry.to_json(), ensure_ascii=False).encode("utf-8")


def load_manifest(folder: Path) -> Manifest | None:
    """The manifest in ``folder``, or None when there is none or it cannot be trusted."""
    try:
        data = json.loads((folder / MANIFEST_NAME).read_bytes())
        if data.get("manifest_format") != MANIFEST_FORMAT:
            return None
        return Manifest(
            spec=dict(data["spec"]),
            recipients=dict(data["recipients"]),
            render_sha256=str(data["render_sha256"]),
            formats=list(data["formats"]),
            name_pattern=data.get("name_pattern"),
            entries=[Entry.from_json(e) for e in data["entries"]],
            complete=bool(data.get("complete")),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


_TAGS: tuple[tuple[str, type[dt.datetime] | type[dt.date] | type[dt.time]], ...] = (
    ("$datetime", dt.datetime),  # before date: a datetime is also a date
    ("$date", dt.date),
    ("$time", dt.time),
)


def row_to_json(value: Any) -> Any:
    """Row values as JSON: a date, time or datetime (XLSX cells, YAML dates) becomes ``{"$date": "…"}`` and
    comes back as itself from :func:`row_from_json`, so a template sees the same type on both sides."""
    for tag, kind in _TAGS:
        if isinstance(value, kind):
            return {tag: value.isoformat()}
    if isinstance(value, dict):
        return {str(k): row_to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [row_to_json(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def row_from_json(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, text),) = value.items()
            for tag, kind in _TAGS:
                if key == tag and isinstance(text, str):
                    try:
                        return kind.fromisoformat(text)
                    except ValueError:
                        break
        return {k: row_from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [row_from_json(v) for v in value]
    return value


def file_sha256(path: Path) -> str | None:
    """SHA-256 of a file, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def canonical_json(value: Any) -> bytes:
    """A stable serialisation of row data or spec data (dates as ISO text, keys sorted)."""

    def default(obj: Any) -> Any:
        if hasattr(obj, "isoformat"):
            return {"__date__": obj.isoformat()}
        if isinstance(obj, Path):
            return str(obj)
        if isinstance(obj, bytes | bytearray):
            return obj.hex()
        return repr(obj)

    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, default=default, separators=(",", ":")
    ).encode()


def sha256_of(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()
