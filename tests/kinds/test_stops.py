"""No English notice prints a full stop after another sentence-ending mark ("etc..", "Ltd. .", "Join us!.") nor a
stop after a date and time set as a value under its heading ("Thursday, 21 November 2019, 18:00."; issue 13).

Read from what a reader reads: the text of every English example's and corpus notice's PDF, and of every kind's
smallest and fullest English example; and, since real values end in abbreviations, the fullest examples again
with every free-text value ending in "etc." or "Co., Ltd."."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import notices
from notices.composer.markup import one_stop
from notices.document import Block

from .conftest import pdf_text

ROOT = Path(__file__).resolve().parents[2]
KINDS = ROOT / "notices" / "kinds"
# a stop after a stop, "!" or "?", spaces between allowed; an ellipsis ("...") is not one
STOP_AFTER_STOP = re.compile(r"(?<!\.)[.!?]\s*\.(?!\.)")
# A date and time set as a value under its heading ("Thursday, 21 November 2019, 18:00"): words of a date
# only, no sentence, so no stop after it.
_DATE_WORDS = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|to|AM|PM|am|pm|a\.m|p\.m|\([^)]*\)|[\d:.,/–-]+)"
)
DATE_VALUE_WITH_STOP = re.compile(rf"^(?:{_DATE_WORDS}\s*)+\.$")


def english(key: str) -> bool:
    return ".en" in key or "/en-" in key


def test_no_english_example_prints_a_stop_after_a_stop(all_rendered_examples: dict[str, Any]) -> None:
    found = []
    keys = [key for key in all_rendered_examples if english(key)]
    assert len(keys) > 20
    for key in keys:
        text = pdf_text(all_rendered_examples[key].pdf)
        joined = " ".join(text.split())  # a sentence broken over two lines reads as one
        found += [
            f"{key}: …{joined[max(0, m.start() - 30) : m.end() + 5]}…"
            for m in STOP_AFTER_STOP.finditer(joined)
        ]
        found += [
            f"{key}: {line!r}"
            for line in texts(all_rendered_examples[key].doc.blocks)
            if DATE_VALUE_WITH_STOP.match(line)
        ]
    assert not found, "\n".join(found)


def texts(blocks: tuple[Block, ...]) -> list[str]:
    out = []
    for block in blocks:
        for name in ("text", "issuer", "signer", "cc", "title", "label"):
            value = getattr(block, name, None)
            if isinstance(value, str):
                out.append(value)
        out.extend(getattr(block, "titles", ()) or ())
        out.extend(texts(getattr(block, "blocks", ())))
    return out


FREE_TEXT_SKIPPED = {"kind", "lang", "locale", "house_style", "profile", "doc_type", "time_zone"}


def ending_in_abbreviations(value: Any, key: str = "", count: list[int] | None = None) -> Any:
    """Every free-text value (with a space, no template syntax) ending in an abbreviation's stop."""
    count = count if count is not None else [0]
    if isinstance(value, dict):
        return {k: ending_in_abbreviations(v, k, count) for k, v in value.items()}
    if isinstance(value, list):
        return [ending_in_abbreviations(v, key, count) for v in value]
    if (
        isinstance(value, str)
        and " " in value
        and key not in FREE_TEXT_SKIPPED
        and "{{" not in value
        and not re.match(r"^\d{4}-\d{2}-\d{2}", value)
    ):
        count[0] += 1
        return value.rstrip().rstrip(".") + (" etc." if count[0] % 2 else " Co., Ltd.")
    return value


@pytest.mark.parametrize(
    "spec", sorted(KINDS.glob("*/examples/*.en.yaml")), ids=lambda p: f"{p.parts[-3]}-{p.stem}"
)
def test_values_ending_in_a_stop_end_the_sentence_once(spec: Path) -> None:
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    for notice_data in (data, ending_in_abbreviations(data)):
        doc = notices.compose(notices.load(notice_data, base_dir=spec.parent))
        for text in texts(doc.blocks):
            assert not STOP_AFTER_STOP.search(text), text
            assert not DATE_VALUE_WITH_STOP.match(text), text


def test_one_stop_keeps_an_ellipsis_and_decimals() -> None:
    assert one_stop("etc..") == "etc."
    assert one_stop("Join us!.") == "Join us!"
    assert one_stop("Co., Ltd. .") == "Co., Ltd."
    assert one_stop("Wait... and see.") == "Wait... and see."
    assert one_stop("Version 1.2.3.") == "Version 1.2.3."
