"""Loading reports every problem at once, each located at its line and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import notices
from notices.errors import SpecError

MINIMAL = """\
issuer:
  name: 某某公司
title: 关于春节放假的通知
sign_off:
  date: 2026-01-05
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_spec_loads_with_defaults(tmp_path: Path) -> None:
    notice = notices.load(write(tmp_path, MINIMAL))
    assert notice.spec.kind == "general"
    assert notice.spec.effective_profile == "enterprise"
    assert notice.spec.sign_off.date == dt.date(2026, 1, 5)


def test_dict_input_gives_the_same_model(tmp_path: Path) -> None:
    from_yaml = notices.load(write(tmp_path, MINIMAL)).spec
    from_dict = notices.load(
        {"issuer": {"name": "某某公司"}, "title": "关于春节放假的通知", "sign_off": {"date": "2026年1月5日"}}
    ).spec
    assert from_yaml == from_dict


def test_unknown_key_wrong_type_and_impossible_date_are_reported_together(tmp_path: Path) -> None:
    text = MINIMAL.replace("  name: 某某公司", "  name: 某某公司\n  headr: 某某公司文件").replace(
        "title: 关于春节放假的通知", "title: [not, text]"
    )
    text = text.replace("2026-01-05", "2026-02-30")
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, text))
    problems = caught.value.problems
    by_path = {p.path: p for p in problems}
    assert set(by_path) == {"issuer.headr", "title", "sign_off.date"}
    assert (by_path["issuer.headr"].location.line, by_path["issuer.headr"].location.column) == (3, 3)
    assert "did you mean 'header'" in by_path["issuer.headr"].fix
    assert (by_path["title"].location.line, by_path["title"].location.column) == (4, 8)
    assert by_path["sign_off.date"].location.line == 6
    assert "impossible date" in by_path["sign_off.date"].message


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, "issuer:\n  name: x\ntitle: [x\nbody: - y\n"))
    location = caught.value.problems[0].location
    assert location.line is not None and location.column is not None
    assert "YAML syntax error" in caught.value.problems[0].message


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    # YAML gives up at the end of the file; the line to mend is the one with the lone quote.
    with pytest.raises(SpecError) as caught:
        notices.load(
            write(tmp_path, 'issuer:\n  name: 某某公司\ntitle: "关于放假的通知\nbody:\n  - 放假一天。\n')
        )
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.column) == (3, 8)
    assert "never closed" in problem.message
    assert 'closing "' in problem.fix


def test_the_issuer_may_be_its_name_alone(tmp_path: Path) -> None:
    typed = notices.load(write(tmp_path, MINIMAL.replace("issuer:\n  name: 某某公司", "issuer: 某某公司")))
    assert typed.spec == notices.load(write(tmp_path, MINIMAL)).spec


@pytest.mark.parametrize(
    ("typed", "where"),
    [
        ("date: 2026-01-05", "sign_off: {date:"),
        ("日期: 2026-01-05", "sign_off: {date:"),  # in Chinese and misplaced: both said at once
        ("seal: seal.png", "sign_off: {seal:"),
        ("doc_number: 某字〔2026〕1号", "issuer: {doc_number:"),
    ],
)
def test_a_key_typed_at_the_top_says_where_it_belongs(tmp_path: Path, typed: str, where: str) -> None:
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, MINIMAL + typed + "\n"))
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.column) == (6, 1)
    assert where in problem.fix


def test_alias_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, "\n".join(lines) + "\n"))
    (problem,) = caught.value.problems
    # b weighs 9, c 9 × (1 + 9) more; the first alias on d weighs 1 + 90: refused there, before expansion
    assert "counting those inside repeated parts" in problem.message
    assert problem.location.line == 4


def test_more_than_a_hundred_aliases_are_refused(tmp_path: Path) -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 101) + "]\n"
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, text))
    assert "more than 100 aliases" in caught.value.problems[0].message


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, MINIMAL + "title: 另一个标题\n"))
    assert any("duplicate key 'title'" in p.message for p in caught.value.problems)


def test_unquoted_time_is_read_as_a_time_not_a_number(tmp_path: Path) -> None:
    text = MINIMAL + "deadlines:\n  - label: 最后下单时间\n    date: 2026-02-06\n    time: 17:00\n"
    assert notices.load(write(tmp_path, text)).spec.deadlines[0].time == dt.time(17, 0)


def test_nested_body_error_points_inside_the_item(tmp_path: Path) -> None:
    text = MINIMAL + "body:\n  - 第一段\n  - heading: 标题\n    itmes: [a]\n"
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert problem.path == "body[1].itmes"
    assert (problem.location.line, problem.location.column) == (9, 5)
    assert "items" in problem.fix


def test_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(MINIMAL.encode("gbk"))
    with pytest.raises(SpecError) as caught:
        notices.load(path)
    assert caught.value.problems[0].location.line == 2


@pytest.mark.parametrize("key", ["name", "title", "signatory"])
def test_a_signers_name_under_sign_off_points_to_issuer_signer(tmp_path: Path, key: str) -> None:
    text = MINIMAL + f"  {key}: Jane Miller\n"
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, text))
    (problem,) = caught.value.problems
    assert problem.path == f"sign_off.{key}"
    assert (problem.location.line, problem.location.column) == (6, 3)
    assert "issuer.signer" in problem.fix


@pytest.mark.parametrize(
    ("first_bytes", "named"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP package (a Word .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an old Office file (a Word .doc"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file"),
    ],
)
def test_a_word_or_pdf_file_named_as_the_spec_is_called_what_it_is(
    tmp_path: Path, first_bytes: bytes, named: str
) -> None:
    path = tmp_path / "notice.yaml"
    path.write_bytes(first_bytes + bytes(range(256)))
    with pytest.raises(SpecError) as caught:
        notices.load(path)
    (problem,) = caught.value.problems
    assert named in problem.message and "not a spec" in problem.message
    assert "body: |" in problem.fix
