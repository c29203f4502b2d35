"""Measure line adjustment in the produced files: how far the gaps between glyphs open (issue 13 item 2).

For every Chinese notice under examples/ and corpus/, and for the contact notice of tests/layout/test_line_stretch.py
(a hotline, a phone with a space, an e-mail address, a URL and a street address at every position of a line),
renders the PDF and the DOCX, converts the DOCX with LibreOffice (--libreoffice), and reports per file:

- the widest gap between two glyphs of a justified text line, beyond the grid's letter-spacing, in em;
- the widest deviation from the grid's spacing between two half-width glyphs (inside a number, word, address);
- how many lines end short of the margin because their gaps reached the bound;
- how many numbers, phone numbers, e-mail addresses or URLs are split between lines;
- in LibreOffice's PDF: how many lines open a gap past the bound test_libreoffice_stretch.py states (the PDF's
  plus LibreOffice's own space between Han and Western text), unexplained, and how many because that space
  pushed a unit off the line (or re-flowed the paragraph after such a push).

Writes the table into bench/RESULTS-stretch.md.

    .venv/bin/python bench/stretch.py [--libreoffice]      # ~3 minutes, ~6 with LibreOffice
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from layout.conftest import libreoffice_convert  # noqa: E402
from layout.pdfmeasure import body_texts, read_pdf, split_runs  # noqa: E402
from layout.test_libreoffice import LIBREOFFICE_AUTOSPACE_EM  # noqa: E402
from layout.test_libreoffice_stretch import overstretched  # noqa: E402
from layout.test_line_stretch import (  # noqa: E402
    HALF_WIDTH,
    UNBREAKABLE,
    contact_notice_rendered,
    gaps_of,
    split_tokens,
)
from rendered import Rendered, render_examples  # noqa: E402

from notices.layout.linebreak import STRETCH_LIMIT_EM  # noqa: E402


def measure(rendered: Rendered, pdf: Path) -> tuple[float, float, int, int]:
    gaps = gaps_of(rendered, pdf)
    widest = max((g.extra / g.left.size for g in gaps), default=0.0)
    inside = [
        abs(g.extra) for g in gaps if HALF_WIDTH.fullmatch(g.left.text) and HALF_WIDTH.fullmatch(g.right.text)
    ]
    at_bound = {id(g.line) for g in gaps if abs(g.extra / g.left.size - STRETCH_LIMIT_EM) < 0.01}
    return widest, max(inside, default=0.0), len(at_bound), split_count(rendered, pdf)


def split_count(rendered: Rendered, pdf: Path) -> int:
    """Half-width runs of the justified paragraphs (numbers, addresses, URLs) split between lines."""
    pages = read_pdf(pdf)
    _checked, problems = split_runs(pages, [text for _, text in body_texts(rendered.doc.blocks)])
    return len(problems) + len(split_tokens(pages, UNBREAKABLE))


# Why the DOCX cannot stop LibreOffice 7.4's space between Han and digits/letters (read in LibreOffice/core,
# measured on our DOCX here); written into RESULTS-stretch.md with the LibreOffice figures.
WHY_LIBREOFFICE_SPACES = (
    "Why LibreOffice's space stays. Writer adds it in SwTextFormatter::BuildPortions "
    "(sw/source/core/text/itrform2.cxx): a kern portion of a fifth of the font height (`GetHeight()/5`) where the "
    "script changes between two letters or digits, when `!bHasGrid && rInf.HasScriptSpace()`. HasScriptSpace is "
    "the paragraph attribute RES_PARATR_SCRIPTSPACE (UNO ParaIsCharacterDistance, read in "
    "SwTextFormatInfo::InitHyph, sw/source/core/text/inftxt.cxx), on by default "
    "(sw/source/core/bastyp/init.cxx: `SvxScriptSpaceItem( true, RES_PARATR_SCRIPTSPACE )`; only a Korean "
    "user interface turns it off, in the Standard style). The DOCX import never sets it: "
    "writerfilter/source/dmapper/DomainMapper.cxx, DomainMapper::sprmWithProps, has "
    "`case NS_ooxml::LN_CT_PPrBase_autoSpaceDE: break;` and the same for autoSpaceDN, and nothing else in a "
    "DOCX (settings, compatibility options, styles, document defaults, w:rFonts/@w:hint, which every run of ours "
    "already carries) maps to it. The one construct that removes the space is a character grid (bHasGrid): "
    'w:docGrid w:type="linesAndChars" with a non-zero w:charSpace (with 0, writerfilter\'s SectionPropertyMap '
    "makes it a line grid: `if (!m_nDxtCharSpace) nGridType = LINES`). Measured on our DOCX: the space goes "
    "(0.0 pt between 线 and 8), but LibreOffice then sets each Chinese character of a snapped paragraph on the "
    "grid and drops the runs' w:spacing (16.00 pt advances where the file asks 15.75 with w:charSpace=-1; 32.7 pt "
    "cells with w:charSpace=-1024, a 15.75 pt pitch), so lines hold 27 characters, not 28. Since the space goes "
    "only between two isLetterNumeric characters, a zero-width character at each boundary would stop it too, at "
    'the price of an invisible character in the text at every one (between "2026" and "年"): not done. So the bound for '
    "LibreOffice keeps its allowance, and the lines it pushes are reported."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--libreoffice", action="store_true", help="also measure LibreOffice's PDF of each DOCX"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stretch-") as folder:
        work = Path(folder)
        rendered = {k: r for k, r in render_examples(work / "examples").items() if r.doc.lang == "zh"}
        rendered["contact notice (targeted)"] = contact_notice_rendered(work / "contacts")
        (work / "lo").mkdir()
        converted = libreoffice_convert(rendered, work / "lo") if args.libreoffice else {}
        rows = []
        for key, r in sorted(rendered.items()):
            ours = measure(r, r.pdf)
            theirs = None
            if key in converted:
                _measured, unexplained, pushed = overstretched(r, converted[key])
                theirs = (*measure(r, converted[key]), len(unexplained), len(pushed))
            rows.append((key, ours, theirs))
    head = "| notice | PDF widest gap (em) | PDF in-run dev. (pt) | PDF lines at bound | PDF split |"
    rule = "|---|---|---|---|---|"
    if args.libreoffice:
        head += (
            " LO widest gap (em) | LO in-run dev. (pt) | LO split | LO lines past bound |"
            " LO lines pushed by its Han-Latin space |"
        )
        rule += "---|---|---|---|---|"
    lines = [head, rule]
    for key, (w, d, b, s), theirs in rows:
        line = f"| {key} | {w:.3f} | {d:.2f} | {b} | {s} |"
        if theirs is not None:
            line += f" {theirs[0]:.3f} | {theirs[1]:.2f} | {theirs[3]} | {theirs[4]} | {theirs[5]} |"
        lines.append(line)
    worst = max(w for _, (w, *_), _ in rows)
    summary = (
        f"Bound: {STRETCH_LIMIT_EM:.3f} em per gap. Widest gap in any PDF: {worst:.3f} em over {len(rows)} notices; "
        f"load average {os.getloadavg()[0]:.1f}."
    )
    if args.libreoffice:
        past = sum(theirs[4] for _, _, theirs in rows if theirs is not None)
        pushed = sum(theirs[5] for _, _, theirs in rows if theirs is not None)
        summary += (
            f" LibreOffice (bound {STRETCH_LIMIT_EM:.3f} em, plus {LIBREOFFICE_AUTOSPACE_EM} em where Han meets a"
            f" digit or letter: its own space there): {past} line(s) past it unexplained, {pushed} spread after"
            " that space pushed a unit off the line."
        )
    text = "\n".join([summary, "", *([WHY_LIBREOFFICE_SPACES, ""] if args.libreoffice else []), *lines])
    print(text)
    results = ROOT / "bench" / "RESULTS-stretch.md"
    results.write_text(
        "# Line adjustment, measured (bench/stretch.py)\n\n"
        "Gaps between adjacent glyphs of justified text lines, read with pdfplumber, beyond the grid's "
        "letter-spacing.\n\n" + text + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
