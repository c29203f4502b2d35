"""Notices whose sign-off lands on every side of a page break, in every profile: the cases the sign-off tests
render, as PDF and as DOCX (read through LibreOffice).

Each profile's case grows its last paragraph one line at a time. The window of lengths is chosen with the
layout stage's own page count, around the first length at which the sign-off would open a page alone, so the
cases cover: fits as it is, fits once the page before is tightened (§7.3.5.5), and cannot be tightened enough,
so the last line of the body goes along with it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import notices
from notices.document import AttachmentNote, Closing, Document, Note, SignOff

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
# One grid line of ordinary 通知 prose (28 characters at 16 pt on 156 mm), and its English counterpart.
ZH_LINE = "请各经销商合作伙伴及时安排人员做好库存盘点和订单核对工作。"
EN_LINE = "Please ask your warehouse team to check the stock on hand before the deadline."
WINDOW = (-2, 4)  # lengths tried around the first one that would strand the sign-off


@dataclass(frozen=True)
class Case:
    name: str
    spec: dict[str, Any]
    base_dir: Path


def _zh_base(profile: str) -> dict[str, Any]:
    data = yaml.safe_load((EXAMPLES / "general.zh.yaml").read_text(encoding="utf-8"))
    data["profile"] = profile
    data["sign_off"] = (
        {"date": "2026-05-06", "seal": "assets/seal.png"} if profile != "plain" else {"date": "2026-05-06"}
    )
    return data


def _letter_base() -> dict[str, Any]:
    """The 信函 profile through a company's house style (the recall notice of issue 13)."""
    return yaml.safe_load((EXAMPLES / "house-styles" / "recall.zh.yaml").read_text(encoding="utf-8"))


def _en_base() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / "general.en.yaml").read_text(encoding="utf-8"))


def _grown(data: dict[str, Any], line: str, lines: int) -> dict[str, Any]:
    grown = dict(data)
    body = list(grown.get("body") or [])
    body.append(line * lines if lines else line[:10])
    grown["body"] = body
    return grown


def _doc(data: dict[str, Any], base_dir: Path) -> Document:
    return notices.compose(notices.load(data, base_dir=base_dir))


def _stranded_at(data: dict[str, Any], base_dir: Path, line: str) -> int:
    """The first number of added lines at which the sign-off would open a page of its own."""
    from notices.layout import lay_out
    from notices.layout.fit import _stranded, kept_with_sign_off, page_height
    from notices.layout.pages import flow, paginate

    for lines in range(0, 60):
        doc = _doc(_grown(data, line, lines), base_dir)
        zh = lay_out(doc).zh
        if zh is None:
            break
        natural = paginate(flow(zh, doc.blocks), page_height(zh))
        sign_off = next(i for i, b in enumerate(doc.blocks) if isinstance(b, SignOff))
        keep = kept_with_sign_off(doc.blocks)
        page = natural.first_page(sign_off)
        if page and _stranded(natural, keep, page):
            return lines
    return 18


@functools.cache
def cases() -> tuple[Case, ...]:
    found: list[Case] = []
    bases = [
        ("enterprise", _zh_base("enterprise"), EXAMPLES, ZH_LINE),
        ("gbt9704", _zh_base("gbt9704"), EXAMPLES, ZH_LINE),
        ("plain", _zh_base("plain"), EXAMPLES, ZH_LINE),
        ("letter", _letter_base(), EXAMPLES / "house-styles", ZH_LINE),
    ]
    for name, data, base_dir, line in bases:
        start = _stranded_at(data, base_dir, line)
        for lines in range(max(0, start + WINDOW[0]), start + WINDOW[1]):
            found.append(Case(f"{name}-{lines}", _grown(data, line, lines), base_dir))
    # English letters: the renderers break their lines, so the window is the whole of a page's worth.
    for lines in range(20, 52, 2):
        found.append(Case(f"en-letter-{lines}", _grown(_en_base(), EN_LINE, lines), EXAMPLES))
    return tuple(found)


def texts_kept_with_sign_off(doc: Document) -> set[str]:
    """Texts that may stand beside the sign-off but do not count as the body: the closing formula, the
    附件说明, the 附注 and the sign-off's own lines."""
    kept: set[str] = set()
    for block in doc.blocks:
        if isinstance(block, Closing | Note):
            kept.add(block.text)
        elif isinstance(block, AttachmentNote):
            kept.update(block.titles)
        elif isinstance(block, SignOff):
            kept.update(t for t in (block.issuer, block.date_text, block.signer) if t)
    return {"".join(t.split()) for t in kept}
