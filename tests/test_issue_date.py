"""A date of issue known only to the month, or not stated at all (kinds-gaps.md G9).

``sign_off.date: 2019-05`` prints 2019年5月 / May 2019; ``sign_off.date: none`` prints no date. The rules that
need the issue date use what is known: the month's first day for "already past", nothing when no date is
stated; B-ISSUE-DATE says what is missing. Read back from the PDF (pdfplumber) and the DOCX (python-docx).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pdfplumber
import pytest

import notices
from notices.spec.types import IssueMonth

ASSETS = Path(__file__).resolve().parent.parent / "examples" / "assets"
# The day a spec without sign_off.date is dated: an undated notice must not print it.
RENDER_DAY_EPOCH = "1767571200"  # 2026-01-05 00:00 UTC

ZH = """title: 关于调整产品价格的通知
issuer: {{name: 华东恒信控股有限公司}}
salutation: 尊敬的客户：
body: [自2019年6月1日起调整价格。请于{deadline}前确认订单。]
{sign_off}
"""
EN = """lang: en
locale: {locale}
title: Freight surcharge
issuer: {{name: Example Fabrics Ltd}}
body: ['From 15 September 2021 a surcharge of $0.50 per meter applies.']  # quoted: a date's comma would split it
{sign_off}
"""


@pytest.fixture(autouse=True)
def _render_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", RENDER_DAY_EPOCH)


def _spec(tmp_path: Path, text: str, name: str = "notice") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _render(path: Path) -> tuple[list[list[dict]], list[str]]:
    """The PDF's words per page (pdfplumber) and the DOCX's paragraphs (python-docx)."""
    out = notices.render(notices.load(path), path.with_suffix(""), check=False)
    files = {p.suffix: p for p in out}
    with pdfplumber.open(files[".pdf"]) as pdf:
        words = [page.extract_words(keep_blank_chars=True) for page in pdf.pages]
    paragraphs = [p.text for p in docx.Document(str(files[".docx"])).paragraphs]
    return words, paragraphs


def _lines(words: list[list[dict]]) -> list[str]:
    """The PDF's text lines, top to bottom, page after page, with their whitespace removed."""
    lines: list[str] = []
    for page in words:
        rows: dict[int, list[dict]] = {}
        for word in page:
            rows.setdefault(round(word["top"]), []).append(word)
        for top in sorted(rows):
            lines.append(
                "".join("".join(w["text"].split()) for w in sorted(rows[top], key=lambda w: w["x0"]))
            )
    return [line for line in lines if line.strip("—0123456789")]


def test_a_month_prints_under_the_issuer_in_a_chinese_notice(tmp_path: Path) -> None:
    words, paragraphs = _render(
        _spec(tmp_path, ZH.format(deadline="5月20日", sign_off="sign_off: {date: 2019-05}"))
    )
    lines = _lines(words)
    assert lines[-2:] == ["华东恒信控股有限公司", "2019年5月"]
    issuer = next(w for w in words[-1] if w["text"].strip() == "华东恒信控股有限公司")
    date = next(w for w in words[-1] if w["text"].strip() == "2019年5月")
    assert date["top"] > issuer["top"] and date["x0"] > issuer["x0"]  # §7.3.5.2: below, indented
    texts = [p for p in paragraphs if p.strip()]
    assert texts[-2:] == ["华东恒信控股有限公司", "2019年5月"]
    assert "2026年1月5日" not in "".join(lines) + "".join(paragraphs)


def test_no_date_leaves_the_issuer_last_in_a_chinese_notice(tmp_path: Path) -> None:
    words, paragraphs = _render(
        _spec(tmp_path, ZH.format(deadline="5月20日", sign_off="sign_off: {date: none}"))
    )
    lines = _lines(words)
    assert lines[-1] == "华东恒信控股有限公司"
    assert paragraphs[-1] == "华东恒信控股有限公司"  # no empty date paragraph after it
    assert "2026年1月5日" not in "".join(lines)


