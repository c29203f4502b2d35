"""P-WORDS and P-NUMERALS: 截至 versus 截止, and lunar dates in Chinese numerals."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule

# 截止 ends something ("2月6日截止", "截止时间"); 截至 means "up to" and is followed by the time point.
_JIEZHI_BEFORE_TIME = re.compile(
    r"截止(?:到|至)|截止(?=[ \t]*(?:\d|[一二三四五六七八九十]+月|本|今|目前|当前|昨|明|发文))"
)
_LUNAR_IN_DIGITS = re.compile(
    r"(?:农历|阴历)[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}|(?:正|腊|冬)月[ \t]*\d{1,2}(?!\d)"
)


@rule(
    "P-WORDS",
    "warning",
    summary="截至 (up to a time) versus 截止 (to end): “截止2月6日” should be “截至2月6日”",
    source="notice-format-rules.md §6 P-WORDS; 《现代汉语词典》截止/截至",
    good=["body: [订单接收截止时间为2026年2月6日17:00，截至2026年1月5日已收到订单120份。]"],
    bad=["body: [截止2026年1月5日，已收到订单120份。]", "body: [订单受理截止到2026年2月6日。]"],
    langs=("zh",),
)
def jiezhi(ctx: CheckContext) -> Iterator[Hit]:
    """截止 means "to stop" and follows the time ("2月6日截止", "截止时间为…"); 截至 means "up to" and is
    followed by the time ("截至2月6日"). "截止到" / "截止至" is 截至 written twice over. A heuristic, so a
    warning; there is no automatic fix."""
    for field in ctx.iter_texts():
        for match in _JIEZHI_BEFORE_TIME.finditer(field.text):
            yield Hit(
                field.path,
                f"“{match.group()}” before a time point: the word is 截至",
                fix="write 截至 (or put 截止 after the time: 2月6日截止)",
                offset=match.start(),
            )


@rule(
    "P-NUMERALS",
    "warning",
    summary="Lunar dates in Chinese numerals (腊月二十八), Gregorian dates in Arabic numerals",
    source="notice-format-rules.md §6 P-NUMERALS; GB/T 15835-2011 出版物上数字用法 §4.1.1, §5.1.2",
    good=["body: [2月15日（农历腊月二十八）起放假。]"],
    bad=["body: [2月15日（农历12月28日）起放假。]", "body: [腊月28起放假。]"],
    langs=("zh",),
)
def lunar_numerals(ctx: CheckContext) -> Iterator[Hit]:
    """GB/T 15835: Gregorian dates take Arabic numerals (2026年2月15日, see B-DATE), lunar dates take Chinese
    numerals (腊月二十八, 正月初八): "农历12月28日" mixes the two calendars' conventions and reads like a
    Gregorian date."""
    for field in ctx.iter_texts():
        for match in _LUNAR_IN_DIGITS.finditer(field.text):
            yield Hit(
                field.path,
                f"lunar date “{match.group()}” in Arabic numerals",
                fix="write lunar dates in Chinese numerals: 腊月二十八, 正月初八",
                offset=match.start(),
            )
