"""Load a notice spec from a YAML file, YAML text or a Python dict, reporting every problem at once."""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from notices.errors import Location, Problem, SpecError, collect
from notices.i18n import N_, _, language
from notices.reader.as_typed import validate_as_typed
from notices.reader.deadline_text import deadline_rewrite
from notices.reader.files import read_text_file
from notices.reader.slips import CHINESE_KEYS, key_hint, misplaced_key_hint
from notices.reader.source import PathKey, SourceMap, parse_yaml, path_text, value_at
from notices.spec.model import NoticeSpec

if TYPE_CHECKING:
    from notices.reader.house_style import HouseStyle


@dataclass(frozen=True)
class Notice:
    """A validated spec together with where it came from.

    Assets (seal, logo) are read only from ``base_dir``, the spec's folder, and from the folder of the house
    style it names; ``data`` is the plain data the spec was built from, kept so a batch can apply per-recipient
    overrides and validate again.
    """

    spec: NoticeSpec
    source: SourceMap
    base_dir: Path
    data: Mapping[str, Any]
    house_style: HouseStyle | None = None  # named by the spec or [tool.notices]; its defaults are in data

    @property
    def name(self) -> str:
        return Path(self.source.file).stem if self.source.file.endswith((".yaml", ".yml")) else "notice"


def load(spec: str | Path | Mapping[str, Any], *, base_dir: str | Path | None = None) -> Notice:
    """Read a spec from a path (str or Path) or a dict and validate it.

    Raises :class:`SpecError` listing every problem found, each with file, line and column.
    """
    if isinstance(spec, Mapping):
        source = SourceMap("<dict>")
        return from_data(dict(spec), source, Path(base_dir or Path.cwd()), [])
    if not isinstance(spec, str | os.PathLike):
        raise SpecError(
            Problem(
                _("a spec is the path of a YAML file or a dict of its keys, not {type}").format(
                    type=type(spec).__name__
                ),
                Location("<spec>"),
                fix=_("pass notices.load() a path or a dict"),
            )
        )
    path = Path(spec)
    text = read_text_file(path)
    return loads(text, file=str(path), base_dir=base_dir or path.parent)


def loads(text: str, *, file: str = "<string>", base_dir: str | Path | None = None) -> Notice:
    """Read a spec from YAML text."""
    data, source, problems = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise SpecError(
            Problem(
                _("a spec is a mapping of keys (kind, issuer, title, body, …), not a list or a single value"),
                source.locate(()),
                fix=_("start from `notices init`"),
            )
        )
    return from_data(data, source, Path(base_dir or Path.cwd()), problems)


