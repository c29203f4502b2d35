"""The CLI as a person runs it: real processes, real files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_render_writes_pdf_and_docx_into_the_output_dir(tmp_path: Path) -> None:
    result = run("render", str(EXAMPLES / "stockup.zh.yaml"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stockup.zh.docx", "stockup.zh.pdf"]


def test_bad_spec_reports_all_problems_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "issuer:\n  name: 公司\n  headr: 公司文件\ntitle: [1, 2]\nsign_off:\n  date: 2026-02-30\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("render", str(spec), "-o", str(out))
    assert result.returncode == 2
    assert f"{spec}:3:3: error: unknown key 'headr'" in result.stderr
    assert f"{spec}:4:8: error:" in result.stderr
    assert f"{spec}:6:9: error: impossible date" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_failed_render_leaves_previous_output_untouched(tmp_path: Path) -> None:
    spec = tmp_path / "n.yaml"
    spec.write_text("issuer:\n  name: 公司\ntitle: 通知\nsign_off:\n  date: 2026-01-05\n", encoding="utf-8")
    assert run("render", str(spec)).returncode == 0
    before = (tmp_path / "n.pdf").read_bytes()
    spec.write_text(
        spec.read_text(encoding="utf-8") + "salutation: 尊敬的{{ recipient.nmae }}：\n", encoding="utf-8"
    )
    result = run("render", str(spec))
    assert result.returncode == 1
    assert "undefined" in result.stderr and f"{spec}:6:" in result.stderr
    assert (tmp_path / "n.pdf").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_schema_is_json_schema_of_the_spec() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert {"issuer", "title", "body", "deadlines", "sign_off"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_doctor_names_a_face_for_every_role() -> None:
    result = run("doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    for role in ("title", "body", "heading1", "heading2", "page_number"):
        assert role in result.stdout
    assert "Noto" in result.stdout or "仿宋" in result.stdout
    assert "What a reader sees" in result.stdout


def test_doctor_shows_a_fangsong_body_and_a_kaiti_heading_after_setup() -> None:
    """scripts/setup installs FandolFang and LXGW WenKai and maps 仿宋 and 楷体 to them (issue 13 item 7): the
    PDF's body and level-2 headings, and LibreOffice's DOCX, print in faces of the standard's styles."""
    result = run("doctor")
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith("  ")}
    assert "a 仿宋 face" in lines["body"] or "ok" in lines["body"].split()
    assert "a 楷体 face" in lines["heading2"] or "ok" in lines["heading2"].split()
    assert "WARNING" not in result.stdout
    assert "仿宋 → FandolFang" in result.stdout or "仿宋 → 仿宋" in result.stdout
