"""Recall and precision of `notices check` on real notices and on planted mistakes.

Usage::

    .venv/bin/python bench/recall.py              # print the table and every miss and false alarm
    .venv/bin/python bench/recall.py --write      # also write bench/RESULTS-recall.md

Each spec in ``corpus/reviewed/`` (real published notices, their mistakes kept) and ``corpus/planted/``
(clean notices with common mistakes put in) says what a careful reviewer finds in it, in comments written by
reading the notice, not the checker's output:

- ``# expect: RULE`` at the end of a line: a mistake on that line that rule RULE is for. ``RULE|OTHER`` when
  either rule catching it counts; several mistakes on one line are separated by commas. Text after ``--``
  says what the mistake is.
- ``# expect: RULE line N -- …`` anywhere: the same for line N (for a line that cannot carry a comment).
- ``# expect: none``: the notice has no mistake a rule could hold it to.

A finding (an error or a warning; info findings are advice, not verdicts) is right when an expectation names
its rule on its line. Recall is the share of expectations some finding meets; precision the share of findings
that meet an expectation. The target (issue 10) is recall ≥ 90 % with precision ≥ 95 %, and no error at all on
a real notice without mistakes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import notices.fontcheck  # noqa: E402, F401  (the font step, as `notices check` runs it)
from notices.check.runner import check_path  # noqa: E402

CORPORA = ("reviewed", "planted")
# The date checks run against the spec's own sign_off.date; this only stands in where a spec has none.
TODAY = dt.date(2026, 1, 5)
_INLINE = re.compile(r"#\s*expect:\s*(?P<rules>[A-Z][\w|,\s-]*?)\s*(?:--.*)?$")
_AT_LINE = re.compile(r"#\s*expect:\s*(?P<rules>[A-Z][\w|-]*)\s+line\s+(?P<line>\d+)")
_NONE = re.compile(r"#\s*expect:\s*none\b")
_RULE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+|SPEC")


@dataclass(frozen=True)
class Expectation:
    line: int
    rules: frozenset[str]  # any of these rules on this line meets it

    def met_by(self, rule: str, line: int | None) -> bool:
        return line == self.line and rule in self.rules


@dataclass
class SpecResult:
    path: Path
    expectations: list[Expectation]
    clean: bool  # "# expect: none"
    findings: list[tuple[str, str, int | None, str]] = field(
        default_factory=list
    )  # rule, severity, line, msg

    @property
    def met(self) -> list[Expectation]:
        return [e for e in self.expectations if any(e.met_by(r, ln) for r, _, ln, _ in self.findings)]

    @property
    def missed(self) -> list[Expectation]:
        return [e for e in self.expectations if e not in self.met]

    @property
    def right(self) -> list[tuple[str, str, int | None, str]]:
        return [f for f in self.findings if any(e.met_by(f[0], f[2]) for e in self.expectations)]

    @property
    def wrong(self) -> list[tuple[str, str, int | None, str]]:
        return [f for f in self.findings if f not in self.right]

    @property
    def on_a_mistake(self) -> list[tuple[str, str, int | None, str]]:
        """Findings on a line where the reviewer found a mistake, whatever rule they name (a second rule on the
        same mistake: a deadline inside the holiday is also a wrong working day)."""
        lines = {e.line for e in self.expectations}
        return [f for f in self.findings if f[2] in lines]


def read_expectations(path: Path) -> tuple[list[Expectation], bool]:
    """The expectations a spec's comments state, and whether it says it has no mistake."""
    expectations: list[Expectation] = []
    clean = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _NONE.search(line):
            clean = True
            continue
        at = _AT_LINE.search(line)
        if at is not None:
            expectations.append(Expectation(int(at["line"]), frozenset(_RULE.findall(at["rules"]))))
            continue
        inline = _INLINE.search(line)
        if inline is not None and not line.lstrip().startswith("#"):
            for group in inline["rules"].split(","):
                rules = frozenset(_RULE.findall(group))
                if rules:
                    expectations.append(Expectation(number, rules))
    return expectations, clean


