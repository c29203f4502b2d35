"""--fix: safe edits applied in place, every comment, quote style and line ending kept, unsafe edits refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from notices.check import check_file
from notices.check.examples import example_spec
from notices.check.findings import Edit
from notices.check.fix import apply_edits, fix_text


def fix_file(tmp_path: Path, text: str, *, encoding_bytes: bytes | None = None) -> tuple[str, list[str]]:
    path = tmp_path / "n.yaml"
    path.write_bytes(encoding_bytes if encoding_bytes is not None else text.encode("utf-8"))
    edits = [f.edit for f in check_file(path) if f.edit is not None]
    apply_edits(path, edits)
    remaining = sorted({f.rule for f in check_file(path) if f.edit is not None})
    return path.read_bytes().decode("utf-8"), remaining


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("  - 请提前下单,谢谢. # 注释\n", "  - 请提前下单，谢谢。 # 注释\n"),
        ("  - '请提前下单, 谢谢。'\n", "  - '请提前下单，谢谢。'\n"),
        ('  - "请提前下单,\\t谢谢。"\n', '  - "请提前下单，\\t谢谢。"\n'),
        ("  - |\n    第一行,说明。\n    第二行:内容。\n", "  - |\n    第一行，说明。\n    第二行：内容。\n"),
        ("  - >\n    折叠的一行,\n    接着一行。\n", "  - >\n    折叠的一行，\n    接着一行。\n"),
        ("  - 截止2026-01-20前确认备货计划。\n", "  - 截止2026年1月20日前确认备货计划。\n"),
        ("  - 请于2026年01月20日前确认...\n", "  - 请于2026年1月20日前确认……\n"),
    ],
    ids=[
        "plain",
        "single-quoted",
        "double-quoted-escape",
        "literal-block",
        "folded-block",
        "iso-date",
        "padded",
    ],
)
def test_fix_keeps_the_yaml_as_written(tmp_path: Path, written: str, fixed: str) -> None:
    spec = example_spec("body:\n" + written)
    text, remaining = fix_file(tmp_path, spec)
    assert text == spec.replace(written, fixed)
    assert remaining == []


def test_fix_keeps_byte_order_mark_and_crlf(tmp_path: Path) -> None:
    spec = example_spec("body: ['请提前下单,谢谢。']").replace("\n", "\r\n")
    text, _ = fix_file(tmp_path, spec, encoding_bytes=b"\xef\xbb\xbf" + spec.encode("utf-8"))
    assert text.startswith("\ufeff") and "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "请提前下单，谢谢。" in text


def test_an_edit_that_would_change_the_yaml_structure_is_refused() -> None:
    text = "body:\n  - 请提前下单 谢谢\n"
    # ": " would turn the plain scalar into a mapping: the edit is dropped, the text is untouched.
    new, applied = fix_text(text, [Edit(("body", 0), 5, 6, ": ")])
    assert (new, applied) == (text, 0)


def test_an_edit_whose_characters_are_not_written_literally_is_refused() -> None:
    text = 'body:\n  - "a\\u002cb"\n'  # the comma is an escape in the file: nothing to replace in place
    new, applied = fix_text(text, [Edit(("body", 0), 1, 2, "，")])
    assert (new, applied) == (text, 0)


def test_safe_edits_survive_beside_an_unsafe_one() -> None:
    text = "body:\n  - 请提前下单 谢谢,好\n"
    new, applied = fix_text(text, [Edit(("body", 0), 5, 6, ": "), Edit(("body", 0), 8, 9, "，")])
    assert (new, applied) == ("body:\n  - 请提前下单 谢谢，好\n", 1)


def test_fixing_twice_changes_nothing_more(tmp_path: Path) -> None:
    spec = example_spec("title: 关于春节备货的通知。\nbody: ['请提前下单,谢谢。']")
    once, _ = fix_file(tmp_path, spec)
    twice, remaining = fix_file(tmp_path, once)
    assert once == twice and remaining == []


def test_a_pasted_sign_off_is_removed_from_the_body_except_a_last_line_yaml_would_drop(
    tmp_path: Path,
) -> None:
    """B-SIGNOFF-TWICE empties the issuer's line of a pasted body; the last line (the date) stays, reported:
    emptying it would change what YAML reads for the block's end, and the fixer refuses what it cannot
    verify."""
    text = (
        "issuer:\n  name: 汇付宝支付服务有限公司\ntitle: 关于支付系统网络设备更新改造的通知\n"
        "salutation: 尊敬的各位商户：\nbody: |\n  感谢您的理解与支持！\n  汇付宝支付服务有限公司\n  2025年7月9日\n"
        "sign_off:\n  date: 2025-07-09\n"
    )
    fixed, _remaining = fix_file(tmp_path, text)
    assert "  感谢您的理解与支持！\n  \n  2025年7月9日\n" in fixed
    left = [(f.rule, f.line) for f in check_file(tmp_path / "n.yaml") if f.rule == "B-SIGNOFF-TWICE"]
    assert left == [("B-SIGNOFF-TWICE", 8)]


@pytest.mark.parametrize(
    ("sign_off", "fix"),
    [("", "sign_off: {date: 2025-07-09}"), ("sign_off: {date: 2025-07-09}\n", "remove the line")],
)
def test_a_typed_date_of_issue_is_asked_to_move_to_the_sign_off_when_it_has_none(
    tmp_path: Path, sign_off: str, fix: str
) -> None:
    """Removing the date a writer typed, with no sign_off.date, would date the notice the day it is rendered."""
    text = (
        "issuer:\n  name: 汇付宝支付服务有限公司\ntitle: 关于支付系统网络设备更新改造的通知\n"
        "salutation: 尊敬的各位商户：\nbody: |\n  感谢您的理解与支持！\n  2025年7月9日\n" + sign_off
    )
    path = tmp_path / "n.yaml"
    path.write_text(text, encoding="utf-8")
    (finding,) = [f for f in check_file(path) if f.rule == "B-SIGNOFF-TWICE"]
    assert fix in finding.fix
