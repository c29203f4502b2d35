"""P-PLACEHOLDER: template leftovers (XX, 20XX, ××, ＿＿, 【待补】, TODO, 某某) and variables that cannot resolve."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from notices.check.context import NON_PROSE_KEYS, CheckContext, TextField
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.check.textscan import SCAFFOLD_MARK, TEMPLATE, Span, overlaps
from notices.i18n import N_, _
from notices.patterns import LazyPattern
from notices.templating import DataText

_X = "XxＸｘ×"
_PLACEHOLDER_DATE = LazyPattern(
    rf"[\d{_X}]{{2,4}}[ \t]*年[ \t]*[\d{_X}]{{1,2}}[ \t]*月(?:[ \t]*[\d{_X}]{{1,2}}[ \t]*[日号])?"
    rf"|(?<![\d{_X}])[\d{_X}]{{1,2}}[ \t]*月[ \t]*[\d{_X}]{{1,2}}[ \t]*[日号]"
    rf"|(?<![A-Za-z\d])[\d{_X}]{{4}}[-/.][\d{_X}]{{1,2}}[-/.][\d{_X}]{{1,2}}(?![\dA-Za-z])"
)
# A number with blanks in it, "400-XXX-XXXX", "021-6288XXXX": one thing left to fill in, not several.
_PLACEHOLDER_NUMBER = LazyPattern(rf"(?<![A-Za-z\d])(?:[\d{_X}]+[-－])+[\d{_X}]+(?![A-Za-z\d])")
# (pattern, what it is, how to fix it)
_BLANKS = LazyPattern(r"[_＿﹍]{2,}")
_PATTERNS: tuple[tuple[LazyPattern, str, str], ...] = (
    (
        LazyPattern(rf"(?<![A-Za-z\d])(?:19|20)(?:\d[{_X}]|[{_X}]{{2}})(?![A-Za-z])"),
        N_("year placeholder"),
        N_("write the year"),
    ),
    (
        LazyPattern(rf"(?<![A-Za-z])[{_X}]{{2,}}(?![A-Za-z])"),
        N_("placeholder"),
        N_("write the real name or value"),
    ),
    (
        LazyPattern(rf"(?<![A-Za-z\d])[{_X}](?=[年月日号时点分])"),
        N_("placeholder"),
        N_("write the real value"),
    ),
    (LazyPattern(r"[○□△＊]{2,}"), N_("placeholder"), N_("write the real name or value")),
    (_BLANKS, N_("blank"), N_("fill it in")),
    (
        LazyPattern(
            r"[【\[〔(（][^】\]〕)）\n]{0,12}(?:待补|待定|待填|待确认|请填写|请补充|填写)[^】\]〕)）\n]{0,12}[】\]〕)）]"
        ),
        N_("note to fill in"),
        N_("replace it with the real content"),
    ),
    (
        LazyPattern(
            r"\[(?:your |customer |company |recipient )?(?:name|company|customer|date|address)[^\]\n]{0,20}\]",
            re.I,
        ),
        N_("blank"),
        N_("fill it in"),
    ),
    (
        LazyPattern(r"(?<![A-Za-z])(?:TODO|TBD|TBC|FIXME)(?![A-Za-z])"),
        N_("note to self"),
        N_("do it, then remove the note"),
    ),
)
_SOMEBODY = LazyPattern(r"某某+")
# Where 某某 stands for a real name: in running text it may be a genuine "某某" (a person not named).
_NAME_FIELDS = frozenset({"issuer", "sign_off", "salutation", "contact", "title", "attachments"})

# Values that are not prose but are printed: a placeholder there goes out as surely as one in a sentence
# ("phone: 400-XXX-XXXX"). File names, codes and settings are not printed.
_PRINTED_KEYS = frozenset({"phone", "email", "url", "website", "fax", "mobile", "tel", "hours", "address"})
_NOT_PRINTED = frozenset(
    {"seal", "logo", "style", "font", "kind", "lang", "profile", "locale", "house_style"}
)

_EXPRESSION = LazyPattern(
    r"^\{\{-?\s*(?P<root>[A-Za-z_]\w*)(?P<rest>(?:\s*\.\s*\w+|\[\s*['\"][^'\"]+['\"]\s*\])*)"
)
_UNCLOSED = LazyPattern(r"\{\{(?![^\n]*\}\})")
KNOWN_ROOTS = ("recipient", "vars", "issue_date")


@rule(
    "P-PLACEHOLDER",
    "error",
    summary="No template leftovers (XX, 20XX, ××, ＿＿, 【待补】, TODO, 某某) or variables that cannot resolve",
    source="GB/T 9704-2012 §7.2, §7.3 (every element written out); Jinja2 documentation, “Undefined Types”",
    good=[
        "title: 华东恒信控股有限公司关于2026年春节备货的通知",
        "salutation: 尊敬的{{ recipient.name }}：\nrecipient: {name: 各经销商}",
        "body: ['尺码S至XXL均有现货，型号XR-200已补货，服务时间9:00—17:00。']",
    ],
    bad=[
        "title: 关于XXXX春节备货的通知",
        "body: [202X年新春佳节即将来临。]",
        "body: [最后下单时间为201X年X月XX日。]",
        "issuer: {name: 某某控股有限公司}",
        "body: [联系人：＿＿＿＿，电话：【待补】]",
        "body: [TODO 写清停发货时间]",
        "contact: {name: 王静, phone: 400-XXX-XXXX}",
        "body: [客服热线400-XXX-XXXX照常服务。]",
        "body: ['请于{{ vars.deadline }}前下单。']",
        "salutation: 尊敬的{{ recipent.name }}：",
    ],
)
def placeholders(ctx: CheckContext) -> Iterator[Hit]:
    """A notice copied from a template keeps its blanks: "XXXX公司", "202X年", "X月XX日", "××", "＿＿",
    "【待补】", "TODO", "某某" where a name belongs. Each is an error: the notice would go out with it.

    ``{{ … }}`` variables are filled at render time and are not placeholders when they can resolve:
    ``recipient.*`` (the sample recipient, or each batch row), ``vars.*`` (the spec's ``vars:``) and
    ``issue_date``. Printed values that are not prose are read too: ``phone: 400-XXX-XXXX`` goes out as
    surely as "XXXX公司". A name that cannot resolve (a typo, a missing ``vars`` entry), an empty ``{{ }}`` and an
    unclosed ``{{`` are errors. 某某 in running text (not a name field) is only a warning. An attachment that
    is a form the reader fills in and returns (titled 回执, 报名表, 登记表, 委托书, Reply slip …) keeps its ＿＿
    blanks: they are its fields, as in the reply slip the meeting kind prints."""
    forms = _form_attachments(ctx)
    for field in ctx.iter_texts():
        templates = [m.span() for m in TEMPLATE.finditer(field.text)]
        form = field.path[:1] == ("attachments",) and len(field.path) > 2 and field.path[1] in forms
        yield from _leftovers(field, templates, blanks_to_fill=form)
        yield from _variables(ctx, field)
    for field in ctx.iter_values():
        keys = {p for p in field.path if isinstance(p, str)}
        if _PRINTED_KEYS.isdisjoint(keys) or _NOT_PRINTED.intersection(keys):
            continue
        if not NON_PROSE_KEYS.isdisjoint(keys) and SCAFFOLD_MARK.search(field.text):
            continue  # 【待补：联系电话】 in a phone number: K-UNFILLED's, said once
        first = next(_leftovers(field, [m.span() for m in TEMPLATE.finditer(field.text)]), None)
        if first is not None:  # one finding for the value: "400-XXX-XXXX" is one thing left to fill in
            yield Hit(
                field.path,
                _("placeholder left in “{text}”").format(text=field.text),
                fix=first.fix,
                offset=first.offset,
            )


# An attachment that is a form the reader fills in and sends back (参会回执, 对账回执, 报名表, a reply slip): its
# blanks are the fields, as in the reply slip the meeting kind prints, not a template's leftovers.
_FORM_TITLE = LazyPattern(
    r"回执|报名表|登记表|申请表|确认表|确认单|反馈表|调查表|意见表|信息表|统计表|委托书|授权书|回复单|询证函"
    r"|reply (?:slip|form)|registration form|proxy form|order form|\bform$",
    re.I,
)


def _form_attachments(ctx: CheckContext) -> frozenset[object]:
    attachments = ctx.data.get("attachments") if isinstance(ctx.data, Mapping) else None
    return frozenset(
        index
        for index, item in enumerate(attachments if isinstance(attachments, list) else [])
        if isinstance(item, Mapping)
        and isinstance(item.get("title"), str)
        and _FORM_TITLE.search(item["title"])
    )


def _leftovers(field: TextField, templates: list[Span], *, blanks_to_fill: bool = False) -> Iterator[Hit]:
    """``blanks_to_fill``: the field is a line of a form the reader fills in, whose ＿＿ blanks are its fields."""
    taken: list[Span] = list(templates)
    text = field.text
    for match in _PLACEHOLDER_DATE.finditer(text):
        if any(ch in _X for ch in match.group()) and not overlaps(*match.span(), taken):
            taken.append(match.span())
            yield Hit(
                field.path,
                _("date placeholder “{group}” left in").format(group=match.group()),
                fix=_("write the real date, e.g. 2026年1月20日"),
                offset=match.start(),
            )
    for match in _PLACEHOLDER_NUMBER.finditer(text):
        blanks = sum(ch in _X for ch in match.group())
        if blanks >= 2 and not overlaps(*match.span(), taken):
            taken.append(match.span())
            yield Hit(
                field.path,
                _("placeholder left in “{group}”").format(group=match.group()),
                fix=_("write the real number"),
                offset=match.start(),
            )
    for pattern, what, fix in _PATTERNS:
        if blanks_to_fill and pattern is _BLANKS:
            continue
        for match in pattern.finditer(text):
            if overlaps(*match.span(), taken):
                continue
            taken.append(match.span())
            yield Hit(
                field.path,
                _("{what} “{group}” left in").format(what=_(what), group=match.group()),
                fix=_(fix),
                offset=match.start(),
            )
    for match in _SOMEBODY.finditer(text):
        if overlaps(*match.span(), taken):
            continue
        is_name = field.top in _NAME_FIELDS
        yield Hit(
            field.path,
            _("“{group}” left where a real name belongs").format(group=match.group())
            if is_name
            else _("“{group}” in the text: is it a name still to fill in?").format(group=match.group()),
            fix=_("write the real name"),
            offset=match.start(),
            severity=None if is_name else "warning",
        )


def _variables(ctx: CheckContext, field: TextField) -> Iterator[Hit]:
    text = field.text
    if isinstance(text, DataText):
        return  # a batch row's spec.* value is printed as typed: its {{ }} are characters, not variables
    for match in _UNCLOSED.finditer(text):
        yield Hit(
            field.path,
            _("“{{” is never closed by “}}”"),
            fix=_("close it: {{ recipient.name }}"),
            offset=match.start(),
        )
    for match in TEMPLATE.finditer(text):
        if not match.group().startswith("{{"):
            continue
        inner = match.group()[2:-2].strip(" -")
        if not inner:
            yield Hit(
                field.path,
                _("an empty “{{ }}” left in"),
                fix=_("write the variable, e.g. {{ recipient.name }}"),
                offset=match.start(),
            )
            continue
        name = _simple_name(match.group())
        if name is None:
            continue  # a more complex expression: rendering will judge it
        root, keys = name
        problem = _unresolved(ctx, root, keys)
        if problem is not None:
            message, fix, severity = problem
            yield Hit(field.path, message, fix=fix, offset=match.start(), severity=severity)


def unresolved_names(ctx: CheckContext, text: object) -> set[str]:
    """The names in ``text``'s ``{{ … }}`` that this rule reports as errors, as composing names them when it
    stops on one ("quta" of ``vars.quta``, "recipent" of ``recipent.name``): R-COMPOSE leaves those to this
    rule, which reports every one of them with its fix, not only the first."""
    if not isinstance(text, str) or isinstance(text, DataText):
        return set()
    names: set[str] = set()
    for match in TEMPLATE.finditer(text):
        name = _simple_name(match.group()) if match.group().startswith("{{") else None
        if name is None:
            continue
        root, keys = name
        problem = _unresolved(ctx, root, keys)
        if problem is not None and problem[2] is None:
            names.add(keys[0] if root in KNOWN_ROOTS and keys else root)
    return names


def _simple_name(expression_text: str) -> tuple[str, list[str]] | None:
    """``{{ vars.rate }}`` as ("vars", ["rate"]); None for anything more than a dotted name."""
    expression = _EXPRESSION.match(expression_text)
    if expression is None:
        return None
    keys = re.findall(r"\w+", expression["rest"]) if expression["rest"] else []
    return expression["root"], keys


def _unresolved(ctx: CheckContext, root: str, keys: list[str]) -> tuple[str, str, Any] | None:
    name = ".".join([root, *keys])
    if root not in KNOWN_ROOTS:
        guess = difflib.get_close_matches(root, KNOWN_ROOTS, n=1, cutoff=0.6)
        fix = (
            _("did you mean {{{{ {items} }}}}?").format(items=".".join([guess[0], *keys]))
            if guess
            else _("use recipient.*, vars.* or issue_date")
        )
        return (
            _("undefined variable “{name}”: only recipient, vars and issue_date exist").format(name=name),
            fix,
            None,
        )
    if not keys or root == "issue_date":
        return None
    if root == "vars":
        values = ctx.data.get("vars") or {}
        if isinstance(values, Mapping) and keys[0] not in values:
            guess = difflib.get_close_matches(keys[0], [str(k) for k in values], n=1, cutoff=0.6)
            fix = (
                _("did you mean vars.{guess}?").format(guess=guess[0])
                if guess
                else _("add it under vars: ({keys}: …)").format(keys=keys[0])
            )
            return (
                _("undefined variable “{name}”: vars has no “{keys}”").format(name=name, keys=keys[0]),
                fix,
                None,
            )
        return None
    sample = ctx.data.get("recipient")
    if not isinstance(sample, Mapping):
        return None  # batch rows supply the recipient; a single render says so itself
    if keys[0] in sample:
        return None
    guess = difflib.get_close_matches(keys[0], [str(k) for k in sample], n=1, cutoff=0.6)
    if guess:
        return (
            _("undefined variable “{name}”: the sample recipient has no “{keys}”").format(
                name=name, keys=keys[0]
            ),
            _("did you mean recipient.{guess}?").format(guess=guess[0]),
            None,
        )
    return (
        _("“{name}” is not in the sample recipient: every batch row must supply “{keys}”").format(
            name=name, keys=keys[0]
        ),
        _("add {keys}: … under recipient: to render the spec on its own").format(keys=keys[0]),
        "warning",
    )
