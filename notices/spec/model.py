"""The notice spec: what a writer fills in, as a typed model.

Unknown keys are errors (``extra="forbid"``) because a misspelt key that vanished silently would drop a deadline
from a notice sent to two thousand customers. Dates accept ISO (``2026-01-05``) and the Chinese written form
(``2026年1月5日``); everything is validated here so later stages can trust the types.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import typing
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from notices import kinds
from notices.i18n import _
from notices.patterns import LazyPattern
from notices.spec.doctypes import DocType, DocTypeName, doc_type, names_for, of_title
from notices.spec.tables import BodyTable
from notices.spec.types import UNDATED, Date, IssueDate, IssueMonth, SpecModel, TimeOfDay, looks_like_a_date

# The kinds come from their registry (notices/kinds/<kind>/): a new folder there is a new kind here.
BUILT_IN_KINDS: tuple[str, ...] = kinds.names()
# A company's own kind is a template of that name in the folder its house style names (`kinds:`).
_COMPANY_KIND = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def _check_kind(value: str) -> str:
    if value not in BUILT_IN_KINDS and not _COMPANY_KIND.match(value):
        guess = difflib.get_close_matches(value.lower(), BUILT_IN_KINDS, n=1)
        kinds = ", ".join(BUILT_IN_KINDS)
        if guess:
            raise ValueError(
                _(
                    "did you mean {guess!r}? use one of {kinds}, or the name of a house style's own kind "
                    "(lowercase letters, digits, - and _)"
                ).format(guess=guess[0], kinds=kinds)
            )
        raise ValueError(
            _(
                "use one of {kinds}, or the name of a house style's own kind (lowercase letters, digits, - and _)"
            ).format(kinds=kinds)
        )
    return value


KindName = Annotated[
    str,
    AfterValidator(_check_kind),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(BUILT_IN_KINDS)},
                {
                    "type": "string",
                    "pattern": _COMPANY_KIND.pattern,
                    "description": "a house style's own kind",
                },
            ],
            "default": "general",
        }
    ),
]
Lang = Literal["zh", "en"]
ProfileName = Literal["enterprise", "gbt9704", "letter", "plain", "en-letter"]


def _name_may_come_from_the_house_style(schema: dict[str, Any]) -> None:
    # A spec under a house style leaves the issuer's name to it (the two are merged before the model reads
    # them), so the spec's own schema does not require it; a name missing from both is the loader's error.
    schema.pop("required", None)


class Issuer(SpecModel):
    """Who sends the notice."""

    model_config = ConfigDict(json_schema_extra=_name_may_come_from_the_house_style)

    name: str = Field(
        description="Full legal name of the issuing company, e.g. 某某控股有限公司 (may be left to the house style)"
    )
    header: str | None = Field(
        None, description="Red letterhead text (发文机关标志), e.g. 某某控股有限公司文件"
    )
    doc_number: str | None = Field(None, description="Document number (发文字号), e.g. 某控发〔2026〕1号")
    signer: str | None = Field(
        None,
        description=(
            "签发人, for documents sent upward; in an English letter the person who signs, printed under the room"
            " for the signature (a second line for the job title)"
        ),
    )
    short_name: str | None = Field(None, description="Short name used in running text")


class Deadline(SpecModel):
    label: str = Field(description="What is due, e.g. 最后下单时间")
    date: Date
    time: TimeOfDay | None = Field(None, description="Time of day, HH:MM (quote it in YAML: '17:00')")


class SignOff(SpecModel):
    text_form = "the date of issue (2026-01-05), or the issuer's name then the date, as printed"

    @model_validator(mode="before")
    @classmethod
    def _date_alone(cls, value: Any) -> Any:
        # "sign_off: 2026-12-20": the date is what a writer puts there most; the rest is optional
        if isinstance(value, dt.date) or (isinstance(value, str) and looks_like_a_date(value)):
            return {"date": value}
        if isinstance(value, str):
            return issuer_then_date(value) or value
        return value

    issuer: str | None = Field(None, description="Name printed above the date; defaults to issuer.name")
    date: IssueDate | None = Field(
        None,
        description=(
            "Date of issue (成文日期): 2026-01-05; a month alone when the notice gives no day (2019-05, printed"
            " 2019年5月 / May 2019); none when the notice states no date (nothing printed). Left out: "
            "SOURCE_DATE_EPOCH, else today"
        ),
    )
    seal: str | None = Field(None, description="Seal image (PNG, JPEG or GIF) inside the spec's folder")

    @property
    def day(self) -> dt.date | None:
        """The date of issue when the notice gives the day."""
        return self.date if isinstance(self.date, dt.date) else None

    @property
    def month(self) -> IssueMonth | None:
        """The month of issue when the notice gives only the month."""
        return self.date if isinstance(self.date, IssueMonth) else None

    @property
    def undated(self) -> bool:
        """The notice states no date of issue (``date: none``)."""
        return self.date == UNDATED


def issuer_then_date(text: str) -> dict[str, str] | None:
    """``sign_off: 华东恒信控股有限公司 2026年5月6日``, or the two on two lines as they are printed: the
    sign-off written as it looks, the issuer's name then the date of issue (or the name alone). ``None`` for
    anything else (several lines of names: a joint sign-off is written with its keys)."""
    words = text.split()
    for start in range(1, len(words)):
        if looks_like_a_date(" ".join(words[start:])):
            issuer = " ".join(words[:start]).rstrip(",，、")
            return {"issuer": issuer, "date": " ".join(words[start:])} if issuer else None
    glued = _ISSUER_GLUED_TO_DATE.match(text.strip())
    if glued:  # 华东恒信控股有限公司2026年5月6日
        return {"issuer": glued["issuer"], "date": glued["date"]}
    if len(text.strip().splitlines()) == 1 and text.strip():
        return {"issuer": text.strip()}
    return None


_ISSUER_GLUED_TO_DATE = LazyPattern(
    r"^(?P<issuer>\S*\D)(?P<date>\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)$"
)


def pasted_paragraphs(value: Any) -> Any:
    """``body: |`` followed by text pasted from Word: each line is one of Word's paragraphs, so each non-blank
    line becomes a paragraph of the body (a list, as ``body:`` is otherwise written). Anything else is left
    to the field's own validation."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


