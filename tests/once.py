"""A session fixture's work done once per test run, also when pytest-xdist runs the tests in several workers.

Each xdist worker is a session of its own, so a session fixture such as "every example rendered" or "every DOCX
through LibreOffice" would be computed by every worker. ``once_per_run`` lets the first worker that asks
compute it into the run's shared temporary folder while the others wait on a lock, then read the same result:
the same files, the same objects (pickled). Without xdist it is the plain fixture's work in a fresh folder.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], T]) -> T:
    """``make(folder)``, computed by one worker of the run and shared with the others."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # xdist gives each worker <the run's basetemp>/popen-gwN
    result = shared / f"{name}.pickle"
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when `make` raises
        if result.exists():
            value: T = pickle.loads(result.read_bytes())
            return value
        folder = shared / name
        folder.mkdir(exist_ok=True)
        value = make(folder)
        partial = result.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(value))
        partial.replace(result)
        return value
