"""P-WORDS (的/地/得) and P-NUMERALS (one style throughout) on the cases their examples leave out."""

from __future__ import annotations

import pytest

from notices.check.examples import run_example
from notices.check.findings import Finding


def find(snippet: str, rule_id: str) -> list[Finding]:
    return run_example(snippet, only=rule_id)


def body(text: str) -> str:
    return f"body: ['{text}']"


@pytest.mark.parametrize(
    ("text", "written", "fix"),
    [
        ("请各经销商认真的做好节前备货工作。", "认真的做好", "认真地做好"),
        ("请及时的处理好客户投诉。", "及时的处理好", "及时地处理好"),
        ("请积极的把订单报送我司。", "积极的把", "积极地把"),
        ("各部门要扎扎实实的做好值班工作。", "扎扎实实的做好", "扎扎实实地做好"),
        ("请尽快的安排发货。", "尽快的", "尽快地"),
        ("这次会议组织的非常成功。", "组织的非常成功", "组织得非常成功"),
        ("客服回复的很及时，谢谢。", "回复的很及时", "回复得很及时"),
        ("去年大家做的好。", "做的好", "做得好"),
        ("请积极的做出调整。", "积极的做出", "积极地做出"),
        ("圆满的完成了全年任务。", "圆满的完成了", "圆满地完成了"),
    ],
)
def test_de_where_di_or_de_belongs_is_flagged_at_the_particle(text: str, written: str, fix: str) -> None:
    found = find(body(text), "P-WORDS")
    assert [(f.severity, f.fix) for f in found] == [("warning", f"write {fix}")]
    assert f"“{written}”" in found[0].message
    # The column points at the 的 itself; the string starts at column 9, after "body: ['".
    assert found[0].column == 9 + text.index(written) + written.index("的")
    assert found[0].edit is None  # a heuristic: never applied by --fix


@pytest.mark.parametrize(
    "text",
    [
        "我司将作出合理的安排。",  # 安排 is a noun here
        "节日期间的订单将得到妥善的处理。",
        "这样做的好处是节后尽快发货。",
        "如果能尽快的话，请告知。",
        "这是一种积极的做法。",
        "公司安排的很多活动都很精彩。",
        "我们所做的很好。",
        "这是我们做的最好的产品。",
        "过一个平平安安的春节。",
        "积极的与消极的因素都要考虑。",
        "热情的服务好评如潮。",
        "对市场有深入的了解。",
        "以正确的做事方式服务客户。",
        "进行严格的把关。",
        "这已经是最合理的安排了。",  # a final 了 after a noun
        "合理的安排完成后通知客户。",
        "这是组织的成功，也是大家的成功。",
        "依照《关于认真的做好备货工作的通知》执行。",  # a title is quoted as published
        "请认真地做好备货工作，去年的工作完成得很好。",
    ],
)
def test_right_de_di_de_and_noun_phrases_pass(text: str) -> None:
    assert find(body(text), "P-WORDS") == []


def test_particles_inside_template_expressions_are_left_alone() -> None:
    snippet = "vars: {note: x}\nbody: ['{{ vars.note }}请认真地做好备货。']"
    assert find(snippet, "P-WORDS") == []


def test_chinese_numeral_dates_beside_arabic_ones_are_fixed_to_arabic() -> None:
    found = find(body("2026年2月15日起放假，二月二十四日恢复发货。"), "P-NUMERALS")
    assert [(f.edit.replacement if f.edit else None) for f in found] == ["2月24日"]
    assert "“2026年2月15日”" in found[0].message


def test_a_range_in_chinese_numerals_is_reported_once_and_its_mixed_end_too() -> None:
    text = "2月6日前下单，二月十五日至二十三日放假。"
    whole = find(body(text), "P-NUMERALS")
    assert [(f.column, f.edit.replacement if f.edit else None) for f in whole] == [
        (9 + text.index("二月"), "2月15日")
    ]
    mixed = find(body("2月15日至二十三号放假。"), "P-NUMERALS")
    assert [f.edit.replacement for f in mixed if f.edit] == ["23号"]


def test_a_date_with_its_year_in_chinese_numerals_is_left_to_b_date() -> None:
    snippet = body("二〇二六年二月十五日起放假，2月24日恢复发货。")
    assert find(snippet, "P-NUMERALS") == []
    assert len(find(snippet, "B-DATE")) == 1


def test_the_sign_off_date_counts_as_an_arabic_date() -> None:
    found = find(body("二月二十四日恢复发货。"), "P-NUMERALS")
    assert len(found) == 1 and "sign_off.date prints as 2026年1月5日" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "2月6日前下单，中秋节即八月十五日。",  # lunar: cued by the festival
        "2月6日前下单，农历八月十五日团圆。",
        "2月6日前下单，九月九日重阳节登高。",
        "2月6日前下单，元宵节（正月十五）照常发货。",
    ],
)
def test_lunar_dates_in_chinese_numerals_are_never_flagged(text: str) -> None:
    assert find(body(text), "P-NUMERALS") == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("单笔订单满5000元赠送二百元货款。", ["二百元"]),
        ("每单不少于20箱，二十箱起订。", ["二十箱"]),
        ("已上调3%，节后再调价百分之五。", ["百分之五"]),
        ("满¥5000赠送三千元。", ["三千元"]),
        ("满5000元赠送三千件。", []),  # a count beside an amount: not the same kind
        ("赠送三千元货款。", []),  # no Arabic amount to differ from
        ("满5000元，赠送10000元（大写：一万元整）。", []),
        ("每单不少于20箱，三五箱或十几箱请次月下单。", []),  # approximations
        ("每单不少于20箱，数十万元的订单，上千件货物，约三千件。", []),
        ("每单不少于20箱，一箱起订，第二十箱半价。", []),
        ("已上调3%，保证百分之百正品。", []),
    ],
)
def test_amounts_in_chinese_numerals_beside_arabic_ones(text: str, flagged: list[str]) -> None:
    found = find(body(text), "P-NUMERALS")
    assert [f.message.split("”")[0].lstrip("“") for f in found] == flagged
    assert all(f.edit is None for f in found)


def test_a_day_before_a_holiday_is_not_an_amount_in_yen() -> None:
    found = find(body("满5000元，一月十一日元旦后满二十包邮。"), "P-NUMERALS")
    assert [f.message.split("”")[0].lstrip("“") for f in found] == [
        "一月十一日"
    ]  # the date, not 十一日元 or 二十包
