"""The incident kind: a service incident, its updates and its resolution."""

from __future__ import annotations

from pathlib import Path

from notices.kinds import Kind
from notices.kinds.incident.facts import IncidentFacts

KIND = Kind(
    "incident",
    "服务事件通知 · a service incident, its updates and its resolution",
    IncidentFacts,
    Path(__file__).parent,
    sections=(
        "opening",
        "changes",
        "incident",
        "timeline",
        "resolution",
        "workaround",
        "next_update",
        "contact",
    ),
    position=50,
)
