"""Glyph advances read straight from a font file, so that lines can be broken before WeasyPrint sees them.

The numbers are the font's `hmtx` advances, which is what WeasyPrint (Pango + HarfBuzz) lays out as long as
no OpenType feature changes a glyph or its position. Measured on this machine with Noto Serif CJK SC at
16 pt, the shaped width of a line equals the sum of these advances to 0.01 pt when:

- kerning and ligatures are off (`font-kerning: none; font-variant-ligatures: none`): the font kerns Latin
  pairs ("RTX-4090" is 2 pt narrower kerned) and forms fi/fl ligatures;
- the `locl` substitutions of the language the text is shaped in are applied here too: with `lang="zh-CN"`
  HarfBuzz shapes Han runs in the `ZHS` language system, whose `locl` turns "—" (0.89 em) into the
  full-width dash, so load the font with `language="ZHS"` (GB/T 15834: the dash takes two character spaces);
- Latin runs are shaped with `font-feature-settings: "locl" 0`: Pango shapes Latin-script runs as English
  whatever the document language, and the font's default-language `locl` then swaps digits next to Latin
  letters ("RTX-4090", "b=1") for 0.549 em forms.
"""

from __future__ import annotations

import functools
import struct
import subprocess
import sys
from array import array
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from notices.layout import sfnt
from notices.layout.fontconfig import library

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# Default-ignorable characters have no advance when shaped, even when the font has no glyph for them.
_ZERO_WIDTH = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_FAMILY_NAME_IDS = (1, 16, 21)  # legacy family, typographic family, WWS family
_HAN_SCRIPT = "hani"
_CHARS_KEPT = 16384  # per face; a document uses a few hundred characters
_COLLECTION_MAGIC = b"ttcf"


class FontMetrics:
    """Advances of one face of a font file, looked up per character and cached.

    Only what the breaker needs is kept, by glyph id: the character map, one advance per glyph and the
    language's substitutions (sfnt.py); the font file is not held open.
    """

    def __init__(
        self,
        path: Path,
        index: int,
        tables: sfnt.FaceTables,
        substitutions: Mapping[int, int],
    ) -> None:
        self.path = path
        self.index = index
        self.units_per_em = tables.units_per_em
        self.ascent = tables.ascent / tables.units_per_em  # hhea, in em: what Pango centres in a line box
        self.descent = -tables.descent / tables.units_per_em
        self._glyph: Callable[[int], int] = tables.cmap.glyph
        self._advances: array[int] = tables.advances
        self._substitutions = substitutions
        self._missing_advance = tables.advances[0]
        self._chars: dict[str, tuple[bool, int]] = {}  # character → (has a glyph, advance in font units)

    @classmethod
    def load(cls, path: Path, index: int = 0, *, language: str | None = None) -> FontMetrics:
        """Read face `index` of `path` (cached per path, index and language).

        `language` is an OpenType language-system tag such as "ZHS"; the `locl` single substitutions that the
        font defines for Han text in that language are applied, as HarfBuzz does for text shaped in it.
        """
        return _load(Path(path).resolve(), index, language)

    def has_glyph(self, char: str) -> bool:
        return self._char(char)[0]

    def advance(self, char: str, size_pt: float) -> float:
        """Advance of `char` at `size_pt`, in points; a longer string gets the sum of its characters.

        A character the font lacks gets the advance of `.notdef`, the box drawn in its place; WeasyPrint would
        fall back to another font instead, so check `has_glyph` when the text may hold such characters.
        """
        units = self._char(char)[1] if len(char) == 1 else sum(self._char(single)[1] for single in char)
        return units * size_pt / self.units_per_em

    def _char(self, char: str) -> tuple[bool, int]:
        found = self._chars.get(char)
        if found is None:
            if len(self._chars) >= _CHARS_KEPT:
                self._chars.clear()
            found = self._chars[char] = self._lookup(char)
        return found

    def _lookup(self, char: str) -> tuple[bool, int]:
        glyph = self._glyph(ord(char))
        if glyph == 0:
            return False, 0 if char in _ZERO_WIDTH else self._missing_advance
        return True, self._advances[self._substitutions.get(glyph, glyph)]


