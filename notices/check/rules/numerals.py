"""P-NUMERALS: lunar dates in Chinese numerals; Gregorian dates and amounts in one style, Arabic, throughout."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from notices.check.context import CheckContext, TextField
from notices.check.dates import DateMention, format_cn_date
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.check.textscan import book_title_spans, inside, merge, protected_spans
from notices.i18n import _
from notices.patterns import LazyPattern
from notices.reader.source import path_text

_LUNAR_IN_DIGITS = LazyPattern(
    r"(?:农历|阴历)[ \t]*\d{1,2}[ \t]*月[ \t]*\d{1,2}|(?:正|腊|冬)月[ \t]*\d{1,2}(?!\d)"
)
# A month and day in Chinese numerals next to one of these is a lunar date ("中秋节即八月十五日", "九月九日重阳节").
_LUNAR_CUE = LazyPattern(
    r"农历|阴历|夏历|旧历|正月|腊月|冬月|元宵|端午|七夕|中秋|重阳|腊八|中元|下元|小年|龙抬头|寒食"
)
_CUE_LOOKBACK = 8
_CUE_LOOKAHEAD = 4
_CLAUSE_END = LazyPattern(r"[，。；：！？,;:!?\n]")

# Amounts and quantities: a Chinese numeral of ten or more (十, 百, 千, 万, 亿 or two digits) before a unit.
# Approximations are Chinese by rule (GB/T 15835 §4.2.2) and left alone: 三五箱, 十几箱, 数十万元, 上千件,
# 约三千元; so are 大写 amounts (壹万元整 takes other characters, and "大写：一万元" is cued).
_CN_NUMERAL = "〇零一二两三四五六七八九十百千万亿"
_UNITS = {
    "money": r"(?:美|欧|港)?元",  # not 日元: "十一日元旦" is a day and a holiday
    "goods": r"件|箱|台|套|瓶|盒|袋|桶|吨|公斤|千克|克|斤|千米|公里|平方米|立方米|米|毫升|托|柜|卷",  # not 包 (包邮), 升 (升至)
}
_CN_AMOUNT = LazyPattern(
    rf"(?<![{_CN_NUMERAL}数几上成近约逾超第双])(?P<n>[{_CN_NUMERAL}]{{2,}}|十)"
    rf"(?:(?P<money>{_UNITS['money']})|(?P<goods>{_UNITS['goods']}))"
)
_CN_PERCENT = LazyPattern(rf"百分之(?P<n>[{_CN_NUMERAL}点]+)")
_APPROXIMATE = LazyPattern(r"[一二两三四五六七八九]{2}")  # 三五, 一两, 五六万: adjacent digits are a guess
_CAPITAL_CUE = LazyPattern(r"大写[：:]?\s*\Z")
_AR_AMOUNT = LazyPattern(
    rf"(?P<n>\d[\d,，.]*)\s*[万亿]?\s*(?:(?P<money>{_UNITS['money']})|(?P<goods>{_UNITS['goods']}))"
    r"|(?P<currency>[¥￥$])\s*\d"
)
_AR_PERCENT = LazyPattern(r"\d\s*[%％]")


@dataclass(frozen=True)
class _Arabic:
    """The first Arabic date, amount, quantity and percentage of a notice, quoted as the style to follow."""

    date: str | None
    money: str | None
    goods: str | None
    percent: str | None


@rule(
    "P-NUMERALS",
    "warning",
    summary="Lunar dates in Chinese numerals (腊月二十八); Gregorian dates and amounts in Arabic numerals throughout",
    source="GB/T 15835-2011 出版物上数字用法 §4.1, §4.2, §4.3 (同类别同形式); GB/T 33661-2017 (农历日期)",
    good=[
        "body: [2月15日（农历腊月二十八）起放假，2月24日（正月初八）恢复发货。]",
        "body: [2026年1月5日起，单笔订单满5000元赠送200元货款，每单不少于20箱，三五箱的零星补货请次月下单。]",
        "body: [元宵节（正月十五）照常发货，中秋节即农历八月十五日。]",
    ],
    bad=[
        "body: [2月15日（农历12月28日）起放假。]",
        "body: [腊月28起放假。]",
        "body: [2026年2月15日起放假，二月二十四日恢复发货。]",
        "body: [2月15日至二十三日放假。]",
        "body: [单笔订单满5000元赠送二百元货款。]",
        "body: [每单不少于20箱，节后调价百分之五，已上调3%。]",
    ],
    langs=("zh",),
)
def numerals(ctx: CheckContext) -> Iterator[Hit]:
    """GB/T 15835 writes Gregorian dates, amounts and measured quantities in Arabic numerals (2026年2月15日,
    5000元, 20箱, 3%) and lunar dates in Chinese numerals (腊月二十八, 正月初八): "农历12月28日" mixes the two
    calendars' conventions and reads like a Gregorian date.

    One style throughout (§4.3, 同类别同形式): where a notice writes a date in Arabic numerals (in the text or
    as a value, which prints as 2026年2月6日), a Gregorian date in Chinese numerals ("二月二十四日", a range
    end "至二十三日") is flagged and --fix writes it in Arabic numerals; a date in Chinese numerals with its year
    (二〇二六年二月五日) is B-DATE's. A month and day next to 农历 or a lunar festival ("中秋节即八月
    十五日", "九月九日重阳节") is lunar and passes. Likewise an amount or quantity of ten or more in Chinese numerals (二百元,
    三千件, 百分之五) beside Arabic ones of the same kind (5000元, 20箱, 3%), with no fix: approximations (三五箱,
    十几件, 数十万元, 约三千元) and amounts in capitals (大写) are Chinese by rule and pass."""
    for field in ctx.iter_texts():
        for match in _LUNAR_IN_DIGITS.finditer(field.text):
            yield Hit(
                field.path,
                _("lunar date “{group}” in Arabic numerals").format(group=match.group()),
                fix=_("write lunar dates in Chinese numerals: 腊月二十八, 正月初八"),
                offset=match.start(),
            )
    arabic = _first_arabic(ctx)
    for field in ctx.iter_texts():
        skipped = merge([*protected_spans(field.text), *book_title_spans(field.text)])
        if arabic.date is not None:
            yield from _chinese_dates(ctx, field, arabic.date, skipped)
        yield from _chinese_amounts(field, arabic, skipped)


def _first_arabic(ctx: CheckContext) -> _Arabic:
    date = money = goods = percent = None
    for field in ctx.iter_texts():
        if date is None:
            date = next(
                (
                    f"“{field.text[e.date_start : e.date_end]}”"
                    for m in ctx.dates(field)
                    for e in m.endpoints()
                    if e.numerals == "arabic"
                ),
                None,
            )
        for match in _AR_AMOUNT.finditer(field.text):
            if (match["money"] or match["currency"]) and money is None:
                money = match.group()
            elif match["goods"] and goods is None:
                goods = match.group()
        if percent is None and (found := _AR_PERCENT.search(field.text)) is not None:
            percent = found.group()
    if date is None:
        # A date given as a value is printed in Arabic numerals: sign_off.date as the 成文日期, for one.
        date = next(
            (
                _("{path} prints as {day}").format(path=path_text(path), day=format_cn_date(day))
                for path, day in ctx.structured_dates()
            ),
            None,
        )
    return _Arabic(date, money, goods, percent)


def _chinese_dates(
    ctx: CheckContext, field: TextField, example: str, skipped: list[tuple[int, int]]
) -> Iterator[Hit]:
    for mention in ctx.dates(field):
        flagged_start = False
        for endpoint in mention.endpoints():
            if endpoint.numerals != "chinese" or endpoint.year_explicit:
                continue  # with its year written (二〇二六年…), B-DATE reports and fixes it
            if endpoint is not mention and flagged_start:
                continue  # "二月十五日至二十三日" is one expression: reported once, at its start
            if inside(endpoint.date_start, skipped) or _lunar_cued(
                field.text, endpoint.date_start, endpoint.date_end
            ):
                continue
            flagged_start = endpoint is mention
            yield _date_hit(field, endpoint, example)


def _date_hit(field: TextField, endpoint: DateMention, example: str) -> Hit:
    written = field.text[endpoint.date_start : endpoint.date_end]
    replacement = _in_arabic(written, endpoint)
    edit = Edit(field.path, endpoint.date_start, endpoint.date_end, replacement) if replacement else None
    return Hit(
        field.path,
        _(
            "“{written}” is in Chinese numerals while the notice writes dates in Arabic numerals ({example})"
        ).format(written=written, example=example),
        fix=_("write {replacement}").format(replacement=replacement)
        if replacement
        else _("write the date in Arabic numerals"),
        offset=endpoint.date_start,
        edit=edit,
    )


def _in_arabic(written: str, endpoint: DateMention) -> str | None:
    """ "二月二十四日" → "2月24日", a range end "二十三号" → "23号"; None for a day that does not exist."""
    if endpoint.exists is False:
        return None
    mark = written.rstrip()[-1]  # 日 or 号, as written
    return f"{endpoint.month}月{endpoint.day}{mark}" if "月" in written else f"{endpoint.day}{mark}"


def _lunar_cued(text: str, start: int, end: int) -> bool:
    """A lunar word shortly before the date in its clause ("中秋节即八月十五日") or right after it
    ("八月十五日中秋节")."""
    before = text[max(0, start - _CUE_LOOKBACK) : start]
    clause_ends = list(_CLAUSE_END.finditer(before))
    if clause_ends:
        before = before[clause_ends[-1].end() :]
    after = _CLAUSE_END.split(text[end : end + _CUE_LOOKAHEAD], maxsplit=1)[0]
    return _LUNAR_CUE.search(before) is not None or _LUNAR_CUE.match(after.lstrip("（(")) is not None


def _chinese_amounts(field: TextField, arabic: _Arabic, skipped: list[tuple[int, int]]) -> Iterator[Hit]:
    text = field.text
    found: list[tuple[int, str, str]] = []
    for match in _CN_AMOUNT.finditer(text):
        example = arabic.money if match["money"] else arabic.goods
        if example is not None and not _APPROXIMATE.search(match["n"]):
            found.append((match.start(), match.group(), example))
    if arabic.percent is not None:
        for match in _CN_PERCENT.finditer(text):
            if match["n"] != "百" and not _APPROXIMATE.search(match["n"]):
                found.append((match.start(), match.group(), arabic.percent))
    for start, written, example in sorted(found):
        if inside(start, skipped) or _CAPITAL_CUE.search(text[max(0, start - 6) : start]):
            continue
        yield Hit(
            field.path,
            _(
                "“{written}” is in Chinese numerals beside Arabic ones ({example}): one style throughout"
            ).format(written=written, example=example),
            fix=_("write amounts and quantities in Arabic numerals"),
            offset=start,
        )
