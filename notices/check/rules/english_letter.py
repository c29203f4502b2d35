"""EN-SALUTE and EN-CLOSE: an English letter's salutation and closing fit each other and the locale."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.check.rules.english_layout import closing_is_more_than_a_close
from notices.check.textscan import is_han
from notices.composer import UNNAMED_SALUTATION
from notices.i18n import _
from notices.patterns import LazyPattern

_NAMED = LazyPattern(r"^\s*dear\s+(?:mr|mrs|ms|miss|dr|prof)\b\.?\s+\S", re.I)
_FAITHFULLY = LazyPattern(r"^\s*yours\s+faithfully\b", re.I)
_SINCERELY_UK = LazyPattern(r"^\s*yours\s+sincerely\b", re.I)


def _us(ctx: CheckContext) -> bool:
    """US style when ``locale:`` says so, or, without one, when the letter writes its dates in US order."""
    return ctx.english_locale == "en-us"


def _open_punctuation(ctx: CheckContext) -> bool:
    """Salutation and closing both written without a final mark ("Dear Ms Lee" … "Yours sincerely"): the
    open punctuation of a block-format letter, a style of its own rather than two missing commas."""
    salutation, closing = (ctx.spec.salutation or "").rstrip(), (ctx.spec.closing or "").rstrip()
    return bool(salutation and closing) and salutation[-1].isalnum() and closing[-1].isalnum()


@rule(
    "EN-SALUTE",
    "warning",
    summary="The salutation opens with “Dear …” and ends with “,” (UK) or “:” / “,” (US)",
    source="The Gregg Reference Manual, 11th ed., ch. 13 (salutations); New Hart's Rules ch. 4 (punctuation)",
    good=[
        "lang: en\nsalutation: 'Dear Mr Smith,'",
        "lang: en\nlocale: en-US\nsalutation: 'Dear Mr. Smith:'",
        "lang: en\nsalutation: Dear Mr Smith\nclosing: Yours sincerely",
    ],
    bad=[
        "lang: en\nsalutation: Dear Mr Smith",
        "lang: en\nsalutation: 'Dear Mr Smith:'",
        "lang: en\nsalutation: Hi all,",
        "lang: en\nsalutation: Dear my friends,",
    ],
    langs=("en",),
)
def english_salutation(ctx: CheckContext) -> Iterator[Hit]:
    """UK letters write "Dear Mr Smith," (a comma, no full stop after Mr); US business letters write "Dear Mr.
    Smith:" (a colon; a comma is the informal form and also accepted). "Dear Sir or Madam" when the reader is
    not named. A salutation that does not open with "Dear" (or "To whom it may concern") reads as an e-mail.
    Without ``locale:`` the letter's own date order decides (as EN-DATE reads it): "September 19" throughout
    is a US letter. --fix adds or corrects the final mark. Open punctuation (no mark after the salutation and none after the
    closing) is a style of its own and is left alone."""
    text = ctx.spec.salutation
    if not text:
        return
    path = ("salutation",)
    stripped = text.rstrip()
    last = len(stripped) - 1
    us = _us(ctx)
    if not re.match(r"^\s*(?:dear\b|to whom)", stripped, re.I):
        yield Hit(
            path,
            _("an English letter's salutation opens with “Dear …”"),
            fix=_("write Dear Sir or Madam, or Dear Mr Smith,"),
            offset=0,
        )
    dear_my = re.match(r"^\s*dear\s+(?P<my>my|our)\s+\S", stripped, re.I)
    if dear_my:
        yield Hit(
            path,
            _("“Dear {dear_my} …” is no salutation: Dear takes the name or the group alone").format(
                dear_my=dear_my["my"]
            ),
            fix=_("write Dear friends, / Dear customers, / Dear Ms Lee,"),
            offset=dear_my.start("my"),
        )
    right = (":", ",") if us else (",",)
    if stripped[last:] not in right and not _open_punctuation(ctx):
        mark = ":" if us else ","
        if stripped[last:] in (":", ",", ";", ".", "：", "，"):
            edit = Edit(path, last, last + 1, mark)
            message = _("the salutation ends with “{mark}”").format(mark=stripped[last])
        else:
            edit = Edit(path, last + 1, last + 1, mark)
            message = _("the salutation has no final mark")
        yield Hit(
            path,
            message,
            fix=(_("end it with “{mark}” (US style)") if us else _("end it with “{mark}” (UK style)")).format(
                mark=mark
            ),
            offset=last,
            edit=edit,
        )


@rule(
    "EN-CLOSE",
    "warning",
    summary="The closing fits the salutation: Yours sincerely (named), Yours faithfully (by role: Dear Sir or Madam, Dear Customer), Sincerely (US)",
    source="The Gregg Reference Manual, 11th ed., ch. 13 (complimentary closings: Yours sincerely, Yours faithfully)",
    good=[
        "lang: en\nsalutation: 'Dear Sir or Madam,'\nclosing: 'Yours faithfully,'",
        "lang: en\nsalutation: 'Dear Mr Smith,'\nclosing: 'Yours sincerely,'",
    ],
    bad=[
        "lang: en\nsalutation: 'Dear Sir or Madam,'\nclosing: 'Yours sincerely,'",
        "lang: en\nsalutation: 'Dear Mr Smith,'\nclosing: 'Yours faithfully,'",
        "lang: en\nlocale: en-US\nsalutation: 'Dear Mr. Smith:'\nclosing: 'Yours faithfully,'",
        "lang: en\nclosing: 特此通知。",
    ],
    langs=("en",),
)
def english_closing(ctx: CheckContext) -> Iterator[Hit]:
    """British usage pairs a named reader ("Dear Mr Smith") with "Yours sincerely," and an unnamed one ("Dear Sir
    or Madam") with "Yours faithfully,"; American business letters close "Sincerely," whoever the reader is.
    Left out, the closing is chosen to fit; written out, it is checked. A closing in Chinese (特此通知) in an
    English letter is flagged too."""
    closing = ctx.spec.closing
    if not closing:
        return
    path = ("closing",)
    if any(is_han(ch) for ch in closing):
        yield Hit(
            path,
            _("a Chinese closing in an English letter"),
            fix=_("write Yours faithfully, / Yours sincerely, / Sincerely,"),
            offset=0,
        )
        return
    salutation = ctx.spec.salutation or "Dear Sir or Madam,"
    if _us(ctx):
        if _FAITHFULLY.match(closing):
            yield Hit(
                path,
                _("“Yours faithfully” is British; US letters close “Sincerely,”"),
                fix=_("write Sincerely,"),
                offset=0,
            )
    elif UNNAMED_SALUTATION.match(salutation) and _SINCERELY_UK.match(closing):
        yield Hit(
            path,
            _("an unnamed reader (Dear Sir or Madam) is closed with “Yours faithfully,”"),
            fix=_("write Yours faithfully,"),
            offset=0,
        )
    elif _NAMED.match(salutation) and _FAITHFULLY.match(closing):
        yield Hit(
            path,
            _("a named reader (Dear Mr …) is closed with “Yours sincerely,”"),
            fix=_("write Yours sincerely,"),
            offset=0,
        )
    stripped = closing.rstrip()
    if closing_is_more_than_a_close(closing):
        return  # EN-LAYOUT says what to do; a comma would not make a sentence a close
    if stripped and stripped[-1] not in "," and not _open_punctuation(ctx):
        last = len(stripped) - 1
        edit = (
            Edit(path, last, last + 1, ",")
            if stripped[-1] in ".;:，"
            else Edit(path, last + 1, last + 1, ",")
        )
        yield Hit(
            path, _("the closing has no comma after it"), fix=_("end it with “,”"), offset=last, edit=edit
        )
