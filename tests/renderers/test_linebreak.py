import functools
from collections.abc import Callable

import pytest

from notices.layout.linebreak import (
    STRETCH_LIMIT_EM,
    WORD_SPACING_UNIT_PT,
    Line,
    break_paragraph,
    fill_grid_spacing,
)
from notices.layout.metrics import FontMetrics, resolve_font_file

SIZE = 16.0
WIDTH = 156 / 25.4 * 72  # the GB/T 9704 type area, 442.205 pt
GRID_SPACING = fill_grid_spacing(WIDTH, 28, SIZE)
GRID_INDENT = 2 * (SIZE + GRID_SPACING)  # two grid cells

Advance = Callable[[str], float]

# Real notice sentences with their punctuation; HAN_ONLY is the same text without it.
NOTICE_TEXT = (
    "为做好春节期间的订单安排，保障各位客户的正常经营，现将有关事项通知如下：本公司春节放假时间为"
    "二月十四日至二月二十二日，共九天；放假期间暂停接单与发货，节后首个工作日起按订单顺序依次发货。"
    "请各位客户根据自身销售情况（尤其是畅销品类）提前备货，并于截止日前将订单提交至所属区域的销售"
    "经理。如有疑问，请致电客户服务中心咨询。感谢各位客户一直以来的理解与支持！"
)
HAN_ONLY = "".join(char for char in NOTICE_TEXT if char not in "，。：；（）！")
MIXED_TEXT = (
    "请于2026年2月6日（星期五）17:00前完成下单，型号RTX-4090的显卡单价为3.5万元，"
    "订单确认后将以邮件发送至service@example.com，逾期订单顺延至节后处理。"
)
FORBIDDEN_AT_START = "，。、；：？！）》」』】〕〉”’…—·%"
FORBIDDEN_AT_END = "（《「『【〔〈“‘"


@pytest.fixture(scope="module")
def advance() -> Advance:
    resolved = resolve_font_file("Noto Serif CJK SC")
    if resolved is None:
        pytest.skip("Noto Serif CJK SC is not installed")
    metrics = FontMetrics.load(*resolved, language="ZHS")
    return functools.partial(metrics.advance, size_pt=SIZE)


def grid_lines(text: str, advance: Advance, first_indent: float = 0.0) -> list[Line]:
    return break_paragraph(
        text, width=WIDTH, advance=advance, first_indent=first_indent, letter_spacing=GRID_SPACING
    )


def line_starts(lines: list[Line]) -> list[int]:
    """Offsets in the paragraph where each line begins (for text without spaces)."""
    offsets, offset = [], 0
    for line in lines:
        offsets.append(offset)
        offset += len(line.text)
    return offsets


def set_width(text: str, advance: Advance) -> float:
    return sum(advance(char) for char in text) + (len(text) - 1) * GRID_SPACING


def test_grid_spacing_makes_28_full_width_characters_fill_the_type_area() -> None:
    assert GRID_SPACING < 0
    assert pytest.approx(WIDTH) == 28 * SIZE + 27 * GRID_SPACING
    assert 29 * SIZE + 28 * GRID_SPACING > WIDTH


def test_a_grid_needs_two_characters() -> None:
    with pytest.raises(ValueError):
        fill_grid_spacing(WIDTH, 1, SIZE)


def test_pure_chinese_full_lines_hold_28_characters(advance: Advance) -> None:
    lines = grid_lines(HAN_ONLY, advance)
    assert len(lines) > 3
    assert [len(line.text) for line in lines[:-1]] == [28] * (len(lines) - 1)
    assert 0 < len(lines[-1].text) <= 28
    assert "".join(line.text for line in lines) == HAN_ONLY


def test_a_two_cell_indent_leaves_26_characters_on_the_first_line(advance: Advance) -> None:
    lines = grid_lines(HAN_ONLY, advance, first_indent=GRID_INDENT)
    assert len(lines[0].text) == 26
    assert lines[0].indent == GRID_INDENT
    assert {len(line.text) for line in lines[1:-1]} == {28}
    assert all(line.indent == 0 for line in lines[1:])


