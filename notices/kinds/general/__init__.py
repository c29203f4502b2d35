"""The general kind: the spec's body as the writer writes it, with no facts section."""

from __future__ import annotations

from pathlib import Path

from notices.kinds import Kind

KIND = Kind(
    "general",
    "A notice written as it reads: the body as you write it",
    None,
    Path(__file__).parent,
    position=0,
)