def from_data(data: dict[str, Any], source: SourceMap, base_dir: Path, problems: list[Problem]) -> Notice:
    """Validate plain data against the model; problems from parsing and validation are reported together."""
    from notices.reader.bounds import data_problems
    from notices.reader.house_style import HOUSE_DEFAULTS, apply_house_style

    # Limits and plain data first: nothing below may walk a dict that contains itself or a 10 MB title.
    over = data_problems(data, source)
    if over:
        raise SpecError(collect(_dedupe([*problems, *over])))
    data, house_style, house_problems = apply_house_style(data, source, base_dir)
    found = [*problems, *house_problems]
    # 4008201688, 02162 or No where text is wanted: the text the writer typed, not YAML's number or boolean
    spec, err, data = validate_as_typed(NoticeSpec, data, source)
    if err is not None:
        # A slip (a full-width colon after a key, an unquoted {{) explains what the model finds on its line.
        slipped = {(p.location.file, p.location.line) for p in problems if p.code == "slip"}
        # A house style that failed to load supplied no issuer: "missing issuer" would only be its echo.
        style_failed = any(p.location.file != source.file for p in house_problems)
        found.extend(
            p
            for p in validation_problems(err, data, source, missing_ok=HOUSE_DEFAULTS if style_failed else ())
            if (p.location.file, p.location.line) not in slipped
        )
    if found or spec is None:
        raise SpecError(collect(_dedupe(found)))
    return Notice(spec=spec, source=source, base_dir=base_dir.resolve(), data=data, house_style=house_style)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        key = (p.path, str(p.location))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def validation_problems(
    err: ValidationError,
    data: Any,
    source: SourceMap,
    root: type[BaseModel] = NoticeSpec,
    *,
    missing_ok: Collection[str] = (),
) -> list[Problem]:
    """Translate pydantic's errors into located problems a writer can act on (``root``: the model validated;
    ``missing_ok``: paths whose absence is not to be reported)."""
    problems: list[Problem] = []
    for error in err.errors(include_url=False):
        path, model = _data_path(error["loc"], data, root)
        kind = error["type"]
        if kind == "missing" and path_text(path) in missing_ok:
            continue
        if path and path[-1] == "[key]":  # a mapping's key is refused ({fr: …} where zh or en is wanted)
            key = path[-2]
            problems.append(
                Problem(
                    _("{key!r} is not allowed here").format(key=key),
                    source.locate(path[:-1], key=True),
                    path_text(path[:-1]),
                    _("the keys here are {expected}").format(
                        expected=(error.get("ctx") or {}).get("expected", "")
                    ),
                )
            )
            continue
        value_here = value_at(data, path)
        if "str" in error["loc"] and isinstance(value_here, dict):
            continue  # the text branch of "text or mapping": the mapping branch's errors say more
        if kind == "extra_forbidden":
            key = str(path[-1])
            allowed = sorted(model.model_fields) if model else []
            guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            fix = (
                _("did you mean {guess!r}?").format(guess=guess[0])
                if guess
                else _("allowed keys here: {items}").format(items=", ".join(allowed))
            )
            parent = str(path[-2]) if len(path) > 1 else ""
            meant = CHINESE_KEYS.get(key.strip())
            if key_hint(key):
                # 日期: at the top is both in Chinese and in the wrong place: say both, or the writer's next
                # run only meets the second
                elsewhere = misplaced_key_hint(parent, meant) if meant else None
                fix = f"{key_hint(key)}; {elsewhere}" if elsewhere else str(key_hint(key))
            elif misplaced_key_hint(parent, key):
                fix = str(misplaced_key_hint(parent, key))
            elif isinstance(value_here, str) and not key.isascii() and _one_key(data, path[:-1]):
                # "- 服务时间: 9:00至17:00": a sentence with “: ” that YAML read as a key and its value
                typed = f"{key}: {value_here}"
                problems.append(
                    Problem(
                        _(
                            "the text {typed!r} holds “: ” (a colon and a space), which YAML reads as a key and its value"
                        ).format(typed=typed),
                        source.locate(path, key=True),
                        path_text(path[:-1]),
                        _(
                            "use the full-width colon “：” in Chinese text ({fixed}), or put it in quotes: '{typed}'"
                        ).format(fixed=f"{key}：{value_here}", typed=typed),
                        "spec",
                    )
                )
                continue
            elif value_here is None and not key.isascii():
                fix = _(
                    "if this is text and not a key, end it with the full-width colon “：” (YAML reads a half-width “:” at the end as a key), or quote it: '{key}:'"
                ).format(key=key)
            problems.append(
                Problem(
                    _("unknown key {key!r}").format(key=key),
                    source.locate(path, key=True),
                    path_text(path),
                    fix,
                    "spec",
                )
            )
        elif kind == "missing":
            problems.append(
                Problem(
                    _("missing required key {path!r}").format(path=str(path[-1])),
                    source.locate(path[:-1]),
                    path_text(path),
                    _("add {path}: …").format(path=path[-1]),
                )
            )
        elif value_here is None and kind in _NOT_TEXT_KINDS and _typed_nothing(data, path):
            problems.append(
                Problem(
                    _("nothing is written here, and a value is needed"),
                    source.locate(path),
                    path_text(path),
                    _("write the entry’s text after “-”, or delete the empty entry")
                    if isinstance(path[-1], int)
                    else _("write a value after “{key}:”").format(key=path[-1]),
                )
            )
        elif (
            shape := _shape_problem(kind, path, value_here, model, or_text="list[str]" in error["loc"])
        ) is not None:
            message, fix = shape
            problems.append(Problem(message, source.locate(path), path_text(path), fix))
        else:
            message = _pydantic_message(error)
            if value_here is None:
                # a value the model made from what was written (sign_off: 公司 2026年2月30日) has no node
                value_here = error.get("input")
            shown = repr(value_here) if not isinstance(value_here, dict | list) else type(value_here).__name__
            if kind != "value_error" or not isinstance(value_here, dict | list):
                # A sentence of our own about a whole mapping or list (a table whose rows do not fit its
                # header) says what is wrong; "(got dict)" would only be noise to the writer.
                message = _("{message} (got {shown})").format(message=message, shown=shown)
            problems.append(
                Problem(
                    message,
                    source.locate(path),
                    path_text(path),
                    _fix_for(kind, path),
                )
            )
    return problems


