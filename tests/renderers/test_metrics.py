from pathlib import Path

import pytest

from notices.layout.metrics import FontMetrics, find_face, resolve_font_file

SERIF_SC = "Noto Serif CJK SC"


@pytest.fixture(scope="module")
def serif_sc_file() -> tuple[Path, int]:
    resolved = resolve_font_file(SERIF_SC)
    if resolved is None:
        pytest.skip(f"{SERIF_SC} is not installed")
    return resolved


def test_fontconfig_and_the_name_table_agree_on_the_simplified_chinese_face(
    serif_sc_file: tuple[Path, int],
) -> None:
    path, index = serif_sc_file
    assert path.is_file()
    assert find_face(path, SERIF_SC) == index
    assert find_face(path, "noto serif cjk sc") == index


def test_other_faces_of_the_collection_are_told_apart(serif_sc_file: tuple[Path, int]) -> None:
    path, index = serif_sc_file
    assert find_face(path, "Noto Serif CJK JP") != index


def test_a_family_the_file_does_not_hold_is_an_error(serif_sc_file: tuple[Path, int]) -> None:
    with pytest.raises(LookupError):
        find_face(serif_sc_file[0], "Noto Sans Imaginary")


def test_fontconfig_substituting_another_family_resolves_to_none() -> None:
    assert resolve_font_file("Noto Sans Imaginary") is None
    assert resolve_font_file("serif") is None  # a generic name, not a family


def test_full_width_characters_advance_one_em(serif_sc_file: tuple[Path, int]) -> None:
    metrics = FontMetrics.load(*serif_sc_file)
    for char in "中年，。（）“”":
        assert metrics.advance(char, 16) == pytest.approx(16.0)


def test_digits_and_latin_are_narrower_and_scale_with_size(serif_sc_file: tuple[Path, int]) -> None:
    metrics = FontMetrics.load(*serif_sc_file)
    for char in "0179:aRX-":
        assert 0 < metrics.advance(char, 16) < 16
        assert metrics.advance(char, 32) == pytest.approx(2 * metrics.advance(char, 16))


def test_a_string_advances_by_the_sum_of_its_characters(serif_sc_file: tuple[Path, int]) -> None:
    metrics = FontMetrics.load(*serif_sc_file)
    assert metrics.advance("17:00", 16) == pytest.approx(sum(metrics.advance(char, 16) for char in "17:00"))


def test_has_glyph(serif_sc_file: tuple[Path, int]) -> None:
    metrics = FontMetrics.load(*serif_sc_file)
    assert metrics.has_glyph("中")
    assert metrics.has_glyph("A")
    assert not metrics.has_glyph("\U0010fffd")  # private use, plane 16


def test_chinese_locl_makes_the_dash_full_width(serif_sc_file: tuple[Path, int]) -> None:
    plain = FontMetrics.load(*serif_sc_file)
    chinese = FontMetrics.load(*serif_sc_file, language="ZHS")
    assert plain.advance("—", 16) < 16
    assert chinese.advance("—", 16) == pytest.approx(16.0)
    assert chinese.advance("中", 16) == plain.advance("中", 16)


def test_loading_is_cached(serif_sc_file: tuple[Path, int]) -> None:
    path, index = serif_sc_file
    assert FontMetrics.load(path, index) is FontMetrics.load(path, index)
    assert FontMetrics.load(path, index) is not FontMetrics.load(path, index, language="ZHS")
