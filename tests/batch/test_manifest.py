"""The manifest a batch writes as it goes: its memory does not grow with the rows, its bytes are JSON with one
entry a line, and entries of rows not reached yet are kept."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from notices.batch.manifest import Entry, Manifest, load_manifest


def _manifest() -> Manifest:
    return Manifest(
        spec={"file": "stockup.zh.yaml", "sha256": "0" * 64},
        recipients={"file": "recipients.csv"},
        render_sha256="1" * 64,
        formats=["pdf", "docx"],
        name_pattern=None,
    )


def _entry(number: int, status: str = "ok") -> Entry:
    name = f"D{number:05d}"
    return Entry(
        row=number,
        name=name,
        status=status,
        row_sha256="2" * 64,
        files={"pdf": f"{name}.pdf"} if status == "ok" else {},
        sha256={"pdf": "3" * 64} if status == "ok" else {},
        pages=2 if status == "ok" else None,
        data={"name": f"上海恒信达商贸有限公司第{number}分公司", "code": name},
    )


def _peak_while_writing(folder: Path, rows: int) -> int:
    """Peak Python memory of adding ``rows`` entries and writing the manifest every 500, as a batch does."""
    tracemalloc.start()
    manifest = _manifest()
    for number in range(1, rows + 1):
        manifest.add(_entry(number))
        if number % 500 == 0:
            manifest.write(folder)
    manifest.write(folder)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_memory_is_the_same_for_ten_times_the_rows(tmp_path: Path) -> None:
    """bench/batch.py: the batch process grew by ~30 MB for 10,000 rows when every line was kept in memory
    and joined into one string at each write; now the lines wait in a temporary file."""
    small = _peak_while_writing(tmp_path, 500)
    large = _peak_while_writing(tmp_path, 5000)
    assert large < small + 200_000
    assert len(json.loads((tmp_path / "manifest.json").read_bytes())["entries"]) == 5000


def test_the_file_lists_entries_in_order_one_a_line_then_the_pending_ones(tmp_path: Path) -> None:
    manifest = _manifest()
    for number in (1, 2):
        manifest.add(_entry(number, "ok" if number == 1 else "failed"))
    manifest.write(tmp_path, [_entry(3)])
    text = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert [e["row"] for e in data["entries"]] == [1, 2, 3]
    assert data["summary"] == {"total": 3, "ok": 2, "failed": 1}
    lines = [line for line in text.splitlines() if line.startswith('  {"row": ')]
    assert [json.loads(line.rstrip(","))["row"] for line in lines] == [1, 2, 3]  # one entry a line
    assert "上海恒信达商贸有限公司第1分公司" in text  # as written, not \\u-escaped
    read_back = load_manifest(tmp_path)
    assert read_back is not None and [e.row for e in read_back.entries] == [1, 2, 3]
    assert manifest.to_bytes([_entry(3)]) == (tmp_path / "manifest.json").read_bytes()


def test_an_empty_run_writes_an_empty_list(tmp_path: Path) -> None:
    manifest = _manifest()
    manifest.write(tmp_path)
    assert json.loads((tmp_path / "manifest.json").read_bytes())["entries"] == []
