"""The long example's PDF measured as a 公文 reviewer would: grid, margins, justification, faces, head, sign-off,
page numbers, colophon. Numbers are GB/T 9704-2012's (shared/reference/notice-format-rules.md §1-§4)."""

from __future__ import annotations

import itertools
import re

import pytest

from notices.document import AttachmentNote, Colophon, SignOff, Title
from notices.layout import lay_out, profile_of
from notices.layout.fonts import resolve_profile
from notices.layout.geometry import baseline_offset
from notices.layout.linebreak import STRETCH_LIMIT_EM
from notices.layout.zh import role_face
from notices.profiles import get_profile

from .conftest import Rendered
from .pdfmeasure import MM, Line, Page, body_texts, line_gaps, paragraphs_in_order, read_pdf, text_lines

PROFILE = get_profile("gbt9704")
PITCH = PROFILE.line_pitch_pt  # 28.95
LEFT = PROFILE.margin_left_mm * MM
RIGHT = (PROFILE.page_width_mm - PROFILE.margin_right_mm) * MM
TOP = PROFILE.margin_top_mm * MM
BOTTOM = (PROFILE.page_height_mm - PROFILE.margin_bottom_mm) * MM
# Line ends are set to within hundredths of a point (typeset.py repeats WeasyPrint's rounding); 0.1 pt leaves
# room for float noise and is still far below the 0.2-0.4 pt error a naive letter-spacing leaves.
END_TOLERANCE = 0.1
HAN = re.compile(r"^[\u3400-\u9fff]+$")
BODY_BASELINE = baseline_offset(role_face(PROFILE, "body"), PITCH)  # line box top → baseline


def pages_of(rendered: Rendered) -> tuple[Page, ...]:
    return read_pdf(rendered.pdf)


def body_paragraphs(rendered: Rendered) -> list[tuple[str, str, list[Line]]]:
    found = body_texts(rendered.doc.blocks)
    lines = paragraphs_in_order(pages_of(rendered), [text for _, text in found])
    missing = [text for (_, text), got in zip(found, lines, strict=True) if got is None]
    assert not missing, f"paragraphs not found in the PDF's text: {missing}"
    return [(kind, text, got) for (kind, text), got in zip(found, lines, strict=True) if got]


def stopped_at_the_bound(pages: tuple[Page, ...], line: Line) -> bool:
    """A line may end short of the margin only where its gaps reached the stretch bound (linebreak.py: the
    unit after it, an e-mail address, cannot break and could not be squeezed in)."""
    gaps = line_gaps(pages, line, PROFILE.grid_letter_spacing_pt)
    widest = max((gap.extra for gap in gaps), default=0.0)
    return abs(widest - STRETCH_LIMIT_EM * line.size) < 0.2


def test_every_line_but_a_paragraphs_last_ends_at_the_right_margin(long_notice: Rendered) -> None:
    errors = []
    checked = 0
    pages = pages_of(long_notice)
    for _kind, _text, lines in body_paragraphs(long_notice):
        for line in lines[:-1]:
            checked += 1
            if abs(line.x1 - RIGHT) > END_TOLERANCE and not stopped_at_the_bound(pages, line):
                errors.append(
                    f"p.{line.page} {line.text[:16]}… ends {line.x1 - RIGHT:+.3f} pt from the margin"
                )
    assert checked > 30
    assert not errors, "\n".join(errors)


def test_lines_holding_digits_and_latin_are_justified_too(long_notice: Rendered) -> None:
    mixed = [
        line
        for _, _, lines in body_paragraphs(long_notice)
        for line in lines[:-1]
        if re.search(r"[0-9A-Za-z]", line.text)
    ]
    assert len(mixed) >= 8
    pages = pages_of(long_notice)
    assert all(abs(line.x1 - RIGHT) <= END_TOLERANCE or stopped_at_the_bound(pages, line) for line in mixed)


def test_full_pure_chinese_lines_hold_28_characters(long_notice: Rendered) -> None:
    """A line starting at the margin, not a paragraph's last and holding only Han characters: 28 of them.
    (Lines with punctuation hold 28 too unless a mark had to move; with digits they hold more.)"""
    counts = [
        len(line.chars)
        for _, _, lines in body_paragraphs(long_notice)
        for line in lines[1:-1]
        if HAN.match(line.text) and abs(line.x0 - LEFT) < 0.5
    ]
    full_width_lines = [
        len(line.chars)
        for _, _, lines in body_paragraphs(long_notice)
        for line, following in itertools.pairwise(lines[1:])
        # a run that cannot be split (an e-mail address) pushed down leaves a short line: not counted
        if all(not c.isascii() for c in line.text + following.text[0]) and abs(line.x0 - LEFT) < 0.5
    ]
    assert full_width_lines, "the example has wrapped lines of full-width characters"
    # 29 where the line's punctuation was squeezed to take one more character (CLREQ 先挤压)
    assert set(full_width_lines) <= {27, 28, 29}
    assert full_width_lines.count(28) > len(full_width_lines) / 2
    assert set(counts) <= {28}