def _as_list(value: Any) -> Any:
    """One value or several: ``phone: 021-1234`` or ``phone: [021-1234, 400-820-1688]``."""
    return [value] if isinstance(value, str) else value


Phones = Annotated[list[str], BeforeValidator(_as_list, json_schema_input_type=str | list[str])]


class Contact(SpecModel):
    name: str | None = None
    phone: Phones = Field(default_factory=list, description="A number, or a list of numbers")
    fax: str | None = None
    email: str | None = None
    address: str | None = None
    hours: str | None = Field(None, description="When the contact is reachable, e.g. 9:00—18:00")


def one_or_many(value: Any) -> Any:
    """One entry written without the list around it (``items: 一条说明。``, ``attachments: 价格表``, a single
    ``{label: …, date: …}``): a list of that one entry, as the writer meant."""
    return [value] if isinstance(value, str | dict) else value


class Section(SpecModel):
    """A body item with a heading, paragraphs and/or numbered items (each item may nest further)."""

    heading: str | None = None
    text: str | list[str] | None = None
    table: BodyTable | None = Field(
        None, description="A table after the text: rows of cells, or cells from Excel"
    )
    items: list[BodyItem] | None = None

    @field_validator("items", mode="before", json_schema_input_type=str | list[Any] | None)
    @classmethod
    def _one_item(cls, value: Any) -> Any:
        return one_or_many(value)


BodyItem = str | Section


class KindSections(SpecModel):
    """Where the kind's own sections print among the writer's body: ``- facts: all``, ``- facts: rest`` or
    ``- facts: [shipping, service]`` (the names a kind lists in ``notices rules``/the README)."""

    facts: Literal["all", "rest"] | list[str] = Field(
        description="all, rest (the sections not placed elsewhere) or a list of the kind's section names"
    )

    @field_validator("facts", mode="before")
    @classmethod
    def _one_name(cls, value: Any) -> Any:
        if isinstance(value, str) and value not in ("all", "rest"):
            return [value]
        return value


def _body_branch(value: Any) -> str:
    if isinstance(value, str):
        return "str"
    if isinstance(value, dict | KindSections) and ("facts" in value if isinstance(value, dict) else True):
        return "KindSections"
    return "Section"


TopBodyItem = Annotated[
    Annotated[str, Tag("str")]
    | Annotated[Section, Tag("Section")]
    | Annotated[KindSections, Tag("KindSections")],
    Discriminator(_body_branch),
]


