"""Every example, rendered once per test session (``all_rendered_examples`` in tests/conftest.py): the layout,
kind and renderer tests all read these files instead of rendering the examples again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import notices
from notices.document import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Rendered:
    spec: Path
    doc: Document
    pdf: Path
    docx: Path


def example_specs() -> list[Path]:
    """The notice specs of examples/ and examples/house-styles/ (house style files themselves are not)."""
    specs = sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("house-styles/*.yaml"))
    return [spec for spec in specs if "\ntitle:" in "\n" + spec.read_text(encoding="utf-8")]


def key_of(spec: Path) -> str:
    """'stockup.zh', 'house-styles/recall.zh'."""
    return spec.relative_to(EXAMPLES).as_posix().removesuffix(".yaml")


def render_examples(out: Path) -> dict[str, Rendered]:
    found = {}
    for spec in example_specs():
        key = key_of(spec)
        doc = notices.compose(notices.load(spec))
        paths = {p.suffix[1:]: p for p in notices.render(doc, out / key)}
        found[key] = Rendered(spec, doc, paths["pdf"], paths["docx"])
    return found
