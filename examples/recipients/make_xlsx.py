"""Write 客户.xlsx, the README's Excel recipients example: two sheets (华东, 华南) as a sales-admin keeps them.

Run from the repository root: .venv/bin/python examples/recipients/make_xlsx.py
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

SHEETS = {
    "华东": [
        ("D0001", "上海恒信商贸有限公司", "orders@hengxin-sh.example.com"),
        ("D0002", "苏州华达贸易有限公司", "caigou@huada-sz.example.com"),
        ("D0004", "南京盛和建材有限公司", "sales@shenghe-nj.example.com"),
    ],
    "华南": [
        ("S0101", "广州粤丰贸易有限公司", "order@yuefeng-gz.example.com"),
    ],
}


def main() -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in SHEETS.items():
        sheet = book.create_sheet(title)
        sheet.append(["code", "name", "email"])
        for row in rows:
            sheet.append(list(row))
    path = Path(__file__).with_name("客户.xlsx")
    book.save(path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
