"""Every kind, rendered from its smallest valid facts and from its fullest (``notices/kinds/<kind>/examples/``),
read back from the PDF: each optional fact has its sentence when given and none when left out, and no table
prints a column nobody filled."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml

import notices
from notices import kinds

from .conftest import flat, pdf_text

# kind -> lang -> optional fact (a key of the kind's section, or of the spec) -> what only that fact makes the
# notice say (whitespace removed). The fullest example states each; the smallest states none; the fullest
# without that one fact does not state it.
SAYS: dict[str, dict[str, dict[str, str]]] = {
    "general": {
        "zh": {
            "deadlines": "时间安排",
            "attachments": "新版订货平台操作手册",
            "contact": "传真：021-62881235",
        },
        "en": {
            "deadlines": "Keydates",
            "attachments": "Enclosure:Orderingportaluserguide",
            "contact": "fax+862162881235",
        },
    },
    "stockup": {
        "zh": {
            "order_deadline": "接收截止时间为",
            "shipping_stop": "起停止发货",
            "schedules": "售后收件：",
            "stock_days": "建议按30天销量备货",
            "delivery_delay_days": "延迟5至7天",
            "plan_confirm_by": "确认备货计划",
            "suspended": "仓库暂停提货和退换货业务",
            "duty": "值班人：李明",
        },
        "en": {
            "order_deadline": "mustreachusby",
            "shipping_stop": "Shippingstops",
            "schedules": "After-salesreceiving:",
            "stock_days": "Werecommendholding30days",
            "delivery_delay_days": "5to7dayslonger",
            "plan_confirm_by": "accountmanagerby",
            "suspended": "aresuspended",
            "duty": "isonduty",
        },
    },
    "holiday": {
        "zh": {
            "workdays": "2026年10月10日（星期六）正常上班",
            "reopen": "起正常上班",
            "shipping_stop": "起停止发货",
            "schedules": "售后寄出：",
            "orders": "订单正常接收",
            "service_hours": "客服热线服务时间",
            "emergency": "如遇紧急情况",
        },
        "en": {
            "workdays": "normalworkingdays",
            "reopen": "openagainon",
            "shipping_stop": "Shippingstops",
            "schedules": "After-salesreceiving:",
            "orders": "Wewillnottakeorders",
            "service_hours": "Customerserviceisavailable",
            "emergency": "Inanemergency",
        },
    },
    "price": {
        "zh": {
            "reason": "原材料与物流成本持续上涨影响",
            "basis": "以发货日期为准",
            "in_transit": "在途订单处理",
        },
        "en": {
            "reason": "Becauseofrisingrawmaterial",
            "basis": "bytheshippingdate",
            "in_transit": "Ordersalreadyplaced",
        },
    },
    "meeting": {
        "zh": {
            "start": "9:00至",
            "registration": "报到时间",
            "place": "恒信大厦三楼多功能厅",
            "online": "腾讯会议",
            "attendees": "各经销商总经理或业务负责人",
            "agenda": "会议议程",
            "reply_by": "请于2026年3月10日（星期二）前",
            "reply_slip": "参会回执",
            "proxy_form": "授权委托书",
            "bring": "请参会人员携带",
        },
        "en": {
            "start": "9:00",
            "registration": "Registration:",
            "place": "Hall3",
            "online": "TencentMeeting",
            "attendees": "Attendees",
            "agenda": "Agenda",
            "reply_by": "by10March2026",
            "reply_slip": "Replyslip",
            "proxy_form": "Proxyform",
            "bring": "Pleasebring",
        },
    },
    "incident": {
        "zh": {
            "number": "事件编号",
            "started": "开始时间",
            "customers": "华南区域全部经销商",
            "impact": "影响情况",
            "timeline": "事件经过",
            "next_update": "下一次进展通知",
            "contact": "如有疑问",
            "resolution": "处理结果",
        },
        "en": {
            "number": "Incidentnumber",
            "started": "Started:",
            "customers": "Affectedcustomers",
            "impact": "Impact:",
            "timeline": "Timeline",
            "contact": "Ifyouhaveanyquestions",
            "resolution": "Cause:",
        },
    },
}

CASES = [
    pytest.param(kind.name, lang, id=f"{kind.name}-{lang}")
    for kind in kinds.built_in().values()
    for lang in ("zh", "en")
]


def example(kind: str, size: str, lang: str) -> Path:
    found = kinds.built_in()[kind].folder / "examples" / f"{size}.{lang}.yaml"
    assert found in kinds.built_in()[kind].examples
    return found


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """Each kind's smallest and fullest example in both languages, rendered once to PDF."""
    out = tmp_path_factory.mktemp("kinds")
    rendered = {}
    for kind in kinds.built_in():
        for size in ("smallest", "fullest"):
            for lang in ("zh", "en"):
                paths = notices.render(
                    notices.load(example(kind, size, lang)), out / f"{kind}-{size}-{lang}", formats=("pdf",)
                )
                rendered[(kind, size, lang)] = next(p for p in paths if p.suffix == ".pdf")
    return rendered


