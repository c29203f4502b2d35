"""Every example, rendered once per test session (``all_rendered_examples`` in tests/conftest.py): the layout,
kind and renderer tests all read these files instead of rendering the examples again."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    """Every notice spec under examples/ and corpus/ (the real-notice and reviewed corpora), at any depth;
    house style files and other data files are not notices."""
    found = {*EXAMPLES.glob("**/*.yaml"), *(ROOT / "corpus").glob("**/*.yaml")}
    return sorted(path for path in found if is_notice_spec(path))


def is_notice_spec(path: Path) -> bool:
    import yaml

    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return True  # a broken spec is still a notice: loading it reports why
    return isinstance(data, dict) and bool({"title", "kind", "house_style", "body"} & set(data))


def key_of(spec: Path) -> str:
    """'stockup.zh', 'house-styles/recall.zh' (relative to examples/), 'corpus/real/…' (to the project)."""
    base = EXAMPLES if spec.is_relative_to(EXAMPLES) else ROOT
    return spec.relative_to(base).as_posix().removesuffix(".yaml")


def render_examples(out: Path) -> dict[str, Rendered]:
    """Every notice spec that loads: a spec that is wrong on purpose (examples/mistakes/, a planted corpus
    error the loader refuses) is the loader's and the checker's test, not a page to measure."""
    found = {}
    for spec in example_specs():
        key = key_of(spec)
        try:
            notice = notices.load(spec)
        except notices.SpecError:
            continue
        doc = notices.compose(notice)
        paths = {p.suffix[1:]: p for p in notices.render(doc, out / key.replace("/", "__"))}
        found[key] = Rendered(spec, doc, paths["pdf"], paths["docx"])
    return found
