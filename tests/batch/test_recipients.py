"""Reading recipient files as Chinese Excel, European Excel and ERPs write them, from real files on disk."""

from __future__ import annotations

import datetime as dt
import json
import re
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from notices.batch import recipients
from notices.batch.recipients import RecipientFileError, RecipientRow, read_recipients


def rows_of(path: Path, **options: str) -> list[RecipientRow]:
    return list(read_recipients(path, **options))


def file_error(path: Path, **options: str) -> RecipientFileError:
    with pytest.raises(RecipientFileError) as caught:
        rows_of(path, **options)
    return caught.value


# --- CSV: encodings --------------------------------------------------------------------------------------


def test_gbk_csv_with_chinese_headers_keeps_codes_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "客户.csv"
    text = "编号,客户名称,截止日期,备注\r\n00123,北京堃科技有限公司,2026-03-01,\r\n00124,上海测试公司,2026-03-02,加急\r\n"
    path.write_bytes(text.encode("gbk"))

    rows = rows_of(path)

    assert [row.number for row in rows] == [2, 3]
    assert rows[0].data == {"编号": "00123", "客户名称": "北京堃科技有限公司", "截止日期": "2026-03-01"}
    assert rows[1].data["备注"] == "加急"
    assert rows[0].source == "客户.csv:2"
    assert rows[0].problems == ()


