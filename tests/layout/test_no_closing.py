"""`closing: ''`: a notice without 特此通知 (福州's 停水 notice, documents whose type has no closing) prints no
closing line, and no empty line for it: the sign-off stands one blank line below the body (GB/T 9704 §7.3.5),
as it stands below a closing. An empty closing paragraph used to cost a line, and 福州 its single page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx

import notices
from notices.document import Closing
from notices.layout import lay_out

from .pdfmeasure import Line, all_lines, find_paragraph, read_pdf

SPEC: dict[str, Any] = {
    "kind": "general",
    "issuer": {"name": "福州市自来水有限公司"},
    "title": "关于台江区部分区域停水的通知",
    "salutation": "各用水单位和居民：",
    "body": [
        "因管道施工，定于2026年12月10日8:00至18:00对台江区部分区域停水。",
        "管道施工给您带来不便，敬请谅解。",
    ],
    "sign_off": {"date": "2026-12-03"},
}


def rendered(tmp_path: Path, closing: str | None) -> tuple[notices.Notice, Path, Path]:
    notice = notices.load(SPEC if closing is None else {**SPEC, "closing": closing})
    name = "default" if closing is None else "none"
    pdf, docx_path = tmp_path / f"{name}.pdf", tmp_path / f"{name}.docx"
    pdf.write_bytes(notices.render_bytes(notice, "pdf"))
    docx_path.write_bytes(notices.render_bytes(notice, "docx"))
    return notice, pdf, docx_path


def signed(pages: Any) -> Line:
    """The issuer's name in the sign-off (the last line holding it: the letterhead holds it too)."""
    return [line for line in all_lines(pages) if line.text.strip() == "福州市自来水有限公司"][-1]


def test_no_closing_prints_no_line_for_it(tmp_path: Path) -> None:
    notice, pdf, docx_path = rendered(tmp_path, "")
    assert not any(isinstance(block, Closing) for block in notices.compose(notice).blocks)
    pitch = lay_out(notices.compose(notice)).profile.line_pitch_pt
    pages = read_pdf(pdf)
    body = find_paragraph(pages, "管道施工给您带来不便，敬请谅解。")
    issuer = signed(pages)
    assert body
    assert abs((issuer.baseline - body[-1].baseline) - 2 * pitch) < 0.5  # one blank line between

    _, default_pdf, default_docx = rendered(tmp_path, None)
    default_pages = read_pdf(default_pdf)
    closing = find_paragraph(default_pages, "特此通知。")
    assert closing
    assert (
        abs((signed(default_pages).baseline - closing[-1].baseline) - 2 * pitch) < 0.5
    )  # the same blank line

    def after_body(path: Path) -> list[str]:
        texts = [p.text for p in docx.Document(str(path)).paragraphs]
        start = next(i for i, text in enumerate(texts) if text.startswith("管道施工"))
        return texts[start + 1 : texts.index("福州市自来水有限公司", start)]

    assert after_body(docx_path) == [t for t in after_body(default_docx) if t != "特此通知。"]
