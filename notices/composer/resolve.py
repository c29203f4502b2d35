"""Fill the spec's own strings with variables, keeping data as data.

Only strings the author wrote are templates. ``recipient``, ``vars`` and ``checks`` hold data and are passed through
untouched, so whatever an ERP puts in a recipient's name is printed, never executed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from typing import Any

import jinja2
from pydantic import ValidationError

from notices.errors import Problem, TemplateError
from notices.i18n import _
from notices.reader import Notice, validation_problems
from notices.reader.bounds import data_problems, plain_data
from notices.reader.source import PathKey, path_text
from notices.spec.model import NoticeSpec
from notices.templating import FILTERS, BudgetExceeded, is_template, render_string, string_environment

DATA_KEYS = frozenset({"recipient", "vars", "checks"})


def template_context(
    notice: Notice, recipient: Mapping[str, Any] | None, issue_date: dt.date
) -> dict[str, Any]:
    """What spec strings may use: copies of the recipient and ``vars`` as plain data, never a caller's objects.

    A module, a ``Path`` or any other object would hand its methods to every spec string
    (``{{ vars.os.system(...) }}``); :func:`plain_data` refuses them, naming where they are.
    """
    sample = notice.data.get("recipient") or {}
    try:
        return {
            "recipient": plain_data(recipient if recipient is not None else sample, "recipient"),
            "vars": plain_data(notice.data.get("vars") or {}, "vars"),
            "issue_date": issue_date,
        }
    except ValueError as err:
        raise TemplateError(
            Problem(
                str(err),
                notice.source.locate(()),
                fix=_("pass plain values: text, numbers, dates, lists and dicts"),
                code="template",
            )
        ) from None


def resolve_spec(
    notice: Notice,
    recipient: Mapping[str, Any] | None,
    issue_date: dt.date,
    data: Mapping[str, Any] | None = None,
) -> NoticeSpec:
    """The spec with every template string rendered; raises :class:`TemplateError` with each string's location."""
    source_data = dict(data if data is not None else notice.data)
    if not _has_templates(source_data):
        return notice.spec if data is None else _validate(notice, source_data)
    context = template_context(notice, recipient, issue_date)
    problems: list[Problem] = []
    rendered = _render_tree(source_data, (), context, notice, problems)
    if problems:
        raise TemplateError(problems)
    return _validate(notice, rendered)


def _validate(notice: Notice, data: dict[str, Any]) -> NoticeSpec:
    # What templates and overrides produced is held to the same limits as what the writer typed.
    over = data_problems(data, notice.source)
    if over:
        raise TemplateError(over)
    try:
        return NoticeSpec.model_validate(data)
    except ValidationError as err:
        raise TemplateError(validation_problems(err, data, notice.source)) from None


def _has_templates(node: Any, top: bool = True) -> bool:
    if isinstance(node, str):
        return is_template(node)
    if isinstance(node, Mapping):
        return any(_has_templates(v, False) for k, v in node.items() if not (top and k in DATA_KEYS))
    if isinstance(node, list):
        return any(_has_templates(v, False) for v in node)
    return False


def _render_tree(
    node: Any, path: PathKey, context: dict[str, Any], notice: Notice, problems: list[Problem]
) -> Any:
    if isinstance(node, str):
        return _render_one(node, path, context, notice, problems)
    if isinstance(node, Mapping):
        return {
            k: v if (not path and k in DATA_KEYS) else _render_tree(v, (*path, k), context, notice, problems)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_render_tree(v, (*path, i), context, notice, problems) for i, v in enumerate(node)]
    return node


