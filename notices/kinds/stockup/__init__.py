"""The stockup kind: stock up before a holiday when shipping stops."""

from __future__ import annotations

from pathlib import Path

from notices.kinds import Kind
from notices.kinds.stockup.facts import StockupFacts

KIND = Kind(
    "stockup",
    "节前备货 · stock up before a holiday when shipping stops",
    StockupFacts,
    Path(__file__).parent,
    sections=("opening", "order_deadline", "shipping", "stock", "duty"),
    position=10,
)