def run(corpus: str) -> list[SpecResult]:
    results = []
    for path in sorted((ROOT / "corpus" / corpus).glob("*.yaml")):
        expectations, clean = read_expectations(path)
        result = SpecResult(path, expectations, clean)
        checked = check_path(path, today=TODAY, use_pyproject=False)
        result.findings = [
            (f.rule, f.severity, f.line, f.message) for f in checked.findings if f.severity != "info"
        ]
        results.append(result)
    return results


def ratio(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def summary(name: str, results: list[SpecResult]) -> tuple[str, dict[str, int]]:
    expected = sum(len(r.expectations) for r in results)
    met = sum(len(r.met) for r in results)
    found = sum(len(r.findings) for r in results)
    right = sum(len(r.right) for r in results)
    on_lines = sum(len(r.on_a_mistake) for r in results)
    clean = [r for r in results if r.clean]
    clean_errors = sum(1 for r in clean for f in r.findings if f[1] == "error")
    counts = {
        "specs": len(results),
        "clean": len(clean),
        "expected": expected,
        "met": met,
        "found": found,
        "right": right,
        "clean_errors": clean_errors,
    }
    row = (
        f"| {name} | {len(results)} ({len(clean)} without mistakes) | {expected} | {met} | "
        f"{ratio(met, expected)} | {found} | {right} | {ratio(right, found)} | {ratio(on_lines, found)} | "
        f"{clean_errors} |"
    )
    return row, counts


def details(results: list[SpecResult]) -> list[str]:
    lines = []
    for result in results:
        name = result.path.relative_to(ROOT)
        for missed in result.missed:
            lines.append(f"- missed: `{name}:{missed.line}` {'|'.join(sorted(missed.rules))}")
        for rule, severity, line, message in result.wrong:
            lines.append(f"- false alarm: `{name}:{line}` {severity} {rule} {message}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="write bench/RESULTS-recall.md")
    args = parser.parse_args()
    header = [
        "| corpus | specs | mistakes | caught | recall | findings | right | precision | on a mistake's line "
        "| errors on clean |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    rows, notes, totals = [], [], {}
    everything: list[SpecResult] = []
    for corpus in CORPORA:
        results = run(corpus)
        everything += results
        row, counts = summary(corpus, results)
        rows.append(row)
        notes += details(results)
        totals = {k: totals.get(k, 0) + v for k, v in counts.items()}
    all_row, _ = summary("all", everything)
    table = "\n".join([*header, *rows, all_row])
    print(table)
    print("\n".join(notes) if notes else "no miss and no false alarm")
    if args.write:
        write(table, notes)
    recall_ok = totals["met"] >= 0.9 * totals["expected"]
    precision_ok = totals["right"] >= 0.95 * totals["found"]
    return 0 if recall_ok and precision_ok and totals["clean_errors"] == 0 else 1


def write(table: str, notes: list[str]) -> None:
    import platform

    by_rule: dict[str, int] = {}
    for note in notes:
        if note.startswith("- false alarm:"):
            rule_id = note.split("` ", 1)[1].split(" ")[1]
            by_rule[rule_id] = by_rule.get(rule_id, 0) + 1
    alarms = ", ".join(f"{rule_id} {n}" for rule_id, n in sorted(by_rule.items(), key=lambda kv: -kv[1]))
    text = f"""# `notices check`: recall and precision on real and planted mistakes

Produced by `.venv/bin/python bench/recall.py --write` (Python {platform.python_version()}). The corpus and how
its expectations are written: `corpus/README.md`; how a finding is counted: the docstring of
`bench/recall.py`. Errors and warnings count as findings; info findings do not. A finding is right only when
an expectation names its rule on its line, so a true finding the reviewer did not write down (a second rule
on the same mistake, a slip noticed only after the checker pointed at it) counts against precision: the
expectations are not edited after the fact. "On a mistake's line" is the share of findings on a line where the
reviewer found a mistake, whatever rule they name: it shows how many of the strict false alarms point at a real
mistake through a second rule.

{table}

False alarms by rule: {alarms or "none"}.

## Misses and false alarms

{chr(10).join(notes) if notes else "None."}
"""
    (ROOT / "bench" / "RESULTS-recall.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
