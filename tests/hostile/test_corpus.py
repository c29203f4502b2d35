"""Every case of the hostile corpus answers as it must: refused with a located message, or rendered as typed.

A traceback, a file that does not open or a wrong answer fails the case. A case that hangs is stopped by an
alarm long after any real answer (this is a guard, not a speed target: ``bench/hostile.py`` measures times).
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.corpus import all_cases
from tests.hostile.harness import Case, mismatch, run_case

CASES = all_cases()
HANG_GUARD_SECONDS = 120


class Hung(Exception):
    pass


@pytest.fixture
def hang_guard() -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise Hung(f"no answer after {HANG_GUARD_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_answers_as_it_must(case: Case, tmp_path: Path, hang_guard: None) -> None:
    outcome = run_case(case, tmp_path / "case")
    problem = mismatch(case, outcome)
    assert problem is None, f"{case.id} ({case.category}): {problem}"


def test_the_corpus_covers_the_issue_categories() -> None:
    categories = {case.category for case in CASES}
    assert {"bad bytes", "YAML tricks", "aliases", "injection", "template abuse", "odd assets"} <= categories
    assert len(CASES) >= 336