# pydantic speaks English only: its words for the usual mistakes, as the catalog's messages (its own templates).
_PYDANTIC_MESSAGES = {
    "date_parsing": N_("Input should be a valid date in the format YYYY-MM-DD, {error}"),
    "date_from_datetime_parsing": N_("Input should be a valid date or datetime, {error}"),
    "date_type": N_("Input should be a valid date"),
    "time_parsing": N_("Input should be in a valid time format, {error}"),
    "time_type": N_("Input should be a valid time"),
    "int_parsing": N_("Input should be a valid integer, unable to parse string as an integer"),
    "int_type": N_("Input should be a valid integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "float_parsing": N_("Input should be a valid number, unable to parse string as a number"),
    "float_type": N_("Input should be a valid number"),
    "decimal_parsing": N_("Input should be a valid decimal"),
    "decimal_type": N_("Decimal input should be an integer, float, string or Decimal object"),
    "bool_parsing": N_("Input should be a valid boolean, unable to interpret input"),
    "bool_type": N_("Input should be a valid boolean"),
    "string_type": N_("Input should be a valid string"),
    "list_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary"),
    "literal_error": N_("Input should be {expected}"),
    "string_too_short": N_("String should have at least {min_length} characters"),
    "string_too_long": N_("String should have at most {max_length} characters"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
}


def _pydantic_message(error: Any) -> str:
    """pydantic's message for ``error``, in the reader's language where the catalog has its words."""
    message = str(error["msg"]).removeprefix("Value error, ")
    template = _PYDANTIC_MESSAGES.get(str(error["type"]))
    if template is None or language() == "en":
        return message
    try:
        return _(template).format(**{k: v for k, v in (error.get("ctx") or {}).items()})
    except (KeyError, IndexError, ValueError):
        return message


def _shape_problem(
    kind: str, path: PathKey, value: Any, owner: type[BaseModel] | None, *, or_text: bool
) -> tuple[str, str] | None:
    """A value of the wrong shape (text where keys are wanted, keys where a list is), said as the writer
    would fix it, with the keys the place takes; ``None`` when the error is not about shape. ``or_text``: the
    place also takes text (pydantic tried the list after the text)."""
    if not path or value is None:
        return None
    name = str(path[-1]) if isinstance(path[-1], str) else path_text(path)
    deadline = path[-1] == "deadlines" or (len(path) > 1 and path[-2] == "deadlines")
    rewrite = deadline_rewrite(value) if deadline and isinstance(value, str) else None
    if kind in ("model_type", "dict_type", "model_attributes_type") and rewrite is not None:
        return (
            _(
                "a deadline is written as its parts (what is due, the day, the time), and here it is a sentence"
            ),
            (
                _("write the entry as - {rewrite}, or put the sentence in the body")
                if isinstance(path[-1], int)
                else _("write it as deadlines: [{rewrite}], or put the sentence in the body")
            ).format(rewrite=rewrite),
        )
    if kind in ("model_type", "dict_type", "model_attributes_type") and not isinstance(value, dict | list):
        fields = _field_names(_field_model(owner, path[-1]) if isinstance(path[-1], str) else None)
        sample = ", ".join(f"{field}: …" for field in fields[:3])
        return (
            _("{name} takes keys under it ({fields}), not a single value").format(
                name=name, fields=", ".join(fields) or "…"
            ),
            _("write it as {name}: {{{sample}}}, or with each key on its own indented line").format(
                name=name, sample=sample or "…"
            ),
        )
    if kind == "list_type" and isinstance(value, dict) and or_text:
        return (
            _("{name} takes text or a list, and here it holds keys").format(name=name),
            _(
                "write the text after “{name}:” (in quotes if it holds “: ”), or a list: each entry on its own line, starting with “- ”"
            ).format(name=name),
        )
    if kind == "list_type" and isinstance(value, dict):
        return (
            _("{name} takes a list, and here it holds keys").format(name=name),
            _("write each entry on its own line under {name}:, starting with “- ”").format(name=name),
        )
    if kind == "string_type" and isinstance(value, dict | list):
        return (
            _("{name} is text, and here it holds {what}").format(
                name=name, what=_("keys") if isinstance(value, dict) else _("a list")
            ),
            _(
                "write the text on one line after “{name}:”; text holding “: ” or starting with “[” or “{{” goes in quotes"
            ).format(name=name),
        )
    return None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model is not None else []


# pydantic's error types for a value of the wrong shape: for an empty value, "got None" says nothing useful.
_NOT_TEXT_KINDS = frozenset({"string_type", "model_type", "dict_type", "list_type", "model_attributes_type"})


def _typed_nothing(data: Any, path: PathKey) -> bool:
    """Whether ``path`` exists and holds nothing: ``- `` or ``key:`` with no value after it."""
    if not path:
        return False
    parent = value_at(data, path[:-1])
    last = path[-1]
    if isinstance(parent, dict):
        return last in parent and parent[last] is None
    return isinstance(parent, list) and isinstance(last, int) and last < len(parent) and parent[last] is None


def _one_key(data: Any, path: PathKey) -> bool:
    """Whether the mapping at ``path`` has a single key (a sentence read as ``key: value``)."""
    parent = value_at(data, path)
    return isinstance(parent, dict) and len(parent) == 1


def _fix_for(kind: str, path: PathKey) -> str:
    if "date" in kind or (path and path[-1] == "date"):
        return _("write a real date as YYYY-MM-DD or 2026年1月5日")
    if "time" in kind or (path and path[-1] == "time"):
        return _("write the time as '17:00' (quoted)")
    if kind.startswith("literal"):
        return _("use one of the values listed")
    if kind in ("string_type", "model_type", "dict_type", "list_type"):
        return _("see `notices schema` for the expected shape")
    return ""


def _data_path(
    loc: tuple[int | str, ...], data: Any, root: type[BaseModel] = NoticeSpec
) -> tuple[PathKey, type[BaseModel] | None]:
    """Drop pydantic's union-branch labels from a location and find the model that owns its last key."""
    path: list[str | int] = []
    node = data
    model: type[BaseModel] | None = root
    for position, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            if position < len(loc) - 1:
                model = _field_model(model, part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if part < len(node) else None
        elif isinstance(node, dict) and isinstance(part, str) and part[:1].isupper():
            model = _named_model(part) or model  # a union branch such as "Section"
        elif isinstance(part, str) and not part[:1].isupper() and not _TYPE_LABEL.match(part):
            path.append(part)  # a missing key, or an unknown one: the last element
            node = None
    return tuple(path), model


# pydantic's labels for the branches of a union (str, list[str], dict[str,Contact]), not keys of the data
_TYPE_LABEL = re.compile(r"(str|int|float|bool|list|dict|tuple|set|literal)(\[.*\])?\Z")


def _named_model(name: str) -> type[BaseModel] | None:
    import notices.spec.model as model_module

    candidate = getattr(model_module, name, None)
    return candidate if isinstance(candidate, type) and issubclass(candidate, BaseModel) else None


def _field_model(model: type[BaseModel] | None, key: str) -> type[BaseModel] | None:
    if model is None:
        return None
    if key not in model.model_fields:
        # a key of a mapping of models ({zh: Contact, en: Contact}): its value is that model again
        return model
    return _first_model(model.model_fields[key].annotation)


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:  # a discriminated union, or a type with validators
        return _first_model(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        for arg in typing.get_args(annotation):
            found = _first_model(arg)
            if found:
                return found
    return None


__all__ = ["Notice", "from_data", "load", "loads"]
