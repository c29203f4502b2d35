"""The last pass over a DOCX package before it is saved: valid order, a true font table, no template leftovers.

python-docx starts every document from its own template, made in Word for Mac: its font table lists that
template's faces (ＭＳ 明朝, Cambria …) and none of ours, it carries a thumbnail of a blank page that file
managers show as the preview, and a Word 2010 ``stylesWithEffects`` copy of the styles that no longer matches
ours (the Open XML SDK's validator reports the mismatch as content Word may refuse). This module

- puts the children of every rPr/pPr in schema order (ECMA-376 Part 1 §17.3.1.26, §17.3.2.28), so Word keeps the
  letter-spacing the 28-character lines depend on;
- drops the parts that describe the template rather than this document;
- writes ``word/fontTable.xml`` with the faces the styles and runs name, each with the information Word uses
  to substitute a face that is missing on the reader's machine (§17.8.3: alternate name, character set,
  family, pitch).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import quoteattr

from notices.renderers import ooxml

_STALE_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)
_FONT_ATTRIBUTES = tuple(ooxml.qn(f"w:{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
_GB2312 = "86"  # w:charset of the Simplified Chinese faces (Windows GB2312_CHARSET)
_ANSI = "00"


@dataclass(frozen=True)
class FaceInfo:
    """What a font table says about a face (ECMA-376 Part 1 §17.8.3)."""

    alt_name: str | None
    charset: str
    family: str  # roman, swiss, modern, script, decorative, auto
    pitch: str  # fixed or variable


# The faces the profiles name (notices/profiles.py), as Windows and WPS install them: their English names
# are the alternate names Word matches when the Chinese name is missing.
KNOWN_FACES: dict[str, FaceInfo] = {
    "仿宋": FaceInfo("FangSong", _GB2312, "modern", "fixed"),
    "仿宋_GB2312": FaceInfo("FangSong_GB2312", _GB2312, "modern", "fixed"),
    "黑体": FaceInfo("SimHei", _GB2312, "modern", "fixed"),
    "楷体": FaceInfo("KaiTi", _GB2312, "modern", "fixed"),
    "楷体_GB2312": FaceInfo("KaiTi_GB2312", _GB2312, "modern", "fixed"),
    "宋体": FaceInfo("SimSun", _GB2312, "auto", "variable"),
    "方正小标宋简体": FaceInfo("FZXiaoBiaoSong-B05S", _GB2312, "script", "variable"),
    "Times New Roman": FaceInfo(None, _ANSI, "roman", "variable"),
}


def face_info(name: str) -> FaceInfo:
    """A known face's entry; for another (a house style's) face, what its name tells: a Chinese name is a
    Chinese face."""
    if name in KNOWN_FACES:
        return KNOWN_FACES[name]
    chinese = any(ord(char) > 0x2E7F for char in name) or "CJK" in name or " SC" in name
    return FaceInfo(None, _GB2312 if chinese else _ANSI, "auto", "variable")


def finish(word: Any) -> None:
    """Apply the last pass to a python-docx Document before it is saved."""
    roots = _xml_roots(word)
    for root in roots:
        ooxml.put_in_schema_order(root)
    content = [root for root in roots if root is not word.styles.element]
    faces = sorted(
        {name for root in [*content, *_styles_in_use(word, content)] for name in _font_names(root)}
    )
    _drop_template_parts(word)
    _font_table_part(word)._blob = font_table_xml(faces).encode("utf-8")


def font_table_xml(faces: list[str]) -> str:
    entries = []
    for name in faces:
        info = face_info(name)
        alt = f"<w:altName w:val={quoteattr(info.alt_name)}/>" if info.alt_name else ""
        entries.append(
            f'<w:font w:name={quoteattr(name)}>{alt}<w:charset w:val="{info.charset}"/>'
            f'<w:family w:val="{info.family}"/><w:pitch w:val="{info.pitch}"/></w:font>'
        )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + "".join(entries)
        + "</w:fonts>"
    )


def _xml_roots(word: Any) -> list[Any]:
    """The XML of the document body, the styles and every header and footer."""
    roots = [word.element, word.styles.element]
    for section in word.sections:
        for part in (
            section.header,
            section.footer,
            section.even_page_header,
            section.even_page_footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            if not part.is_linked_to_previous:
                roots.append(part._element)
    return roots


def _styles_in_use(word: Any, content: list[Any]) -> list[Any]:
    """The document defaults and every style the content names, with the styles they are based on."""
    styles = word.styles.element
    by_id = {style.get(ooxml.qn("w:styleId")): style for style in styles.iter(ooxml.qn("w:style"))}
    wanted = [
        element.get(ooxml.qn("w:val"))
        for root in content
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle")
        for element in root.iter(ooxml.qn(tag))
    ]
    wanted += [sid for sid, style in by_id.items() if style.get(ooxml.qn("w:default")) in ("1", "true")]
    used: dict[str, Any] = {}
    while wanted:
        style_id = wanted.pop()
        style = by_id.get(style_id)
        if style is None or style_id in used:
            continue
        used[style_id] = style
        wanted += [link.get(ooxml.qn("w:val")) for link in style if link.tag == ooxml.qn("w:basedOn")]
    defaults = styles.find(ooxml.qn("w:docDefaults"))
    return [*([defaults] if defaults is not None else []), *used.values()]


def _font_names(root: Any) -> set[str]:
    names: set[str] = set()
    for fonts in root.iter(ooxml.qn("w:rFonts")):
        names.update(value for key in _FONT_ATTRIBUTES if (value := fonts.get(key)))
    return names


def _drop_template_parts(word: Any) -> None:
    """Parts only reachable through a dropped relationship are not saved (python-docx walks the relationships)."""
    for owner in (word.part, word.part.package):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype in _STALE_RELATIONSHIPS:
                del owner.rels[rel_id]


def _font_table_part(word: Any) -> Any:
    for part in word.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            return part
    raise LookupError("python-docx's template has no font table")


__all__ = ["KNOWN_FACES", "FaceInfo", "face_info", "finish", "font_table_xml"]
