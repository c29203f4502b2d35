"""The YAML slips a writer of Chinese notices makes, reported where they were typed, with what to type instead.

YAML's parser reports where it gave up, which is often a line later than the slip, or past the end of the file,
and in its own words ("could not find expected ':'"). The usual slips, from a Chinese keyboard and from Word:

- a full-width colon after a key (``title：关于…``): to YAML the line is one piece of text, so the key is
  missing and the next line is reported instead;
- a tab in the indentation (``found character '\\t' that cannot start any token``);
- a value that starts with ``{{`` (``salutation: {{ recipient.name }}，您好``): YAML reads ``{`` as the start of
  a mapping;
- a value holding ``: `` (``title: 通知: 关于…``), or ending with a half-width colon (``尊敬的用户:``): YAML reads
  the colon as the start of a new key;
- a Chinese key (``标题:`` for ``title``): the keys are English words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import yaml

from notices.i18n import N_, _
from notices.reader.limits import MAX_DEPTH
from notices.reader.yaml_safe import YamlRefusal, yaml_nodes

# Chinese names writers give the keys, with the key meant.
CHINESE_KEYS = {
    "标题": "title",
    "题目": "title",
    "正文": "body",
    "内容": "body",
    "称呼": "salutation",
    "主送": "salutation",
    "主送机关": "salutation",
    "抬头": "salutation",
    "发文机关": "issuer",
    "发文单位": "issuer",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "落款": "sign_off",
    "署名": "sign_off",
    "成文日期": "date",
    "日期": "date",
    "印章": "seal",
    "公章": "seal",
    "附件": "attachments",
    "抄送": "cc",
    "联系人": "contact",
    "联系方式": "contact",
    "电话": "phone",
    "结束语": "closing",
    "结语": "closing",
    "类型": "kind",
    "语言": "lang",
    "版式": "profile",
    "名称": "name",
    "收件人": "recipient",
    "变量": "vars",
    "截止时间": "deadlines",
}

_FULL_WIDTH_KEY = re.compile(
    r"^(?P<indent>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*|[\u4e00-\u9fff]{2,6})[ \t]*："
)
_BRACE_VALUE = re.compile(r"^[ \t]*(?:-[ \t]+|[^\s#'\"{][^#'\"]*?:[ \t]+)(?P<brace>\{\{)")
_LEADING_TAB = re.compile(r"^ *\t")


# Keys a writer puts where a letter shows the thing, not where the spec keeps it: the person who signs an
# English letter is printed in the sign-off, and people type ``sign_off: {name: …, title: …}``.
_SIGNER_HINT = N_(
    "the person who signs goes in issuer.signer (a second line for the job title: signer: |-, then the name "
    "and the title on their own lines)"
)
MISPLACED_KEYS = {
    ("sign_off", key): _SIGNER_HINT
    for key in ("name", "signer", "signatory", "signature", "title", "job_title", "position", "person")
}


# Keys a writer types at the top of a spec that the spec keeps one level down, where the notice prints them:
# the date of issue and the seal in the sign-off, the document number and letterhead with the issuer.
MISPLACED_KEYS.update(
    {
        ("", "date"): N_("the date of issue goes under sign_off:, as sign_off: {date: 2026-12-28}"),
        ("", "seal"): N_("the seal goes under sign_off:, as sign_off: {seal: seal.png}"),
        ("", "doc_number"): N_("the document number goes under issuer:, as issuer: {doc_number: …}"),
        ("", "header"): N_("the letterhead goes under issuer:, as issuer: {header: …}"),
        ("", "signer"): _SIGNER_HINT,
        ("", "phone"): N_("telephone numbers go under contact:, as contact: {phone: …}"),
        ("", "email"): N_("an e-mail address goes under contact:, as contact: {email: …}"),
    }
)


def misplaced_key_hint(parent: str, key: str) -> str | None:
    """Where ``key`` belongs when a writer put it under ``parent`` ("" for the top of the spec; None when we know
    no better place)."""
    hint = MISPLACED_KEYS.get((parent, key.strip().lower()))
    return _(hint) if hint else None


def key_hint(key: str) -> str | None:
    """``标题`` → "write the key in English: title" (None for a key with no known Chinese name)."""
    meant = CHINESE_KEYS.get(key.strip())
    return (
        _("the keys are English words: write {meant}: instead of {key}:").format(meant=meant, key=key)
        if meant
        else None
    )


def full_width_colon_slips(
    text: str,
    known_keys: Callable[[], Iterable[str]],
    *,
    up_to_line: int | None = None,
    skip: frozenset[int] = frozenset(),
) -> list[YamlRefusal]:
    """Lines where a key is followed by "：" instead of ": ".

    A key counts when it is one of ``known_keys()`` or a Chinese key name we know, so Chinese text that merely
    holds "：" (``- 注意：请于…``) is left alone. ``skip`` holds 1-based lines inside block scalars.
    ``known_keys`` is called only for a line that looks like such a key: reading every key from the models
    imports the house style's, which a spec without the slip does not need.
    """
    keys: set[str] | None = None
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if up_to_line is not None and number > up_to_line:
            break
        if number in skip:
            continue
        match = _FULL_WIDTH_KEY.match(line)
        if not match:
            continue
        key = match.group("key")
        if key not in CHINESE_KEYS:
            if keys is None:
                keys = set(known_keys())
            if key not in keys:
                continue
        meant = CHINESE_KEYS.get(key, key)
        rest = line[match.end() :].strip()
        typed = line.strip()
        found.append(
            YamlRefusal(
                _(
                    "a full-width colon “：” after the key {key!r} ({typed!r}): YAML reads the whole line as text, not as a key and a value"
                ).format(key=key, typed=typed[:40]),
                f"type a half-width colon and a space: {meant}: {rest}".rstrip(),
                number,
                match.end(),
            )
        )
    return found


def brace_slips(
    text: str, *, up_to_line: int | None = None, skip: frozenset[int] = frozenset()
) -> list[YamlRefusal]:
    """Values that start with ``{{`` unquoted: YAML reads ``{`` as the start of a mapping."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if up_to_line is not None and number > up_to_line:
            break
        if number in skip:
            continue
        match = _BRACE_VALUE.match(line)
        if not match:
            continue
        start = match.start("brace")
        value = line[start:].rstrip()
        head = line[:start]
        found.append(
            YamlRefusal(
                _(
                    "the value {value!r} starts with {{{{ and is not in quotes: YAML reads “{{” as the start of a mapping"
                ).format(value=value[:40]),
                f"put the value in single quotes: {head.strip()} '{value}'".replace("  ", " "),
                number,
                start + 1,
            )
        )
    return found


# PyYAML's (and libyaml's) words for the usual syntax errors, in the catalog so a Chinese writer reads them in
# Chinese; anything else is shown as PyYAML wrote it.
_YAML_WORDS = {
    "mapping values are not allowed here": N_("mapping values are not allowed here"),
    "mapping values are not allowed in this context": N_("mapping values are not allowed in this context"),
    "could not find expected ':'": N_("could not find expected ':'"),
    "did not find expected key": N_("did not find expected key"),
    "did not find expected '-' indicator": N_("did not find expected '-' indicator"),
    "did not find expected node content": N_("did not find expected node content"),
    "found character that cannot start any token": N_("found character that cannot start any token"),
    "found unexpected end of stream": N_("found unexpected end of stream"),
    "found unknown escape character": N_("found unknown escape character"),
    "found unexpected ':'": N_("found unexpected ':'"),
    "found undefined alias": N_("found undefined alias"),
    "while scanning a simple key": N_("while scanning a simple key"),
    "while scanning a quoted scalar": N_("while scanning a quoted scalar"),
    "while scanning a plain scalar": N_("while scanning a plain scalar"),
    "while scanning an alias": N_("while scanning an alias"),
    "while parsing a block mapping": N_("while parsing a block mapping"),
    "while parsing a block collection": N_("while parsing a block collection"),
    "while parsing a flow mapping": N_("while parsing a flow mapping"),
    "while parsing a flow sequence": N_("while parsing a flow sequence"),
    "while parsing a block node": N_("while parsing a block node"),
}


def yaml_words(text: str | None) -> str:
    """PyYAML's description of a syntax error in the reader's language, where the catalog has it."""
    words = str(text or "")
    known = _YAML_WORDS.get(words)
    return _(known) if known else words


def explain_yaml_error(text: str, err: yaml.YAMLError) -> YamlRefusal:
    """YAML's error in a writer's words, or the slip that caused it when one is found at or above it."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    problem = str(getattr(err, "problem", None) or err)
    context = getattr(err, "context", None)
    lines = text.splitlines()
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    if line is not None and lines and line > len(lines):
        line, column = len(lines), len(lines[-1]) + 1  # never past the end of the file
    from notices.reader.spec_keys import all_keys

    slips = full_width_colon_slips(text, all_keys, up_to_line=line) + brace_slips(text, up_to_line=line)
    if slips:
        return min(slips, key=lambda s: (s.line or 0, s.column or 0))
    if line is None or column is None:
        return YamlRefusal(
            _("YAML syntax error: {problem}").format(problem=yaml_words(problem)), _("check the YAML syntax")
        )
    typed = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in problem or (typed[: column - 1].strip() == "" and _LEADING_TAB.match(typed)):
        return YamlRefusal(
            _("a tab in the indentation: YAML indents with spaces only"),
            _("replace the tab with spaces (two per level, as the lines around it)"),
            line,
            column,
        )
    if "mapping values are not allowed" in problem:
        return _colon_in_value(typed, line, column)
    opened = getattr(err, "context_mark", None)
    if context == "while scanning a quoted scalar" and opened is not None:
        return _unclosed_quote(lines, opened.line + 1, opened.column + 1)
    if "invalid Unicode character escape" in problem:  # libyaml refuses a lone surrogate escape itself
        text = lines[line - 1] if line is not None and 0 < line <= len(lines) else ""
        start = text.rfind("\\", 0, column or 0)
        escape = re.match(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", text[start:]) if start >= 0 else None
        column = start + 1 if escape else column
        shown = escape.group() if escape else "escape"
        return YamlRefusal(
            _(
                "the escape {shown} is not a character (U+{value}: half of a UTF-16 surrogate pair, or past the last code point)"
            ).format(shown=shown, value=shown[2:].upper().lstrip("0").rjust(4, "0"))
            if escape
            else _("an escape that is not a character"),
            _(
                "write the character itself instead of its escape (an emoji is one \\U0001F600 escape, not two)"
            ),
            line,
            column,
        )
    if "maximum nesting depth" in problem:  # libyaml's own limit, met before the composer's
        return YamlRefusal(
            _("lists and mappings nested more than {MAX_DEPTH} deep").format(MAX_DEPTH=MAX_DEPTH),
            _("flatten the structure; a notice spec is at most a few levels deep"),
            line,
            column,
        )
    message = (
        _("YAML syntax error: {problem} ({context})").format(
            problem=yaml_words(problem), context=yaml_words(context)
        )
        if context
        else _("YAML syntax error: {problem}").format(problem=yaml_words(problem))
    )
    if "found unhashable key" in problem or "found unexpected ':'" in problem:
        return YamlRefusal(message, _("put the value in quotes"), line, column)
    return YamlRefusal(message, _("check the indentation, quotes and colons on this line"), line, column)


def _colon_in_value(typed: str, line: int, column: int) -> YamlRefusal:
    """``title: 通知: 关于…`` or ``salutation: 尊敬的用户:``: a colon YAML takes for a new key."""
    key, _colon, value = typed.strip().partition(": ")
    value = value.strip()
    at_end = typed.rstrip().endswith(":") and column - 1 >= len(typed.rstrip()) - 1
    chinese = bool(re.search(r"[\u4e00-\u9fff]", value))
    if at_end and chinese:
        fixed = value[:-1] + "："
        return YamlRefusal(
            _(
                "the value {value!r} ends with a half-width colon “:”, which YAML reads as the start of a key"
            ).format(value=value),
            _("end it with the full-width colon “：”: {key}: {fixed}").format(key=key, fixed=fixed),
            line,
            column,
        )
    if chinese:
        fix = _(
            "use the full-width colon “：” in Chinese text, or put the value in quotes: {key}: '{value}'"
        ).format(key=key, value=value)
    else:
        fix = _("put the value in quotes: {key}: '{value}'").format(key=key, value=value)
    return YamlRefusal(
        _(
            "the value {value!r} holds “: ” (a colon and a space), which YAML reads as the start of a new key"
        ).format(value=value),
        fix,
        line,
        column,
    )


def _unclosed_quote(lines: list[str], line: int, column: int) -> YamlRefusal:
    """A quote that YAML never saw closed: reported where it opens, which is the line the writer has to mend.

    YAML lets a quoted value run over several lines, so it reports the slip where it gave up, often the end of
    the file; the opening quote is where the value lost its closing one (``title: "关于放假的通知`` and no
    ``"`` after it).
    """
    typed = lines[line - 1] if 0 < line <= len(lines) else ""
    quote = typed[column - 1 : column] or '"'
    return YamlRefusal(
        _(
            "the quote {quote} opened here is never closed: YAML reads the rest of the file as this value"
        ).format(quote=quote),
        _("add the closing {quote} at the end of the value, or remove the opening one").format(quote=quote),
        line,
        column,
    )


_MONTH_DAY_END = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?$", re.I
)
_YEAR_START = re.compile(r"(?:19|20)\d{2}\b")


def flow_comma_slips(text: str, root: yaml.Node | None) -> list[YamlRefusal]:
    """Items of a list in brackets, and values in braces, that YAML split at a comma the writer typed as part of
    the text.

    In ``[…]`` every comma ends an item, so ``body: [尚欠货款￥35,000.00元]`` is two paragraphs, "尚欠货款￥35" and
    "000.00元", and ``[The new prices apply from March 1, 2026.]`` loses its year to a paragraph of its own:
    an amount or a date silently changed. Two neighbouring unquoted items count as one split when a comma
    with no space joins digits (a thousands separator), or when the first ends with an English month and day
    and the second starts with a year. In braces, ``{name: Huadong Hengxin Co., Ltd.}`` ends the name at the
    comma and reads "Ltd." as a key with no value (an "unknown key 'Ltd.'" the writer could not act on).
    """
    found: list[YamlRefusal] = []
    for node in yaml_nodes(root):
        if isinstance(node, yaml.MappingNode):
            if node.flow_style:
                found += _mapping_splits(text, node)
            continue
        if not isinstance(node, yaml.SequenceNode) or not node.flow_style:
            continue
        for first, second in zip(node.value, node.value[1:], strict=False):
            if not all(isinstance(n, yaml.ScalarNode) and not n.style for n in (first, second)):
                continue
            left, right = str(first.value), str(second.value)
            between = text[first.end_mark.index : second.start_mark.index]
            number = between == "," and left[-1:].isdigit() and right[:1].isdigit()
            date = between.strip() == "," and _MONTH_DAY_END.search(left) and _YEAR_START.match(right)
            if not (number or date):
                continue
            joined = f"{left}{between}{right}"
            found.append(
                YamlRefusal(
                    _(
                        "the comma in “{joined}” splits it into two items of the [ … ] list (“{left}” and “{right}”): "
                        "YAML ends an item at every comma inside brackets"
                    ).format(joined=_cut(joined, 60), left=_cut(left, 30), right=_cut(right, 30)),
                    _(
                        "put the item in quotes ('{joined}'), or write the list one item per line, each after “- ”"
                    ).format(joined=joined),
                    first.start_mark.line + 1,
                    first.start_mark.column + 1,
                )
            )
    return found


def _mapping_splits(text: str, node: yaml.MappingNode) -> list[YamlRefusal]:
    """``{name: Huadong Hengxin Co., Ltd.}``: a plain value, a comma, then a "key" with no colon and no value."""
    found = []
    for (key, value), (after, empty) in zip(node.value, node.value[1:], strict=False):
        if not all(isinstance(n, yaml.ScalarNode) and not n.style for n in (value, after, empty)):
            continue
        if str(empty.value) != "" or not str(value.value) or not str(after.value):
            continue
        between = text[value.end_mark.index : after.start_mark.index]
        if between.strip() != "," or ":" in text[after.end_mark.index : empty.end_mark.index + 1]:
            continue
        joined = f"{value.value}{between}{after.value}"
        found.append(
            YamlRefusal(
                _(
                    "the comma in “{joined}” ends the value of {key} inside {{ … }}, and YAML reads “{rest}” as a "
                    "key of its own"
                ).format(joined=_cut(joined, 60), key=key.value, rest=_cut(str(after.value), 30)),
                _("put the value in quotes: {key}: '{joined}'").format(key=key.value, joined=joined),
                value.start_mark.line + 1,
                value.start_mark.column + 1,
            )
        )
    return found


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