@pytest.mark.parametrize(
    "text",
    [
        HAN_ONLY,
        NOTICE_TEXT,
        MIXED_TEXT * 3,
        "本公司于2026年2月6日（星期五）17:00前截止接单，节后于2026年2月24日（星期二）起恢复发货。" * 4,
        "Please place your orders before 17:00 on Friday, 6 February 2026; orders for the RTX-4090 "
        "and other models received later ship from 24 February. Contact service@example.com.",
    ],
)
def test_every_line_but_the_last_ends_exactly_at_the_margin(advance: Advance, text: str) -> None:
    for first_indent in (0.0, GRID_INDENT):
        lines = grid_lines(text, advance, first_indent)
        assert len(lines) > 1
        for line in lines[:-1]:
            assert not line.last
            assert line.end + line.short == pytest.approx(WIDTH, abs=0.01)
            assert line.short < 1e-6 or line.justify_spacing == pytest.approx(STRETCH_LIMIT_EM * SIZE)
        assert lines[-1].last
        assert lines[-1].justify_spacing == 0.0
        assert lines[-1].natural_width <= WIDTH


def test_natural_width_is_indent_plus_advances_plus_spacing_between_characters(advance: Advance) -> None:
    for line in grid_lines(MIXED_TEXT * 2, advance, GRID_INDENT):
        expected = line.indent + sum(advance(char) for char in line.text)
        expected += (len(line.text) - 1) * GRID_SPACING
        assert line.natural_width == pytest.approx(expected)


def test_half_width_runs_are_never_split(advance: Advance) -> None:
    runs = ("2026", "17:00", "RTX-4090", "3.5", "service@example.com")
    run_reached_a_line_end_with_room_for_its_first_character = False
    for shift in range(29):
        text = "测" * shift + MIXED_TEXT * 2
        lines = grid_lines(text, advance)
        assert "".join(line.text for line in lines) == text
        starts = line_starts(lines)
        for run in runs:
            at = text.find(run)
            while at != -1:
                assert not any(at < start < at + len(run) for start in starts), (shift, run)
                if at in starts[1:]:
                    line_before = lines[starts.index(at) - 1]
                    room = WIDTH - line_before.natural_width - GRID_SPACING
                    run_reached_a_line_end_with_room_for_its_first_character |= advance(run[0]) <= room
                at = text.find(run, at + 1)
    # Had runs been breakable, these lines would have taken the run's first characters.
    assert run_reached_a_line_end_with_room_for_its_first_character


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(advance: Advance) -> None:
    naive_break_would_start_a_line_with_a_closing_mark = False
    for shift in range(29):
        text = "测" * shift + NOTICE_TEXT
        # With full-width text only, breaking every 28 characters would put text[28] first on line 2.
        naive_break_would_start_a_line_with_a_closing_mark |= text[28] in FORBIDDEN_AT_START
        lines = grid_lines(text, advance)
        assert "".join(line.text for line in lines) == text
        for line in lines[1:]:
            assert line.text[0] not in FORBIDDEN_AT_START, (shift, line.text)
        for line in lines[:-1]:
            assert line.text[-1] not in FORBIDDEN_AT_END, (shift, line.text)
    assert naive_break_would_start_a_line_with_a_closing_mark


def test_a_comma_that_cannot_be_squeezed_in_pushes_the_previous_character_down(advance: Advance) -> None:
    text = "甲" * 28 + "，乙丙丁戊。"
    lines = grid_lines(text, advance)
    # The comma would overflow by a whole character, more than half a full-width mark.
    assert set_width("甲" * 28 + "，", advance) - WIDTH > advance("，") / 2
    assert lines[0].text == "甲" * 27
    assert lines[0].justify_spacing > 0
    assert lines[1].text.startswith("甲，")


def test_a_comma_overflowing_by_at_most_half_its_width_is_squeezed_onto_the_line(advance: Advance) -> None:
    head = "甲" * 13 + "，" + "甲" * 12 + "12"
    text = head + "，" + "乙丙丁戊己庚辛壬癸" * 4 + "。"
    overflow = set_width(head + "，", advance) - WIDTH
    assert 0 < overflow <= advance("，") / 2
    lines = grid_lines(text, advance)
    assert lines[0].text == head + "，"
    # The comma inside the line gives up its blank half (the one at the end has no gap after it).
    assert lines[0].squeezed[13] == pytest.approx(overflow, abs=WORD_SPACING_UNIT_PT)
    assert sum(lines[0].squeezed) == lines[0].squeezed[13]
    assert lines[0].end == pytest.approx(WIDTH, abs=0.01)
    assert lines[1].text[0] == "乙"