def _render_one(
    text: str, path: PathKey, context: dict[str, Any], notice: Notice, problems: list[Problem]
) -> str:
    try:
        return render_string(text, context)
    except jinja2.TemplateSyntaxError as err:
        offset = _line_offset(text, err.lineno)
        unknown = _UNKNOWN_FILTER.match(err.message or "")
        if unknown is not None:
            problems.append(_unknown_filter(text, unknown["name"], path, notice))
            return text
        fix = _("close every {{ with }}; write a literal brace pair as {{ '{{' }}")
        problems.append(
            Problem(
                _("template error: {message}").format(message=err.message),
                notice.source.locate(path, offset),
                path_text(path),
                fix,
            )
        )
    except jinja2.UndefinedError as err:
        name = _undefined_name(str(err.message))
        offset = _expression_offset(text, name)
        message, fix = _undefined_in_words(text, name, context, str(err.message))
        problems.append(
            Problem(
                message, notice.source.locate(path, offset), path_text(path), fix, "template", undefined=name
            )
        )
    except BudgetExceeded as err:
        problems.append(
            Problem(
                _("the template was stopped: {err}").format(err=err),
                notice.source.locate(path, _expression_offset(text, "")),
                path_text(path),
                _(
                    "a spec string fills in values; loops and arithmetic of this size do not belong in a notice"
                ),
                "template",
            )
        )
    except jinja2.exceptions.SecurityError as err:
        problems.append(
            Problem(
                _("refused by the template sandbox: {err}").format(err=err),
                notice.source.locate(path),
                path_text(path),
            )
        )
    except jinja2.TemplateError as err:  # a filter or an operator given a value it cannot use
        problems.append(
            Problem(
                _("template error: {err}").format(err=err),
                notice.source.locate(path, _expression_offset(text, "")),
                path_text(path),
                _("check the value given to the filter or operator in this {{ … }}"),
                "template",
            )
        )
    return text


_UNKNOWN_FILTER = re.compile(r"No filter named '(?P<name>[^']+)'")


def _unknown_filter(text: str, name: str, path: PathKey, notice: Notice) -> Problem:
    """``{{ vars.rate|number }}``: said at the filter, with the filters a spec string has."""
    at = re.search(rf"\|\s*{re.escape(name)}\b", text)
    ours = sorted(FILTERS)
    known = sorted(string_environment().filters)
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    fix = (
        _(
            "did you mean “{guess}”? the date filters are {ours}; Jinja's own (round, upper, default …) work too"
        )
        if guess
        else _("the date filters are {ours}; Jinja's own (round, upper, default …) work too")
    ).format(guess=guess[0] if guess else "", ours=", ".join(ours))
    return Problem(
        _("unknown filter “{name}” in a {{{{ … }}}}").format(name=name),
        notice.source.locate(path, at.start() if at else _expression_offset(text, "")),
        path_text(path),
        fix,
        "template",
    )


def _line_offset(text: str, lineno: int) -> int:
    offset = 0
    for _line in range(max(0, lineno - 1)):
        newline = text.find("\n", offset)
        if newline == -1:
            break
        offset = newline + 1
    return offset


def _undefined_in_words(text: str, name: str, context: dict[str, Any], raw: str) -> tuple[str, str]:
    """Jinja's "'dict object' has no attribute 'nmae'" as the writer wrote it: recipient.nmae, with the names
    that do exist there and the nearest one."""
    written = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(name)}\b", text) if name else None
    if written is None:
        if name:
            known = sorted(k for k in context if k != "issue_date")
            guess = difflib.get_close_matches(name, known, n=1)
            return (
                _("undefined variable {name!r}").format(name=name),
                (
                    _(
                        "did you mean {guess!r}? spec strings can use {items} (and issue_date); define it under vars:"
                    )
                    if guess
                    else _("spec strings can use {items} (and issue_date); define it under vars:")
                ).format(guess=guess[0] if guess else "", items=", ".join(known)),
            )
        return (
            _("undefined variable: {raw}").format(raw=raw),
            _("define it under vars:, give the recipient that field, or fix the spelling"),
        )
    owner = written.group(1)
    node: Any = context
    for part in owner.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    have = sorted(str(key) for key in node) if isinstance(node, dict) else []
    guess = difflib.get_close_matches(name, have, n=1)
    where = _("the recipient") if owner.startswith("recipient") else owner
    if guess:
        fix = _("did you mean {{{{ {owner}.{guess} }}}}? {where} has: {items}").format(
            owner=owner, guess=guess[0], where=where, items=", ".join(have)
        )
    elif have:
        fix = _("{where} has: {items}; give it a field {name!r} or fix the spelling").format(
            where=where, items=", ".join(have), name=name
        )
    else:
        fix = _("give {where} a field {name!r} (for the recipient: a column of that name)").format(
            where=where, name=name
        )
    return _("{{{{ {owner}.{name} }}}} is undefined: {where} has no {name!r}").format(
        owner=owner, name=name, where=where
    ), fix


def _undefined_name(message: str) -> str:
    match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
    if not match:
        return ""
    return match.group(1) or match.group(2) or ""


def _expression_offset(text: str, name: str) -> int:
    for match in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", text, re.S):
        if name and name in match.group(0):
            return match.start()
    first = re.search(r"\{\{|\{%", text)
    return first.start() if first else 0