@functools.cache
def _load(path: Path, index: int, language: str | None) -> FontMetrics:
    tables = face_tables(path, index)
    substitutions: Mapping[int, int] = {}
    if language is not None:
        try:
            substitutions = sfnt.locl_singles(tables.gsub, _HAN_SCRIPT, language)
        except (sfnt.UnsupportedFont, struct.error, IndexError, ValueError):
            substitutions = _locl_by_fonttools(path, index, language)
    return FontMetrics(path, index, tables, substitutions)


@functools.cache
def face_tables(path: Path, index: int) -> sfnt.FaceTables:
    """The tables the breaker reads of face `index` of `path`, read once per process.

    The character map is the one table decoded code point by code point (a CJK face's format 4 subtable
    has thousands of segments): it is kept in notices' disk cache (`notices.cache`) under the font file's
    path, size and modification time, so a later start reads three arrays instead."""
    from notices.cache import load_bytes, package_stamp, store_bytes

    name = f"cmap-{index}-{sys.byteorder}{array('L').itemsize}"
    stamp = package_stamp(path)
    kept = load_bytes(name, stamp)
    cmap = sfnt.CharMap.from_bytes(kept) if kept is not None else None
    try:
        tables = sfnt.read_face(path, index, cmap)
    except (sfnt.UnsupportedFont, struct.error, IndexError, ValueError):
        return _face_tables_by_fonttools(path, index)
    if cmap is None:
        store_bytes(name, stamp, tables.cmap.to_bytes())
    return tables


def _face_tables_by_fonttools(path: Path, index: int) -> sfnt.FaceTables:
    """The same tables decoded by fontTools, for a font laid out in a way sfnt.py does not read."""
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        glyph_id = font.getReverseGlyphMap()
        codes = sorted((code, glyph_id[name]) for code, name in (font.getBestCmap() or {}).items())
        each_code = array("L", [code for code, _ in codes])
        cmap = sfnt.CharMap(each_code, each_code, array("L", [glyph for _, glyph in codes]))
        metrics = font["hmtx"].metrics
        advances = array("L", [metrics[name][0] for name in font.getGlyphOrder()])
        hhea = font["hhea"]
        gsub = font.getTableData("GSUB") if "GSUB" in font else b""
        return sfnt.FaceTables(font["head"].unitsPerEm, hhea.ascent, hhea.descent, advances, cmap, gsub)


def _locl_by_fonttools(path: Path, index: int, language: str) -> dict[int, int]:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables.otTables import SingleSubst

    with TTFont(path, fontNumber=index, lazy=True) as font:
        if "GSUB" not in font:
            return {}
        table = font["GSUB"].table
        language_tag = language.ljust(4)
        substitutions: dict[str, str] = {}
        for script in table.ScriptList.ScriptRecord:
            if script.ScriptTag != _HAN_SCRIPT:
                continue
            for record in script.Script.LangSysRecord:
                if record.LangSysTag != language_tag:
                    continue
                for feature_index in record.LangSys.FeatureIndex:
                    feature = table.FeatureList.FeatureRecord[feature_index]
                    if feature.FeatureTag != "locl":
                        continue
                    for lookup_index in feature.Feature.LookupListIndex:
                        for subtable in table.LookupList.Lookup[lookup_index].SubTable:
                            # Extension lookups (type 7) wrap the real subtable.
                            real = getattr(subtable, "ExtSubTable", subtable)
                            if isinstance(real, SingleSubst):
                                substitutions.update(real.mapping)
        glyph_id = font.getReverseGlyphMap()
        return {glyph_id[source]: glyph_id[target] for source, target in substitutions.items()}


