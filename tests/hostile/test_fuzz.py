"""Hypothesis over the loader, the checker and both renderers, starting from the example specs.

Every mutated spec must get a clean answer: rendered to a PDF and a DOCX that open, or refused with located
problems. Never a traceback or a file that does not open. The budget is bounded for CI (the "ci" profile, the
default, is derandomised so a run is repeatable); ``HYPOTHESIS_PROFILE=explore`` searches wider, and
``bench/hostile.py`` runs thousands of cases. A failure found once is kept in ``found/`` as a permanent case.
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.fuzz import examples, mutate_data, mutate_text
from tests.hostile.harness import Answers, Case, mismatch, run_case

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "explore", max_examples=2_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

EXAMPLE_TEXTS = {
    path.name: path.read_text(encoding="utf-8") for path in examples() if path.parent.name == "examples"
}
RENDER_BUDGET = max(1, settings.default.max_examples // 6)  # a render takes a second or two
SEAL = {
    "assets/seal.png": (Path(__file__).resolve().parents[2] / "examples" / "assets" / "seal.png").read_bytes()
}


def _parsed(text: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None  # the broken text itself is the case


def _answers(case: Case) -> None:
    with tempfile.TemporaryDirectory() as folder:
        outcome = run_case(case, Path(folder), formats=())
    assert mismatch(case, outcome) is None, mismatch(case, outcome)


@given(name=st.sampled_from(sorted(EXAMPLE_TEXTS)), rnd=st.randoms(use_true_random=False))
def test_the_loader_and_checker_answer_any_broken_text(name: str, rnd: random.Random) -> None:
    _answers(Case("fuzz", "fuzz", mutate_text(EXAMPLE_TEXTS[name], rnd), Answers()))


@given(name=st.sampled_from(sorted(EXAMPLE_TEXTS)), rnd=st.randoms(use_true_random=False))
def test_the_loader_and_checker_answer_any_hostile_value(name: str, rnd: random.Random) -> None:
    data = mutate_data(yaml.safe_load(EXAMPLE_TEXTS[name]), rnd)
    _answers(Case("fuzz", "fuzz", data=data, expect=Answers()))
    _answers(Case("fuzz", "fuzz", yaml.safe_dump(data, allow_unicode=True, sort_keys=False), Answers()))


@settings(max_examples=RENDER_BUDGET)
@given(name=st.sampled_from(sorted(EXAMPLE_TEXTS)), rnd=st.randoms(use_true_random=False))
def test_both_renderers_answer_a_mutated_example(name: str, rnd: random.Random) -> None:
    text = mutate_text(EXAMPLE_TEXTS[name], rnd, edits=1) if rnd.random() < 0.5 else EXAMPLE_TEXTS[name]
    data = _parsed(text) if rnd.random() < 0.5 else None
    if isinstance(data, dict):
        case = Case("fuzz", "fuzz", data=mutate_data(data, rnd, edits=1), expect=Answers())
    else:
        case = Case("fuzz", "fuzz", text, Answers())
    case = Case(case.id, case.category, case.spec, case.expect, files=SEAL, data=case.data)
    with tempfile.TemporaryDirectory() as folder:
        outcome = run_case(case, Path(folder))
    assert mismatch(case, outcome) is None, mismatch(case, outcome)
