"""`notices init` writes a spec to fill that loads, and that `notices check` fails until it is filled."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from clirun import run

import notices
from notices.check import check_notice
from notices.scaffold import scaffold

KINDS = ("general", "stockup", "holiday", "price", "meeting", "incident")
ISSUED = dt.date(2026, 1, 5)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_scaffold_loads_and_its_placeholders_are_errors(kind: str, lang: str) -> None:
    notice = notices.loads(scaffold(kind, lang, issued=ISSUED), file="new.yaml")
    assert notice.spec.kind == kind and notice.spec.lang == lang
    errors = [f for f in check_notice(notice, today=ISSUED) if f.severity == "error"]
    assert any(f.rule == "P-PLACEHOLDER" for f in errors)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_placeholder_of_a_scaffold_is_reported_once(kind: str, lang: str) -> None:
    """One finding per thing to fill in: 【待补：联系电话】 in a phone number is not also a P-PLACEHOLDER, and a
    document number still to fill in is not also one of the wrong form (H-DOCNO)."""
    notice = notices.loads(scaffold(kind, lang, issued=ISSUED), file="new.yaml")
    findings = check_notice(notice, today=ISSUED)
    places = [(f.line, f.column) for f in findings]
    assert len(places) == len(set(places)), [(f.rule, f.line, f.column) for f in findings]


def test_fresh_scaffolds_fail_notices_check_with_exit_1(tmp_path: Path) -> None:
    result = run("init", "--kind", "stockup", "--lang", "zh", "stockup.zh.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = ["stockup.zh.yaml"]
    for kind in KINDS:
        for lang in ("zh", "en"):
            target = tmp_path / f"{kind}.{lang}.yaml"
            if not target.exists():
                target.write_text(scaffold(kind, lang), encoding="utf-8")
                written.append(target.name)
    result = run("check", *written, cwd=tmp_path)
    assert result.returncode == 1
    for target in written:
        assert f"{target}:" in result.stdout + result.stderr


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    spec = tmp_path / "notice.yaml"
    spec.write_text("mine\n", encoding="utf-8")
    refused = run("init", "--kind", "meeting", str(spec), cwd=tmp_path)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert spec.read_text(encoding="utf-8") == "mine\n"
    forced = run("init", "--kind", "meeting", "--force", str(spec), cwd=tmp_path)
    assert forced.returncode == 0
    assert "kind: meeting" in spec.read_text(encoding="utf-8")
    unknown = run("init", "--kind", "memo", str(tmp_path / "memo.yaml"), cwd=tmp_path)
    assert unknown.returncode == 2 and not (tmp_path / "memo.yaml").exists()


def test_stockup_dates_are_suggested_from_the_state_council_schedule() -> None:
    stockup = notices.loads(scaffold("stockup", "zh", issued=ISSUED)).spec.stockup
    assert stockup is not None
    assert (stockup.holiday_start, stockup.holiday_end) == (dt.date(2026, 2, 15), dt.date(2026, 2, 23))
    assert stockup.order_deadline.date == dt.date(2026, 2, 6) and stockup.shipping_stop == dt.date(2026, 2, 9)
    assert stockup.shipping_resume == dt.date(2026, 2, 24)
    # The Mid-Autumn Festival comes first and has no 调休 of its own; 20 September is National Day's.
    mid_autumn = notices.loads(scaffold("holiday", "en", issued=dt.date(2026, 9, 1))).spec.holiday
    assert mid_autumn is not None and mid_autumn.holiday == "Mid-Autumn Festival"
    assert (mid_autumn.start, mid_autumn.end, mid_autumn.workdays) == (
        dt.date(2026, 9, 25),
        dt.date(2026, 9, 27),
        [],
    )
    national = notices.loads(scaffold("holiday", "zh", issued=dt.date(2026, 9, 20))).spec.holiday
    assert national is not None and national.holiday == "国庆节"
    assert national.workdays == [dt.date(2026, 9, 20), dt.date(2026, 10, 10)]


FILLED = {
    "公司全称": "华东恒信控股有限公司",
    "机关代字": "恒信发",
    "序号": "3",
    "值班人": "李明",
    "值班电话": "400-820-1688",
    "联系人": "王静",
    "联系电话": "021-6288 1234",
}


def test_a_filled_scaffold_checks_clean_and_renders(tmp_path: Path) -> None:
    text = re.sub(
        r"【待补：([^】]*)】",
        lambda m: FILLED.get(m.group(1), m.group(0)),
        scaffold("stockup", "zh", issued=ISSUED),
    )
    spec = tmp_path / "spring.yaml"
    spec.write_text(text, encoding="utf-8")
    notice = notices.load(spec)
    assert check_notice(notice, today=ISSUED) == []
    assert "恒信发〔2026〕3号" in notices.compose(notice).plain_text()


def test_a_scaffold_with_a_house_style_leaves_the_company_to_it(tmp_path: Path) -> None:
    house = Path(__file__).resolve().parents[2] / "examples" / "house-styles" / "hengxin" / "house.yaml"
    result = run("init", "-k", "general", "--house-style", str(house), "sub/n.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    spec = notices.load(tmp_path / "sub" / "n.yaml").spec
    assert spec.issuer.name == "华东恒信控股有限公司"
    assert spec.contact is not None and spec.contact.name == "王静"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", [k for k in KINDS if k != "general"])
def test_a_scaffold_shows_the_writers_opening_before_the_kinds_sections(
    kind: str, lang: str, tmp_path: Path
) -> None:
    """The scaffold's body is the writer's opening, then `- facts: all`: the PDF prints that opening right after
    the salutation, in place of the kind's own lead-in, and the kind's first heading after it."""
    import pdfplumber

    from notices.document import Heading, Paragraph, Salutation
    from notices.spec.model import KindSections

    spec_path = tmp_path / f"{kind}.{lang}.yaml"
    spec_path.write_text(scaffold(kind, lang, issued=ISSUED), encoding="utf-8")
    notice = notices.load(spec_path)
    opening, placed = notice.spec.body[0], notice.spec.body[1]
    assert isinstance(opening, str) and isinstance(placed, KindSections) and placed.facts == "all"
    (pdf,) = notices.render(notice, tmp_path / "out", formats="pdf", check=False)
    with pdfplumber.open(pdf) as document:
        text = "".join("".join((page.extract_text() or "").split()) for page in document.pages)
    blocks = notices.compose(notice).blocks
    first_heading = next(i for i, b in enumerate(blocks) if isinstance(b, Heading))
    opening_at = next(i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text == opening)
    assert opening_at < first_heading and isinstance(blocks[opening_at - 1], Salutation)
    heading = "".join(blocks[first_heading].text.split())
    assert heading in text[text.index("".join(opening.split())) :]  # the reader reads it in that order too