def test_first_lines_are_indented_two_characters_and_others_start_at_the_margin(
    long_notice: Rendered,
) -> None:
    cell = PROFILE.body_size_pt + PROFILE.grid_letter_spacing_pt
    for kind, _text, lines in body_paragraphs(long_notice):
        first_indent = 0 if kind == "salutation" else 2 * cell
        assert lines[0].x0 - LEFT == pytest.approx(first_indent, abs=0.05), lines[0].text
        for line in lines[1:]:
            assert line.x0 == pytest.approx(LEFT, abs=0.05), line.text


def test_margins_within_one_millimetre(long_notice: Rendered) -> None:
    pages = pages_of(long_notice)
    for page in pages:
        lines = [line for line in text_lines((page,)) if line.size < 20]
        assert min(line.x0 for line in lines) >= LEFT - 1 * MM
        assert max(line.x1 for line in lines) <= RIGHT + 1 * MM
        first_cell_top = min(line.baseline for line in lines) - BODY_BASELINE
        assert first_cell_top >= TOP - 1 * MM, page.number
    # A page the text runs over from starts on the first grid line, 37 mm from the top edge.
    second = [line for line in text_lines((pages[1],))]
    assert second[0].baseline - BODY_BASELINE == pytest.approx(TOP, abs=1 * MM)


BODY_FACE = resolve_profile(PROFILE)["body"].family.replace(" ", "-")  # as the PDF names it (FandolFang …)


def test_line_pitch_is_28_95_pt(long_notice: Rendered) -> None:
    """Every line on the grid: consecutive body lines 28.95 pt apart (or whole multiples, blank lines), except
    on the one page tightened to keep the sign-off with the text (§7.3.5.5), whose pitch is smaller."""
    tightened = []
    for page in pages_of(long_notice)[1:]:
        # Lines in the body face: other faces (楷体 headings) sit their baselines a little differently in the
        # same line box.
        baselines = [
            line.baseline
            for line in text_lines((page,))
            if line.size == PROFILE.body_size_pt and all(c.font.startswith(BODY_FACE) for c in line.chars)
        ]
        steps = [b - a for a, b in itertools.pairwise(baselines)]
        if not steps:
            continue  # the 版记's own page
        pitch = min(steps)
        if abs(pitch - PITCH) > 0.02:
            tightened.append(page.number)
            assert pitch >= 0.85 * PITCH
            continue
        off_grid = [s for s in steps if abs(s / PITCH - round(s / PITCH)) * PITCH > 0.02]
        assert not off_grid, f"page {page.number}: {steps}"
    assert len(tightened) <= 1


