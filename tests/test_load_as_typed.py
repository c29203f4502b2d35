"""A number, a date or a yes/no where text is wanted is the text the writer typed, not a refusal.

YAML 1.1 reads ``phone: 4008201688`` as an int, ``02162`` as the octal number 1138, ``- 2026-01-01`` as a date
and ``No`` as False; a sales-admin cannot know which values need quotes. What still cannot be text (an empty
``-``) is told in the writer's words, not pydantic's.
"""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

import notices
from notices.errors import SpecError

SPEC = """\
title: 关于调整客服电话的通知
issuer: 上海恒信商贸有限公司
salutation: 各位客户：
body:
  - 自2027年1月1日起，客服电话调整如下。
  - 2027-01-01
  - 3
contact:
  name: 王敏
  phone: [4008201688, 02162]
  fax: 0216288
  hours: No
sign_off:
  date: 2026-12-20
"""


def test_unquoted_numbers_dates_and_no_print_as_typed(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    notice = notices.load(spec)
    assert notice.spec.contact is not None
    assert notice.spec.contact.phone == ["4008201688", "02162"]  # not 1138, YAML 1.1's octal reading
    assert notice.spec.contact.fax == "0216288"
    assert notice.spec.contact.hours == "No"  # not False
    assert notice.spec.body[1:] == ["2027-01-01", "3"]
    (pdf,) = notices.render(notice, tmp_path / "out", "pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "02162" in text and "1138" not in text and "4008201688" in text.replace(" ", "")


def test_a_callers_int_or_decimal_is_its_decimal_text_and_a_bool_stays_refused() -> None:
    data = {
        "title": "关于调价的通知",
        "issuer": "甲公司",
        "body": ["单价上调为", decimal.Decimal("12.50")],
        "contact": {"phone": 4008201688},
    }
    spec = notices.load(data).spec
    assert spec.body == ["单价上调为", "12.50"] and spec.contact is not None
    assert spec.contact.phone == ["4008201688"]
    with pytest.raises(SpecError) as caught:
        notices.load({**data, "title": True})
    (problem,) = caught.value.problems
    assert problem.path == "title" and "got True" in problem.message


@pytest.mark.parametrize(
    ("text", "path", "line", "fix"),
    [
        ("title: 关于调价的通知\nissuer: 甲公司\nbody:\n  - 正文。\n  -\n", "body[1]", 5, "after “-”"),
        ("title:\nissuer: 甲公司\nbody: [正文。]\n", "title", 1, "after “title:”"),
    ],
    ids=["empty-entry", "empty-key"],
)
def test_nothing_typed_is_told_in_the_writers_words(
    tmp_path: Path, text: str, path: str, line: int, fix: str
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        notices.load(spec)
    (problem,) = caught.value.problems
    assert problem.path == path and problem.location.line == line
    assert problem.message == "nothing is written here, and a value is needed"
    assert fix in problem.fix and "Input should" not in str(caught.value)


def test_a_house_styles_unquoted_phone_number_is_its_text(tmp_path: Path) -> None:
    """The house style is read by the same reader: its numbers too are what the writer typed."""
    (tmp_path / "house.yaml").write_text(
        "company: 上海恒信商贸有限公司\ncontact:\n  zh: {name: 王静, phone: 4008201688}\n", encoding="utf-8"
    )
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "house_style: house.yaml\ntitle: 关于调价的通知\nsalutation: 各位客户：\nbody: [正文。]\n",
        encoding="utf-8",
    )
    contact = notices.load(spec).spec.contact
    assert contact is not None and contact.phone == ["4008201688"]
