"""The check gate: every path that renders a notice (`notices render`, `notices batch`, ``notices.render``,
``render_bytes``, ``render_many``) asks this module first, so nothing goes out that `notices check` refuses.

A notice with an error finding is not rendered: :func:`require_clean` raises :class:`~notices.errors.CheckError`
carrying every finding. The override is explicit and named at the call (``check=False``, ``--no-check``).
The settings are the ones `notices check` uses for the same file: the nearest pyproject.toml's
``[tool.notices.checks]``, then the spec's own ``checks:``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from notices.check.config import Settings
from notices.check.findings import Finding
from notices.check.runner import check_notice, project_settings
from notices.errors import CheckError
from notices.reader import Notice


def settings_for(notice: Notice) -> list[Settings]:
    """The pyproject.toml layer for a notice read from a file; none for a dict or a string spec."""
    file = Path(notice.source.file)
    return project_settings(file) if file.suffix in (".yaml", ".yml") and file.is_file() else []


def review(
    notice: Notice, *, settings: Sequence[Settings] | None = None, today: dt.date | None = None
) -> list[Finding]:
    """Every finding for ``notice`` as `notices check` reports it for the same file."""
    layers = settings_for(notice) if settings is None else settings
    return check_notice(notice, settings=layers, today=today)


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def require_clean(
    notice: Notice, *, settings: Sequence[Settings] | None = None, today: dt.date | None = None
) -> list[Finding]:
    """The notice's findings when none is an error (warnings and info pass); else raise CheckError."""
    findings = review(notice, settings=settings, today=today)
    if has_errors(findings):
        raise CheckError(findings)
    return findings