def test_the_day_of_rendering_is_printed_when_no_date_is_given_at_all(tmp_path: Path) -> None:
    """The control: leaving sign_off.date out dates the notice the day it is made (SOURCE_DATE_EPOCH here)."""
    words, paragraphs = _render(_spec(tmp_path, ZH.format(deadline="5月20日", sign_off="")))
    assert _lines(words)[-1] == "2026年1月5日" and paragraphs[-1] == "2026年1月5日"


def test_no_date_with_a_seal_centres_the_seal_on_the_issuer(tmp_path: Path) -> None:
    shutil.copy(ASSETS / "seal.png", tmp_path / "seal.png")
    spec = ZH.format(deadline="5月20日", sign_off="sign_off: {date: none, seal: seal.png}")
    path = _spec(tmp_path, spec)
    out = {p.suffix: p for p in notices.render(notices.load(path), tmp_path / "sealed", check=False)}
    with pdfplumber.open(out[".pdf"]) as pdf:
        page = pdf.pages[-1]
        *_, issuer = (
            w for w in page.extract_words() if w["text"] == "华东恒信控股有限公司"
        )  # not the red head
        (seal,) = page.images
        assert "2026年1月5日" not in (page.extract_text() or "")
    centre = (issuer["x0"] + issuer["x1"]) / 2
    assert abs((seal["x0"] + seal["x1"]) / 2 - centre) < 2
    assert seal["top"] < issuer["bottom"] < seal["bottom"]  # the seal covers the issuer's name
    document = docx.Document(str(out[".docx"]))
    assert document.inline_shapes or document.element.body.xpath(".//wp:anchor")


@pytest.mark.parametrize(("locale", "shown"), [("en-GB", "September 2021"), ("en-US", "September 2021")])
def test_a_month_is_the_date_line_of_an_english_letter(tmp_path: Path, locale: str, shown: str) -> None:
    spec = EN.format(locale=locale, sign_off="sign_off: {date: 2021-09}")
    words, paragraphs = _render(_spec(tmp_path, spec))
    lines = _lines(words)
    assert lines.index(shown.replace(" ", "")) < lines.index("Subject:Freightsurcharge")
    assert shown in paragraphs
    assert not any("2026" in line for line in lines)


def test_no_date_leaves_the_date_line_out_of_an_english_letter(tmp_path: Path) -> None:
    words, paragraphs = _render(_spec(tmp_path, EN.format(locale="en-GB", sign_off="sign_off: {date: none}")))
    lines = _lines(words)
    assert lines[:2] == ["ExampleFabricsLtd", "Subject:Freightsurcharge"]
    assert not any("2026" in text for text in [*lines, *paragraphs])


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("From September 15, 2021 a surcharge applies; orders placed by September 10, 2021 are exempt.",
         "September 1, 2021"),
        ("From 15 September 2021 a surcharge applies; orders placed by 10 September 2021 are exempt.",
         "1 September 2021"),
    ],
)  # fmt: skip
def test_a_letter_without_a_locale_prints_its_date_as_its_text_writes_dates(
    tmp_path: Path, written: str, shown: str
) -> None:
    """No ``locale:``: the date line follows the order the writer's own dates are in, the order EN-DATE holds the
    letter to, so the letter never prints "1 September 2021" over "September 15, 2021" (a real letter written in
    US order throughout: corpus/reviewed/en-joyful-2021-national-day.yaml)."""
    spec = EN.replace("locale: {locale}\n", "").format(sign_off="sign_off: {date: 2021-09-01}")
    spec = spec.replace("From 15 September 2021 a surcharge of $0.50 per meter applies.", written)
    words, paragraphs = _render(_spec(tmp_path, spec))
    assert "".join(shown.split()) in _lines(words)
    assert shown in paragraphs
    assert [r for r in _rules(tmp_path, spec) if r.startswith("EN-")] == []