@pytest.fixture(scope="module")
def long_prose(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The general example with three paragraphs of 20 lines each: pages that end inside a paragraph."""
    import yaml

    import notices

    from .conftest import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "general.zh.yaml").read_text(encoding="utf-8"))
    line = "请各经销商合作伙伴及时安排人员做好库存盘点和订单核对工作。"
    data["body"] = [line * 20, line * 20, line * 20]
    doc = notices.compose(notices.load(data, base_dir=EXAMPLES))
    out = tmp_path_factory.mktemp("long-prose")
    paths = {p.suffix[1:]: p for p in notices.render(doc, out / "prose")}
    return Rendered(out / "prose.yaml", doc, paths["pdf"], paths["docx"])


def test_a_full_page_holds_22_lines(rendered_examples: dict[str, Rendered], long_prose: Rendered) -> None:
    """A page whose last line runs on into the next page is full: 22 grid lines, the last one on the
    type area's lower edge, no line's worth of space left by an orphan or widow rule."""
    full = 0
    for key, rendered in {**rendered_examples, "long prose": long_prose}.items():
        if rendered.doc.lang != "zh" or profile_of(rendered.doc).name not in (
            "gbt9704",
            "enterprise",
            "plain",
        ):
            continue
        pages = pages_of(rendered)
        fit = lay_out(rendered.doc).fit
        # The page before the sign-off may give the body's last line to it (§7.3.5.5, fit.py): not full.
        kept = {fit.pages.first_page(index) for index in fit.keep} if fit.pages else set()
        for _kind, _text, lines in body_paragraphs(rendered):
            for a, b in itertools.pairwise(lines):
                given = b is lines[-1] and b.page - 1 in kept
                if a.page != b.page and a.page > 1 and not given:
                    on_page = [line for line in text_lines((pages[a.page - 1],))]
                    span = (on_page[-1].baseline - on_page[0].baseline) / PITCH
                    assert round(span) + 1 == 22 and abs(span - round(span)) < 0.01, (key, a.page)
                    assert a.baseline - BODY_BASELINE + PITCH == pytest.approx(TOP + 22 * PITCH, abs=0.1)
                    full += 1
    assert full >= 1


def test_title_is_22pt_centred_and_shaped_as_a_trapezoid_or_diamond(long_notice: Rendered) -> None:
    title = next(b for b in long_notice.doc.blocks if isinstance(b, Title))
    lines = [line for line in pages_of(long_notice)[0].lines if line.size == PROFILE.title_size_pt]
    assert "".join(line.text for line in lines) == "".join(title.text.split())
    assert len(lines) == 3
    centre = (LEFT + RIGHT) / 2
    for line in lines:
        assert (line.x0 + line.x1) / 2 == pytest.approx(centre, abs=1.0)
        assert all(c.font.startswith("Noto-Serif-CJK-SC") and "Bold" in c.font for c in line.chars)
    widths = [line.x1 - line.x0 for line in lines]
    diamond = widths[1] > max(widths[0], widths[2])
    trapezoid = widths[0] < widths[1] < widths[2]
    assert diamond or trapezoid, widths
    assert [b - a for a, b in itertools.pairwise(line.baseline for line in lines)] == pytest.approx(
        [PITCH] * 2
    )


def test_heading_faces_per_level(long_notice: Rendered) -> None:
    """Each level prints in the face its role resolves to on this machine (what `notices doctor` reports)."""
    resolved = resolve_profile(get_profile("enterprise"))

    def postscript(role: str) -> str:
        return resolved[role].family.replace(" ", "-")

    faces = {
        "heading1": postscript("heading1"),
        "heading2": postscript("heading2"),
        "heading3": postscript("body"),
    }
    faces["heading4"] = faces["heading3"]
    seen = set()
    for kind, _text, lines in body_paragraphs(long_notice):
        if kind in faces:
            seen.add(kind)
            fonts = {c.font.split("-Regular")[0].removesuffix("-Book") for line in lines for c in line.chars}
            assert fonts == {faces[kind]}, (kind, fonts)
        elif kind == "paragraph":
            assert all(c.font.startswith(faces["heading3"]) for line in lines for c in line.chars)
    assert seen == set(faces)


def test_head_elements_sit_where_the_standard_puts_them(long_notice: Rendered) -> None:
    page = pages_of(long_notice)[0]
    red = [line for line in page.lines if line.chars[0].color and line.chars[0].color[0] > 0.8]
    mark = red[0]
    assert mark.text == "华东恒信控股有限公司文件"
    assert mark.chars[0].em_top - TOP == pytest.approx(35 * MM, abs=1 * MM)
    top_matter = [line.text for line in page.lines if line.baseline < mark.baseline]
    assert top_matter == ["000126", "秘密★1年", "加急"]
    number = next(line for line in page.lines if line.text.startswith("恒信发"))
    assert "签发人：陈志远" in number.text
    gap_lines = (number.chars[0].em_top - (mark.baseline + 0.12 * mark.size)) / PITCH
    assert 1.8 < gap_lines < 2.5  # two blank lines under the mark
    rules = [r for r in page.rects if r.get("non_stroking_color") and r["width"] > 400]
    assert rules, "the red rule"
    number_bottom = number.baseline + 0.12 * PROFILE.body_size_pt
    assert rules[0]["top"] - number_bottom == pytest.approx(4 * MM, abs=1 * MM)
    title = next(line for line in page.lines if line.size == PROFILE.title_size_pt)
    blank = (title.baseline - BODY_BASELINE - rules[0]["bottom"]) / PITCH
    assert 1.5 <= blank <= 2.5  # two blank lines above the title


def test_page_numbers_odd_right_even_left_7mm_below_the_type_area(long_notice: Rendered) -> None:
    pages = pages_of(long_notice)
    colophon = lay_out(long_notice.doc).colophon
    assert colophon is not None
    bare = range(colophon.page - colophon.blank_before, colophon.page + 1) if colophon.own_page else range(0)
    for page in pages:
        below = [line for line in page.lines if line.baseline > BOTTOM + 1]
        if page.number - 1 in bare:  # the 版记's page and a blank one before it carry no number (§7.5)
            assert not below, page.number
            continue
        assert len(below) == 1, page.number
        number = below[0]
        assert number.text == f"—{page.number}—"
        assert number.size == PROFILE.page_number_size_pt
        assert number.chars[0].em_top - BOTTOM == pytest.approx(7 * MM, abs=1 * MM)
        one_character = PROFILE.page_number_size_pt
        if page.number % 2:
            assert RIGHT - number.x1 == pytest.approx(one_character, abs=1)
        else:
            assert number.x0 - LEFT == pytest.approx(one_character, abs=1)


def sign_off_lines(rendered: Rendered) -> tuple[Line, Line]:
    sign_off = next(b for b in rendered.doc.blocks if isinstance(b, SignOff))
    lines = [line for page in pages_of(rendered) for line in page.lines]
    issuer = [line for line in lines if line.text == sign_off.issuer][-1]
    date = next(line for line in lines if line.text == sign_off.date_text and line.page == issuer.page)
    return issuer, date


def test_seal_presses_on_issuer_and_date(long_notice: Rendered) -> None:
    issuer, date = sign_off_lines(long_notice)
    page = pages_of(long_notice)[issuer.page - 1]
    (seal,) = [image for image in page.images if image["width"] > 100]
    assert seal["width"] == pytest.approx(42 * MM, abs=0.5)
    centre = (seal["x0"] + seal["x1"]) / 2
    assert centre == pytest.approx((date.x0 + date.x1) / 2, abs=1)
    assert centre == pytest.approx((issuer.x0 + issuer.x1) / 2, abs=1)
    assert RIGHT - date.x1 == pytest.approx(
        4 * (PROFILE.body_size_pt + PROFILE.grid_letter_spacing_pt), abs=1
    )
    middle = (seal["top"] + seal["bottom"]) / 2
    assert (
        issuer.baseline - PROFILE.body_size_pt < middle < date.baseline
    )  # the two lines a little below the centre
    above = max(line.baseline for line in page.lines if line.baseline < issuer.baseline - PITCH)
    gap = seal["top"] - (above + 0.12 * PROFILE.body_size_pt)
    assert 0 <= gap <= PITCH  # its top within one line of the text above


def test_the_sign_off_shares_its_page_with_text(long_notice: Rendered) -> None:
    issuer, _date = sign_off_lines(long_notice)
    note = next(b for b in long_notice.doc.blocks if isinstance(b, AttachmentNote))
    page_lines = [line.text for line in text_lines((pages_of(long_notice)[issuer.page - 1],))]
    assert "".join(page_lines).find(note.titles[-1]) >= 0


def test_colophon_closes_the_last_page_on_the_type_areas_lower_edge(long_notice: Rendered) -> None:
    colophon = next(b for b in long_notice.doc.blocks if isinstance(b, Colophon))
    last = pages_of(long_notice)[-1]
    texts = [line.text for line in last.lines]
    assert colophon.cc and colophon.cc in texts
    printing = next(line for line in last.lines if line.text.startswith("华东恒信控股有限公司办公室"))
    assert printing.text.endswith("2026年1月5日印发")
    assert printing.size == 14
    assert printing.x0 - LEFT == pytest.approx(14, abs=0.5)
    assert RIGHT - printing.x1 == pytest.approx(14, abs=0.5)
    # WeasyPrint fills a bordered box as an outer rectangle minus an inner one: the colophon's box and its
    # content box give the heavy first and last rules, the 抄送 line's pair (same top) the light middle one.
    boxes = sorted(
        {(round(r["top"], 2), round(r["bottom"], 2)) for r in last.rects if r["width"] > 400},
        key=lambda box: box[0] - box[1],
    )
    (outer_top, outer_bottom), (inner_top, inner_bottom) = boxes[0], boxes[1]
    assert inner_top - outer_top == pytest.approx(0.35 * MM, abs=0.05)
    assert outer_bottom - inner_bottom == pytest.approx(0.35 * MM, abs=0.05)
    assert outer_bottom == pytest.approx(BOTTOM, abs=0.2)  # the last rule on the type area's lower edge
    middle = [b2 - b1 for (t1, b1), (t2, b2) in itertools.combinations(boxes[2:], 2) if t1 == t2]
    assert [abs(m) for m in middle] == [pytest.approx(0.25 * MM, abs=0.05)]


def test_every_chinese_example_ends_its_lines_at_the_margin(rendered_examples: dict[str, Rendered]) -> None:
    """The same measure on every example: kinds bring times ("8:00—20:00"), phone numbers and e-mail."""
    errors = []
    for stem, rendered in rendered_examples.items():
        if rendered.doc.lang != "zh":
            continue
        profile = profile_of(rendered.doc)
        right = (profile.page_width_mm - profile.margin_right_mm) * MM
        pages = pages_of(rendered)
        for _kind, _text, lines in body_paragraphs(rendered):
            errors += [
                f"{stem} p.{line.page}: {line.text} ends {line.x1 - right:+.3f} pt from the margin"
                for line in lines[:-1]
                if abs(line.x1 - right) > END_TOLERANCE and not stopped_at_the_bound(pages, line)
            ]
    assert not errors, "\n".join(errors)
