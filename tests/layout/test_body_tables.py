"""Tables the writer makes in the body or an attachment (``table:``): rows as YAML lists or cells pasted from
Excel, fitted by the layout stage like a kind's tables and read back from the PDF and the DOCX."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import notices
from notices.errors import SpecError

from .pdfmeasure import MM, read_pdf

# Facts of a real notice (安帕尔《2026年春节假期发货安排及售后收发货时间安排通知》, 2026-02-03,
# http://m.deluxlanka.com/information/40940.html): its dates, put in the table the notice describes in prose.
SPEC = """\
issuer:
  name: 安帕尔科技有限公司
title: 关于2026年春节假期发货及售后收发货安排的通知
salutation: 尊敬的安帕尔用户：
body:
  - 现将我司2026年春节假期期间的发货及售后收发货安排通知如下：
  - heading: 收发货安排
    table:
      caption: 春节前后收发货时间
      rows: |
        事项\t截止或暂停时间\t恢复时间
        订单发货\t2026年2月12日后暂停\t2026年2月24日
        售后收货\t2026年2月6日\t2026年2月24日
  - 如有特殊或加急发货需求，请提前与我司销售或客服专员沟通确认。
sign_off:
  date: 2026-02-03
attachments:
  - title: 售后地址
    body:
      - table:
          header: [区域, 地址, 邮编]
          rows:
            - [华东, 上海市浦东新区某路1号, 200120]