def joins_pair(path: Path, index: int, char: str) -> bool:
    """Whether the face sets `char` twice over as one ligature (Noto CJK's two-em "——")."""
    tables = face_tables(path, index)
    glyph = tables.cmap.glyph(ord(char))
    if glyph == 0:
        return False
    try:
        return sfnt.has_ligature(tables.gsub, glyph, glyph)
    except (sfnt.UnsupportedFont, struct.error, IndexError, ValueError):
        return _joins_pair_by_fonttools(path, index, char)


def _joins_pair_by_fonttools(path: Path, index: int, char: str) -> bool:
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        glyph = (font.getBestCmap() or {}).get(ord(char))
        if glyph is None or "GSUB" not in font:
            return False
        for lookup in font["GSUB"].table.LookupList.Lookup:
            for subtable in lookup.SubTable:
                real = getattr(subtable, "ExtSubTable", subtable)
                for ligature in getattr(real, "ligatures", {}).get(glyph, []):
                    if ligature.Component == [glyph]:
                        return True
    return False


def find_face(path: Path, family_name: str) -> int:
    """Index of the face of `path` whose family name is `family_name` (0 for a single-face file).

    Names are compared the way fontconfig does: ignoring case and blanks, in any language of the name table.
    """
    wanted = _normalise_family(family_name)
    with open(path, "rb") as file:
        faces = _read_faces(file)
        for index, face in enumerate(faces):
            if wanted in _family_names(face):
                return index
    raise LookupError(f"{path} has no face of the family {family_name!r}")


def _read_faces(file: BinaryIO) -> list[TTFont]:
    from fontTools.ttLib import TTCollection, TTFont

    is_collection = file.read(4) == _COLLECTION_MAGIC
    file.seek(0)
    if is_collection:
        return list(TTCollection(file, lazy=True).fonts)
    return [TTFont(file, lazy=True)]


def _family_names(face: TTFont) -> set[str]:
    return {
        _normalise_family(record.toUnicode(errors="replace"))
        for record in face["name"].names
        if record.nameID in _FAMILY_NAME_IDS
    }


def _normalise_family(name: str) -> str:
    return "".join(name.split()).casefold()


@functools.cache
def resolve_font_file(family: str, weight: int = 400) -> tuple[Path, int] | None:
    """The file and face index fontconfig uses for `family` (at a CSS `weight`), or None if it would
    substitute another family.

    Generic names ("serif") resolve to None too: they name no family of their own.
    """
    matched = match_font(_escape_for_fontconfig(family) + (":bold" if weight >= 600 else ""))
    if matched is None:
        return None
    file, index, families = matched
    if _normalise_family(family) not in {_normalise_family(name) for name in families}:
        return None
    return file, index


def match_font(pattern: str) -> tuple[Path, int, tuple[str, ...]] | None:
    """fontconfig's best match for a pattern: (file, face index, the face's family names), asked in this
    process (notices.layout.fontconfig), else of `fc-match`; None when neither answers."""
    fontconfig = library()
    if fontconfig is not None:
        return fontconfig.match(pattern)
    try:
        completed = subprocess.run(
            ["fc-match", "--format=%{file}\\n%{index}\\n%{family}", pattern],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    fields = completed.stdout.split("\n")
    if len(fields) != 3 or not fields[0] or not fields[1].isdigit():
        return None
    # fontconfig lists every name of the family (e.g. localised ones) separated by commas.
    return Path(fields[0]), int(fields[1]), tuple(fields[2].split(","))


def substituted_family(family: str) -> str | None:
    """The family fontconfig fills ``family`` with, substitutes included (what a reader's fontconfig-based
    program shows for a DOCX that names it)."""
    matched = match_font(_escape_for_fontconfig(family))
    return matched[2][0] if matched and matched[2] else None


def _escape_for_fontconfig(family: str) -> str:
    # In a fontconfig pattern "-" starts a size, ":" a property and "," another family.
    return "".join("\\" + char if char in "\\-:," else char for char in family)
