"""Every step `notices render` takes short of drawing, taken by `notices check`: a clean check means a render
that succeeds.

Three steps can fail after a spec has loaded, and each is a rule (`notices/check/rules/render_steps.py`):

- composing: the spec's strings and the kind's template render against the sample recipient (``recipient:``),
  so an undefined variable, an unknown filter (``|number``) or a failing expression is found here, at its
  line, rather than by the render;
- assets: the seal and the logo exist inside their folder and decode as images the PDF and the DOCX can place;
- fonts: every character of the composed document has a glyph in the face its element prints in, else in
  some installed face (then it prints in another face), else it would print as an empty box. Which face
  prints what is the layout stage's decision, so this step lives in `notices.fontcheck` and registers here.

The composed document is computed once per check (:func:`composed`) and shared with the rules that read the
sentences the kind templates write.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from notices.check.findings import Severity
from notices.document import Document
from notices.errors import Location, NoticeError, Problem, TemplateError
from notices.patterns import LazyPattern
from notices.reader import Notice
from notices.reader.source import PathKey

_PATH_PART = LazyPattern(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path_text(text: str) -> PathKey:
    """``body[2].text`` → ``("body", 2, "text")``: the inverse of `path_text`."""
    return tuple(int(index) if index else key for key, index in _PATH_PART.findall(text))


@dataclass(frozen=True)
class StepProblem:
    """Something a render step would refuse or get wrong, at a spec path or at a place in a file."""

    message: str
    path: PathKey = ()
    fix: str = ""
    at: Location | None = None  # where it is, when that is not a spec path (a kind template's line)
    severity: Severity | None = None
    char: str = ""  # the character a font problem is about
    undefined: str = ""  # the name composing could not resolve, as notices.errors.Problem.undefined


@dataclass(frozen=True)
class Composed:
    document: Document | None
    problems: tuple[StepProblem, ...]


def composed(notice: Notice, today: dt.date | None) -> Composed:
    """The document the render would draw for the sample recipient, or the problems that stop composing it.

    A field the spec uses that the sample recipient lacks (or all of them, when there is no sample: an ERP
    passes the recipient at render time, a batch takes it from each row) is stood in for by its name in 〔〕:
    whether every row supplies it is P-PLACEHOLDER's question, not a failure of the template.
    """
    from notices.composer import compose

    try:
        return Composed(compose(notice, stand_in_recipient(notice), today=today), ())
    except TemplateError as err:
        return Composed(None, tuple(_from_problem(notice, p) for p in err.problems))
    except NoticeError:  # an asset that is missing or outside its folder: R-ASSET reports it
        return Composed(None, ())


_RECIPIENT_FIELD = LazyPattern(r"\brecipient((?:\s*\.\s*\w+|\[\s*['\"][^'\"]+['\"]\s*\])+)")


_KEY = LazyPattern(r"['\"](?P<quoted>[^'\"]+)['\"]|\w+")


def stand_in_recipient(notice: Notice) -> dict[str, Any]:
    """The sample recipient, with a stand-in for every field the spec's strings use that it lacks."""
    sample = notice.data.get("recipient")
    recipient: dict[str, Any] = copy.deepcopy(dict(sample)) if isinstance(sample, Mapping) else {}
    for text in _strings(notice.data):
        for match in _RECIPIENT_FIELD.finditer(text):
            keys = [m["quoted"] or m.group() for m in _KEY.finditer(match.group(1))]
            _stand_in(recipient, keys)
    return recipient


def _stand_in(node: dict[str, Any], keys: list[str]) -> None:
    for position, key in enumerate(keys):
        last = position == len(keys) - 1
        if key not in node:
            node[key] = f"〔{key}〕" if last else {}
        if last or not isinstance(node[key], dict):
            return
        node = node[key]


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, Mapping):
        for key, value in node.items():
            if key not in ("recipient", "vars", "checks"):
                yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _from_problem(notice: Notice, problem: Problem) -> StepProblem:
    path = parse_path_text(problem.path) if problem.path else ()
    in_spec = problem.location.file == notice.source.file and problem.location.line is not None
    return StepProblem(
        problem.message,
        path,
        problem.fix,
        problem.location if in_spec or not path else None,
        undefined=problem.undefined,
    )


# ---------------------------------------------------------------- assets


def asset_problems(notice: Notice) -> Iterator[StepProblem]:
    """The seal and the logo, opened and decoded by `notices.assets` as the PDF and the DOCX will: each must
    be a PNG, JPEG or GIF inside its folder. A house style's images are validated when it loads."""
    from notices.assets import AssetError, load_image, resolve_image

    seal = notice.spec.sign_off.seal
    if seal:
        where = notice.source.locate(("sign_off", "seal"))
        try:
            resolve_image(notice.base_dir, seal, role="seal", where=where)
        except AssetError as err:
            for problem in err.problems:
                yield StepProblem(problem.message, ("sign_off", "seal"), problem.fix)
    house = notice.house_style
    if house is not None:
        for role, path in (("logo", house.logo), ("seal", house.seal if not seal else None)):
            if path is None:
                continue
            try:
                load_image(path, role=role, where=Location(str(house.file)))
            except AssetError as err:
                for problem in err.problems:
                    yield StepProblem(problem.message, (), problem.fix, problem.location)


# ---------------------------------------------------------------- fonts

FontStep = Callable[[Document], Iterable[StepProblem]]
_font_steps: list[FontStep] = []


def add_font_step(step: FontStep) -> None:
    """Register the font step. Which face prints each element is the layout stage's decision, and checking
    stays clear of the layout stage (the import contract in pyproject.toml), so `notices.fontcheck`, which
    may import both, registers it; `notices check`, every render path and ``notices.check_notice`` load it."""
    if step not in _font_steps:
        _font_steps.append(step)


def font_problems(document: Document) -> Iterator[StepProblem]:
    """Characters no face of their element carries (see `notices.fontcheck`); none when it is not loaded."""
    for step in _font_steps:
        yield from step(document)
