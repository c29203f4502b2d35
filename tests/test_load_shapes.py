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


@pytest.mark.parametrize(
    ("written", "issuer", "date"),
    [
        ("华东恒信控股有限公司 2026年12月20日", "华东恒信控股有限公司", dt.date(2026, 12, 20)),
        ("|\n  华东恒信控股有限公司\n  2026年12月20日", "华东恒信控股有限公司", dt.date(2026, 12, 20)),
        ("华东恒信控股有限公司2026年12月20日", "华东恒信控股有限公司", dt.date(2026, 12, 20)),
        ("'Acme Trading Ltd, December 20, 2026'", "Acme Trading Ltd", dt.date(2026, 12, 20)),
        ("华东恒信控股有限公司营销中心", "华东恒信控股有限公司营销中心", None),
    ],
    ids=["one-line", "as-printed", "glued", "english", "issuer-alone"],
)
def test_a_sign_off_written_as_it_is_printed_reads_as_its_issuer_and_date(
    tmp_path: Path, written: str, issuer: str, date: dt.date | None
) -> None:
    notice = load(tmp_path, f"body: 12月30日起暂停发货。\nsign_off: {written}\n")
    assert (notice.spec.sign_off.issuer, notice.spec.sign_off.date) == (issuer, date)
    if date is not None:
        printed = notices.compose(notice).plain_text()
        assert f"{issuer}\n2026年12月20日" in printed


def test_an_impossible_date_in_a_written_sign_off_is_located_and_shown(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load(tmp_path, "body: 12月30日起暂停发货。\nsign_off: 华东恒信控股有限公司 2026年2月30日\n")
    (problem,) = caught.value.problems
    assert problem.path == "sign_off.date"
    assert problem.message.startswith("impossible date '2026年2月30日'")
    assert problem.message.endswith("(got '2026年2月30日')")
    assert (problem.location.line, problem.location.column) == (5, 11)


@pytest.mark.parametrize(
    ("written", "path", "rewrite"),
    [
        (
            "deadlines: 9月25日前提交备货订单\n",
            "deadlines",
            "deadlines: [{label: 提交备货订单, date: <year>-09-25}]",
        ),
        (
            "deadlines:\n  - 请于2026年9月25日17:00前提交备货订单。\n",
            "deadlines[0]",
            "- {label: 提交备货订单, date: 2026-09-25, time: '17:00'}",
        ),
        ("deadlines: [订单截至2026-12-28止]\n", "deadlines[0]", "- {label: 订单, date: 2026-12-28}"),
        ("deadlines: [Orders by 2026-12-18]\n", "deadlines[0]", "- {label: Orders, date: 2026-12-18}"),
    ],
    ids=["no-year", "with-time", "iso-jiezhi", "english"],
)
def test_a_deadline_typed_as_a_sentence_is_answered_with_its_parts(
    tmp_path: Path, written: str, path: str, rewrite: str
) -> None:
    with pytest.raises(SpecError) as caught:
        load(tmp_path, "body: 12月30日起暂停发货。\n" + written)
    (problem,) = caught.value.problems
    assert problem.path == path
    assert problem.message == (
        "a deadline is written as its parts (what is due, the day, the time), and here it is a sentence"
    )
    assert rewrite in problem.fix, problem.fix


def test_a_deadline_sentence_without_a_day_is_told_the_keys(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load(tmp_path, "body: 12月30日起暂停发货。\ndeadlines: 本月底前付款\n")
    (problem,) = caught.value.problems
    assert problem.message.startswith("deadlines takes keys under it (label, date, time)")