def text_without(data: dict[str, Any], kind: str, fact: str) -> str:
    trimmed = copy.deepcopy(data)
    section = trimmed.get(kind) if kind != "general" else None
    if section is not None and fact in section:
        del section[fact]
    else:
        del trimmed[fact]
    return flat(notices.compose(notices.load(trimmed)).plain_text())


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_the_fullest_notice_states_every_fact(kind: str, lang: str, pdfs: dict[Any, Path]) -> None:
    text = flat(pdf_text(pdfs[(kind, "fullest", lang)]))
    missing = {fact: phrase for fact, phrase in SAYS[kind][lang].items() if phrase not in text}
    assert not missing


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_the_smallest_notice_says_nothing_about_facts_it_does_not_give(
    kind: str, lang: str, pdfs: dict[Any, Path]
) -> None:
    text = flat(pdf_text(pdfs[(kind, "smallest", lang)]))
    invented = {fact: phrase for fact, phrase in SAYS[kind][lang].items() if phrase in text}
    assert not invented
    spec = notices.load(example(kind, "smallest", lang)).spec
    assert flat(spec.title) in text


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_leaving_out_one_fact_leaves_out_its_sentence_and_nothing_else(kind: str, lang: str) -> None:
    data = yaml.safe_load(example(kind, "fullest", lang).read_text(encoding="utf-8"))
    full = flat(notices.compose(notices.load(data)).plain_text())
    for fact, phrase in SAYS[kind][lang].items():
        without = text_without(data, kind, fact)
        assert phrase not in without, f"{fact} left out, but the notice still says {phrase!r}"
        others = [p for f, p in SAYS[kind][lang].items() if f != fact and p != phrase and p in full]
        lost = [p for p in others if p not in without and phrase not in p]
        assert not lost, f"leaving out {fact} also lost {lost}"


@pytest.mark.parametrize(("kind", "lang"), CASES)
@pytest.mark.parametrize("size", ["smallest", "fullest"])
def test_no_table_prints_an_empty_column(kind: str, lang: str, size: str, pdfs: dict[Any, Path]) -> None:
    with pdfplumber.open(pdfs[(kind, size, lang)]) as pdf:
        pieces = [table for page in pdf.pages for table in page.extract_tables()]
    tables: dict[tuple[str, ...], list[list[str | None]]] = {}
    for piece in pieces:  # a table running over a page repeats its header there: one table, by header
        tables.setdefault(tuple(flat(cell or "") for cell in piece[0]), []).extend(piece[1:])
    for header, rows in tables.items():
        body = [row for row in rows if any(cell for cell in row)]
        assert body, f"the table {header} has no rows"
        for column, name in enumerate(header):
            cells = {flat(row[column] or "") for row in body if column < len(row)}
            assert cells - {"", "—", "-"}, f"column {name!r} is empty in {rows}"


def test_a_percent_only_price_table_has_no_price_columns() -> None:
    data = yaml.safe_load(example("price", "smallest", "zh").read_text(encoding="utf-8"))
    data["price"]["items"] = [
        {"product": "乘用车轮胎", "change_percent": 5, "qualifier": "average"},
        {"product": "卡车轮胎", "change_percent": 10, "qualifier": "up_to"},
    ]
    (table,) = [b for b in notices.compose(notices.load(data)).blocks if type(b).__name__ == "Table"]
    assert table.header == ("产品", "调整幅度")  # type: ignore[attr-defined]
    assert table.rows == (("乘用车轮胎", "平均上调5%"), ("卡车轮胎", "最高上调10%"))  # type: ignore[attr-defined]


def test_a_change_later_than_a_day_never_names_the_day_itself_as_the_first() -> None:
    data = yaml.safe_load(example("price", "fullest", "en").read_text(encoding="utf-8"))
    del data["price"]["effective_date"]
    data["price"]["after"] = "2026-03-01"
    text = flat(notices.compose(notices.load(data)).plain_text())
    assert "forordersshippinglaterthanSunday,March1,2026" in text
    assert "fromSunday,March1" not in text and "fromMarch1" not in text
    data["price"]["effective_date"] = "2026-03-02"
    with pytest.raises(notices.SpecError, match="one of the two"):
        notices.load(data)