def test_gb18030_characters_outside_gbk_are_read(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("姓名,城市\n𠀀先生,€城\n".encode("gb18030"))

    assert rows_of(path)[0].data == {"姓名": "𠀀先生", "城市": "€城"}


def test_utf8_bom_csv_with_quoted_line_breaks_keeps_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    text = (
        "code,name,address\r\n"  # line 1
        '001,张三,"北京市\n海淀区\n某路1号"\r\n'  # lines 2-4: Alt+Enter line breaks inside a cell
        "002,李四,上海\r\n"  # line 5
        "\r\n"  # line 6, blank
        '003,"王, 五","x\r\ny"\r\n'  # lines 7-8
        "004,赵六,广州\r\n"  # line 9
    )
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    rows = rows_of(path)

    assert [row.number for row in rows] == [2, 5, 7, 9]
    assert list(rows[0].data) == ["code", "name", "address"]  # no BOM glued to the first header
    assert rows[0].data["address"] == "北京市\n海淀区\n某路1号"
    assert rows[2].data["name"] == "王, 五"
    assert rows[3].source == "r.csv:9"


def test_utf16_unicode_text_export_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"  # Excel's "Unicode Text": UTF-16 with BOM, tab-separated
    path.write_bytes("编号\t姓名\r\n007\t张三\r\n".encode("utf-16"))

    assert rows_of(path)[0].data == {"编号": "007", "姓名": "张三"}


def test_characters_cut_by_the_scan_chunk_boundary_are_not_errors(tmp_path: Path) -> None:
    filler = "x" * (64 * 1024 - len("name\n") - 1)  # puts the next character across the 64 KiB boundary
    for encoding in ("utf-8", "gb18030"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(f"name\n{filler}堃\n".encode(encoding))
        assert rows_of(path)[0].data["name"] == filler + "堃"


def test_bytes_neither_utf8_nor_gb18030_name_the_offset_and_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    body = "".join(f"{i},name{i}\n" for i in range(5000)).encode()  # well past the first scan chunk
    path.write_bytes(b"id,name\n" + body + b"5000,bad\xff\n")
    bad_offset = len(b"id,name\n" + body + b"5000,bad")

    error = file_error(path)

    assert error.line == 5002
    assert f"byte {bad_offset}" in error.message
    assert "UTF-8" in error.fix


def test_bom_that_lies_is_an_error_not_a_guess(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"\xef\xbb\xbfname\n" + "张三".encode("gbk") + b"\n")

    assert file_error(path).line == 2


# --- CSV: structure --------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "r.csv"
    lines = [["code", "name", "amount"], ["001", "Müller, Hans", "1.234,50"], ["002", "Dupont", "99"]]
    quote = '"' if delimiter == "," else ""
    path.write_text(
        "\n".join(
            delimiter.join(f"{quote}{cell}{quote}" if "," in cell else cell for cell in line)
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )

    rows = rows_of(path)

    assert rows[0].data == {"code": "001", "name": "Müller, Hans", "amount": "1.234,50"}


def test_excel_sep_hint_line_sets_the_delimiter_and_counts_as_a_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("sep=;\ncode;name\n001;A, B\n", encoding="utf-8")

    rows = rows_of(path)

    assert [(row.number, row.data) for row in rows] == [(3, {"code": "001", "name": "A, B"})]


def test_headers_are_stripped_and_empty_cells_are_absent(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(" code ,\u3000name\u3000,note\n  7 ,,   \n", encoding="utf-8")

    row = rows_of(path)[0]

    # the spaces Excel and ERPs leave around a value go (issue 11); blank values are not values
    assert row.data == {"code": "7"}


def test_blank_lines_before_the_header_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("\n,,\ncode,name\n1,A\n", encoding="utf-8")

    assert [(row.number, row.data) for row in rows_of(path)] == [(4, {"code": "1", "name": "A"})]


def test_row_problems_do_not_stop_the_stream(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('code,name\n1,A\n2,"ACME" Ltd\n3,B,surplus\n4,C\n', encoding="utf-8")

    rows = rows_of(path)

    assert [row.number for row in rows] == [2, 3, 4, 5]
    assert rows[0].problems == ()
    assert rows[1].problems[0].number == 3 and "quote" in rows[1].problems[0].fix
    assert rows[2].data == {"code": "3", "name": "B"}
    assert rows[2].problems[0].column == "column 3" and "'surplus'" in rows[2].problems[0].reason
    assert rows[3].data == {"code": "4", "name": "C"} and rows[3].problems == ()


def test_a_quote_that_never_closes_is_a_file_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('code,name\n1,A\n2,"B\n3,C\n4,D\n', encoding="utf-8")

    error = file_error(path)

    assert error.line == 3
    assert "never closes" in error.message


def test_duplicate_headers_are_a_file_error_naming_both_columns(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("code,姓名,city, 姓名\n1,a,b,c\n", encoding="utf-8")

    error = file_error(path)

    assert (error.line, error.column) == (1, 4)
    assert "columns 2 and 4" in error.message
    assert "rename" in error.fix


@pytest.mark.parametrize("content", [b"", b"\n\n,,\n"])
def test_a_file_without_a_header_is_a_file_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)

    assert "no header" in file_error(path).message


def test_a_workbook_named_csv_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    workbook = openpyxl.Workbook()
    workbook.active.append(["code"])
    workbook.save(path)

    assert ".xlsx" in file_error(path).fix


def test_missing_file_unknown_format_and_old_xls_are_file_errors(tmp_path: Path) -> None:
    assert "does not exist" in file_error(tmp_path / "nope.csv").message
    (tmp_path / "r.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in file_error(tmp_path / "r.xls").message
    (tmp_path / "r.pdf").write_bytes(b"%PDF")
    assert ".csv" in file_error(tmp_path / "r.pdf").fix


def test_csv_rows_are_streamed_not_loaded_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as out:
        out.write("code,name,address\n")
        for i in range(10_000):
            out.write(f"{i:05d},客户{i}有限公司,北京市海淀区某某路{i}号 某某大厦 {i % 30}层\n")

    tracemalloc.start()
    try:
        count = sum(1 for _ in read_recipients(path))
        streaming_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        held = list(read_recipients(path))
        holding_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert count == len(held) == 10_000
    assert held[-1].number == 10_001
    assert streaming_peak * 4 < holding_peak


# --- XLSX ------------------------------------------------------------------------------------------------


def _rewrite_sheet_xml(path: Path, edit: dict[str, str]) -> None:
    """Edit the first sheet's XML in place: what Excel (cached values) or odd exporters (dimensions) write."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    for pattern, replacement in edit.items():
        sheet, count = re.subn(pattern, replacement, sheet)
        assert count, pattern
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)


def test_xlsx_values_are_what_excel_shows(tmp_path: Path) -> None:
    path = tmp_path / "客户.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["编号", "客户名称", "金额", "截止日期", "时间", "折扣", "合计", "邮编"])
    sheet.append(
        [
            "00123",
            "北京堃科技",
            1500.0,
            dt.datetime(2026, 3, 1),
            dt.datetime(2026, 3, 1, 17, 0),
            0.5,
            "=C2*2",
            123,
        ]
    )
    sheet["H2"].number_format = "000000"  # a number shown with leading zeros
    workbook.save(path)
    # openpyxl writes formulas without a result; Excel stores the one it computed beside the formula
    _rewrite_sheet_xml(path, {r"<f>C2\*2</f><v\s*/?>(</v>)?": "<f>C2*2</f><v>3000</v>"})

    row = rows_of(path)[0]

    assert row.number == 2
    assert row.source == "客户.xlsx[名单]:2"
    assert row.data == {
        "编号": "00123",
        "客户名称": "北京堃科技",
        "金额": 1500,
        "截止日期": dt.date(2026, 3, 1),
        "时间": dt.datetime(2026, 3, 1, 17, 0),
        "折扣": 0.5,
        "合计": 3000,
        "邮编": "000123",
    }
    assert type(row.data["金额"]) is int
    assert type(row.data["截止日期"]) is dt.date


def test_xlsx_row_numbers_are_sheet_rows_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A3"], sheet["B3"] = "code", "name"  # header below two empty rows
    sheet["A4"], sheet["B4"] = "1", "A"
    sheet["A6"], sheet["B6"] = "2", "B"
    workbook.save(path)

    assert [(row.number, row.data["name"]) for row in rows_of(path)] == [(4, "A"), (6, "B")]


def test_xlsx_with_a_wrong_dimension_tag_still_yields_every_row(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    workbook = openpyxl.Workbook()
    for i in range(5):
        workbook.active.append(["code"] if i == 0 else [f"{i:03d}"])
    workbook.save(path)
    _rewrite_sheet_xml(path, {r'<dimension ref="[^"]+"/>': '<dimension ref="A1:A2"/>'})

    assert [row.data["code"] for row in rows_of(path)] == ["001", "002", "003", "004"]


def test_xlsx_error_cells_and_unnamed_columns_are_row_problems(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["code", "amount", None])
    workbook.active.append(["1", "#DIV/0!", "stray"])
    workbook.active.append(["2", 5, None])
    workbook.save(path)

    first, second = rows_of(path)

    assert first.data == {"code": "1"}
    reasons = {problem.column: problem.reason for problem in first.problems}
    assert "#DIV/0!" in reasons["amount"] and "B2" in reasons["amount"]
    assert "'stray'" in reasons["column C"]
    assert second.problems == () and second.data == {"code": "2", "amount": 5}


def test_xlsx_sheet_can_be_chosen_by_name(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["this sheet explains the columns"])
    workbook.create_sheet("客户").append(["code"])
    workbook["客户"].append(["A1"])
    workbook.save(path)

    assert rows_of(path, sheet="客户")[0].data == {"code": "A1"}
    error = file_error(path, sheet="Sheet9")
    assert "'说明'" in error.fix and "'客户'" in error.fix


def test_xlsx_duplicate_headers_name_the_column_letters(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "名单"
    workbook.active.append(["编号", "姓名", "编号 "])
    workbook.save(path)

    error = file_error(path)

    assert (error.file, error.line, error.column) == ("r.xlsx", 1, 3)
    assert "columns A and C" in error.message and "'名单'" in error.message


def test_a_damaged_workbook_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")

    assert "not a readable XLSX" in file_error(path).message


def test_xlsx_rows_are_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["code", "name", "address"])
    for i in range(3_000):  # fewer than the CSV test: openpyxl under tracemalloc is slow
        sheet.append([f"{i:05d}", f"客户{i}有限公司", f"北京市海淀区某某路{i}号"])
    workbook.save(path)

    tracemalloc.start()
    try:
        count = sum(1 for _ in read_recipients(path))
        streaming_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        held = list(read_recipients(path))
        holding_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert count == len(held) == 3_000
    assert held[-1].number == 3_001
    assert streaming_peak * 2 < holding_peak


# --- JSON ------------------------------------------------------------------------------------------------


def test_json_list_of_objects_with_bad_rows_in_between(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(
        json.dumps(
            [
                {"code": "001", "name": "张三", "note": None, "empty": "", "contact": {"phone": "138"}},
                "not a row",
                {" code ": "002", "amount": 12},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )

    first, second, third = rows_of(path)

    assert first.data == {"code": "001", "name": "张三", "contact": {"phone": "138"}}
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert second.data == {} and "not a mapping" in second.problems[0].reason
    assert third.data == {"code": "002", "amount": 12}
    assert third.source == "r.json: item 3"


def test_json_duplicate_keys_are_row_problems(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('[{"code": "1", "code": "2", "contact": {"a": 1, "a": 2}}]', encoding="utf-8")

    (row,) = rows_of(path)

    assert sorted(str(problem.column) for problem in row.problems) == ["code", "contact.a"]


def test_json_recipients_key_and_syntax_errors(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"recipients": [{"code": "1"}]}', encoding="utf-8")
    assert rows_of(path)[0].data == {"code": "1"}

    path.write_text('[\n  {"code": "1"},\n  {"code": }\n]', encoding="utf-8")
    error = file_error(path)
    assert (error.line, error.column) == (3, 12)

    path.write_text('{"code": "1"}', encoding="utf-8")
    assert "no list" in file_error(path).message


def test_documents_over_20_mb_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    with open(path, "wb") as out:
        out.truncate(recipients.MAX_DOCUMENT_BYTES + 1)  # sparse: costs no disk and is never read

    assert recipients.MAX_DOCUMENT_BYTES == 20 * 1024 * 1024
    assert "CSV or XLSX" in file_error(path).fix


# --- YAML ------------------------------------------------------------------------------------------------


def test_yaml_keeps_codes_times_and_country_codes_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "- {code: 00123, time: 10:30, country: NO, vip: true, due: 2026-03-01, amount: 12.5, n: 7}\n",
        encoding="utf-8",
    )

    assert rows_of(path)[0].data == {
        "code": "00123",
        "time": "10:30",
        "country": "NO",
        "vip": True,
        "due": dt.date(2026, 3, 1),
        "amount": 12.5,
        "n": 7,
    }


def test_yaml_rows_that_are_not_mappings_are_row_problems(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "recipients:\n"
        "  - code: '1'\n"
        "  - [a, b]\n"
        "  - {due: 2026-13-45}\n"
        "  - {code: '4', code: '5'}\n"
        "  - code: '6'\n",
        encoding="utf-8",
    )

    rows = rows_of(path)

    assert [row.number for row in rows] == [1, 2, 3, 4, 5]
    assert rows[0].source == "r.yaml:2 (item 1)"
    assert "not a mapping" in rows[1].problems[0].reason
    assert "cannot be read" in rows[2].problems[0].reason
    assert rows[3].problems[0].column == "code"
    assert rows[4].data == {"code": "6"} and rows[4].problems == ()


def billion_laughs(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    bomb = billion_laughs(9)  # 72 aliases written, 9**9 = 387 million strings when expanded
    assert len(bomb) < 400
    path.write_text("recipients:\n  - " + bomb.replace("\n", "\n    ").rstrip() + "\n", encoding="utf-8")

    error = file_error(path)

    assert "more than 100 aliases" in error.message
    assert error.line is not None and error.line <= 5  # stopped on the third level, not after expanding


def test_yaml_aliases_up_to_the_limit_are_fine_and_one_more_is_refused(tmp_path: Path) -> None:
    def document(rows: int) -> str:
        items = "".join(f"  - {{<<: *defaults, code: '{i:03d}'}}\n" for i in range(rows))
        return "defaults: &defaults {city: 北京}\nrecipients:\n" + items

    path = tmp_path / "r.yaml"
    path.write_text(document(recipients.MAX_ALIASES), encoding="utf-8")
    rows = rows_of(path)
    assert len(rows) == 100 and rows[99].data == {"city": "北京", "code": "099"}

    path.write_text(document(recipients.MAX_ALIASES + 1), encoding="utf-8")
    assert "aliases" in file_error(path).message


def test_yaml_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("- &row {code: '1', self: *row}\n", encoding="utf-8")

    assert "never end" in file_error(path).message


def test_yaml_syntax_errors_and_several_documents_are_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("- code: '1'\n- code: [unclosed\n", encoding="utf-8")
    assert file_error(path).line is not None

    path.write_text("- code: '1'\n---\n- code: '2'\n", encoding="utf-8")
    assert "YAML syntax error" in file_error(path).message


def test_yaml_in_gbk_is_read_like_csv(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes("- 姓名: 张三\n".encode("gbk"))

    assert rows_of(path)[0].data == {"姓名": "张三"}


def test_sheet_option_only_applies_to_workbooks(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("code\n1\n", encoding="utf-8")

    assert "XLSX" in file_error(path, sheet="x").message
