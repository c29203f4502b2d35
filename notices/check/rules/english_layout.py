"""EN-LAYOUT: what an English letter's frame prints stays out of its text, and its closing is a complimentary close."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.check.textscan import is_han
from notices.i18n import _
from notices.patterns import LazyPattern

# The closes business letters use (a trailing comma or none; EN-CLOSE asks for the comma).
_CLOSE = (
    r"(?:yours\s+(?:faithfully|sincerely|truly|very\s+truly|respectfully|cordially)"
    r"|(?:very\s+)?(?:truly|sincerely|respectfully|cordially)(?:\s+yours)?"
    r"|(?:with\s+)?(?:(?:kind|best|warm|warmest|kindest)\s+)?(?:regards|wishes)"
    r"|with\s+(?:many\s+)?thanks(?:\s+and\s+(?:kind\s+|best\s+)?regards)?|many\s+thanks|thank\s+you)"
)
COMPLIMENTARY_CLOSE = LazyPattern(rf"^\s*{_CLOSE}\s*[,.]?\s*$", re.I)
# "Yours faithfully, Li Ming" or a name on the next line: the signer typed into the closing.
_CLOSE_THEN_NAME = LazyPattern(
    rf"^\s*{_CLOSE}[ \t]*(?:,[ \t]*(?:\n\s*)?|\n\s*)(?P<name>(?-i:[A-Z\u4e00-\u9fff])[^.!?]*?)\s*$", re.I
)
# In the body only a formal close on a line of its own, comma and all, is the letter's close typed twice:
# "Thank you." or "Best wishes for the new year." may well end a body.
_FORMAL_CLOSE_LINE = LazyPattern(
    r"^\s*(?:yours\s+(?:faithfully|sincerely|truly|very\s+truly)|sincerely(?:\s+yours)?"
    r"|(?:with\s+)?(?:kind|best|warm|warmest|kindest)\s+regards|regards)\s*,\s*$",
    re.I,
)
_CLOSE_WORD = LazyPattern(
    r"\b(?:yours|sincerely|faithfully|respectfully|cordially|regards|wishes|thanks)\b", re.I
)
# A line that is itself a salutation: "Dear Sir or Madam," / "Dear Ms Garcia:" / "To whom it may concern".
_SALUTATION_LINE = LazyPattern(
    r"^\s*(?:dear\s+[^\n,:;.]{1,60}[,:]|to\s+whom\s+it\s+may\s+concern[,:]?)\s*$", re.I
)
_END_MATTER_LINE = LazyPattern(
    r"^\s*(?P<label>enclosures?|encl\.?|enc\.|attachments?|c\.?c\.?|copy\s+to)\s*:", re.I
)
_WORDS_OF_A_SENTENCE = 4


def is_sentence_closing(closing: str) -> bool:
    """A closing that reads as a sentence of the body rather than a complimentary close: "Thank you for your
    continued support." ends with . ! ? and is no known close; "We look forward to your reply" runs to four
    words or more with no word of a close (regards, wishes, yours, sincerely …) in it."""
    stripped = closing.strip()
    if not stripped or COMPLIMENTARY_CLOSE.match(stripped) or any(is_han(ch) for ch in stripped):
        return False
    if stripped[-1] in ".!?":
        return True
    return len(stripped.split()) >= _WORDS_OF_A_SENTENCE and _CLOSE_WORD.search(stripped) is None


def closing_is_more_than_a_close(closing: str) -> bool:
    """Whether EN-LAYOUT reports the closing: a sentence, a name after the close, or more than one line."""
    stripped = closing.strip()
    first_line, _newline, rest = stripped.partition("\n")
    return bool(_CLOSE_THEN_NAME.match(stripped) or is_sentence_closing(first_line) or rest.strip())


@rule(
    "EN-LAYOUT",
    "warning",
    summary="An English letter's closing is a complimentary close; salutation, closing, Enclosure and cc lines are not typed into the body",
    source="The Gregg Reference Manual, 11th ed., ch. 13 (business letters: block format, closing, enclosure and copy notations)",
    good=[
        "lang: en\nbody: [Our offices close for the holiday. Thank you for your support.]\nclosing: 'Yours faithfully,'",
        "lang: en\nattachments: [{title: Holiday schedule}]\ncc: [Sales department]\nclosing: 'Kind regards,'",
    ],
    bad=[
        "lang: en\nclosing: Thank you for your continued support.",
        "lang: en\nbody: ['Dear Sir or Madam,', Our offices close for the holiday.]",
        "lang: en\nbody: [Our offices close for the holiday., 'Yours faithfully,']",
        "lang: en\nbody: [Our offices close for the holiday., 'Enclosure: holiday schedule']",
        'lang: en\nclosing: "Yours faithfully,\\nLi Ming"',
    ],
    langs=("en",),
)
def english_layout(ctx: CheckContext) -> Iterator[Hit]:
    """A block-format letter runs: date, (inside address), salutation, body, complimentary close, signature,
    then "Enclosure(s)" and "cc" at the end. The letter prints the salutation (``salutation:``, else "Dear Sir or
    Madam,"), the close (``closing:``, else one chosen to fit the salutation), the signer (``issuer.signer``),
    and the Enclosure and cc lines from ``attachments:`` and ``cc:``. So:

    - ``closing:`` is a complimentary close ("Yours faithfully,", "Yours sincerely,", "Sincerely,", "Kind
      regards,"), not a sentence: "Thank you for your continued support." there leaves the letter without a close.
      Put the sentence at the end of the body.
    - ``closing:`` is one line: a name after it belongs in ``issuer.signer``, under the room for the signature.
    - A salutation line ("Dear Sir or Madam,") or a close ("Yours faithfully,") typed into the body is printed
      twice; an "Enclosure:" or "cc:" line typed into the body stands above the signature instead of after it.
    """
    closing = ctx.spec.closing
    if closing:
        yield from _closing(closing)
    texts = list(ctx.iter_texts(top="body"))
    for field in texts:
        yield from _frame_lines(field, last=field is texts[-1])


def _closing(closing: str) -> Iterator[Hit]:
    path = ("closing",)
    stripped = closing.strip()
    signed = _CLOSE_THEN_NAME.match(stripped)
    if signed is not None:
        name = signed["name"]
        yield Hit(
            path,
            _("“{name}” after the close: the signer's name goes under the room for the signature").format(
                name=name
            ),
            fix=_("keep closing: to the close (Yours faithfully,) and put the name in issuer.signer"),
            offset=closing.index(name),
        )
        return
    first_line, _newline, rest = stripped.partition("\n")
    if is_sentence_closing(first_line):
        yield Hit(
            path,
            _("“{strip}” is a sentence, not a complimentary close: the letter would end without one").format(
                strip=first_line.strip()
            ),
            fix=_(
                "end the body with the sentence and write closing: Yours faithfully, (or leave closing out)"
            ),
            offset=closing.index(first_line.strip()),
        )
    elif rest.strip():
        yield Hit(
            path,
            _("the closing runs over more than one line"),
            fix=_("keep closing: to the close (Yours faithfully,); the signer's name goes in issuer.signer"),
            offset=closing.index(rest.strip()),
        )


def _sentence(line: str) -> bool:
    """ "Attachments: please send the signed form by 20 January." is an instruction, not an Enclosure line."""
    return line.rstrip()[-1:] in (".", "!", "?") and not line.rstrip().lower().endswith(("encl.", "enc."))


# A line of a typed signature block: a name, a title, a company ("Otao Electronics Co., Ltd."), a date.
_SIGNATURE_LINES = 4
_SIGNATURE_LINE_CHARS = 80
_ABBREVIATION_END = LazyPattern(r"\b(?:Ltd|Co|Inc|Corp|LLC|Jr|Sr|PLC|GmbH|S\.A|B\.V)\.\s*$", re.I)


def _signature_only(following: list[str]) -> bool:
    """Whether the lines after a close are only a signature block pasted with it (a letter pasted whole):
    a few short lines, none of them a sentence."""
    lines = [line.strip() for line in following if line.strip()]
    return len(lines) <= _SIGNATURE_LINES and all(
        len(line) <= _SIGNATURE_LINE_CHARS
        and (line[-1] not in ".!?" or _ABBREVIATION_END.search(line) is not None)
        for line in lines
    )


def _frame_lines(field: TextField, *, last: bool) -> Iterator[Hit]:
    offset = 0
    lines = field.text.splitlines(keepends=True)
    for number, line in enumerate(lines):
        at = offset + len(line) - len(line.lstrip())
        offset += len(line)
        if _SALUTATION_LINE.match(line):
            yield Hit(
                field.path,
                _(
                    "“{strip}” in the body: the letter prints its salutation already, so it would appear twice"
                ).format(strip=line.strip()),
                fix=_("remove it from the body; set salutation: to the wording you want"),
                offset=at,
            )
        elif last and _FORMAL_CLOSE_LINE.match(line) and _signature_only(lines[number + 1 :]):
            yield Hit(
                field.path,
                _(
                    "“{strip}” ends the body: the letter prints its close already, so it would appear twice"
                ).format(strip=line.strip()),
                fix=_("remove it from the body; set closing: to the wording you want")
                if number == len(lines) - 1
                else _(
                    "remove it and the signature lines under it from the body; set closing: to the wording you want, and the signer's name in issuer.signer"
                ),
                offset=at,
            )
        elif field.key != "heading" and (end_matter := _END_MATTER_LINE.match(line)) and not _sentence(line):
            label = end_matter["label"]
            key = "cc" if label.lower().replace(".", "").startswith(("cc", "copy")) else "attachments"
            yield Hit(
                field.path,
                _("the line “{strip}” in the body stands above the signature; it belongs at the end").format(
                    strip=line.strip()
                ),
                fix=_("list it under {key}:; the letter prints the {value} line at the end").format(
                    key=key, value="cc" if key == "cc" else "Enclosure(s)"
                ),
                offset=at,
            )
