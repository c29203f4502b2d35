"""Paths the file system refuses, wherever a person can type one: a clear error, never a traceback.

A name over 255 bytes or a path over 4,096 makes the operating system answer ENAMETOOLONG, which
``Path.is_file()`` raises instead of answering False. A hostile run found five tracebacks this way (a seal, a
house style); here every path a person types, in a spec, a house style, a recipients row or on the command
line, is given one name and one path too long, and must get an answer that says what is too long and exits 1
or 2. The spec-level cases (seal, logo, fonts, kinds, house_style) are in the hostile corpus. A symbolic link
that points at itself makes Python's ``Path.resolve()`` raise RuntimeError (before 3.13): the same answer.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import notices
from notices.errors import SpecError
from tests.clirun import run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LONG_NAME = "n" * 300  # one name over 255 bytes
LONG_PATH = "/".join(["d" * 200] * 30)  # every name fits, the path (6,000 bytes) does not


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "stockup.zh.yaml", tmp_path / "spec.yaml")
    shutil.copytree(EXAMPLES / "assets", tmp_path / "assets")
    return tmp_path


def _clean_refusal(result: object, *, says: str) -> None:
    stdout, stderr, code = result.stdout, result.stderr, result.returncode  # type: ignore[attr-defined]
    assert code in (1, 2), (code, stdout, stderr)
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert says in stderr, stderr
    assert "n" * 200 not in stderr and "d" * 200 + "/" + "d" * 200 not in stderr, "the path is shortened"


@pytest.mark.parametrize("too_long", [LONG_NAME, LONG_PATH], ids=["name", "path"])
@pytest.mark.parametrize(
    "command",
    [
        ["check", "{long}.yaml"],
        ["render", "{long}.yaml"],
        ["preview", "{long}.yaml"],
        ["render", "spec.yaml", "-o", "{long}", "-f", "html"],
        ["schema", "-o", "{long}.json"],
        ["init", "{long}.yaml"],
        ["init", "x.yaml", "--house-style", "{long}.yaml"],
        ["batch", "spec.yaml", "-r", "{long}.csv", "-f", "html"],
        ["send", "{long}", "--status"],
    ],
    ids=lambda command: "-".join(part for part in command if not part.startswith(("{", "-"))),
)
def test_a_command_line_path_too_long_is_told_as_such(
    folder: Path, command: list[str], too_long: str
) -> None:
    args = [part.replace("{long}", too_long) for part in command]
    limit = "255 bytes" if too_long == LONG_NAME else "4096 bytes"
    _clean_refusal(run(*args, cwd=folder), says=limit)


def test_a_batch_output_folder_too_long_is_told_as_such(folder: Path) -> None:
    recipients = folder / "r.csv"
    recipients.write_text("code,name\nD1,上海恒信商贸有限公司\n", encoding="utf-8")
    result = run("batch", "spec.yaml", "-r", "r.csv", "-o", LONG_NAME, "-f", "html", cwd=folder)
    _clean_refusal(result, says="255 bytes")
    assert "output folder" in result.stderr


def test_a_recipient_row_naming_a_seal_too_long_fails_that_row_only(folder: Path) -> None:
    spec = folder / "spec.yaml"
    text = spec.read_text(encoding="utf-8").replace("sign_off:\n", "sign_off:\n  seal: assets/seal.png\n", 1)
    spec.write_text(text, encoding="utf-8")  # a seal the row's spec.sign_off.seal column overrides
    with (folder / "r.csv").open("w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(["code", "name", "spec.sign_off.seal"])
        rows.writerow(["D1", "上海恒信商贸有限公司", "s" * 296 + ".png"])
        rows.writerow(["D2", "苏州华达贸易有限公司", ""])
    result = run("batch", "spec.yaml", "-r", "r.csv", "-o", "out", "-f", "html", cwd=folder)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "row 2" in result.stderr and "limited to 255 bytes" in result.stderr, result.stderr
    assert (folder / "out" / "D2.html").is_file() and not (folder / "out" / "D1.html").exists()


def test_the_library_refuses_a_spec_path_too_long_with_its_own_error() -> None:
    with pytest.raises(SpecError) as caught:
        notices.load(Path(LONG_NAME + ".yaml"))
    assert "255 bytes" in caught.value.problems[0].message


def test_an_output_path_too_long_names_the_path_asked_for(tmp_path: Path) -> None:
    notice = notices.load(EXAMPLES / "stockup.zh.yaml")
    with pytest.raises(OSError) as caught:
        notices.render(notice, tmp_path / LONG_NAME, "html")
    assert "255 bytes" in str(caught.value) and ".part" not in str(caught.value)


def test_a_send_config_naming_a_ca_file_too_long_is_told_at_its_line(tmp_path: Path) -> None:
    from notices.send.config import SendConfigError, load_config

    toml = (EXAMPLES / "send.toml").read_text(encoding="utf-8")
    assert "port = 8025\n" in toml
    config = tmp_path / "send.toml"
    config.write_text(
        toml.replace("port = 8025\n", f'port = 8025\nca_file = "{LONG_NAME}.pem"\n'), encoding="utf-8"
    )
    with pytest.raises(SendConfigError) as caught:
        load_config(config)
    (problem,) = caught.value.problems
    assert "255 bytes" in problem.message and problem.path == "smtp.ca_file"
    assert problem.location.line == toml.splitlines().index("port = 8025") + 2


def _looping(folder: Path, name: str) -> None:
    (folder / name).symlink_to(name)  # a link to itself: ELOOP, or RuntimeError from Path.resolve()


def test_a_house_style_that_is_a_symlink_loop_is_told_at_its_line(tmp_path: Path) -> None:
    _looping(tmp_path, "house.yaml")
    spec = tmp_path / "spec.yaml"
    spec.write_text("house_style: house.yaml\n" + (EXAMPLES / "general.zh.yaml").read_text(encoding="utf-8"))
    with pytest.raises(SpecError) as caught:
        notices.load(spec)
    problem = caught.value.problems[0]
    assert "cannot be read" in problem.message and (problem.location.line, problem.location.column) == (1, 14)


def test_a_house_styles_fonts_and_kinds_that_loop_are_told_at_their_lines(tmp_path: Path) -> None:
    house = tmp_path / "house"
    house.mkdir()
    _looping(house, "kinds")
    _looping(house, "title.ttf")
    (house / "house.yaml").write_text("company: 恒信\nkinds: kinds\nfonts:\n  title: {file: title.ttf}\n")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "house_style: house/house.yaml\n" + (EXAMPLES / "general.zh.yaml").read_text(encoding="utf-8")
    )
    with pytest.raises(SpecError) as caught:
        notices.load(spec)
    lines = {p.location.line for p in caught.value.problems if "cannot be read" in p.message}
    assert lines == {2, 4}, caught.value.problems


def test_init_into_a_symlink_loop_is_told_as_such(tmp_path: Path) -> None:
    _looping(tmp_path, "new.yaml")
    shutil.copytree(EXAMPLES / "house-styles" / "hengxin", tmp_path / "hengxin")
    result = run("init", "new.yaml", "--house-style", "hengxin/house.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "symbolic links" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["render", "spec.yaml", "-o", "{out}", "-f", "html"],
        ["preview", "spec.yaml", "-o", "{out}"],
        ["batch", "spec.yaml", "-r", "r.csv", "-o", "{out}", "-f", "html"],
    ],
    ids=["render", "preview", "batch"],
)
@pytest.mark.parametrize("out", ["notes.txt", "notes.txt/sub"], ids=["file", "under-a-file"])
def test_an_output_folder_typed_as_an_existing_file_says_so(
    folder: Path, command: list[str], out: str
) -> None:
    """``mkdir`` on a file says "File exists", which reads as if the notice were already written."""
    (folder / "notes.txt").write_text("a file a person keeps", encoding="utf-8")
    (folder / "r.csv").write_text("code,name\nD1,上海恒信商贸有限公司\n", encoding="utf-8")
    result = run(*[part.replace("{out}", out) for part in command], cwd=folder)
    assert result.returncode in (1, 2), (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    said = "this is a file" if out == "notes.txt" else "notes.txt is a file"
    assert f"notes.txt: {said}, and a folder is needed here" in result.stderr.replace("/sub:", ":"), (
        result.stderr
    )
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "a file a person keeps"
