"""A company's house style, found and loaded: its name, letterhead, document-number prefix, colours, logo, seal,
fonts and own kinds, written once in a YAML file and shared by every spec.

A spec names it with ``house_style: path/to/house.yaml`` (relative to the spec), or the nearest
``pyproject.toml`` does with ``[tool.notices] house_style = "…"`` (relative to that file). The reader loads and
validates it (the model is ``notices/spec/house_style.py``), resolves the files it names, and lays its spec
defaults (``lang``, ``profile``, ``locale``, ``issuer.name``, ``issuer.header``, the document-number prefix,
``contact``) under the spec's data before validation: a value the spec gives always wins. Its look (profile with
the house colour and fonts, font files) is built here for the composer to hand to the renderers; its logo, seal
and kind templates are used by the composer (``notices/composer/house.py``).

Every file the house style names (logo, seal, fonts, kinds) must lie inside the house style's own folder.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notices.assets import AssetError, resolve_image
from notices.errors import Location, Problem, SpecError
from notices.fsio import length_problem, resolve_path, shorten
from notices.i18n import _
from notices.profiles import FontFace, FontRole, Look, get_profile, with_overrides
from notices.reader.source import PathKey, SourceMap, parse_yaml, path_text
from notices.spec.house_style import ROLES, HouseStyleSpec, Localised
from notices.spec.model import BUILT_IN_KINDS

# A document number that is only the part after the prefix: 〔2026〕1号, [2026] 1, 2026-001.
_NUMBER_WITHOUT_PREFIX = re.compile(r"^[〔\[（(\d]")


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
        if isinstance(
            issuer, str
        ):  # issuer: 某某有限公司, the name alone: the style's letterhead still applies
            issuer = {"name": issuer}
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


# -- finding and loading ---------------------------------------------------------------------------------------


# The spec keys a house style can supply that a spec must otherwise have (company → issuer.name).
HOUSE_DEFAULTS = frozenset({"issuer", "issuer.name"})


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
        too_long = length_problem(named) or length_problem(base_dir.resolve() / named)
        if too_long:
            raise SpecError(
                Problem(
                    _("house style {name!r} cannot be a file: {why}").format(
                        name=shorten(named), why=too_long
                    ),
                    source.locate(("house_style",)),
                    "house_style",
                    _("give the path of the house style's YAML file, relative to the spec"),
                )
            )
        try:
            path = resolve_path(base_dir / named)
            found = path.is_file()
        except OSError as err:  # a symbolic link loop, a folder this user may not enter
            raise SpecError(
                Problem(
                    _("house style {name!r} cannot be read: {why}").format(name=named, why=err.strerror),
                    source.locate(("house_style",)),
                    "house_style",
                    _("give the path of the house style's YAML file, relative to the spec"),
                )
            ) from None
        if not found:
            raise SpecError(
                Problem(
                    _("house style {named!r} not found (looked for {path})").format(named=named, path=path),
                    source.locate(("house_style",)),
                    "house_style",
                    _("give the path of the house style's YAML file, relative to the spec"),
                )
            )
        return path
    if named is not None:
        return None  # not a string: the model reports it
    pyproject = nearest_pyproject(base_dir)
    if pyproject is None:
        return None
    try:
        stat = pyproject.stat()
        settings = _tool_notices(pyproject, stat.st_mtime_ns, stat.st_size)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise SpecError(
            Problem(
                _("cannot read {name}: {err}").format(name=pyproject.name, err=err), Location(str(pyproject))
            )
        ) from None
    named = settings.get("house_style") if isinstance(settings, Mapping) else None
    if named is None:
        return None
    path = pyproject.parent / str(named)
    try:
        path = resolve_path(path)
        found = isinstance(named, str) and not length_problem(path) and path.is_file()
    except OSError:
        found = False
    if not found:
        raise SpecError(
            Problem(
                _("[tool.notices] house_style {named!r} not found (looked for {path})").format(
                    named=shorten(str(named)), path=shorten(str(path), 120)
                ),
                Location(str(pyproject)),
                fix=_("give the path of the house style's YAML file, relative to pyproject.toml"),
            )
        )
    return path


@functools.lru_cache(maxsize=16)
def _tool_notices(pyproject: Path, mtime_ns: int, size: int) -> Any:
    """``[tool.notices]`` of a pyproject.toml, read once per version of the file: every spec without a
    ``house_style`` of its own asks (an ERP loading a notice per call would parse the file each time). Only
    read, never changed, by its callers."""
    return tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("notices", {})


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
    from notices.reader.as_typed import validate_as_typed
    from notices.reader.bounds import data_problems
    from notices.reader.files import read_text_file

    file = str(path)
    text = read_text_file(path, "house style")
    data, source, problems = parse_yaml(text, file, what="house style")
    if not isinstance(data, dict):
        raise SpecError(
            Problem(_("a house style is a mapping of keys (company, letterhead, …)"), Location(file))
        )
    over = data_problems(data, source, check_titles=False)  # escapes ("\0") and limits, as in a spec
    if over:
        raise SpecError([*problems, *over])
    style, err, data = validate_as_typed(HouseStyleSpec, data, source)
    if err is not None:
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
        what = "folder" if folder_wanted else "file"
        too_long = length_problem(relative) or length_problem(folder / candidate)
        if too_long:
            message = _("{relative!r} cannot be a {what}: {why}").format(
                relative=shorten(relative), what=what, why=too_long
            )
            problems.append(
                Problem(message, source.locate(where), path_text(where), _("give it a short name"))
            )
            return None
        try:
            resolved = resolve_path(folder / candidate)
            there = resolved.is_dir() if folder_wanted else resolved.is_file()
        except OSError as err:  # a symbolic link loop
            there, resolved = False, folder / candidate
            unreadable = err.strerror
        else:
            unreadable = None
        if candidate.is_absolute() or ".." in candidate.parts or not resolved.is_relative_to(folder):
            message = _("{relative!r} is outside the house style's folder {folder}").format(
                relative=relative, folder=folder
            )
            fix = _("copy the {what} into {folder} and name it relative to the house style").format(
                what=what, folder=folder
            )
        elif unreadable:
            message = _("{relative!r} cannot be read: {why}").format(relative=relative, why=unreadable)
            fix = _("check the name")
        elif not there:
            message, fix = (
                _("{what} {relative!r} not found in {folder}").format(
                    what=what, relative=relative, folder=folder
                ),
                _("check the name"),
            )
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
                    Problem(
                        _("cannot read the font file: {err}").format(err=err),
                        source.locate((key, role)),
                        f"{key}.{role}",
                    )
                )
                continue
            font_files[(lang, role)] = FontFace(family, file, choice.weight)

    def image(relative: str | None, role: str) -> Path | None:
        """A logo or seal: inside the folder and decodable (``notices.assets``), else a problem at its line."""
        if relative is None:
            return None
        try:
            where = source.locate((role,))
            label = _("the house style's folder")
            return resolve_image(folder, relative, role=role, where=where, folder_label=label).path
        except AssetError as err:
            problems.extend(dataclasses.replace(p, path=role) for p in err.problems)
            return None

    house = HouseStyle(
        style,
        path,
        folder,
        logo=image(style.logo, "logo"),
        seal=image(style.seal, "seal"),
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
        raise ValueError(_("{name} names no family; give family: as well").format(name=path.name))
    return str(name)


def _kind_problems(data: Mapping[str, Any], house: HouseStyle | None, source: SourceMap) -> list[Problem]:
    """A kind that is neither built in nor a template of the house style is an error, not a general notice."""
    kind, lang = data.get("kind", "general"), data.get("lang", "zh")
    if not isinstance(kind, str) or kind in BUILT_IN_KINDS or not re.match(r"^[a-z][a-z0-9_-]*$", kind):
        return []
    if (
        house is not None
        and house.kinds_dir is not None
        and not length_problem(house.kinds_dir / f"{kind}.{lang}.j2")
        and (house.kinds_dir / f"{kind}.{lang}.j2").is_file()
    ):
        return []
    import difflib

    guess = difflib.get_close_matches(kind, BUILT_IN_KINDS, n=1)
    if house is not None and house.kinds_dir is not None:
        missing = _("the house style's kinds folder {kinds_dir} has no {kind}.{lang}.j2").format(
            kinds_dir=house.kinds_dir, kind=kind, lang=lang
        )
    else:
        missing = _("no house style with a kinds: folder is named")
    return [
        Problem(
            _("unknown kind {kind!r}: not built in, and {missing}").format(kind=kind, missing=missing),
            source.locate(("kind",)),
            "kind",
            _("did you mean {guess!r}?").format(guess=guess[0])
            if guess
            else _("use one of {items}").format(items=", ".join(BUILT_IN_KINDS)),
        )
    ]


__all__ = [
    "HOUSE_DEFAULTS",
    "HouseStyle",
    "apply_house_style",
    "find_house_style",
    "font_family",
    "load_house_style",
    "nearest_pyproject",
]
