"""P-DASH: the Chinese ellipsis is …… and the dash is ——."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.check.textscan import inside, is_chinese, protected_spans
from notices.i18n import _
from notices.patterns import LazyPattern

_ELLIPSIS = LazyPattern(r"\.{3,}|。{3,}|·{3,}|(?<!…)…(?!…)")
_DASH = LazyPattern(r"(?<!—)—(?!—)|-{2,}|－{2,}")
# A 破折号 (——) or a half-width tilde typed between two dates or times where the range mark belongs.
_WRONG_RANGE_MARK = LazyPattern(r"(?<!—)——(?!—)|~")


@rule(
    "P-DASH",
    "warning",
    summary="Ellipsis …… and dash —— in Chinese text, not ... 。。。 or a single —",
    source="GB/T 15834-2011 标点符号用法 §4.10 (破折号), §4.11 (省略号), §4.13 (连接号)",
    good=["body: [春节、元宵节……节日期间，服务时间9:00—17:00，请提前下单——以免断货。]"],
    bad=[
        "body: [春节、元宵节...节日期间照常营业。]",
        "body: [请提前下单—以免断货。]",
        "body: [2026年2月15日---2026年2月23日放假，共9天。]",
        "body: [2026年2月15日——2月23日放假，共9天。]",
        "body: [服务时间9:00~17:00。]",
    ],
    langs=("zh",),
)
def dashes(ctx: CheckContext) -> Iterator[Hit]:
    """The Chinese ellipsis is two 三连点 (……, U+2026 twice); "...", "。。。" and a single … are wrong.
    The dash (破折号) is two em dashes (——); a single — or "--" between Chinese words is wrong, while a
    single — between numbers or times is a range (9:00—17:00) and is left alone. Hyphens typed to join two
    dates or times ("2023年01月17日---2023年01月28日", "22:00--07:00") are no Chinese mark: a range takes 至
    or the dash —. A 破折号 (——) or a half-width ~ between them is the same slip (§4.13: a range of times
    takes the 一字线 —, or the full-width 浪纹线 ～). --fix writes ……, —— and, in a range, —."""
    for field in ctx.iter_texts():
        text = field.text
        protected = protected_spans(text)
        for match in _ELLIPSIS.finditer(text):
            if inside(match.start(), protected) or not _near_chinese(text, match.start(), match.end()):
                continue
            yield Hit(
                field.path,
                _("“{group}” as an ellipsis").format(group=match.group()),
                fix=_("write ……"),
                offset=match.start(),
                edit=Edit(field.path, match.start(), match.end(), "……"),
            )
        for match in _WRONG_RANGE_MARK.finditer(text):
            before = text[match.start() - 1] if match.start() else ""
            after = text[match.end() : match.end() + 4]
            if inside(match.start(), protected) or not _joins_range(before, after):
                continue
            tilde = match.group() == "~"
            yield Hit(
                field.path,
                f"“{match.group()}” joins a range: it is no Chinese range mark",
                fix="write the full-width ～ (3～5个工作日), or — for dates and times (2月15日—23日)"
                if tilde
                else "write the one-em dash — (2月15日—23日, 9:00—17:00) or 至",
                offset=match.start(),
                edit=Edit(field.path, match.start(), match.end(), "～" if tilde else "—"),
            )
        for match in _DASH.finditer(text):
            before = text[match.start() - 1] if match.start() else ""
            after = text[match.end()] if match.end() < len(text) else ""
            if inside(match.start(), protected):
                continue
            if match.group()[0] in "-－" and _joins_range(before, text[match.end() : match.end() + 4]):
                yield Hit(
                    field.path,
                    _("“{group}” joins a range: it is no Chinese punctuation mark").format(
                        group=match.group()
                    ),
                    fix=_("join a range with 至 or the dash — (9:00—17:00, 2月15日—23日)"),
                    offset=match.start(),
                    edit=Edit(field.path, match.start(), match.end(), "—"),
                )
                continue
            if not (is_chinese(before) and is_chinese(after)):
                continue
            yield Hit(
                field.path,
                _("“{group}” as a dash between Chinese words").format(group=match.group()),
                fix=_("write ——"),
                offset=match.start(),
                edit=Edit(field.path, match.start(), match.end(), "——"),
            )


def _joins_range(before: str, after: str) -> bool:
    """Hyphens typed between two dates or times: "2023年01月17日---2023年01月28日", "22:00--07:00",
    "上午09:00---下午17:00" (``after`` is the text that follows, a time of day's 下午 / 次日 allowed)."""
    after = _TIME_PREFIX.sub("", after[:4])[:1]
    return bool(before) and bool(after) and (before.isdigit() or before in "日号）)") and after.isdigit()


_TIME_PREFIX = LazyPattern(r"^(?:上午|下午|中午|晚上|凌晨|早上|次日|当日|翌日)")


def _near_chinese(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (bool(before) and is_chinese(before)) or (bool(after) and is_chinese(after))