def _rules(tmp_path: Path, text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in notices.check_notice(notices.load(_spec(tmp_path, text))):
        found.setdefault(finding.rule, []).append(finding.severity)
    return found


def test_a_deadline_before_the_month_of_issue_is_past_one_inside_it_is_not(tmp_path: Path) -> None:
    month = "sign_off: {date: 2019-05}"
    assert "P-TIMELINE" in _rules(tmp_path, ZH.format(deadline="2019年4月20日", sign_off=month))
    assert "P-TIMELINE" not in _rules(tmp_path, ZH.format(deadline="2019年5月2日", sign_off=month))
    assert _rules(tmp_path, ZH.format(deadline="2019年5月2日", sign_off=month))["B-ISSUE-DATE"] == ["info"]


def test_an_undated_notice_has_no_past_deadline_and_a_warning(tmp_path: Path) -> None:
    found = _rules(tmp_path, ZH.format(deadline="2019年4月20日", sign_off="sign_off: {date: none}"))
    assert "P-TIMELINE" not in found and "P-YEAR" not in found
    assert found["B-ISSUE-DATE"] == ["warning"]
    english = _rules(tmp_path, EN.format(locale="en-GB", sign_off="sign_off: {date: none}"))
    assert english == {"B-ISSUE-DATE": ["warning"]}  # no "more than a year before" today's date


def test_an_undated_notice_reads_dates_without_a_year_in_the_year_it_names(tmp_path: Path) -> None:
    from notices.check.context import CheckContext

    notice = notices.load(_spec(tmp_path, ZH.format(deadline="5月20日", sign_off="sign_off: {date: none}")))
    ctx = CheckContext(notice)
    field = next(f for f in ctx.iter_texts() if f.path[:1] == ("body",))
    assert [m.year for m in ctx.dates(field)] == [2019, 2019]


@pytest.mark.parametrize(
    ("value", "says"),
    [("2019-13", "impossible month"), ("someday", "not a date of issue"), ("2019-02-30", "impossible date")],
)
def test_a_bad_date_of_issue_is_refused_with_its_place(tmp_path: Path, value: str, says: str) -> None:
    path = _spec(tmp_path, ZH.format(deadline="5月20日", sign_off=f"sign_off: {{date: '{value}'}}"))
    with pytest.raises(notices.SpecError) as err:
        notices.load(path)
    assert says in str(err.value) and "notice.yaml:5" in str(err.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("February 6, 2024", dt.date(2024, 2, 6)),
        ("6th Feb. 2024", dt.date(2024, 2, 6)),
        ("Tuesday, 6 February 2024", dt.date(2024, 2, 6)),
        ("May 2019", IssueMonth(2019, 5)),
    ],
)
def test_an_english_letter_dated_as_its_writer_types_it(tmp_path: Path, value: str, expected: object) -> None:
    """An English writer types "February 6, 2024" under sign_off, not 2024-02-06 (esse-outdoor.com's 2024
    Chinese New Year closure notice is dated so); the letter prints it in its own date style."""
    spec = tmp_path / "letter.yaml"
    spec.write_text(
        "lang: en\nlocale: en-US\nissuer: ESSE Outdoor\ntitle: Notice of Chinese New Year Holiday Closure\n"
        f"salutation: 'Dear Valued Partners and Customers,'\nbody: [We will be closed.]\nsign_off: {value}\n",
        encoding="utf-8",
    )
    notice = notices.load(spec)
    assert notice.spec.sign_off.date == expected
    shown = "February 6, 2024" if isinstance(expected, dt.date) else "May 2019"
    assert shown in notices.compose(notice).plain_text()


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("Monday, 6 February 2024", "that day is a Tuesday, not a Monday"),
        ("February 30, 2024", "impossible date"),
        ("6 February", "not a date of issue"),
    ],
)
def test_an_english_date_of_issue_that_cannot_be_is_refused(tmp_path: Path, value: str, says: str) -> None:
    spec = tmp_path / "letter.yaml"
    spec.write_text(
        f"lang: en\nissuer: ESSE Outdoor\ntitle: Notice\nbody: [We will be closed.]\nsign_off:\n  date: {value}\n",
        encoding="utf-8",
    )
    with pytest.raises(notices.SpecError) as err:
        notices.load(spec)
    assert says in str(err.value) and "letter.yaml:6:9" in str(err.value)
