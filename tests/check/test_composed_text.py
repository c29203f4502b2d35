"""The rules read the sentences a kind's template writes, and point at the spec fact each comes from."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

import notices
from notices.check import render_steps
from notices.check.runner import check_path
from notices.document import Paragraph

SPEC = """\
kind: stockup
issuer:
  name: 华东恒信控股有限公司
title: 华东恒信控股有限公司关于2026年春节备货的通知
salutation: 尊敬的各经销商合作伙伴：
stockup:
  holiday: 春节
  holiday_start: 2026-02-15
  holiday_end: 2026-02-23
  order_deadline: {date: 2026-02-06, time: '17:00'}
  shipping_stop: 2026-02-09
  shipping_resume: 2026-02-24
  stock_days: 30
  duty: {name: 李明, phone: 400-820-1688}
sign_off:
  date: 2026-01-05
"""


@dataclasses.dataclass(frozen=True)
class _FromFact(Paragraph):
    """A paragraph as the composer writes it, naming the fact it comes from (kinds: ``origin``)."""

    origin: str = ""


def test_a_mistake_in_a_composed_sentence_is_reported_at_its_fact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "spring.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    written = "节前最后下单时间为2026年2月6日（星期四）17:00。"  # 6 February 2026 is a Friday

    def composed(notice: notices.Notice, today: dt.date | None) -> render_steps.Composed:
        doc = notices.compose(notice)
        body = (_FromFact(written, origin="stockup.order_deadline"),)
        return render_steps.Composed(dataclasses.replace(doc, blocks=doc.blocks + body), ())

    monkeypatch.setattr(render_steps, "composed", composed)
    found = [f for f in check_path(spec).findings if f.rule == "P-WEEKDAY"]
    assert [(f.line, f.column, f.path, f.edit) for f in found] == [(10, 19, "stockup.order_deadline", None)]
    assert "in the composed text “节前最后下单时间为2026年2月6日（星期四）17:00。”" in found[0].message


def test_a_block_without_an_origin_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "spring.yaml"
    spec.write_text(SPEC, encoding="utf-8")

    def composed(notice: notices.Notice, today: dt.date | None) -> render_steps.Composed:
        doc = notices.compose(notice)
        extra = (Paragraph("节前最后下单时间为2026年2月6日（星期四）17:00。"),)
        return render_steps.Composed(dataclasses.replace(doc, blocks=doc.blocks + extra), ())

    monkeypatch.setattr(render_steps, "composed", composed)
    assert [f for f in check_path(spec).findings if f.rule == "P-WEEKDAY"] == []


def test_the_examples_composed_text_is_clean() -> None:
    """The kinds' own sentences pass the rules they are held to (every example spec, composed)."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    for spec in sorted(examples.glob("*.yaml")):
        composed_findings = [
            f"{f.rule} {f.message}" for f in check_path(spec).findings if "in the composed text" in f.message
        ]
        assert composed_findings == [], spec.name
