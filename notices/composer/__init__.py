"""Compose: a loaded notice (and optionally one recipient) → the document model both renderers draw.

The kind's Jinja2 template (``notices/kinds/<kind>/<lang>.j2``) writes the standard phrasing; this module adds the frame the
profile asks for (red head, title, salutation, closing, sign-off, attachments, colophon) around it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from notices import kinds
from notices.assets import resolve_image
from notices.cache import template_cache
from notices.composer.house import company_kind_template, dress
from notices.composer.markup import Numberer, fold, parse
from notices.composer.resolve import resolve_spec
from notices.document import (
    AttachmentNote,
    AttachmentPage,
    Block,
    Closing,
    Colophon,
    DateLine,
    DocNumber,
    Document,
    Letterhead,
    Note,
    Paragraph,
    Rule,
    Salutation,
    SignOff,
    Table,
    Title,
    TopMatter,
)
from notices.en_dates import letter_date_order
from notices.errors import Location, Problem, TemplateError
from notices.formatting import KIND_FILTERS, KIND_GLOBALS, cn_date, en_date, join, source_date
from notices.i18n import _
from notices.patterns import LazyPattern
from notices.reader import Notice
from notices.reader.limits import MAX_TABLE_CELL_CHARS
from notices.reader.source import strings_in
from notices.spec.model import Attachment, Contact, KindSections, NoticeSpec
from notices.templating import BudgetExceeded, budget, make_environment, render_template

RED_HEAD_PROFILES = frozenset({"enterprise", "gbt9704", "letter"})


def issue_date_of(spec: NoticeSpec, today: dt.date | None = None) -> dt.date:
    """The spec's date, else SOURCE_DATE_EPOCH, else today. A date of issue known only to the month stands for
    the month's first day; a notice without one (``date: none``) for the day it is made."""
    sign_off = spec.sign_off
    if sign_off.day is not None:
        return sign_off.day
    if sign_off.month is not None:
        return sign_off.month.first
    return source_date() or today or dt.date.today()


def printed_issue_date(spec: NoticeSpec, issue_date: dt.date, lang: str, locale: str = "en_GB") -> str:
    """The date of issue as the notice prints it: 2026年1月5日 / 5 January 2026; 2019年5月 / May 2019 when
    only the month is known; nothing when the notice states none (GB/T 9704 §7.3.5.1 requires 成文日期 in a
    公文, and the check says so, but a business notice that gave none is printed as it was issued)."""
    sign_off = spec.sign_off
    if sign_off.undated:
        return ""
    month = sign_off.month
    if month is not None:
        if lang == "zh":
            return f"{month.year}年{month.month}月"
        from babel.dates import format_date

        return str(format_date(month.first, format="MMMM y", locale=locale.replace("-", "_")))
    return cn_date(issue_date) if lang == "zh" else en_date(issue_date, locale.replace("-", "_"))


@functools.lru_cache(maxsize=1)
def kind_environment() -> jinja2.Environment:
    env = make_environment([kinds.FOLDER])
    # A printed value can never open a directive line of its own: line breaks inside values are folded.
    env.finalize = lambda value: " ".join(str(value).split("\n")) if isinstance(value, str) else value
    env.filters["en_date"] = en_date
    env.filters.update(KIND_FILTERS)
    env.globals.update(KIND_GLOBALS)
    # Compiled kind templates are kept on disk between runs (notices.cache): a cold start skips compiling them.
    env.bytecode_cache = template_cache("kinds", env, __file__)
    return env


