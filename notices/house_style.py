"""A company's house style: its name, letterhead, document-number prefix, colours, logo, seal and fonts.

Written once in a YAML file and shared by every spec, so swapping that file changes the look of every notice
without touching a spec. A spec names it with ``house_style: path/to/house.yaml`` (relative to the spec), or the
nearest ``pyproject.toml`` does with ``[tool.notices] house_style = "…"`` (relative to that file).

What it gives, and to whom:

- spec defaults (``lang``, ``profile``, ``locale``, ``issuer.name``, ``issuer.header``, the document-number
  prefix, ``contact``) are laid under the spec's data before validation: a value the spec gives always wins;
- the look (:class:`Look`: a :class:`~notices.profiles.Profile` with the house colour and fonts, the font files
  to load, the folder the renderers may read) goes to the renderers through the document;
- the logo and the seal (unless the spec names its own seal) are put on the letterhead and the sign-off;
- its own kind templates (``kinds:`` folder) render in the same sandbox, with a loader that reaches nothing
  outside that folder.

Every file the house style names (logo, seal, fonts, kinds) must lie inside the house style's own folder.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from notices.errors import Location, Problem, SpecError, TemplateError
from notices.profiles import FontRole, Profile, get_profile, with_overrides
from notices.reader.source import PathKey, SourceMap, parse_yaml, path_text
from notices.spec.model import BUILT_IN_KINDS, Contact, Lang
from notices.spec.types import SpecModel

if TYPE_CHECKING:
    import jinja2

    from notices.document import Block

ROLES = ("title", "body", "heading1", "heading2", "page_number")
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2"})
_HEX = re.compile(r"^#(?:[0-9A-Fa-f]{3}){1,2}$")
# A document number that is only the part after the prefix: 〔2026〕1号, [2026] 1, 2026-001.
_NUMBER_WITHOUT_PREFIX = re.compile(r"^[〔\[（(\d]")

Localised = str | dict[Lang, str]


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
            raise ValueError("name a family or a file")
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
            raise ValueError(f"{value!r} is not a colour; write it as #RRGGBB, e.g. #C00000")
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
    contact: Contact | dict[Lang, Contact] | None = Field(
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


@dataclass(frozen=True)
class FontFace:
    """A font file a renderer loads itself (``@font-face``), under the family name the CSS and DOCX use."""

    family: str
    path: Path
    weight: int


@dataclass(frozen=True, eq=False)  # hashed by identity, like Profile: the renderers cache per look
class Look:
    """What a renderer takes from a house style for one profile and language."""

    profile: Profile
    font_faces: tuple[FontFace, ...]
    folder: Path

    @property
    def extra_families(self) -> frozenset[str]:
        """Families the house style brings as files: usable although fontconfig does not list them."""
        return frozenset(face.family for face in self.font_faces)

    def css(self) -> str:
        """``@font-face`` rules for the house fonts, and the logo's place in the letterhead."""
        rules = [
            f"@font-face {{ font-family: {css_string(face.family)}; src: url({css_string(face.path.as_uri())}); "
            f"font-weight: {face.weight}; font-style: normal; }}"
            for face in self.font_faces
        ]
        rules.append(
            ".lang-zh .letterhead .logo { position: absolute; left: -1.3em; top: 0; height: 1em; }\n"
            ".lang-en .letterhead .logo { height: 1.4em; vertical-align: middle; margin-right: 0.4em; }"
        )
        return "\n".join(rules) + "\n"