def test_squeezing_goes_to_brackets_first_then_pause_marks_equally(advance: Advance) -> None:
    # 20 Han + （…）+ two commas + "甲": the unit after them overflows by less than the marks can give.
    head = "甲" * 8 + "（乙）" + "甲" * 5 + "，" + "甲" * 5 + "，" + "甲" * 4
    text = head + "2026" + "年" * 30
    lines = grid_lines(text, advance)
    assert lines[0].text.startswith(head + "2026")
    squeezed = dict(enumerate(lines[0].squeezed))
    opening, closing = head.index("（") - 1, head.index("）")
    commas = [i for i, char in enumerate(head) if char == "，"]
    bracket_room = advance("（") / 2 + advance("）") / 2
    if sum(squeezed.values()) > bracket_room + 0.01:
        assert squeezed[opening] == squeezed[closing] == pytest.approx(advance("（") / 2)
        assert squeezed[commas[0]] == squeezed[commas[1]] > 0
    else:
        assert squeezed[commas[0]] == squeezed[commas[1]] == 0
    assert all(amount == pytest.approx(round(amount / 0.05) * 0.05) for amount in squeezed.values())


def test_no_stretch_inside_numbers_words_and_addresses(advance: Advance) -> None:
    for shift in range(29):
        text = "测" * shift + "如有疑问请致电400-820-1688或发邮件至service@hengxin-group.com咨询，" * 3
        for line in grid_lines(text, advance):
            for index, stretched in enumerate(line.stretched):
                pair = line.text[index : index + 2]
                if pair.isascii() and not pair.isspace():
                    assert not stretched, (line.text, pair)


def test_stretch_stays_within_the_bound_and_the_line_ends_short_instead(advance: Advance) -> None:
    # A 24-character address cannot break: the line before it would need far more than a third of an em.
    text = "甲" * 10 + "请发送邮件至service-desk@hengxin-group.com咨询。"
    lines = grid_lines(text, advance)
    assert lines[1].text.startswith("service-desk@hengxin-group.com")
    first = lines[0]
    assert first.justify_spacing == pytest.approx(STRETCH_LIMIT_EM * SIZE)
    assert first.short > 0
    assert first.end + first.short == pytest.approx(WIDTH)
    unbounded = break_paragraph(
        text, width=WIDTH, advance=advance, letter_spacing=GRID_SPACING, max_stretch_em=None
    )
    assert unbounded[0].short == 0 and unbounded[0].justify_spacing > STRETCH_LIMIT_EM * SIZE


def test_a_long_latin_word_after_han_text_never_spreads_the_line_before_it_past_the_bound(
    advance: Advance,
) -> None:
    """The line before a long Latin word ("PCR全 线 产 品 Polyethylene-terephthalate", 固铂's 2022 price notice,
    corpus/real/zh-cooper-2022-tiaojia) at every place on the line: each gap grows by at most the bound, and a
    line that would need more ends short; the word itself is never split or spaced."""
    word = "Polyethylene-terephthalate-recycled"
    for shift in range(29):
        text = "测" * shift + f"本公司PCR全线产品{word}价格上调。"
        lines = grid_lines(text, advance)
        assert any(word in line.text for line in lines), shift
        for line in lines[:-1]:
            assert line.justify_spacing <= STRETCH_LIMIT_EM * SIZE + 1e-9, (shift, line.text)
            assert line.end + line.short == pytest.approx(WIDTH, abs=0.01)


