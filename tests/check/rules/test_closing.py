"""N-CLOSE follows the document type: a 函 that closes 特此函告 as its writer typed it is right (it was an error
telling them to write 特此通知), a 公告 that closes 特此通知 is not."""

from __future__ import annotations

from notices.check.examples import run_example


def find(snippet: str) -> list[str]:
    return [f.message for f in run_example(snippet, only="N-CLOSE")]


def test_each_type_closes_with_its_own_line() -> None:
    for doc_type, title, closing in [
        ("函", "关于调整价格的函", "特此函告。"),
        ("复函", "关于价格调整事宜的复函", "此复。"),
        ("公告", "停水公告", "特此公告。"),
        ("情况说明", "关于系统故障的情况说明", "特此说明。"),
    ]:
        assert find(f"doc_type: {doc_type}\ntitle: {title}\nclosing: {closing}") == [], doc_type


def test_another_types_line_is_named_with_the_right_one() -> None:
    (message,) = find("doc_type: 公告\ntitle: 停水公告\nclosing: 特此通知。")
    assert "特此通知" in message and "公告" in message
    found = run_example("doc_type: 函\ntitle: 关于调整价格的函\nclosing: 特此通知。", only="N-CLOSE")
    assert [f.fix for f in found] == ["close with 特此函告。"]


def test_the_types_own_line_typed_into_the_body_prints_twice() -> None:
    found = run_example(
        "doc_type: 函\ntitle: 关于调整价格的函\nbody: [自3月1日起调价。, 特此函告。]", only="N-CLOSE"
    )
    assert [(f.severity, f.path) for f in found] == [("warning", "body[1]")]
