"""Crash-safe file output: a target file is either its old self or complete, never half written.

Every output goes to a hidden temporary file beside the target (``.<name>.<8 hex>.part``), is flushed and
fsynced, then renamed over the target with :func:`os.replace`, which is atomic on POSIX and Windows when both
names are in the same folder. The folder is fsynced afterwards so the rename itself survives a power cut.
A process killed with ``kill -9`` leaves at worst a ``.part`` file; :func:`remove_stale_parts` clears those.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PART_SUFFIX = ".part"
# What the file systems a notice is written on allow: 255 bytes a name (ext4, XFS, Btrfs, APFS; NTFS 255 UTF-16
# units) and Linux's PATH_MAX of 4,096 bytes for a whole path. Longer names fail with ENAMETOOLONG, which
# Path.is_file() and Path.exists() raise instead of answering False (they only swallow ENOENT and the like).
NAME_MAX_BYTES = 255
PATH_MAX_BYTES = 4096
_PART_NAME = re.compile(r"\..+\.[0-9a-f]{8}\.part\Z", re.DOTALL)
# Most filesystems cap a name at 255 bytes; the temporary name adds a dot, a token and the suffix.
_MAX_NAME_BYTES = 255
_TOKEN_BYTES = len(".12345678" + PART_SUFFIX) + 1


def length_problem(path: str | os.PathLike[str]) -> str | None:
    """Why the file system would refuse ``path`` for its length, in a sentence, or ``None`` when it fits.

    Asked before a path a person typed (a spec value, a command-line argument) reaches the file system, so a
    name too long is told as such, at the place it was typed, instead of an OSError from deep inside.
    """
    from notices.i18n import _

    text = os.fspath(path)
    for part in text.replace("\\", "/").split("/"):
        size = len(part.encode("utf-8", "surrogateescape"))
        if size > NAME_MAX_BYTES:
            return _(
                "the name {name} is {size} bytes long; a file or folder name is limited to {limit} bytes"
            ).format(name=shorten(part), size=size, limit=NAME_MAX_BYTES)
    size = len(text.encode("utf-8", "surrogateescape"))
    if size > PATH_MAX_BYTES:
        return _("the path is {size} bytes long; a path is limited to {limit} bytes").format(
            size=size, limit=PATH_MAX_BYTES
        )
    return None


def resolve_path(path: str | os.PathLike[str]) -> Path:
    """``Path(path).resolve()``, with a symbolic link loop raised as the OSError (ELOOP) every other
    refusal of the file system is, not as the RuntimeError Python before 3.13 raises for it."""
    try:
        return Path(path).resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), os.fspath(path)) from None


def os_error_text(err: OSError) -> str:
    """An operating system's refusal in a sentence: the path it concerns (shortened) and why."""
    name = os.fsdecode(err.filename) if err.filename is not None else ""
    why = (
        (length_problem(name) if name and err.errno == errno.ENAMETOOLONG else None)
        or (file_in_the_way(name) if name and err.errno in (errno.EEXIST, errno.ENOTDIR) else None)
        or err.strerror
        or str(err)
    )
    return f"{shorten(name, 120)}: {why}" if name else why


def file_in_the_way(name: str) -> str | None:
    """Why a folder could not be made or used at ``name``, when a file (not a folder) stands on its path.

    ``mkdir`` says only "File exists" or "Not a directory", which reads as if the output existed already; the
    usual cause is an output folder (``-o``) typed as the name of an existing file.
    """
    from notices.i18n import _

    path = Path(name)
    if path.exists() and not path.is_dir():
        return _("this is a file, and a folder is needed here: give a folder (or a new name) instead")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            return _(
                "{file} is a file, and a folder is needed here: give a folder (or a new name) instead"
            ).format(file=shorten(os.fspath(parent), 80))
    return None


def shorten(text: str, limit: int = 60) -> str:
    """``text`` for a message: whole when short, else its start and end around an ellipsis."""
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    return f"{text[:head]}…{text[-(limit - head - 1) :]}"


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers and crashes only ever see the old or the new content."""
    with atomic_output(path, durable=durable) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_output(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file whose content replaces ``path`` only when the ``with`` block ends normally.

    On any exception (including KeyboardInterrupt) the temporary file is removed, ``path`` is untouched and
    the exception propagates. ``durable=False`` skips the fsyncs (a killed process still leaves the old or the
    new file; a power cut may not): for a batch that writes thousands of files and calls :func:`sync_all`
    before it records them as done.
    """
    path = Path(path)
    too_long = length_problem(path)
    if too_long:  # said of the name asked for, not of the temporary file the error would otherwise name
        raise OSError(errno.ENAMETOOLONG, too_long, str(path))
    folder = path.parent
    temp_path, handle = _create_part_file(folder, path.name)
    try:
        with handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp_path.unlink()
        raise
    if durable:
        _fsync_folder(folder)


def sync_all() -> None:
    """Flush every file written so far to disk (``sync``); where that is missing, nothing can be done late."""
    if hasattr(os, "sync"):
        os.sync()


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete the ``.part`` files an interrupted run left in ``folder`` (not in sub-folders).

    Only names of the exact shape this module creates are touched. Call it before a run starts writing into
    ``folder``, never while another process may be writing there.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    for entry in sorted(entries, key=lambda e: e.name):
        if _PART_NAME.match(entry.name) and not entry.is_dir(follow_symlinks=False):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def is_part_file(path: Path) -> bool:
    """True for a temporary name made by :func:`atomic_output`."""
    return bool(_PART_NAME.match(Path(path).name))


def _create_part_file(folder: Path, target_name: str) -> tuple[Path, BinaryIO]:
    # O_EXCL refuses to follow or reuse anything already there, including a planted symlink.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    stem = _fit_bytes(target_name, _MAX_NAME_BYTES - _TOKEN_BYTES)
    while True:
        temp_path = folder / f".{stem}.{secrets.token_hex(4)}{PART_SUFFIX}"
        try:
            descriptor = os.open(temp_path, flags, 0o666)  # the umask applies, as for any new file
        except FileExistsError:
            continue
        return temp_path, os.fdopen(descriptor, "wb")


def _fit_bytes(name: str, limit: int) -> str:
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) <= limit:
        return name
    return encoded[:limit].decode("utf-8", "ignore")


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals the rename itself
        return
    # Some network and FUSE filesystems refuse to fsync a folder; the file itself is already complete and
    # renamed by then, so failing the write here would report a success as an error.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
