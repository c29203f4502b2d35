"""The price kind: a price change: what, by how much, from when, orders already placed."""

from __future__ import annotations

from pathlib import Path

from notices.kinds import Kind
from notices.kinds.price.facts import PriceFacts

KIND = Kind(
    "price",
    "调价通知 · a price change: what, by how much, from when, orders already placed",
    PriceFacts,
    Path(__file__).parent,
    sections=("opening", "changes", "effective", "in_transit"),
    position=30,
)