def test_an_amount_with_thousands_commas_stays_whole_with_its_unit(advance: Advance) -> None:
    """中国铝业's "由4,900元/吨调整为3,800元/吨" (corpus/real/zh-chalco-2006-yanghualv-xiatiao) at every place on the
    line: the comma inside a number is no break ("4," / "900"), nor a gap that stretches."""
    for shift in range(29):
        text = "测" * shift + "氧化铝价格由4,900元/吨调整为3,800元/吨，合计12,500.50元。"
        lines = grid_lines(text, advance)
        for number in ("4,900", "3,800", "12,500.50"):
            assert any(number in line.text for line in lines), (shift, number)
        for line in lines:
            for index, stretched in enumerate(line.stretched):
                if line.text[index : index + 2] in {"4,", ",9", "3,", ",8", "2,", ",5"}:
                    assert not stretched, (shift, line.text)


def test_a_squeeze_limit_of_zero_pushes_out_instead(advance: Advance) -> None:
    head = "甲" * 26 + "12"
    text = head + "，" + "乙丙丁戊己庚辛壬癸" * 4 + "。"
    lines = break_paragraph(text, width=WIDTH, advance=advance, letter_spacing=GRID_SPACING, max_squeeze=0)
    assert lines[0].text == "甲" * 26
    assert lines[1].text.startswith("12，")


def test_an_opening_bracket_moves_to_the_next_line(advance: Advance) -> None:
    text = "甲" * 27 + "（星期五）乙丙丁戊己。"
    lines = grid_lines(text, advance)
    assert lines[0].text == "甲" * 27
    assert lines[1].text.startswith("（星期五）")


@pytest.mark.parametrize("mark", ["……", "——"])
def test_ellipsis_and_dash_stay_in_one_piece_and_do_not_start_a_line(advance: Advance, mark: str) -> None:
    text = "甲" * 27 + mark + "乙" * 20
    lines = grid_lines(text, advance)
    assert lines[0].text == "甲" * 26
    assert lines[1].text.startswith("甲" + mark)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/NOTICES/2026/SPRING-FESTIVAL/ORDERS/",
        "http://intra.example.cn/ops/list/it/1/a/f/i/j/l/t/r/i/l/1/tl",
    ],
)
def test_a_url_is_split_only_when_wider_than_the_line(advance: Advance, url: str) -> None:
    assert len(url) == 60
    text = "请访问" + url + "查询订单状态。"
    lines = grid_lines(text, advance)
    assert "".join(line.text for line in lines) == text
    url_whole_on_one_line = any(url in line.text for line in lines)
    assert url_whole_on_one_line is (set_width(url, advance) <= WIDTH)
    if not url_whole_on_one_line:
        # Split anyway, it starts right away rather than leave "请访问" alone on a stretched line.
        assert lines[0].text.startswith("请访问" + url[:10])


def test_both_urls_of_the_split_test_fall_on_either_side_of_the_line_width(advance: Advance) -> None:
    wide = "https://www.example.com/NOTICES/2026/SPRING-FESTIVAL/ORDERS/"
    narrow = "http://intra.example.cn/ops/list/it/1/a/f/i/j/l/t/r/i/l/1/tl"
    assert set_width(wide, advance) > WIDTH > set_width(narrow, advance)


def test_latin_words_stay_whole_and_line_end_spaces_are_dropped(advance: Advance) -> None:
    text = (
        "Please place your orders before 17:00 on Friday, 6 February 2026. Orders for the RTX-4090 "
        "received later ship from 24 February; questions go to service@example.com or to your sales "
        "manager, who will confirm delivery dates by e-mail within one working day."
    )
    words = set(text.split())
    lines = grid_lines(text, advance)
    assert len(lines) > 2
    for line in lines:
        assert line.text == line.text.strip(" ")
        assert set(line.text.split()) <= words
    assert " ".join(line.text for line in lines) == text


def test_whitespace_collapses_but_ideographic_and_no_break_spaces_stay(advance: Advance) -> None:
    [line] = grid_lines("  联系人：\t张三 \n 电话\u00a0123\u3000\u3000结束  ", advance)
    assert line.text == "联系人： 张三 电话\u00a0123\u3000\u3000结束"


def test_an_empty_paragraph_is_one_empty_last_line(advance: Advance) -> None:
    assert grid_lines("", advance, GRID_INDENT) == [Line("", GRID_INDENT, GRID_INDENT, True, 0.0)]


def test_a_line_width_must_be_positive(advance: Advance) -> None:
    with pytest.raises(ValueError):
        break_paragraph("中文", width=0, advance=advance)
