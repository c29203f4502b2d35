"""A Chinese holiday notice with the slips issue 10 lists, checked as `notices check` checks a file: a range typed
with ---, zero-padded ends, a wrong 共N天, a number with blanks, a ， inside a 、 series, a last item kept open
with ；. Each is reported once, at its line and column, with what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from notices.check.examples import run_example
from notices.check.fix import apply_edits
from notices.check.runner import check_path

SPEC = """\
issuer:
  name: 华东恒信控股有限公司
title: 华东恒信控股有限公司关于春节放假安排的通知
salutation: 尊敬的客户：
body:
  - 春节放假时间：2023年01月17日---2023年01月28日，共11天。
  - 客服热线400-XXX-XXXX照常服务。
  - 需要提交的材料有：营业执照、税务登记证，开户许可证。
  - 一、身份证复印件；
  - 二、授权委托书；
contact:
  phone: '400-XXX-XXXX'
sign_off:
  date: 2023-01-05
"""


def test_each_slip_once_at_its_place(tmp_path: Path) -> None:
    spec = tmp_path / "notice.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    found = [(f.line, f.column, f.severity, f.rule, f.message, f.fix) for f in check_path(spec).findings]
    assert found == [
        (6, 12, "warning", "B-DATE", "“2023年01月17日” is zero-padded", "write 2023年1月17日"),
        (6, 23, "warning", "P-DASH", "“---” joins a range: it is no Chinese punctuation mark",
         "join a range with 至 or the dash — (9:00—17:00, 2月15日—23日)"),
        (6, 26, "warning", "B-DATE", "“2023年01月28日” is zero-padded", "write 2023年1月28日"),
        (6, 38, "error", "P-TIMELINE", "“共11天” but “2023年01月17日---2023年01月28日” is 12 days, both ends counted",
         "write 共12天, or correct the dates"),
        (7, 9, "error", "P-PLACEHOLDER", "placeholder left in “400-XXX-XXXX”", "write the real number"),
        (8, 24, "warning", "P-LIST", "“，” among items joined by “、”", "join the items of one series with 、 throughout"),
        (10, 12, "warning", "P-LIST", "the last numbered item ends with “；”", "end the last item with 。"),
        (12, 11, "error", "P-PLACEHOLDER", "placeholder left in “400-XXX-XXXX”", "write the real number"),
    ]  # fmt: skip


def test_fix_rewrites_the_range_and_the_list(tmp_path: Path) -> None:
    """--fix writes what the findings say; the count of days stays for the writer to decide."""
    spec = tmp_path / "notice.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    apply_edits(spec, [f.edit for f in check_path(spec).findings if f.edit is not None])
    text = spec.read_text(encoding="utf-8")
    assert "  - 春节放假时间：2023年1月17日—2023年1月28日，共11天。\n" in text
    assert "  - 需要提交的材料有：营业执照、税务登记证、开户许可证。\n" in text
    assert "  - 二、授权委托书。\n" in text


@pytest.mark.parametrize(
    ("body", "message", "replacement"),
    [
        ("放假时间：2月15日——2月23日，共9天。", "“——” joins a range: it is no Chinese range mark", "—"),
        ("预计3~5个工作日送达。", "“~” joins a range: it is no Chinese range mark", "～"),
    ],
)
def test_a_dash_or_a_tilde_typed_for_a_range(body: str, message: str, replacement: str) -> None:
    [found] = run_example(f"body: [{body}]", only="P-DASH")
    assert found.message == message and found.edit is not None and found.edit.replacement == replacement
    assert (
        run_example(
            "body: [放假时间：2月15日—2月23日，预计3～5个工作日送达，请提前下单——以免断货。]", only="P-DASH"
        )
        == []
    )


def test_hours_typed_with_hyphens_between_morning_and_afternoon() -> None:
    [found] = run_example("body: [营业时间：上午09:00---下午17:00。]", only="P-DASH")
    assert found.message == "“---” joins a range: it is no Chinese punctuation mark"
    assert found.edit is not None and found.edit.replacement == "—"


def test_a_full_width_closing_bracket_numbers_an_item() -> None:
    """“1）…” numbers an item with its closing bracket alone, as “1)” does; a stray ） elsewhere still counts."""
    assert run_example("body: [1）2016年2月7日至13日放假。, 2）2月14日正常上班。]", only="P-PAIRS") == []
    assert run_example("body: [2月14日）正常上班。]", only="P-PAIRS")