def css_string(value: str) -> str:
    """A CSS string literal: whatever a house style's names hold, they cannot close the rule."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " _-.:/%·" or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in value
    )
    return f'"{escaped}"'


@dataclass(frozen=True, eq=False)
class HouseStyle:
    """A loaded house style: the validated file, where it is, and its resolved assets."""

    spec: HouseStyleSpec
    file: Path
    folder: Path
    logo: Path | None = None
    seal: Path | None = None
    kinds_dir: Path | None = None
    font_files: Mapping[tuple[str, str], FontFace] = field(default_factory=dict)  # (lang, role) → face
    _looks: dict[tuple[str, str], Look] = field(default_factory=dict, repr=False)

    def text(self, value: Localised | None, lang: str) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return next((text for key, text in value.items() if key == lang), None)

    # -- spec defaults ---------------------------------------------------------------------------------------

    def under(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """The spec's data with this style's defaults laid under it: the spec's own values win."""
        style = self.spec
        merged = dict(data)
        if style.language and "lang" not in merged:
            merged["lang"] = style.language
        lang = merged.get("lang", "zh")
        if style.profile and lang == "zh" and "profile" not in merged:
            merged["profile"] = style.profile
        if style.locale and "locale" not in merged:
            merged["locale"] = style.locale
        issuer = merged.get("issuer", {})
        if isinstance(issuer, Mapping):
            issuer = dict(issuer)
            for key, value in (("name", style.company), ("header", style.letterhead)):
                text = self.text(value, lang)
                if text and key not in issuer:
                    issuer[key] = text
            prefix = self.text(style.doc_number_prefix, lang)
            number = issuer.get("doc_number")
            if prefix and isinstance(number, str) and _NUMBER_WITHOUT_PREFIX.match(number):
                issuer["doc_number"] = prefix + number
            merged["issuer"] = issuer
        contact = style.contact
        if isinstance(contact, dict):
            contact = next((value for key, value in contact.items() if key == lang), None)
        if contact is not None and "contact" not in merged:
            merged["contact"] = contact.model_dump(exclude_none=True)
        return merged

    # -- the look --------------------------------------------------------------------------------------------

    def look(self, profile_name: str, lang: str) -> Look:
        """The profile with this style's colour and fonts (one object per profile, so render caches hold)."""
        key = (profile_name, lang)
        if key not in self._looks:
            base = get_profile(profile_name)
            roles = dict(base.roles)
            fonts = self.spec.fonts if lang == "zh" else self.spec.fonts_en
            faces = []
            for role in ROLES:
                choice = getattr(fonts, role) if fonts else None
                if choice is None or role not in roles:
                    continue
                face = self.font_files.get((lang, role))
                family = face.family if face else str(choice.family)
                if face:
                    faces.append(face)
                roles[role] = FontRole(role, ((family, choice.weight), *roles[role].candidates), family)
            changes: dict[str, object] = {"roles": roles}
            if self.spec.colours.letterhead:
                changes["red"] = self.spec.colours.letterhead
            profile = with_overrides(base, **changes)
            self._looks[key] = Look(profile, tuple(dict.fromkeys(faces)), self.folder)
        return self._looks[key]

    def dress(self, blocks: Iterable[Block]) -> list[Block]:
        """Put the logo on the letterhead, and the seal on a sign-off whose spec names none."""
        from notices.document import Letterhead, SignOff

        dressed: list[Block] = []
        for block in blocks:
            if isinstance(block, Letterhead) and self.logo is not None:
                block = dataclasses.replace(block, logo=self.logo)
            elif isinstance(block, SignOff) and block.seal is None and self.seal is not None:
                block = dataclasses.replace(block, seal=self.seal)
            dressed.append(block)
        return dressed

    # -- company kinds ---------------------------------------------------------------------------------------

    def kind_template(self, kind: str, lang: str) -> jinja2.Template | None:
        """The company's own template for ``kind`` in ``lang`` (its own kinds, or its wording of a built-in one)."""
        if self.kinds_dir is None or not (self.kinds_dir / f"{kind}.{lang}.j2").is_file():
            return None
        import jinja2

        name = f"{kind}.{lang}.j2"
        try:
            return company_kind_environment(self.kinds_dir).get_template(name)
        except jinja2.TemplateSyntaxError as err:
            raise TemplateError(
                Problem(f"template error: {err.message}", Location(str(self.kinds_dir / name), err.lineno))
            ) from None
        except jinja2.TemplateNotFound as err:
            raise TemplateError(
                Problem(
                    f"{name} reaches outside the house style's kinds folder ({err.name})",
                    Location(str(self.kinds_dir / name)),
                    fix="keep the company's templates, and everything they include, inside that folder",
                )
            ) from None


def _folder_loader(folder: Path) -> jinja2.BaseLoader:
    import jinja2

    class FolderLoader(jinja2.FileSystemLoader):
        """Jinja's loader already refuses ``..`` and absolute names; this also refuses symlinks out."""

        def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(folder):
                raise jinja2.TemplateNotFound(template)
            return source, filename, uptodate

    return FolderLoader(str(folder))


@functools.lru_cache(maxsize=8)
def company_kind_environment(folder: Path) -> jinja2.Environment:
    """The built-in kinds' sandbox (filters, globals, folding of values), loading only from ``folder``."""
    from notices.composer import kind_environment

    return kind_environment().overlay(loader=_folder_loader(folder.resolve()))


# -- finding and loading ---------------------------------------------------------------------------------------


def apply_house_style(
    data: dict[str, Any], source: SourceMap, base_dir: Path
) -> tuple[dict[str, Any], HouseStyle | None, list[Problem]]:
    """The spec's data with its house style's defaults under it, the loaded style, and the problems found."""
    problems: list[Problem] = []
    house: HouseStyle | None = None
    try:
        found = find_house_style(data, source, base_dir)
        if found is not None:
            house = load_house_style(found)
            data = house.under(data)
    except SpecError as err:
        problems.extend(err.problems)
    problems.extend(_kind_problems(data, house, source))
    return data, house, problems