class Attachment(SpecModel):
    """An attachment: its title, and optionally its own pages. A plain string is a title alone."""

    text_form = "the attachment's title alone"

    title: str
    body: list[BodyItem] = Field(default_factory=list, description="Content of the attachment page(s)")

    @model_validator(mode="before")
    @classmethod
    def _title_alone(cls, value: Any) -> Any:
        return {"title": value} if isinstance(value, str) else value

    @field_validator("body", mode="before", json_schema_input_type=str | list[BodyItem])
    @classmethod
    def _pasted_text(cls, value: Any) -> Any:
        return pasted_paragraphs(value)


class Printing(SpecModel):
    """版记: who printed and distributed the document, and when."""

    office: str
    date: Date


class Recipient(SpecModel):
    """Sample recipient for a single render; batch rows replace it."""

    model_config = ConfigDict(extra="allow", frozen=True)
    name: str | None = None


class NoticeBase(SpecModel):
    """A customer notice, as written in a spec file."""

    kind: KindName = Field(
        "general",
        description="general, stockup, holiday, price, meeting, incident, or a house style's own kind",
    )
    lang: Lang = "zh"
    profile: ProfileName | None = Field(
        None, description="Layout profile; default enterprise (zh) or en-letter (en)"
    )
    locale: str | None = Field(None, description="English date style: en-GB (5 January 2026) or en-US")
    issuer: Issuer
    copy_number: str | None = Field(None, description="份号, 6 digits")
    secrecy: str | None = Field(None, description="密级和保密期限, e.g. 机密★1年")
    urgency: str | None = Field(None, description="紧急程度: 特急 or 加急 (English: Urgent)")
    doc_type: DocTypeName | None = Field(
        None,
        description="What the document is: 通知, 通告, 公告, 函, 复函, 邀请函, 情况说明 (default: what the title "
        "ends with, else 通知); English: notice (default), letter, incident summary. Decides the closing and the "
        "kind's phrasing",
    )
    title: str
    salutation: str | None = Field(None, description="主送 / salutation, e.g. 尊敬的合作伙伴：")
    body: list[TopBodyItem] = Field(
        default_factory=list,
        description="Paragraphs and headed sections; `- facts: all` (or a list of section names) places the "
        "kind's own sections among them. Or text pasted after `body: |`: each line a paragraph; typed numbers "
        "(一、 （一） 1. （1）) read as their levels",
    )
    deadlines: list[Deadline] = Field(default_factory=list)
    closing: str | None = Field(None, description="Closing line, default 特此通知。 / Yours faithfully,")
    sign_off: SignOff = Field(default_factory=SignOff)
    attachments: list[Attachment] = Field(default_factory=list)
    contact: Contact | None = None
    cc: list[str] | None = Field(None, description="抄送 / cc")
    printing: Printing | None = None
    recipient: Recipient | None = None
    vars: dict[str, Any] = Field(
        default_factory=dict, description="Values spec strings may use as {{ vars.x }}"
    )
    checks: dict[str, Any] = Field(
        default_factory=dict, description="Per-spec rule settings: RULE-ID: off|error|warning|info"
    )
    house_style: str | None = Field(
        None, description="House style file (YAML), relative to the spec; else [tool.notices] house_style"
    )
    # The facts of each kind are sections named after it, added from the kinds' registry by spec_model().

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str | None) -> str | None:
        # Babel knows hundreds of locales, but the English letter is written for these two date styles only;
        # anything else (xx_YY, a typo) would end in Babel's UnknownLocaleError at render time.
        if value is not None and value.replace("_", "-").lower() not in ("en-gb", "en-us"):
            raise ValueError(
                _("unknown locale {value!r}: use en-GB (5 January 2026) or en-US (January 5, 2026)").format(
                    value=value
                )
            )
        return value

    @field_validator("doc_type")
    @classmethod
    def _doc_type_of_the_language(cls, value: str | None, info: ValidationInfo) -> str | None:
        lang = info.data.get("lang")
        if value is not None and lang is not None and value not in names_for(lang):
            raise ValueError(
                _("{value!r} is not a document type of a lang: {lang} notice; use one of {names}").format(
                    value=value, lang=lang, names=", ".join(names_for(lang))
                )
            )
        return value

    @field_validator("issuer", mode="before", json_schema_input_type=str | Issuer)
    @classmethod
    def _issuer_by_name(cls, value: Any) -> Any:
        # "issuer: 上海某某有限公司" is how a writer names the sender; the rest of Issuer is optional.
        return {"name": value} if isinstance(value, str) else value

    @field_validator("body", mode="before", json_schema_input_type=str | list[TopBodyItem])
    @classmethod
    def _pasted_text(cls, value: Any) -> Any:
        return pasted_paragraphs(value)

    @field_validator("body")
    @classmethod
    def _sections_the_kind_has(cls, value: list[Any], info: ValidationInfo) -> list[Any]:
        placements = [item for item in value if isinstance(item, KindSections)]
        if not placements:
            return value
        name = info.data.get("kind")
        kind = kinds.get(name) if isinstance(name, str) else None
        if kind is not None and not kind.sections:
            raise ValueError(
                _("kind: {name} writes no sections of its own; remove the facts: entry").format(name=name)
            )
        known = (kind.sections if kind else ()) + ("deadlines",)
        placed: list[str] = []
        for item in placements:
            names = item.facts if isinstance(item.facts, list) else []
            for section in names:
                if kind is not None and section not in known:
                    guess = difflib.get_close_matches(section, known, n=1)
                    raise ValueError(
                        (
                            _(
                                "kind: {name} has no section {section!r} (did you mean {guess!r}?); its sections are {known}"
                            )
                            if guess
                            else _("kind: {name} has no section {section!r}; its sections are {known}")
                        ).format(
                            name=name,
                            section=section,
                            guess=guess[0] if guess else "",
                            known=", ".join(known),
                        )
                    )
                if section in placed:
                    raise ValueError(_("the section {section!r} is placed twice").format(section=section))
                placed.append(section)
        if sum(1 for item in placements if isinstance(item.facts, str)) > 1:
            raise ValueError(_("facts: all or facts: rest may appear once in a body"))
        return value

    @field_validator("attachments", mode="before", json_schema_input_type=list[Attachment] | Attachment)
    @classmethod
    def _one_attachment(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("deadlines", mode="before", json_schema_input_type=list[Deadline] | Deadline)
    @classmethod
    def _one_deadline(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("cc", mode="before")
    @classmethod
    def _cc_as_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part for part in re.split(r"[，,、]\s*", value.rstrip("。")) if part]
        return value

    @property
    def effective_profile(self) -> str:
        if self.profile:
            return self.profile
        return "en-letter" if self.lang == "en" else "enterprise"

    @property
    def document(self) -> DocType:
        """What the document is (``doc_type:``; else what the title ends with, 公告 or 函; else 通知 / notice):
        closing, title ending, phrasing."""
        if self.doc_type:
            return doc_type(self.doc_type, self.lang)
        return of_title(self.title, self.lang) or doc_type(None, self.lang)

    @property
    def issuer_name_for_sign_off(self) -> str:
        return self.sign_off.issuer or self.issuer.name

    @property
    def facts(self) -> BaseModel | None:
        """The section of facts of this notice's kind (``spec.stockup`` for ``kind: stockup``), if it has one."""
        value = getattr(self, self.kind, None) if self.kind in type(self).model_fields else None
        return value if isinstance(value, BaseModel) else None


def _section_of_the_kind(cls: type[BaseModel], value: Any, info: ValidationInfo) -> Any:
    """A kind's section is required when the spec is of that kind, and refused when it is of another."""
    kind = info.data.get("kind")
    if value is None and kind == info.field_name:
        raise PydanticCustomError("missing", "Field required")
    if value is not None and kind is not None and kind != info.field_name:
        raise ValueError(
            _("a {field_name}: section is read only when kind is {field_name}").format(
                field_name=info.field_name
            )
        )
    return value


@functools.lru_cache(maxsize=16)
def spec_model(extra: tuple[kinds.Kind, ...] = ()) -> type[NoticeBase]:
    """The spec model with a section for each built-in kind with facts, and for each of ``extra`` (a company's).

    Cached per set of kinds, so every notice of one house style validates against one class.
    """
    sections: dict[str, Any] = {
        k.name: (
            k.facts | None,
            Field(None, validate_default=True, description=f"The facts of kind: {k.name} ({k.summary})"),
        )
        for k in (*kinds.built_in().values(), *extra)
        if k.facts is not None
    }
    validators: dict[str, Any] = {}
    if sections:
        validators["_section_of_the_kind"] = field_validator(*sections)(_section_of_the_kind)
    model = create_model(
        "NoticeSpec",
        __base__=NoticeBase,
        __module__=__name__,
        __validators__=validators,
        __doc__=NoticeBase.__doc__,
        **sections,
    )
    return typing.cast("type[NoticeBase]", model)


Section.model_rebuild()
KindSections.model_rebuild()
Attachment.model_rebuild()
NoticeBase.model_rebuild()

if TYPE_CHECKING:
    NoticeSpec = NoticeBase
else:
    NoticeSpec = spec_model()
