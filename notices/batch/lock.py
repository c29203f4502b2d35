"""One batch at a time in an output folder: the folder is locked, and a second batch is told who holds it.

Two batches writing into one folder both exited 0 while one silently replaced the other's files and manifest
(issue 11: 4,800 outputs lost in one run). The lock is the operating system's (``flock`` on Linux and macOS,
``msvcrt.locking`` on Windows) on a small file in the folder, so it goes with the process: a batch killed with
``kill -9`` leaves no stale lock behind, and the next run resumes. The file says who holds the lock (process,
host, user, command, start), which is what the second batch reports.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

from notices.errors import Location, NoticeError, Problem
from notices.i18n import _

LOCK_NAME = ".notices-batch.lock"


class FolderBusyError(NoticeError):
    """Another batch is writing into the output folder."""


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder() -> dict[str, object]:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        user = "?"
    return {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": user,
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])
        if sys.argv and sys.argv[0]
        else "python",
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def _describe(path: Path) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
        return (
            f"process {holder['pid']} of {holder['user']} on {holder['host']}, started {holder['started']}: "
            f"{holder['command']}"
        )
    except (OSError, ValueError, KeyError, TypeError):
        return _("another process (its details could not be read)")


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder`` for this batch; :class:`FolderBusyError` when another batch holds it."""
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    if not _try_lock(fd):
        os.close(fd)
        raise FolderBusyError(
            Problem(
                _("the folder {folder} is in use by another batch ({path})").format(
                    folder=folder, path=_describe(path)
                ),
                Location(str(folder)),
                fix=_(
                    "wait for that batch to finish (then run this one again: it skips what is done), or write into another folder with -o"
                ),
                code="batch",
            )
        )
    try:
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(_holder(), ensure_ascii=False).encode("utf-8"))
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()  # a finished batch leaves the folder as it found it
        os.close(fd)  # releases the lock
