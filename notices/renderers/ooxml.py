"""Small WordprocessingML helpers python-docx does not offer: East Asian fonts, the type grid, fields, borders,
and a zip written the same way every time.

python-docx's ``font.name`` writes only ``w:ascii``/``w:hAnsi``, so Word shows Chinese in the theme's East Asian
face, often a Japanese one (python-docx #154, #346, #1139, #1601). Every style and run here names all four slots.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn as qn

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def set_fonts(rpr: Any, latin: str, east_asia: str) -> None:
    """Name the face for every script slot and drop theme references, which would override the names."""
    fonts = _child(rpr, "w:rFonts", first=True)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def set_character_spacing(rpr: Any, twentieths_of_a_point: int) -> None:
    """``w:spacing`` in a run's properties: the space added after every character, in 1/20 pt."""
    _child(rpr, "w:spacing").set(qn("w:val"), str(twentieths_of_a_point))


def set_language(rpr: Any, latin: str = "en-US", east_asia: str = "zh-CN") -> None:
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asia)
    lang.set(qn("w:bidi"), "ar-SA")


def set_doc_grid(sectpr: Any, line_pitch_twips: int, char_space: int | None) -> None:
    """``docGrid``: lines (and characters) snap to the GB/T 9704 grid of 22 lines × 28 characters."""
    grid = _child(sectpr, "w:docGrid")
    if char_space is None:
        grid.set(qn("w:type"), "lines")
        grid.attrib.pop(qn("w:charSpace"), None)
    else:
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:charSpace"), str(char_space))
    grid.set(qn("w:linePitch"), str(line_pitch_twips))


def set_indent_chars(
    ppr: Any,
    *,
    first_line: int | None = None,
    left: int | None = None,
    right: int | None = None,
    hanging: int | None = None,
) -> None:
    """Indents in hundredths of a character (Word's *Chars attributes), so they follow the grid."""
    ind = _child(ppr, "w:ind")
    if first_line is not None:
        # Word reads the *Chars value; LibreOffice needs the twips too (one character = 16 pt = 320 twips).
        ind.set(qn("w:firstLine"), str(first_line * 16 * 20 // 100))
    for attribute, value in (
        ("w:firstLineChars", first_line),
        ("w:leftChars", left),
        ("w:rightChars", right),
        ("w:hangingChars", hanging),
    ):
        if value is not None:
            ind.set(qn(attribute), str(value))


def set_border(ppr: Any, side: str, *, size_eighths: int, color: str) -> None:
    borders = _child(ppr, "w:pBdr")
    edge = _child(borders, f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), color.lstrip("#").upper())


def disable_auto_space(ppr: Any) -> None:
    """No extra gap between Chinese and Latin/digits: GB/T 9704 sets "2026年" solid, and so does the PDF."""
    _child(ppr, "w:autoSpaceDE").set(qn("w:val"), "0")
    _child(ppr, "w:autoSpaceDN").set(qn("w:val"), "0")


def set_snap_to_grid(ppr: Any, snap: bool) -> None:
    _child(ppr, "w:snapToGrid").set(qn("w:val"), "1" if snap else "0")


def add_field(paragraph: Any, instruction: str, placeholder: str, rpr_source: Any | None = None) -> None:
    """A real field (PAGE, NUMPAGES…): Word and LibreOffice compute it; the placeholder shows until they do."""

    def run_with(element: Any) -> Any:
        run = OxmlElement("w:r")
        if rpr_source is not None:
            run.append(_copy(rpr_source))
        run.append(element)
        paragraph._p.append(run)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _copy(element: Any) -> Any:
    import copy

    return copy.deepcopy(element)


def normalized_zip(data: bytes) -> bytes:
    """Rewrite a DOCX zip with fixed entry times and a fixed order, so the same input gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = ["[Content_Types].xml", *sorted(n for n in names if n != "[Content_Types].xml")]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
