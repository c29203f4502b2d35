"""A price typed as a price list prints it (4,900; 12,800.50) is that number; what is not a number is told plainly.

The reader's own advice for a flow mapping ({old: 4,900}) is to quote the value, so the quoted form must load.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import notices
from notices.check.runner import check_path

from .conftest import flat, pdf_text

SPEC = """\
kind: price
issuer:
  name: 中国铝业股份有限公司
title: 关于下调氧化铝现货销售价格的公告
price:
  effective_date: 2006-09-01
  items:
{items}
sign_off:
  date: 2006-09-01
"""


def spec_file(tmp_path: Path, items: str) -> Path:
    path = tmp_path / "price.yaml"
    path.write_text(SPEC.format(items=items), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "items",
    [
        "    - product: 氧化铝\n      unit: 吨\n      old: 4,900\n      new: 3,800",
        "    - {product: 氧化铝, unit: 吨, old: '4,900', new: '3,800'}",
        '    - {product: 氧化铝, unit: 吨, old: "4,900.00", new: 3800}',
    ],
    ids=["block", "flow-quoted", "decimals"],
)
def test_a_price_with_thousands_commas_is_its_number(tmp_path: Path, items: str) -> None:
    price = notices.load(spec_file(tmp_path, items)).spec.price
    assert price is not None
    assert (price.items[0].old, price.items[0].new) == (Decimal("4900"), Decimal("3800"))


def test_the_quotes_the_reader_asks_for_in_a_flow_mapping_make_the_spec_load(tmp_path: Path) -> None:
    path = spec_file(tmp_path, "    - {product: 氧化铝, unit: 吨, old: 4,900, new: 3800}")
    (finding,) = [f for f in check_path(path).findings if f.rule == "SPEC"]
    assert finding.fix == "put the value in quotes: old: '4,900'"
    path.write_text(path.read_text(encoding="utf-8").replace("old: 4,900", "old: '4,900'"), encoding="utf-8")
    assert [f for f in check_path(path).findings if f.rule == "SPEC"] == []


def test_the_pdf_states_the_price_as_typed(tmp_path: Path) -> None:
    notice = notices.load(
        spec_file(tmp_path, "    - {product: 氧化铝, unit: 吨, old: '4,900', new: '3,800'}")
    )
    paths = {p.suffix: p for p in notices.render(notice, tmp_path / "out", check=False)}
    assert "由4,900元/吨调整为3,800元/吨" in flat(pdf_text(paths[".pdf"]))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("4900元", "not a number: write the number alone (4900), without currency or unit (got '4900元')"),
        (
            "'￥4,900'",
            "not a number: write the number alone (4,900), without currency or unit (got '￥4,900')",
        ),
        (
            "4，900",
            "not a number: write 4900 or 4,900 (a comma before each group of three digits) (got '4，900')",
        ),
        (
            "49,00",
            "not a number: write 4900 or 4,900 (a comma before each group of three digits) (got '49,00')",
        ),
    ],
)
def test_what_is_not_a_number_is_told_with_the_number_to_write(
    tmp_path: Path, typed: str, message: str
) -> None:
    path = spec_file(tmp_path, f"    - product: 氧化铝\n      unit: 吨\n      old: {typed}\n      new: 3800")
    (finding,) = [f for f in check_path(path).findings if f.rule == "SPEC"]
    assert (finding.message, finding.line) == (message, 10)
