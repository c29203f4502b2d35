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
    fonts = rpr_child(rpr, "rFonts")
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def set_character_spacing(rpr: Any, twentieths_of_a_point: int) -> None:
    """``w:spacing`` in a run's properties: the space added after every character, in 1/20 pt."""
    rpr_child(rpr, "spacing").set(qn("w:val"), str(twentieths_of_a_point))


# CT_RPr's children in schema order (ECMA-376 Part 1, §17.3.2.28; CT_ParaRPr puts the revision marks first).
# Word drops what it finds out of order: a w:spacing after w:sz loses the grid's letter-spacing.
_RPR_ORDER = [
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
]


def rpr_child(rpr: Any, name: str) -> Any:
    """The rPr child `w:name`, created in its schema position if missing."""
    return _ordered_child(rpr, name, _RPR_ORDER)


def set_language(rpr: Any, latin: str = "en-US", east_asia: str = "zh-CN") -> None:
    lang = rpr_child(rpr, "lang")
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
    ind = ppr_child(ppr, "ind")
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
    borders = ppr_child(ppr, "pBdr")
    edge = _child(borders, f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), color.lstrip("#").upper())


# CT_PPrBase's children in schema order: Word rejects or ignores a pPr whose children are out of order.
_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def ppr_child(ppr: Any, name: str) -> Any:
    """The pPr child `w:name`, created in its schema position if missing."""
    return _ordered_child(ppr, name, _PPR_ORDER)


def _ordered_child(parent: Any, name: str, order: list[str]) -> Any:
    found = parent.find(qn(f"w:{name}"))
    if found is not None:
        return found
    element = OxmlElement(f"w:{name}")
    rank = order.index(name)
    for index, child in enumerate(parent):
        local = child.tag.rsplit("}", 1)[-1]
        if local in order and order.index(local) > rank:
            parent.insert(index, element)
            return element
    parent.append(element)
    return element


_BORDER_ORDER = ["top", "left", "bottom", "right", "between", "bar"]


def put_in_schema_order(root: Any) -> None:
    """Sort the children of every rPr and pPr under `root` into schema order.

    python-docx adds the properties it knows in order, but not those it does not model; a last pass makes the
    whole part valid whatever order the writer set them in (children the lists do not name keep their place
    at the end)."""
    for tag, order in (("w:rPr", _RPR_ORDER), ("w:pPr", _PPR_ORDER), ("w:pBdr", _BORDER_ORDER)):
        rank = {qn(f"w:{name}"): index for index, name in enumerate(order)}
        for props in root.iter(qn(tag)):
            children = list(props)
            ordered = sorted(children, key=lambda child: rank.get(child.tag, len(order)))
            if ordered != children:
                for child in children:
                    props.remove(child)
                props.extend(ordered)


def set_flag(ppr: Any, name: str, on: bool) -> None:
    ppr_child(ppr, name).set(qn("w:val"), "1" if on else "0")


def disable_auto_space(ppr: Any) -> None:
    """No extra gap between Chinese and Latin/digits: GB/T 9704 sets "2026年" solid, and so does the PDF.

    Word honours this; LibreOffice's DOCX import ignores both elements (writerfilter/source/dmapper/
    DomainMapper.cxx: ``case NS_ooxml::LN_CT_PPrBase_autoSpaceDE: break;``) and always adds a fifth of an em at
    such boundaries (its paragraph attribute ParaIsCharacterDistance, on by default, which no DOCX element sets;
    why a character grid is no way out: bench/RESULTS-stretch.md).
    """
    set_flag(ppr, "autoSpaceDE", False)
    set_flag(ppr, "autoSpaceDN", False)


def set_snap_to_grid(ppr: Any, snap: bool) -> None:
    set_flag(ppr, "snapToGrid", snap)