def find_house_style(data: Mapping[str, Any], source: SourceMap, base_dir: Path) -> Path | None:
    """The spec's ``house_style``, else ``[tool.notices] house_style`` of the nearest pyproject.toml."""
    named = data.get("house_style")
    if isinstance(named, str) and named.strip():
        path = (base_dir / named).resolve()
        if not path.is_file():
            raise SpecError(
                Problem(
                    f"house style {named!r} not found (looked for {path})",
                    source.locate(("house_style",)),
                    "house_style",
                    "give the path of the house style's YAML file, relative to the spec",
                )
            )
        return path
    if named is not None:
        return None  # not a string: the model reports it
    pyproject = nearest_pyproject(base_dir)
    if pyproject is None:
        return None
    try:
        settings = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("notices", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise SpecError(Problem(f"cannot read {pyproject.name}: {err}", Location(str(pyproject)))) from None
    named = settings.get("house_style") if isinstance(settings, Mapping) else None
    if named is None:
        return None
    path = (pyproject.parent / str(named)).resolve()
    if not isinstance(named, str) or not path.is_file():
        raise SpecError(
            Problem(
                f"[tool.notices] house_style {named!r} not found (looked for {path})",
                Location(str(pyproject)),
                fix="give the path of the house style's YAML file, relative to pyproject.toml",
            )
        )
    return path


def nearest_pyproject(start: Path) -> Path | None:
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_house_style(path: Path) -> HouseStyle:
    """Read and validate a house style file; every problem is reported at once, with its line and column."""
    stat = path.stat()
    return _load(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load(path: Path, mtime_ns: int, size: int) -> HouseStyle:
    from notices.reader import validation_problems

    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise SpecError(Problem(f"cannot read the house style: {err}", Location(file))) from None
    data, source, problems = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise SpecError(
            Problem("a house style is a mapping of keys (company, letterhead, …)", Location(file))
        )
    style: HouseStyleSpec | None = None
    try:
        style = HouseStyleSpec.model_validate(data)
    except ValidationError as err:
        problems.extend(validation_problems(err, data, source, root=HouseStyleSpec))
    if style is None or problems:
        raise SpecError(problems)
    return _resolve_assets(style, path, source)


def _resolve_assets(style: HouseStyleSpec, path: Path, source: SourceMap) -> HouseStyle:
    folder = path.parent
    problems: list[Problem] = []

    def inside(relative: str | None, where: PathKey, *, folder_wanted: bool = False) -> Path | None:
        if relative is None:
            return None
        candidate = Path(relative)
        resolved = (folder / candidate).resolve()
        what = "folder" if folder_wanted else "file"
        if candidate.is_absolute() or ".." in candidate.parts or not resolved.is_relative_to(folder):
            message = f"{relative!r} is outside the house style's folder {folder}"
            fix = f"copy the {what} into {folder} and name it relative to the house style"
        elif not (resolved.is_dir() if folder_wanted else resolved.is_file()):
            message, fix = f"{what} {relative!r} not found in {folder}", "check the name"
        else:
            return resolved
        problems.append(Problem(message, source.locate(where), path_text(where), fix))
        return None

    font_files: dict[tuple[str, str], FontFace] = {}
    for lang, key in (("zh", "fonts"), ("en", "fonts_en")):
        fonts = getattr(style, key)
        for role in ROLES:
            choice = getattr(fonts, role) if fonts else None
            file = inside(choice.file if choice else None, (key, role, "file"))
            if choice is None or file is None:
                continue
            try:
                family = choice.family or font_family(file)
            except Exception as err:  # fontTools raises many kinds of error for a file that is not a font
                problems.append(
                    Problem(f"cannot read the font file: {err}", source.locate((key, role)), f"{key}.{role}")
                )
                continue
            font_files[(lang, role)] = FontFace(family, file, choice.weight)
    house = HouseStyle(
        style,
        path,
        folder,
        logo=inside(style.logo, ("logo",)),
        seal=inside(style.seal, ("seal",)),
        kinds_dir=inside(style.kinds, ("kinds",), folder_wanted=True),
        font_files=font_files,
    )
    if problems:
        raise SpecError(problems)
    return house


def font_family(path: Path) -> str:
    """The family name a font file gives itself (its typographic family where it has one)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), fontNumber=0, lazy=True) as font:
        name = font["name"].getBestFamilyName()
    if not name:
        raise ValueError(f"{path.name} names no family; give family: as well")
    return str(name)


def _kind_problems(data: Mapping[str, Any], house: HouseStyle | None, source: SourceMap) -> list[Problem]:
    """A kind that is neither built in nor a template of the house style is an error, not a general notice."""
    kind, lang = data.get("kind", "general"), data.get("lang", "zh")
    if not isinstance(kind, str) or kind in BUILT_IN_KINDS or not re.match(r"^[a-z][a-z0-9_-]*$", kind):
        return []
    if (
        house is not None
        and house.kinds_dir is not None
        and (house.kinds_dir / f"{kind}.{lang}.j2").is_file()
    ):
        return []
    import difflib

    guess = difflib.get_close_matches(kind, BUILT_IN_KINDS, n=1)
    if house is not None and house.kinds_dir is not None:
        missing = f"the house style's kinds folder {house.kinds_dir} has no {kind}.{lang}.j2"
    else:
        missing = "no house style with a kinds: folder is named"
    return [
        Problem(
            f"unknown kind {kind!r}: not built in, and {missing}",
            source.locate(("kind",)),
            "kind",
            f"did you mean {guess[0]!r}?" if guess else f"use one of {', '.join(BUILT_IN_KINDS)}",
        )
    ]


__all__ = [
    "FontChoice",
    "FontFace",
    "HouseStyle",
    "HouseStyleSpec",
    "Look",
    "apply_house_style",
    "company_kind_environment",
    "css_string",
    "find_house_style",
    "font_family",
    "load_house_style",
]
