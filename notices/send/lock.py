"""One `notices send` at a time per batch folder: two runs over one ledger would send some notices twice.

An exclusive advisory lock on ``DIR/send.lock`` (``flock`` on POSIX, ``msvcrt.locking`` on Windows), held for
the whole run. The operating system releases it when the process ends, however it ends (``kill -9``
included), so a stale lock never blocks the next run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

LOCK_NAME = "send.lock"


class FolderBusy(Exception):
    """Another process holds the lock; ``pid`` is its process id when it could be read."""

    def __init__(self, path: Path, pid: str) -> None:
        self.path, self.pid = path, pid
        super().__init__(
            f"another notices send is running on {path.parent}" + (f" (process {pid})" if pid else "")
        )


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self.fd: int | None = None

    def __enter__(self) -> FolderLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            _lock(fd)
        except OSError:
            try:
                pid = os.read(fd, 32).decode("ascii", "replace").strip()
            finally:
                os.close(fd)
            raise FolderBusy(self.path, pid) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self.fd = fd
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the lock
            self.fd = None


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