def set_indent(
    ppr: Any,
    *,
    left: float | None = None,
    right: float | None = None,
    first_line: float | None = None,
    hanging: float | None = None,
) -> None:
    """Indents in points, written as twips only: Word's *Chars indents count 16 pt characters and ignore the
    character spacing, so the PDF's grid cells (15.75 pt) would not match."""
    ind = ppr_child(ppr, "ind")
    for attribute in ("w:firstLineChars", "w:leftChars", "w:rightChars", "w:hangingChars"):
        ind.attrib.pop(qn(attribute), None)
    for attribute, value in (
        ("w:left", left),
        ("w:right", right),
        ("w:firstLine", first_line),
        ("w:hanging", hanging),
    ):
        if value is not None:
            ind.set(qn(attribute), str(round(value * 20)))


def set_tab_stop(ppr: Any, position_pt: float) -> None:
    """One left-aligned tab stop ``position_pt`` from the type area's left edge (a hanging number's tab)."""
    tabs = ppr_child(ppr, "tabs")
    for old in list(tabs):
        tabs.remove(old)
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "left")
    tab.set(qn("w:pos"), str(round(position_pt * 20)))
    tabs.append(tab)


def set_bottom_frame(ppr: Any, width_pt: float) -> None:
    """Put the paragraph in a frame at the foot of the type area (版记: its last rule on the lower edge)."""
    frame = ppr_child(ppr, "framePr")
    frame.set(qn("w:w"), str(round(width_pt * 20)))
    frame.set(qn("w:wrap"), "around")
    frame.set(qn("w:vAnchor"), "margin")
    frame.set(qn("w:hAnchor"), "margin")
    frame.set(qn("w:xAlign"), "center")
    frame.set(qn("w:yAlign"), "bottom")


# CT_Compat's children that python-docx's template writes, in schema order (ECMA-376 Part 1, §17.15.3): the
# on/off flags come before them.
_COMPAT_AFTER_FLAGS = ("useFELayout", "compatSetting")


def set_compat_flag(settings: Any, name: str) -> None:
    """Turn on the compatibility flag ``w:<name>`` (one that sorts before ``w:useFELayout``) in ``w:compat``."""
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        settings.append(compat)
    if compat.find(qn(f"w:{name}")) is not None:
        return
    flag = OxmlElement(f"w:{name}")
    later = [child for child in compat if child.tag in {qn(f"w:{tag}") for tag in _COMPAT_AFTER_FLAGS}]
    if later:
        later[0].addprevious(flag)
    else:
        compat.append(flag)


def add_line_break(paragraph: Any) -> None:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    paragraph._p.append(run)


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
EMU_PER_PT = 12700


def add_anchored_line(
    paragraph: Any,
    *,
    x_pt: float,
    y_pt: float,
    length_pt: float,
    weight_pt: float,
    color: str,
    shape_id: int,
    relative_to: str = "margin",
) -> None:
    """A horizontal rule drawn as a floating line shape, so it takes no room in the text flow: the red rule and
    信函's double rules sit where the standard puts them whatever the paragraphs around them do."""
    from docx.oxml import parse_xml

    run = OxmlElement("w:r")
    drawing = OxmlElement("w:drawing")
    run.append(drawing)
    anchor = parse_xml(
        f'<wp:anchor xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:wps="{_WPS}" distT="0" distB="0" distL="0" distR="0" '
        f'simplePos="0" relativeHeight="{251660000 + shape_id}" behindDoc="1" locked="1" layoutInCell="1" '
        'allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{relative_to}"><wp:posOffset>{round(x_pt * EMU_PER_PT)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="{relative_to}"><wp:posOffset>{round(y_pt * EMU_PER_PT)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{round(length_pt * EMU_PER_PT)}" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="Rule {shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_WPS}"><wps:wsp><wps:cNvCnPr/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{round(length_pt * EMU_PER_PT)}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{round(weight_pt * EMU_PER_PT)}" cmpd="sng"><a:solidFill><a:srgbClr val="{color.lstrip("#").upper()}"/></a:solidFill></a:ln>'
        "</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
    )
    drawing.append(anchor)
    paragraph._p.append(run)