"""
ROWS = [
    ["事项", "截止或暂停时间", "恢复时间"],
    ["订单发货", "2026年2月12日后暂停", "2026年2月24日"],
    ["售后收货", "2026年2月6日", "2026年2月24日"],
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "notice.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pasted_table_prints_its_rows_inside_the_margins(tmp_path: Path) -> None:
    notice = notices.load(write(tmp_path, SPEC))
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(notices.render_bytes(notice, "pdf"))
    pages = read_pdf(pdf)
    texts = [line.text.replace(" ", "") for page in pages for line in page.lines]
    at = texts.index("春节前后收发货时间")
    assert texts[at + 1 : at + 4] == ["".join(row) for row in ROWS]
    assert "区域地址邮编" in texts and "华东上海市浦东新区某路1号200120" in texts
    rules = [r for page in pages for r in page.rects if r["width"] > 100 * MM]
    assert rules, "the table's rules are drawn"
    assert all(r["x0"] >= 28 * MM - 0.5 and r["x1"] <= (210 - 26) * MM + 0.5 for r in rules)

    path = tmp_path / "notice.docx"
    path.write_bytes(notices.render_bytes(notice, "docx"))
    tables = docx.Document(str(path)).tables
    assert [[cell.text for cell in row.cells] for row in tables[0].rows] == ROWS
    assert [cell.text for cell in tables[1].rows[1].cells] == ["华东", "上海市浦东新区某路1号", "200120"]


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ("\n        - [A型, 2.50, no]", "row 1, cell 2: 2.5; row 1, cell 3: False"),
        (
            "\n        - [A型, '2.50']\n        - [B型, '3', '4']",
            "the header has 3 cells and these rows another",
        ),
        (" |\n        产品 单价\n        A 1", "no tab or | between its cells"),
    ],
)
def test_cells_that_would_not_print_as_typed_are_named(tmp_path: Path, rows: str, said: str) -> None:
    spec = (
        "issuer: {name: 恒信化工有限公司}\ntitle: 关于调整部分产品价格的通知\nbody:\n  - table:\n"
        "      header: [产品, 单价（元）, 含税]\n      rows:" + rows + "\n"
    )
    if "产品 单价" in rows:
        spec = spec.replace("      header: [产品, 单价（元）, 含税]\n", "")
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, spec))
    (problem,) = caught.value.problems
    assert said in problem.message
    assert problem.location.line is not None and problem.location.line >= 4


def test_a_pasted_row_whose_last_cells_are_empty_has_them(tmp_path: Path) -> None:
    """Excel copies a row with an empty 备注 as a trailing tab, and an editor that trims lines drops it: the row
    still has its empty cell (a day-by-day holiday table, /tmp corpus search 2026-12-02)."""
    spec = (
        "issuer: {name: 恒信化工有限公司}\ntitle: 关于春节放假安排的通知\nbody:\n  - table:\n      rows: |\n"
        "        日期\t星期\t安排\t备注\n        2月9日\t星期五\t放假\t除夕\n        2月10日\t星期六\t放假\n"
    )
    (table,) = (b for b in notices.compose(notices.load(write(tmp_path, spec))).blocks if b.kind == "table")
    assert table.rows == (("2月9日", "星期五", "放假", "除夕"), ("2月10日", "星期六", "放假", ""))


def test_a_listed_row_that_does_not_fit_is_named_by_its_first_cell(tmp_path: Path) -> None:
    spec = (
        "issuer: {name: 恒信化工有限公司}\ntitle: 关于x的通知\nbody:\n  - table:\n      rows:\n"
        "        - [产品, 原价, 新价]\n        - [A型, '10', '12']\n        - [B型, '11']\n"
    )
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, spec))
    (problem,) = caught.value.problems
    assert "row 3 “B型”: 2" in problem.message and "(got" not in problem.message


def test_the_rules_read_the_cells(tmp_path: Path) -> None:
    spec = SPEC.replace("2026年2月6日\t", "2026年02月06日\t")
    findings = notices.check_notice(notices.load(write(tmp_path, spec)))
    padded = [f for f in findings if f.rule == "B-DATE" and "zero-padded" in f.message]
    assert [(f.line, f.path) for f in padded] == [(13, "body[1].table.rows")]


def test_a_long_cell_and_a_long_pasted_table_meet_the_limits_at_their_lines(tmp_path: Path) -> None:
    long_cell = "issuer: {name: 恒信化工有限公司}\ntitle: 关于x的通知\nbody:\n  - table:\n      rows:\n"
    long_cell += "        - [区域, 说明]\n        - [华东, " + "长" * 201 + "]\n"
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, long_cell))
    (problem,) = caught.value.problems
    assert (problem.path, problem.location.line) == ("body[0].table.rows[1]", 7)
    assert "a cell is limited to 200" in problem.message

    pasted = "issuer: {name: 恒信化工有限公司}\ntitle: 关于x的通知\nbody:\n  - table:\n      rows: |\n"
    pasted += "".join(f"        {n}\t华东\n" for n in range(151))
    with pytest.raises(SpecError) as caught:
        notices.load(write(tmp_path, pasted))
    assert any("hold 151 paragraphs, headings and items" in p.message for p in caught.value.problems)


def test_a_markdown_table_loses_the_rule_under_its_header() -> None:
    spec = {
        "issuer": {"name": "恒信化工有限公司"},
        "title": "关于调整部分产品价格的通知",
        "body": [{"table": {"rows": "| 产品 | 单价（元） |\n|---|:---:|\n| A型 | 2.50 |\n"}}],
    }
    (table,) = (b for b in notices.compose(notices.load(spec)).blocks if b.kind == "table")
    assert (table.header, table.rows) == (("产品", "单价（元）"), (("A型", "2.50"),))


def test_the_cell_limit_reads_pasted_rows_as_the_spec_does(tmp_path: Path) -> None:
    """A row typed with | runs past 200 characters while each cell stays under the limit: no cell is too long."""
    pasted = "issuer: {name: 恒信化工有限公司}\ntitle: 关于x的通知\nbody:\n  - table:\n      rows: |\n"
    pasted += "        | 区域 | 说明 | 备注 |\n        |---|---|---|\n"
    pasted += f"        | 华东 | {'长' * 150} | {'短' * 150} |\n"
    (table,) = (b for b in notices.compose(notices.load(write(tmp_path, pasted))).blocks if b.kind == "table")
    assert [len(cell) for cell in table.rows[0]] == [2, 150, 150]
