"""Run the command line in this process (typer's CliRunner), as a person would run it: arguments, working
folder, exit code, what goes to stdout and stderr. ~100× cheaper than a new Python process per command; the few
tests that need a real process (import time, kill -9, the README's shell commands) start one themselves."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from notices.cli import app


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``notices ARGS`` in ``cwd``; the result reads like a finished process's."""
    before = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["notices", *args], result.exit_code, result.stdout, result.stderr)