def anchor_picture(run: Any, *, x_pt: float, y_pt: float, horizontal: str, vertical: str) -> None:
    """Turn the run's inline picture into a floating one at (`x_pt`, `y_pt`) from the `horizontal` and `vertical`
    reference ("margin", "page", "paragraph"), in front of the text and taking no room in it.

    An inline picture would be laid out by each reader's own rules: LibreOffice draws one at the start of a
    line several points right of where it reserves its room; a floating one sits where the numbers say."""
    from docx.oxml import parse_xml

    inline = run._r.find(".//" + qn("wp:inline"))
    if inline is None:
        return
    extent = inline.find(qn("wp:extent"))
    anchor = parse_xml(
        f'<wp:anchor xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="251658240" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{horizontal}"><wp:posOffset>{round(x_pt * EMU_PER_PT)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="{vertical}"><wp:posOffset>{round(y_pt * EMU_PER_PT)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{extent.get("cx")}" cy="{extent.get("cy")}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        "<wp:wrapNone/></wp:anchor>"
    )
    anchor.append(inline.find(qn("wp:docPr")))
    anchor.append(parse_xml(f'<wp:cNvGraphicFramePr xmlns:wp="{_WP}"/>'))
    anchor.append(inline.find(qn("a:graphic")))
    inline.getparent().replace(inline, anchor)


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


def add_anchored_text_box(
    paragraph: Any,
    content: list[Any],
    *,
    x_pt: float,
    y_pt: float,
    width_pt: float,
    height_pt: float,
    shape_id: int,
    top_inset_pt: float = 0.0,
) -> None:
    """A floating text box holding the paragraphs `content` (moved out of the flow), at (`x_pt`, `y_pt`) from
    the type area's top left, anchored to `paragraph`: it takes no room in the text and sits where the numbers
    say whatever the flow around it does. No insets, no border: only its paragraphs show."""
    from docx.oxml import parse_xml

    cx, cy = round(width_pt * EMU_PER_PT), round(height_pt * EMU_PER_PT)
    run = OxmlElement("w:r")
    drawing = OxmlElement("w:drawing")
    run.append(drawing)
    anchor = parse_xml(
        f'<wp:anchor xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:wps="{_WPS}" '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" distT="0" distB="0" '
        f'distL="0" distR="0" simplePos="0" relativeHeight="{251660000 + shape_id}" behindDoc="0" locked="1" '
        'layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:posOffset>{round(x_pt * EMU_PER_PT)}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="margin"><wp:posOffset>{round(y_pt * EMU_PER_PT)}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="Text box {shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        "<wps:txbx><w:txbxContent/></wps:txbx>"
        f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="{round(top_inset_pt * EMU_PER_PT)}" rIns="0" bIns="0" anchor="t" '
        'anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
    )
    box = anchor.find(".//" + qn("w:txbxContent"))
    for element in content:
        box.append(element)  # lxml moves it out of the body
    drawing.append(anchor)
    paragraph._p.append(run)


def end_section_at(paragraph: Any, body_sectpr: Any, start: str = "nextPage") -> Any:
    """End a section at `paragraph` (its properties become a copy of the document's), and start the document's
    last section as `start` says (``nextPage``, ``evenPage``…) with no header or footer references of its own
    yet. Returns the last section's properties."""
    paragraph.get_or_add_pPr().append(_copy(body_sectpr))
    for reference in body_sectpr.findall(qn("w:headerReference")) + body_sectpr.findall(
        qn("w:footerReference")
    ):
        body_sectpr.remove(reference)
    kind = body_sectpr.find(qn("w:type"))
    if kind is None:
        kind = OxmlElement("w:type")
        follows = [body_sectpr.find(qn(f"w:{n}")) for n in ("endnotePr", "footnotePr")]
        after = next((e for e in follows if e is not None), None)
        if after is not None:
            after.addnext(kind)
        else:
            body_sectpr.insert(0, kind)
    kind.set(qn("w:val"), start)
    return body_sectpr
