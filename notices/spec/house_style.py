"""The house style file's model: what a company may write in it, validated like a spec (unknown keys are errors).

Loading the file and laying its defaults under a spec is the reader's (``notices/reader/house_style.py``);
putting its logo and seal on the blocks and its own kind templates are the composer's (``composer/house.py``);
its fonts and colour reach the renderers as a :class:`~notices.profiles.Look`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from notices.i18n import _
from notices.spec.model import Contact, Lang
from notices.spec.types import SpecModel

ROLES = ("title", "body", "heading1", "heading2", "page_number")
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2"})
_HEX = re.compile(r"^#(?:[0-9A-Fa-f]{3}){1,2}$")


def _one_or_by_language(value: Any) -> str:
    """``{zh: …, en: …}`` is a value per language; anything else is the one value for both. Choosing the branch
    here, instead of letting pydantic try both, gives one error where the writer erred, not one per branch
    ("unknown key 'zh'" from the branch that was never meant)."""
    if isinstance(value, dict) and any(key in ("zh", "en") for key in value):
        return "ByLanguage"
    return "One"


Localised = Annotated[
    Annotated[str, Tag("One")] | Annotated[dict[Lang, str], Tag("ByLanguage")],
    Discriminator(_one_or_by_language),
]
Contacts = Annotated[
    Annotated[Contact, Tag("One")] | Annotated[dict[Lang, Contact], Tag("ByLanguage")],
    Discriminator(_one_or_by_language),
]


class FontChoice(SpecModel):
    """An installed family, or a font file in the house style's folder (its family is read from the file)."""

    family: str | None = Field(None, description="Family name, e.g. 方正小标宋简体")
    file: str | None = Field(None, description="Font file (.ttf/.otf) inside the house style's folder")
    weight: int = Field(400, ge=100, le=900, description="CSS weight of this face: 400 regular, 700 bold")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"file": value} if Path(value).suffix.lower() in FONT_SUFFIXES else {"family": value}
        return value

    @model_validator(mode="after")
    def _family_or_file(self) -> FontChoice:
        if not (self.family or self.file):
            raise ValueError(_("name a family or a file"))
        return self


class RoleFonts(SpecModel):
    """The face of each typographic role; a role left out keeps the profile's face."""

    title: FontChoice | None = Field(None, description="Title and letterhead (小标宋)")
    body: FontChoice | None = Field(None, description="Body text (仿宋)")
    heading1: FontChoice | None = Field(None, description="Level-1 headings (黑体)")
    heading2: FontChoice | None = Field(None, description="Level-2 headings (楷体)")
    page_number: FontChoice | None = Field(None, description="Page numbers (宋体)")


class Colours(SpecModel):
    letterhead: str | None = Field(
        None, description="Letterhead text and the rule under it, #RRGGBB (GB/T 9704 red: #E60012)"
    )

    @field_validator("letterhead")
    @classmethod
    def _hex(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not _HEX.match(value):
            raise ValueError(
                _("{value!r} is not a colour; write it as #RRGGBB, e.g. #C00000").format(value=value)
            )
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(ch * 2 for ch in digits)
        return "#" + digits.upper()


class HouseStyleSpec(SpecModel):
    """The house style file. Text that differs by language may be given as ``{zh: …, en: …}``."""

    company: Localised = Field(description="Full legal name: the default issuer.name")
    letterhead: Localised | None = Field(None, description="Red letterhead text, e.g. 某某控股有限公司文件")
    doc_number_prefix: Localised | None = Field(
        None, description="机关代字, e.g. 恒信发: a spec's doc_number 〔2026〕1号 becomes 恒信发〔2026〕1号"
    )
    colours: Colours = Field(default_factory=Colours)
    logo: str | None = Field(None, description="Logo image (PNG/JPEG/GIF) beside the letterhead")
    seal: str | None = Field(None, description="Seal image (PNG/GIF with transparency) over the sign-off")
    fonts: RoleFonts | None = Field(None, description="Faces for Chinese notices")
    fonts_en: RoleFonts | None = Field(None, description="Faces for English notices")
    contact: Contacts | None = Field(
        None,
        description="Printed at the foot of every notice (附注 / Contact); per language as {zh: …, en: …}",
    )
    profile: Literal["enterprise", "gbt9704", "letter", "plain"] | None = Field(
        None, description="Default layout profile of Chinese notices"
    )
    language: Lang | None = Field(None, description="Default lang of a spec that states none")
    locale: Literal["en-GB", "en-US"] | None = Field(None, description="Default English date style")
    kinds: str | None = Field(
        None, description="Folder of the company's own kind templates (<kind>.<lang>.j2)"
    )


__all__ = ["FONT_SUFFIXES", "ROLES", "Colours", "FontChoice", "HouseStyleSpec", "Localised", "RoleFonts"]
