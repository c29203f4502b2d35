"""The README is tested: every `sh` command and `python` snippet in it runs, every full spec and house style it
shows loads, and its generated sections are what `scripts/docs.py` writes from the code.

Each block runs in a scratch copy of the repository's tracked `examples/` (so a command that writes beside a spec
writes there, not into the checkout), with this checkout's `.venv/bin` first on PATH, as a reader's shell has it
after the Quickstart. A command's expected exit code follows ``# exit N`` in its comment (0 otherwise); a block
preceded by ``<!-- readme-test: skip: why -->`` is not run, and the reason is required.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
SKIP = re.compile(r"<!-- readme-test: skip: (?P<why>.+?) -->\s*$")
EXIT = re.compile(r"#.*?\bexit (?P<code>\d)\b")
COMMENT = re.compile(r"\s{2,}#\s.*$|^\s*#.*$")
COMMAND_TIMEOUT = 300  # seconds: a batch of the examples or LibreOffice may be slow on a loaded machine


@dataclass(frozen=True)
class Block:
    lang: str
    body: str
    line: int  # 1-based line of the opening fence
    skip: str | None

    def __str__(self) -> str:
        return f"README.md:{self.line}:{self.lang}"


def blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        skip = SKIP.search(before)
        found.append(
            Block(
                lang=match["lang"],
                body=match["body"],
                line=text.count("\n", 0, match.start()) + 1,
                skip=skip["why"] if skip else None,
            )
        )
    return found


def commands(body: str) -> list[tuple[str, int]]:
    """Each command of an sh block with its expected exit code; continuation lines joined, comments dropped."""
    out: list[tuple[str, int]] = []
    pending = ""
    for raw in body.splitlines():
        expected = EXIT.search(raw)
        line = COMMENT.sub("", raw).rstrip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = (pending + line).strip()
        pending = ""
        if line:
            out.append((line, int(expected["code"]) if expected else 0))
    return out


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """The tracked files of examples/ (not outputs a set-up rendered there), and .venv as a reader has it."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "examples"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    listed = [name for name in listed if name]
    for name in listed or [str(p.relative_to(ROOT)) for p in (ROOT / "examples").rglob("*") if p.is_file()]:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    (tmp_path / "scripts").symlink_to(ROOT / "scripts")
    return tmp_path


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "100"
    env.pop("CI", None)  # progress output as a person sees it does not matter here; exit codes do
    return env


def _run(args: list[str] | str, cwd: Path, shell: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=_env(),
        shell=shell,
        executable="/bin/bash" if shell else None,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )


ALL = blocks()
RUNNABLE_SH = [b for b in ALL if b.lang in ("sh", "bash", "console") and not b.skip]
PYTHON = [b for b in ALL if b.lang == "python" and not b.skip]
YAML = [b for b in ALL if b.lang == "yaml" and not b.skip]


def test_every_skip_says_why_and_the_readme_has_runnable_blocks() -> None:
    assert len(RUNNABLE_SH) >= 5 and PYTHON, "the README lost its examples, or the parser broke"
    for block in ALL:
        if block.skip is not None:
            assert len(block.skip.split()) >= 3, f"{block}: say why the block is not run"


@pytest.mark.parametrize("block", RUNNABLE_SH, ids=str)
def test_sh_block_runs(block: Block, sandbox: Path) -> None:
    for command, expected in commands(block.body):
        result = _run(command, sandbox, shell=True)
        assert result.returncode == expected, (
            f"{block}: `{command}` exited {result.returncode}, the README says {expected}\n"
            f"--- stdout\n{result.stdout[-3000:]}\n--- stderr\n{result.stderr[-3000:]}"
        )


@pytest.mark.parametrize("block", PYTHON, ids=str)
def test_python_block_runs(block: Block, sandbox: Path) -> None:
    script = sandbox / f"readme_{block.line}.py"
    script.write_text(block.body, encoding="utf-8")
    result = _run([sys.executable, script.name], sandbox)
    assert result.returncode == 0, (
        f"{block} failed\n--- stdout\n{result.stdout[-3000:]}\n--- stderr\n{result.stderr[-3000:]}"
    )


def _yaml_role(data: object) -> str:
    if isinstance(data, dict) and "title" in data and ("issuer" in data or "sign_off" in data):
        return "spec"
    if isinstance(data, dict) and ("company" in data or "letterhead" in data):
        return "house style"
    return "fragment"


@pytest.mark.parametrize("block", YAML, ids=str)
def test_yaml_block_is_valid(block: Block, sandbox: Path) -> None:
    """A full spec loads (its files resolved in examples/); a house style's keys are the house style's."""
    import notices

    data = yaml.safe_load(block.body)
    role = _yaml_role(data)
    if role == "spec":
        notice = notices.loads(block.body, file=str(block), base_dir=sandbox / "examples")
        assert notice.spec.title
    elif role == "house style":
        # Loaded as the house style of examples/house-styles/hengxin/, whose logo and seal it names.
        from notices.house_style import load_house_style

        path = sandbox / "examples" / "house-styles" / "hengxin" / "house.yaml"
        path.write_text(block.body, encoding="utf-8")
        assert load_house_style(path)
    else:
        assert data is not None or block.body.strip().startswith("#"), f"{block}: an empty YAML block"


def test_generated_sections_are_current() -> None:
    """The rules tables and the command reference are what the code says (`scripts/docs.py` rewrites them)."""
    result = _run([sys.executable, str(ROOT / "scripts" / "docs.py"), "--check"], ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


def test_the_command_reference_covers_every_command() -> None:
    import typer.main

    from notices.cli import app

    text = README.read_text(encoding="utf-8")
    for name in typer.main.get_command(app).commands:  # type: ignore[attr-defined]
        assert f"#### `notices {name}`" in text
