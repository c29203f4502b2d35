"""Output names from hostile recipient data: one safe component, unique, stable, and never outside the folder."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from pathlib import Path

import pytest

from notices.batch.naming import (
    MAX_STEM_BYTES,
    NameAllocator,
    expand_name_pattern,
    inside,
    name_pattern_fields,
    safe_stem,
)
from notices.batch.rows import RecipientRow, RowProblemsError

DEVICES = {"CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9"}
HOSTILE_NAMES = [
    "../../evil",
    "..\\..\\evil",
    "/etc/passwd",
    "C:\\Windows\\system32",
    "a/b\\c",
    "a\x00b",
    "line\nbreak\ttab\r",
    "\x1b[31mred",
    "invoice\u202efdp.exe",  # right-to-left override: shows as invoice.pdf
    "CON",
    "con.txt",
    "CON.txt",
    "PRN",
    "AUX.docx",
    "NUL",
    "nul.tar.gz",
    "COM1",
    "com9.pdf",
    "LPT1",
    "LPT9.txt",
    "COM1 .txt",
    "name. . .",
    "trailing   ",
    ".hidden",
    ".",
    "..",
    "...",
    "",
    "   ",
    "/",
    '*?<>|:"',
    "堃" * 200,
    "a" * 300,
    "e\u0301" * 100,
    "\ud800lone surrogate",
    "-rf",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_any_name_becomes_one_safe_component_that_can_be_written(tmp_path: Path, name: str) -> None:
    stem = safe_stem(name, fallback="row-00007")

    assert stem and stem not in (".", "..")
    assert "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert not any(unicodedata.category(char) in ("Cc", "Cf", "Cs") for char in stem)
    assert not stem.startswith((".", " ", "-")) and not stem.endswith((".", " "))
    assert stem.split(".")[0].rstrip().upper() not in DEVICES
    assert len(stem) <= 80 and len(stem.encode("utf-8")) <= MAX_STEM_BYTES < 200
    assert stem == unicodedata.normalize("NFC", stem)
    target = tmp_path / f"{stem}-99999.docx"
    target.write_bytes(b"x")
    assert os.listdir(tmp_path) == [target.name] and inside(tmp_path, target)


def test_traversal_keeps_only_the_name() -> None:
    assert safe_stem("../../evil") == "evil"
    assert safe_stem("a/b") == "a_b"


def test_windows_device_names_are_defused_with_or_without_extension() -> None:
    assert safe_stem("CON.txt") == "CON_.txt"
    assert safe_stem("con") == "con_"
    assert safe_stem("LPT9") == "LPT9_"
    assert safe_stem("CONSTANT") == "CONSTANT"  # only whole names are devices
    assert safe_stem("CONSTANTINOPLE", max_len=8) == "CONSTANT"


def test_cjk_survives_and_long_names_are_cut_on_a_character_boundary() -> None:
    assert safe_stem("北京堃科技有限公司") == "北京堃科技有限公司"
    stem = safe_stem("堃" * 200)
    assert set(stem) == {"堃"}
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert len(stem) == MAX_STEM_BYTES // 3  # as many whole characters as fit, not one fewer
    assert safe_stem("a" * 300) == "a" * 80
    assert safe_stem("abc" * 10, max_len=10) == "abcabcabca"


def test_names_are_nfc_normalised() -> None:
    assert safe_stem("Cafe\u0301") == "Café"
    assert len(safe_stem("Cafe\u0301")) == 4


def test_empty_results_use_the_callers_fallback() -> None:
    assert safe_stem("...", fallback="row-00042") == "row-00042"
    assert safe_stem("", fallback="../x") == "x"
    assert safe_stem("", fallback="") == "unnamed"


def test_allocator_resolves_collisions_case_insensitively_and_deterministically() -> None:
    calls = ["A", "a", "b", "A", "a-2", "Ä", "A\u0308"]

    first = NameAllocator()
    names = [first.allocate(stem) for stem in calls]
    second = NameAllocator()

    assert names == ["A", "a-2", "b", "A-3", "a-2-2", "Ä", "A\u0308-2"]
    assert [second.allocate(stem) for stem in calls] == names
    assert len({name.casefold() for name in names}) == len(names)


def test_allocator_respects_names_already_taken() -> None:
    allocator = NameAllocator(taken=["Report", "report-2"])

    assert allocator.allocate("REPORT") == "REPORT-3"
    assert "report-3" in allocator


def row(number: int = 7, **data: object) -> RecipientRow:
    return RecipientRow(number, dict(data), f"r.csv:{number}")


def test_pattern_fills_fields_and_row_number() -> None:
    recipient = row(42, code="00123", name="张三", due=dt.date(2026, 3, 1))

    assert expand_name_pattern("{code}-{name}", recipient) == "00123-张三"
    assert expand_name_pattern("{row}", recipient) == "42"
    assert expand_name_pattern("{row:05d}-{due}", recipient) == "00042-2026-03-01"
    assert expand_name_pattern("{code:08d}", recipient) == "00000123"


def test_missing_fields_are_row_problems_naming_each_field() -> None:
    with pytest.raises(RowProblemsError) as caught:
        expand_name_pattern("{code}-{name}-{city}", row(9, code="1"))

    assert [(p.number, p.column) for p in caught.value.problems] == [(9, "name"), (9, "city")]
    assert "name" in caught.value.problems[0].reason


def test_patterns_cannot_reach_attributes_or_run_conversions() -> None:
    recipient = row(3, name="x")
    with pytest.raises(RowProblemsError):
        expand_name_pattern("{name.__class__}", recipient)  # a column called "name.__class__", absent
    with pytest.raises(ValueError, match="!r"):
        name_pattern_fields("{name!r}")
    with pytest.raises(ValueError, match="malformed"):
        name_pattern_fields("{name")
    with pytest.raises(ValueError, match="format"):
        name_pattern_fields("{name:{row}}")
    assert name_pattern_fields("{code}-{contact.phone}") == ("code", "contact.phone")


def test_default_name_is_the_first_code_column_else_the_row_number() -> None:
    assert expand_name_pattern(None, row(5, 客户编码="K9", 编号="B7", id="I3", code="C1")) == "C1"
    assert expand_name_pattern(None, row(5, 客户编码="K9", 编号="B7", id="I3")) == "I3"
    assert expand_name_pattern(None, row(5, 客户编码="K9", 编号="B7")) == "B7"
    assert expand_name_pattern(None, row(5, 客户编码="K9")) == "K9"
    assert expand_name_pattern(None, row(5, id=12)) == "12"
    assert expand_name_pattern(None, row(42, name="张三")) == "row-00042"


def test_inside_refuses_escapes_and_symlinks_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "link").symlink_to(tmp_path)

    assert inside(out, out / "a.pdf")
    assert not inside(out, out / ".." / "a.pdf")
    assert not inside(out, out)
    assert not inside(out, Path("/etc/passwd"))
    assert not inside(out, out / "link" / "a.pdf")
