"""R-COMPOSE, R-ASSET, R-FONT: `notices check` takes every step `notices render` takes short of drawing."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest

import notices
import notices.fontcheck
from notices.check.runner import check_path

TODAY = dt.date(2026, 1, 5)
BASE = (
    "issuer:\n  name: 华东恒信控股有限公司\ntitle: 关于调整价格的通知\nsalutation: 尊敬的客户：\n"
    "sign_off:\n  date: 2026-01-05\n"
)
# A 1×1 red PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
)


def findings(folder: Path, text: str, rule: str) -> list[tuple[str, int | None, str]]:
    spec = folder / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    return [(f.severity, f.line, f.message) for f in check_path(spec, today=TODAY).findings if f.rule == rule]


def test_an_unknown_filter_is_found_by_check_at_its_line(tmp_path: Path) -> None:
    text = BASE + "vars: {rate: 5}\nbody:\n  - 本次调价幅度为{{ vars.rate|number }}%。\n"
    found = findings(tmp_path, text, "R-COMPOSE")
    assert [(severity, line) for severity, line, _ in found] == [("error", 9)]
    assert "number" in found[0][2]
    with pytest.raises(notices.NoticeError):  # and it is what the render itself would have refused
        notices.render_bytes(notices.load(tmp_path / "spec.yaml"), "html", check=False)


def test_an_unknown_filter_is_named_at_the_filter_with_the_filters_there_are(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        BASE + "vars: {rate: 5}\nbody:\n  - 本次调价幅度为{{ vars.rate|rond }}%。\n", encoding="utf-8"
    )
    [found] = [f for f in check_path(spec, today=TODAY).findings if f.rule == "R-COMPOSE"]
    assert (found.line, found.column, found.message, found.fix) == (
        9,
        24,  # the “|” of |rond
        "unknown filter “rond” in a {{ … }}",
        "did you mean “round”? the date filters are cn_date, cn_time, cn_weekday; Jinja's own (round, upper, "
        "default …) work too",
    )


def test_a_spec_that_does_not_load_whole_still_has_its_templates_tried(tmp_path: Path) -> None:
    """An unknown key elsewhere does not hide the filter a render would refuse."""
    text = BASE + "logo: logo.png\nvars: {rate: 5}\nbody:\n  - 本次调价幅度为{{ vars.rate|number }}%。\n"
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    checked = check_path(spec, today=TODAY)
    assert not checked.loaded
    assert [(f.rule, f.line) for f in checked.findings] == [("SPEC", 7), ("R-COMPOSE", 10)]


def test_an_expression_that_fails_is_found_by_check(tmp_path: Path) -> None:
    text = BASE + "vars: {deadline: 2026年2月6日}\nbody:\n  - 请于{{ vars.deadline + 1 }}前下单。\n"
    assert [(s, line) for s, line, _ in findings(tmp_path, text, "R-COMPOSE")] == [("error", 9)]


def test_a_clean_notice_composes_without_a_finding(tmp_path: Path) -> None:
    text = BASE + "vars: {rate: 5}\nbody:\n  - 本次调价幅度为{{ vars.rate }}%。\n"
    assert findings(tmp_path, text, "R-COMPOSE") == []


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"this is not an image", "not a PNG, JPEG or GIF"),
        (PNG[:30], "damaged PNG"),  # truncated
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
    ],
    ids=["text", "truncated", "svg"],
)
def test_a_seal_that_does_not_decode_is_an_error_at_its_line(
    tmp_path: Path, content: bytes, says: str
) -> None:
    (tmp_path / "seal.png").write_bytes(content)
    text = BASE.replace("  date: 2026-01-05\n", "  date: 2026-01-05\n  seal: seal.png\n")
    found = findings(tmp_path, text, "R-ASSET")
    assert [(s, line) for s, line, _ in found] == [("error", 7)]
    assert says in found[0][2]


def test_a_good_seal_and_a_missing_one(tmp_path: Path) -> None:
    (tmp_path / "seal.png").write_bytes(PNG)
    good = BASE.replace("  date: 2026-01-05\n", "  date: 2026-01-05\n  seal: seal.png\n")
    assert findings(tmp_path, good, "R-ASSET") == []
    missing = good.replace("seal: seal.png", "seal: stamp.png")
    assert [(s, line) for s, line, _ in findings(tmp_path, missing, "R-ASSET")] == [("error", 7)]


def test_a_character_no_font_has_is_an_error_at_the_character(tmp_path: Path) -> None:
    text = BASE + "body:\n  - 请扫码关注🧧领取红包。\n"
    found = findings(tmp_path, text, "R-FONT")
    assert [(s, line) for s, line, _ in found] == [("error", 8)]
    assert "U+1F9E7" in found[0][2] and "empty box" in found[0][2]


def test_a_character_only_another_face_has_is_a_warning(tmp_path: Path) -> None:
    text = BASE + "body:\n  - 满意请打☺，谢谢。\n"
    assert [(s, line) for s, line, _ in findings(tmp_path, text, "R-FONT")] == [("warning", 8)]


def test_the_examples_compose_and_have_every_glyph() -> None:
    """A clean check means a render that succeeds: every example passes the render steps."""
    examples = Path(__file__).resolve().parents[3] / "examples"
    for spec in sorted(examples.glob("*.yaml")):
        bad = [
            f"{f.rule} {f.message}"
            for f in check_path(spec).findings
            if f.rule in ("R-COMPOSE", "R-ASSET", "R-FONT")
        ]
        assert bad == [], spec.name


def test_recipient_fields_the_rows_supply_are_no_compose_error() -> None:
    """An ERP passes the recipient at render time, a batch takes it from each row: fields the sample lacks
    are P-PLACEHOLDER's question (a warning), not a template failure."""
    spec = {
        "issuer": {"name": "华东恒信控股有限公司"},
        "title": "关于调整发货时间的通知",
        "salutation": "尊敬的{{ recipient.name }}（{{ recipient.contact.phone }}）：",
        "body": ["自2026年2月9日（星期一）起，每日发货截止时间调整为16:00。"],
        "sign_off": {"date": "2026-01-05"},
    }
    assert notices.check_notice(notices.load(spec)) == []
    with_sample = notices.load({**spec, "recipient": {"name": "各经销商"}})
    assert [(f.rule, f.severity) for f in notices.check_notice(with_sample)] == [("P-PLACEHOLDER", "warning")]


def test_chinese_in_an_english_letter_prints_in_a_chinese_face_without_a_warning(tmp_path: Path) -> None:
    text = (
        "lang: en\nissuer:\n  name: Huadong Hengxin Holdings Co., Ltd.\ntitle: Spring Festival closure\n"
        "salutation: Dear Sir or Madam,\nbody:\n  - Our Shanghai office (华东恒信) closes on 13 February 2026.\n"
        "sign_off:\n  date: 2026-01-05\n"
    )
    assert findings(tmp_path, text, "R-FONT") == []