def compose(
    notice: Notice,
    recipient: Mapping[str, Any] | None = None,
    *,
    data: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> Document:
    """Build the document model for one notice (for one recipient, when given)."""
    issue_date = issue_date_of(notice.spec, today)
    with budget():  # one time and output budget for every template of this notice
        spec = resolve_spec(notice, recipient, issue_date, data)
        issue_date = issue_date_of(spec, today)
        locale = letter_locale(notice, issue_date) if spec.lang == "en" else "zh-CN"
        body = _kind_blocks(notice, spec, issue_date, locale)
    _check_table_cells(notice, spec, body)
    frame = _zh_frame if spec.lang == "zh" else _en_frame
    blocks = frame(spec, body, issue_date, locale, _seal(notice, spec))
    house = notice.house_style
    return Document(
        lang=spec.lang,
        profile=spec.effective_profile,
        title=spec.title,
        author=spec.issuer.name,
        issue_date=issue_date,
        blocks=tuple(dress(house, blocks) if house else blocks),
        assets_dir=notice.base_dir,
        look=house.look(spec.effective_profile, spec.lang) if house else None,
    )


def letter_locale(notice: Notice, issue_date: dt.date) -> str:
    """The date style of an English letter, "en-GB" or "en-US": its ``locale:`` (or its house style's); else the
    order its own text writes dates in ("October 1st" throughout: en-US), en-GB on a tie. The composer prints
    the letter's dates in it and EN-DATE holds the letter to it, so the two always agree."""
    stated = notice.spec.locale
    if stated:
        return "en-US" if stated.lower().replace("_", "-") == "en-us" else "en-GB"
    order = letter_date_order(strings_in({k: v for k, v in notice.data.items() if k != "checks"}), issue_date)
    return "en-US" if order == "en-us" else "en-GB"


def _kind_blocks(notice: Notice, spec: NoticeSpec, issue_date: dt.date, locale: str) -> list[Block]:
    env = kind_environment()
    built_in = kinds.get(spec.kind)
    name = built_in.template_name(spec.lang) if built_in else f"{spec.kind}/{spec.lang}.j2"
    # A house style's own kinds (and its own wording of built-in ones) come from its folder only.
    company = company_kind_template(notice.house_style, spec.kind, spec.lang) if notice.house_style else None
    if company is None and built_in is None:  # the loader refuses an unknown kind before this
        raise TemplateError(
            Problem(_("unknown kind {kind!r}").format(kind=spec.kind), notice.source.locate(("kind",)))
        )
    template = company or env.get_template(name)
    try:
        text = render_template(
            template,
            {
                "notice": spec,
                "doc": spec.document,
                # The writer opens the notice with their own text (body before its first `- facts:`), which
                # replaces the template's lead-in: a fact stated only there must be stated in a section too.
                "own_opening": own_opening(spec.body),
                "issue_date": issue_date,
                "locale": locale.replace("-", "_"),
            },
        )
    except BudgetExceeded as err:
        raise TemplateError(
            Problem(
                _("the {kind} template was stopped: {err}").format(kind=spec.kind, err=err),
                Location(template.filename or name),
                fix=_("a kind template writes sentences from the facts; it needs no long loops or recursion"),
                code="template",
            )
        ) from None
    except jinja2.exceptions.SecurityError as err:
        raise TemplateError(
            Problem(
                _("refused by the template sandbox: {err}").format(err=err),
                Location(template.filename or name),
            )
        ) from None
    except jinja2.TemplateNotFound as err:  # a company's template including what is not in its folder
        raise TemplateError(
            Problem(
                _(
                    "cannot include {name!r}: a kind template reaches only the templates in its own folder"
                ).format(name=err.name),
                Location(template.filename or name),
            )
        ) from None
    except jinja2.UndefinedError as err:
        where = notice.source.locate(())
        raise TemplateError(
            Problem(
                _("the {kind} template needs a value the spec does not give: {message}").format(
                    kind=spec.kind, message=err.message
                ),
                where,
                spec.kind,
                _("fill the {kind}: section (see `notices schema`)").format(kind=spec.kind),
            )
        ) from None
    except jinja2.TemplateError as err:  # a filter given a value it cannot use, in the template or the spec
        raise TemplateError(
            Problem(
                _("the {kind} template cannot use a value: {err}").format(kind=spec.kind, err=err),
                Location(template.filename or name),
                spec.kind,
                _("check the values of the {kind}: section (see `notices schema`)").format(kind=spec.kind),
                "template",
            )
        ) from None
    try:
        return parse(text.splitlines(), spec.body, Numberer(spec.lang), template.name or name)
    except ValueError as err:  # a line without a directive: only a company's own template can write one
        raise TemplateError(Problem(str(err), Location(template.filename or name))) from None


def own_opening(body: list[Any]) -> bool:
    placed = [isinstance(item, KindSections) for item in body]
    return any(placed) and not placed[0]


def _check_table_cells(notice: Notice, spec: NoticeSpec, blocks: list[Block]) -> None:
    """A table cell over the limit (reader.limits) is refused at the kind's section, before any layout."""
    for block in blocks:
        if not isinstance(block, Table):
            continue
        for cell in (*block.header, *(cell for row in block.rows for cell in row)):
            if len(cell) > MAX_TABLE_CELL_CHARS:
                raise TemplateError(
                    Problem(
                        _(
                            "a table cell of {count:,} characters ({cell!r}…); a cell is limited to {MAX_TABLE_CELL_CHARS}"
                        ).format(count=len(cell), cell=cell[:30], MAX_TABLE_CELL_CHARS=MAX_TABLE_CELL_CHARS),
                        notice.source.locate((spec.kind,)),
                        spec.kind,
                        _("shorten the product name, code or unit: a table column is a few characters wide"),
                        "limit",
                    )
                )


def _seal(notice: Notice, spec: NoticeSpec) -> Path | None:
    """The seal the spec names, validated (``notices.assets``): inside the spec's folder, a PNG/JPEG/GIF that
    decodes; a bad one is an error at the ``seal:`` line."""
    if not spec.sign_off.seal:
        return None
    where = notice.source.locate(("sign_off", "seal"))
    return resolve_image(notice.base_dir, spec.sign_off.seal, role="seal", where=where).path


def contact_line(contact: Contact | None, lang: str, locale: str = "en_GB") -> str | None:
    if contact is None:
        return None
    if lang == "en":
        en_parts = [
            contact.name,
            "tel. " + join(contact.phone, locale) if contact.phone else None,
            f"fax {contact.fax}" if contact.fax else None,
            contact.email,
            contact.hours,
        ]
        return "Contact: " + ", ".join(p for p in en_parts if p)
    labels = [
        ("联系人", contact.name),
        ("电话", "、".join(contact.phone)),
        ("传真", contact.fax),
        ("邮箱", contact.email),
        ("地址", contact.address),
    ]
    parts = [f"{label}：{value}" for label, value in labels if value]
    if contact.hours:
        parts.append(f"服务时间：{contact.hours}")
    return "（" + "，".join(parts) + "）" if parts else None


def _zh_frame(
    spec: NoticeSpec, body: list[Block], issue_date: dt.date, locale: str, seal: Path | None
) -> list[Block]:
    profile = spec.effective_profile
    blocks: list[Block] = []
    if spec.copy_number or spec.secrecy or spec.urgency:
        blocks.append(TopMatter(spec.copy_number, spec.secrecy, spec.urgency))
    if profile in RED_HEAD_PROFILES:
        blocks.append(Letterhead(spec.issuer.header or spec.issuer.name))
        blocks.append(DocNumber(spec.issuer.doc_number, spec.issuer.signer))
        blocks.append(Rule())
    blocks.append(Title(spec.title))
    if spec.salutation:
        blocks.append(Salutation(spec.salutation))
    blocks.extend(body)
    closing = spec.closing if spec.closing is not None else spec.document.closing or ""
    if closing:  # `closing: ''` (or a document type without one): no closing line, and no empty line for it
        blocks.append(Closing(closing))
    attachments = all_attachments(spec, locale)
    if attachments:
        blocks.append(AttachmentNote(tuple(a.title for a in attachments)))
    blocks.append(
        SignOff(spec.issuer_name_for_sign_off, printed_issue_date(spec, issue_date, "zh"), seal, None)
    )
    note = contact_line(spec.contact, "zh")
    if note:
        blocks.append(Note(note))
    blocks.extend(_attachment_pages(attachments, "zh"))
    if spec.cc or spec.printing:
        blocks.append(
            Colophon(
                "抄送：" + "，".join(spec.cc) + "。" if spec.cc else None,
                spec.printing.office if spec.printing else None,
                f"{cn_date(spec.printing.date)}印发" if spec.printing else None,
            )
        )
    return blocks


def all_attachments(spec: NoticeSpec, locale: str) -> list[Attachment]:
    """The kind's own fill-in forms (a meeting's reply slip, its proxy form) first, then the spec's attachments."""
    forms = getattr(spec.facts, "forms", None)
    made = forms(spec.lang, locale.replace("-", "_")) if callable(forms) else []
    return [Attachment(title=title, body=list(lines)) for title, lines in made] + list(spec.attachments)


def _attachment_pages(attachments: list[Attachment], lang: str) -> list[Block]:
    pages: list[Block] = []
    for n, attachment in enumerate(attachments, start=1):
        if not attachment.body:
            continue
        from notices.composer.markup import body_blocks

        inner = tuple(body_blocks(attachment.body, Numberer(lang)))
        # GB/T 9704-2012 §7.3.4/§7.5: the order number only when there are several; one is just 附件.
        number = f"{n}" if len(attachments) > 1 else ""
        label = f"附件{number}" if lang == "zh" else f"Enclosure {number}".rstrip()
        pages.append(AttachmentPage(n, label, attachment.title, inner))
    return pages


def _en_frame(
    spec: NoticeSpec, body: list[Block], issue_date: dt.date, locale: str, seal: Path | None
) -> list[Block]:
    us = locale.lower().replace("_", "-") == "en-us"
    blocks: list[Block] = [Letterhead(spec.issuer.header or spec.issuer.name)]
    if spec.issuer.doc_number:
        blocks.append(DocNumber(f"Ref: {spec.issuer.doc_number}"))
    if spec.urgency:
        blocks.append(TopMatter(urgency=spec.urgency.upper()))
    dated = printed_issue_date(spec, issue_date, "en", locale)
    if dated:
        blocks.append(DateLine(dated))
    salutation = spec.salutation or ("Dear Sir or Madam:" if us else "Dear Sir or Madam,")
    blocks.append(Title(spec.title))
    blocks.append(Salutation(salutation))
    blocks.extend(body)
    blocks.append(Closing(spec.closing or _en_closing(salutation, us)))
    blocks.append(SignOff(spec.issuer_name_for_sign_off, "", seal, spec.issuer.signer))
    note = contact_line(spec.contact, "en", locale.replace("-", "_"))
    if note:
        blocks.append(Paragraph(note))
    attachments = all_attachments(spec, locale)
    if attachments:
        # One label, then the enclosures numbered as the pages that follow call them ("Enclosure 2"), not
        # "Enclosures:" repeated before each one.
        if len(attachments) == 1:
            lines: tuple[str, ...] = (f"Enclosure: {attachments[0].title}",)
        else:
            numbered = (f"{n}. {a.title}" for n, a in enumerate(attachments, start=1))
            lines = (f"Enclosures ({len(attachments)}):", *numbered)
        blocks.append(AttachmentNote(lines))
    if spec.cc:
        blocks.append(Colophon(cc="cc: " + ", ".join(spec.cc)))
    blocks.extend(_attachment_pages(attachments, "en"))
    return blocks


# A reader greeted by role, not by name: "Dear Sir or Madam", "Dear Customer", "Dear Valued Partners", "To whom
# it may concern" (EN-CLOSE reads the same pattern).
UNNAMED_SALUTATION = LazyPattern(
    r"^\s*(?:dear\s+(?:(?:valued|esteemed|our|all)\s+)*(?:sir\s+or\s+madam|sir/madam|sirs?|madam|customers?|"
    r"clients?|partners?|colleagues?|members?|shareholders?|friends?|distributors?|dealers?|merchants?|suppliers?|"
    r"team|all|everyone)\b|to\s+whom)",
    re.IGNORECASE,
)


def _en_closing(salutation: str, us: bool) -> str:
    """UK: a named reader gets "Yours sincerely", one greeted by role ("Dear Sir or Madam", "Dear Customer")
    "Yours faithfully" (The Gregg Reference Manual, ch. 13); US: "Sincerely"."""
    if us:
        return "Sincerely,"
    return "Yours faithfully," if UNNAMED_SALUTATION.match(salutation) else "Yours sincerely,"


__all__ = [
    "UNNAMED_SALUTATION",
    "compose",
    "contact_line",
    "en_date",
    "fold",
    "issue_date_of",
    "printed_issue_date",
    "source_date",
]
