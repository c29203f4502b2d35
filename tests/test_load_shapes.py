"""One entry written without its list, a date written alone under sign_off, and the wrong shape said plainly.

A writer who has one attachment writes ``attachments: 价格表``, one item ``items: 一条说明。``, and the date of
issue ``sign_off: 2026-12-20``: each means what it says. What cannot be read (text where keys are wanted, keys
where text is) is told with the keys the place takes and how to write them, not in pydantic's words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import notices
from notices.errors import SpecError

HEAD = "title: 关于调整发货安排的通知\nissuer: 上海恒信商贸有限公司\nsalutation: 各位客户：\n"


def load(tmp_path: Path, text: str) -> notices.Notice:
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEAD + text, encoding="utf-8")
    return notices.load(spec)


def test_single_entries_and_a_date_alone_read_as_meant(tmp_path: Path) -> None:
    notice = load(
        tmp_path,
        "body:\n  - heading: 发货安排\n    items: 12月30日起暂停发货。\n"
        "deadlines: {label: 最后下单时间, date: 2026-12-28}\n"
        "attachments: 发货安排表\nsign_off: 2026年12月20日\n",
    )
    spec = notice.spec
    assert spec.sign_off.date == dt.date(2026, 12, 20)
    assert [a.title for a in spec.attachments] == ["发货安排表"]
    assert [d.label for d in spec.deadlines] == ["最后下单时间"]
    section = spec.body[0]
    assert not isinstance(section, str) and section.items == ["12月30日起暂停发货。"]
    text = notices.compose(notice).plain_text()
    assert "\n发货安排表\n" in text and "2026年12月20日" in text and "12月30日起暂停发货。" in text


@pytest.mark.parametrize(
    ("text", "path", "message", "fix"),
    [
        (
            "contact: 王敏 13800000000\n",
            "contact",
            "contact takes keys under it (name, phone, fax, email, address, hours), not a single value",
            "contact: {name: …, phone: …, fax: …}",
        ),
        (
            "body:\n  - heading: 说明\n    text: {产品: 复合肥}\n",
            "body[0].text",
            "text takes text or a list, and here it holds keys",
            "in quotes if it holds “: ”",
        ),
        (
            "salutation2: x\nbody:\n  - heading: [a, b]\n",
            "body[0].heading",
            "heading is text, and here it holds a list",
            "“heading:”",
        ),
    ],
    ids=["text-for-keys", "keys-for-text-or-list", "list-for-text"],
)
def test_a_wrong_shape_is_told_with_what_the_place_takes(
    tmp_path: Path, text: str, path: str, message: str, fix: str
) -> None:
    with pytest.raises(SpecError) as caught:
        load(tmp_path, text.replace("salutation2: x\n", ""))
    (problem,) = [p for p in caught.value.problems if p.path == path]
    assert problem.message == message and fix in problem.fix
    assert "Input should" not in str(caught.value) and "list[str]" not in str(caught.value)
