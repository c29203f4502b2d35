"""Atomic output: a target is its old self or complete, even when the writer is killed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from notices.fsio import atomic_output, atomic_write_bytes, is_part_file, remove_stale_parts

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_write_creates_and_replaces_leaving_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "通知-00123.pdf"

    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second, longer")

    assert target.read_bytes() == b"second, longer"
    assert os.listdir(tmp_path) == [target.name]


def test_temporary_file_is_hidden_beside_the_target_and_ends_in_part(tmp_path: Path) -> None:
    target = tmp_path / "a.docx"
    with atomic_output(target) as out:
        out.write(b"data")
        (temporary,) = os.listdir(tmp_path)
        assert not target.exists()

    assert temporary.startswith(".a.docx.") and temporary.endswith(".part")
    assert is_part_file(tmp_path / temporary)
    assert os.listdir(tmp_path) == ["a.docx"]


@pytest.mark.parametrize("failure", [RuntimeError("render failed"), KeyboardInterrupt()])
def test_a_failure_inside_leaves_the_old_target_and_no_part_file(
    tmp_path: Path, failure: BaseException
) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old complete file")

    with pytest.raises(type(failure)), atomic_output(target) as out:
        out.write(b"half of the new")
        raise failure

    assert target.read_bytes() == b"old complete file"
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_kill_9_mid_write_leaves_the_old_target_and_a_removable_part_file(tmp_path: Path) -> None:
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old complete file")
    writer = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from notices.fsio import atomic_output
        with atomic_output(Path({str(target)!r})) as out:
            out.write(b"half of the new file")
            out.flush()
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", writer],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        check=False,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr

    leftovers = sorted(name for name in os.listdir(tmp_path) if name != "a.pdf")
    assert target.read_bytes() == b"old complete file"
    assert len(leftovers) == 1 and is_part_file(tmp_path / leftovers[0])
    assert (tmp_path / leftovers[0]).read_bytes() == b"half of the new file"

    removed = remove_stale_parts(tmp_path)

    assert [path.name for path in removed] == leftovers
    assert os.listdir(tmp_path) == ["a.pdf"]


def test_remove_stale_parts_touches_only_names_this_module_makes(tmp_path: Path) -> None:
    keep = ["notes.part", ".hidden", "a.pdf", ".a.pdf.part", ".a.pdf.NOTHEX12.part"]
    for name in keep:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".dir.0123abcd.part").mkdir()
    (tmp_path / ".a.pdf.0123abcd.part").write_bytes(b"stale")

    removed = remove_stale_parts(tmp_path)

    assert [path.name for path in removed] == [".a.pdf.0123abcd.part"]
    assert sorted(os.listdir(tmp_path)) == sorted([*keep, ".dir.0123abcd.part"])
    assert remove_stale_parts(tmp_path / "missing") == []


def test_a_symlink_at_the_target_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"precious")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.pdf").symlink_to(outside)

    atomic_write_bytes(out / "a.pdf", b"notice")

    assert outside.read_bytes() == b"precious"
    assert not (out / "a.pdf").is_symlink()
    assert (out / "a.pdf").read_bytes() == b"notice"


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "a.pdf", b"x")
    finally:
        os.umask(previous)

    assert stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode) == 0o644


def test_a_name_near_the_255_byte_limit_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("堃" * 83 + ".pdf")  # 253 bytes
    assert len(target.name.encode()) == 253

    atomic_write_bytes(target, b"x")

    assert target.read_bytes() == b"x"
    assert os.listdir(tmp_path) == [target.name]
