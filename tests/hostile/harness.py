"""Run one hostile case as a library caller would (load → check → compose → PDF and DOCX) and say what happened.

A case ends in one of four ways: ``ok`` (both files made), ``refused`` (a :class:`~notices.NoticeError` with
located problems), ``traceback`` (any other exception: a defect) or, when the caller times it out, a hang. What a
reader would see is read back from the files themselves: the PDF parsed by pypdf and its text read with
pdfplumber, the DOCX's with python-docx; a file either cannot open is reported as ``unopenable``. ``tests/hostile/test_corpus.py`` and
``bench/hostile.py`` share this, so the test suite and the benchmark judge a case the same way.
"""

from __future__ import annotations

import io
import os
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import notices
from notices.errors import NoticeError, Problem


@dataclass(frozen=True)
class Refused:
    """The case must be refused: some problem's message contains ``says`` (and sits at ``line``/``column``)."""

    says: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Prints:
    """The case must render, and both the PDF and the DOCX must show each of ``texts`` as typed."""

    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answers:
    """Any clean answer: rendered, or refused with located problems. Never a traceback or a hang."""


Expect = Refused | Prints | Answers


@dataclass(frozen=True)
class Case:
    """One hostile input. ``spec`` is the spec file's text (or bytes, for bad encodings); ``data`` replaces
    it with a dict given to ``notices.load`` (a library caller's input); ``files`` go beside the spec."""

    id: str
    category: str
    spec: str | bytes = ""
    expect: Expect = field(default_factory=Answers)
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    data: Mapping[str, Any] | None = None
    recipient: Mapping[str, Any] | None = None


@dataclass
class Outcome:
    status: str  # "ok", "refused", "traceback", "unopenable"
    stage: str = ""
    problems: tuple[Problem, ...] = ()
    pdf_text: str = ""
    docx_text: str = ""
    error: str = ""
    # the tool's own time, from loading the spec to the last file's bytes; opening the files back is not in it
    answer_wall: float = 0.0
    answer_cpu: float = 0.0

    def summary(self) -> str:
        if self.status == "refused":
            return f"refused at {self.stage}: " + " | ".join(str(p).split("\n")[0] for p in self.problems[:3])
        if self.status in ("traceback", "unopenable"):
            return f"{self.status} at {self.stage}: {self.error}"
        return "ok"


def write_case(case: Case, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in case.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    spec = folder / "spec.yaml"
    spec.write_bytes(
        case.spec if isinstance(case.spec, bytes) else case.spec.encode("utf-8", "surrogatepass")
    )
    return spec


def run_case(case: Case, folder: Path, formats: tuple[str, ...] = ("pdf", "docx")) -> Outcome:
    """Run ``case`` in ``folder`` (its files are written there first)."""
    spec_path = write_case(case, folder)
    stage = "load"
    wall, cpu = time.perf_counter(), _cpu_seconds()

    taken: list[float] = []  # the answer's wall and CPU seconds, once the files are made

    def answered(outcome: Outcome) -> Outcome:
        if not taken:
            taken.extend((time.perf_counter() - wall, _cpu_seconds() - cpu))
        outcome.answer_wall, outcome.answer_cpu = taken
        return outcome

    try:
        notice = (
            notices.load(dict(case.data), base_dir=folder)
            if case.data is not None
            else notices.load(spec_path)
        )
        stage = "check"
        notices.check_notice(notice)
        stage = "compose"
        notices.compose(notice, case.recipient)
        files: dict[str, bytes] = {}
        for fmt in formats:
            stage = fmt
            # as a library caller, from the notice; the check ran above (its findings are not what is judged)
            files[fmt] = notices.render_bytes(notice, fmt, case.recipient, check=False)
        outcome = answered(Outcome("ok", "render"))
        for fmt, data in files.items():
            stage = f"open {fmt}"
            if fmt == "pdf":
                outcome.pdf_text = pdf_text(data)
            elif fmt == "docx":
                outcome.docx_text = docx_text(data)
        return outcome
    except NoticeError as err:
        return answered(Outcome("refused", stage, err.problems))
    except Exception as err:
        status = "unopenable" if stage.startswith("open ") else "traceback"
        last = traceback.extract_tb(err.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        return answered(Outcome(status, stage, error=f"{type(err).__name__}: {str(err)[:200]} ({where})"))


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for, in seconds."""
    children = os.times()
    return time.process_time() + children.children_user + children.children_system


def pdf_text(data: bytes) -> str:
    """The PDF's text as pdfplumber reads it, after pypdf has parsed every page (either failing: unopenable)."""
    import pdfplumber
    import pypdf

    for page in pypdf.PdfReader(io.BytesIO(data), strict=True).pages:
        page.get_contents()

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join((page.extract_text() or "") for page in pdf.pages)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    # Text in text boxes (the 版记 at the page foot is one), which python-docx's paragraphs leave out.
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for box in document.element.body.iter(f"{w}txbxContent"):
        parts.extend("".join(t.text or "" for t in p.iter(f"{w}t")) for p in box.iter(f"{w}p"))
    # As a reader sees it: without the word joiners and zero width spaces the Chinese DOCX marks breaks with
    # (notices/renderers/docx_text.py).
    return "\n".join(parts).replace("\u2060", "").replace("\u200b", "")


def flat(text: str) -> str:
    return "".join(text.split())


def mismatch(case: Case, outcome: Outcome) -> str | None:
    """Why ``outcome`` does not meet the case's expectation (None when it does)."""
    if outcome.status in ("traceback", "unopenable"):
        return outcome.summary()
    expect = case.expect
    if isinstance(expect, Answers):
        return _unlocated(outcome)
    if isinstance(expect, Refused):
        if outcome.status != "refused":
            return f"expected a refusal saying {expect.says!r}, got {outcome.summary()}"
        for problem in outcome.problems:
            if expect.says.lower() not in f"{problem.message} {problem.fix} {problem.path}".lower():
                continue
            if expect.line is not None and problem.location.line != expect.line:
                continue
            if expect.column is not None and problem.location.column != expect.column:
                continue
            return _unlocated(outcome)
        at = f" at {expect.line}:{expect.column}" if expect.line else ""
        return f"expected a refusal saying {expect.says!r}{at}, got {outcome.summary()} " + repr(
            [(p.message, p.location.line, p.location.column) for p in outcome.problems[:3]]
        )
    if outcome.status != "ok":
        return f"expected it to render, got {outcome.summary()}"
    for text in expect.texts:
        for name, shown in (("PDF", outcome.pdf_text), ("DOCX", outcome.docx_text)):
            if flat(text) not in flat(shown):
                return f"the {name} does not show {text!r}"
    return None


def _unlocated(outcome: Outcome) -> str | None:
    """A refusal must name a file for every problem (and a line, for problems in a YAML file we wrote)."""
    for problem in outcome.problems:
        if not problem.location.file:
            return f"a problem names no file: {problem.message!r}"
        if not problem.message.strip():
            return "a problem says nothing"
    return None
