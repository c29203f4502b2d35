"""P-YEAR: the document number's year is the issue year, and no date is left over from an earlier notice."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from notices.check.calendar import EN_FESTIVAL_NAMES, EN_FESTIVAL_PATTERN, festival_date
from notices.check.context import CheckContext, TextField
from notices.check.dates import format_cn_date
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.en_dates import find_en_dates
from notices.i18n import _
from notices.patterns import LazyPattern

_DOCNO_YEAR = LazyPattern(r"[〔\[［【(（](\d{4})[〕\]］】)）]")
_YEAR_FESTIVAL = LazyPattern(
    r"(?<!\d)((?:19|20)\d{2})[ \t]*年[ \t]*(春节|新春|元旦|元宵节?|清明节?|劳动节|五一|端午节?|中秋节?|国庆节?)"
)
# How long after a festival a notice may still name it (a thank-you, a settlement after the holiday).
_GRACE = dt.timedelta(days=45)
# A date that names when a rule, contract or company came about is history, not a leftover.
_HISTORY = LazyPattern(r"[^。；，\n]{0,6}?(?:施行|实施|发布|印发|颁布|签订|签署|成立|生效|修订|注册|起执行)")
# "the last meeting, held on 15 November 2018": the date of a past event, as 施行/签订 above.
_EN_HISTORY = LazyPattern(
    r"\b(?:held|dated|signed|issued|made|adopted|published|approved|passed)(?:\s+on)?\s+(?:the\s+)?$", re.I
)
_STALE = dt.timedelta(days=366)
_FAR_AHEAD = dt.timedelta(days=2 * 366)
# A date years ahead is the end of a term in real notices: a product's end of service or support, a warranty,
# a contract, a price held until then ("服务将于2029年12月31日终止", "supported until 31 March 2030"). Named so in
# its clause, it is not a slip of the year.
_CLAUSE = LazyPattern(r"[^。；;！!？?\n]*")
_TERM_ZH = LazyPattern(
    r"终止|停止|到期|有效|届满|截止|截至|结束|停产|停售|停服|退市|下线|保修|质保|保质|服务期|合同|协议|租|期限|维护|"
    r"支持|延长|延期|之前|以前|为止|止"
)
_TERM_EN = LazyPattern(
    r"\b(?:until|till|through|thru|end(?:s|ed|ing)?|expir\w*|valid|support\w*|warrant\w*|guarantee\w*|"
    r"contract\w*|lease\w*|term|retir\w*|discontinu\w*|withdraw\w*|sunset\w*|end-of-\w+|extend\w*|"
    r"maintenance|maintain\w*|lifetime|life)\b",
    re.I,
)


@rule(
    "P-YEAR",
    "error",
    summary="The document-number year is the issue year; no year left over from an earlier notice",
    source="GB/T 9704-2012 §7.2.4 (发文字号: 年份), §7.3.5.1 (成文日期)",
    good=[
        "issuer: {name: 华东恒信控股有限公司, doc_number: 恒信发〔2026〕1号}",
        "body: [2026年春节即将来临，2月15日至23日放假。]",
        "sign_off: {date: 2026-03-02}\nbody: [旧版订货系统的维护服务将于2030年12月31日终止，请尽早迁移。]",
        "lang: en\nsign_off: {date: 2026-03-02}\nbody: [Version 3 stays supported until 31 March 2030.]",
    ],
    bad=[
        "issuer: {name: 华东恒信控股有限公司, doc_number: 恒信发〔2025〕1号}",
        "body: [2025年春节即将来临，请提前备货。]",
        "body: [自2012年2月5日起接受备货订单。]",
        "body: [12月28日至1月3日盘点，暂停发货。]",
        "sign_off: {date: 2026-03-02}\nbody: [请于2062年3月6日前确认订单。]",
        "lang: en\nbody: [Orders are taken from 5 February 2012.]",
        "lang: en\nsign_off: {date: 2026-02-02}\nbody: [Our office closes for Chinese New Year 2025 on 13 February.]",
    ],
    langs=("zh", "en"),
)
def years(ctx: CheckContext) -> Iterator[Hit]:
    """The year in the document number (恒信发〔2026〕1号) must be the year of the issue date: an error.

    Warnings for what a notice copied from last year keeps: a festival named with a year that is already
    past ("2025年春节即将来临" in a notice dated January 2026); an explicit date more than a year before the
    issue date ("2012年2月5日" in a 2026 notice; not the date a rule or contract was issued or signed, "2019年
    1月1日起施行的", nor a date inside 《》) or more than two years after it (unless its sentence names the end
    of a term: a service, a warranty or a contract ending then, "服务将于2029年12月31日终止"); and a range across 1 January
    written without years ("12月28日至1月3日"), which the reader has to guess. In English letters: the
    document-number year, dates more than a year old, and a festival named with a year already past
    ("Chinese New Year 2023" in a letter dated February 2024). A paragraph whose festival names a past year
    is not told again about its dates of that year."""
    yield from _document_number_year(ctx)
    issue = ctx.issue_date
    dated = ctx.issue_first is not None  # "left from last year" needs the notice's own date
    for field in ctx.iter_texts():
        if ctx.lang == "en":
            yield from _stale_english(ctx, field) if dated else _stale_undated(ctx, field)
            continue
        stale_years: set[int] = set()  # one leftover year is one finding in a paragraph
        for match in _YEAR_FESTIVAL.finditer(field.text):
            year, name = int(match.group(1)), match.group(2)
            try:
                day = festival_date(year, name)
            except (KeyError, ValueError):
                continue
            if dated and day + _GRACE < issue:
                stale_years.add(year)
                yield Hit(
                    field.path,
                    _("{year}年{name} was on {day}, before this notice's date {issue}").format(
                        year=year, name=name, day=format_cn_date(day), issue=format_cn_date(issue)
                    ),
                    fix=_("is the year left from last year's notice? Write {issue}年{name}").format(
                        issue=_next_year(issue, name), name=name
                    ),
                    offset=match.start(1),
                    severity="warning",
                )
        for mention in ctx.dates(field):
            for endpoint in mention.endpoints():
                if not endpoint.year_explicit or endpoint.date is None or endpoint.date.year in stale_years:
                    continue
                if _HISTORY.match(field.text, mention.end) or _inside_book_title(
                    field.text, endpoint.date_start
                ):
                    continue
                if not dated:
                    yield from _before_first_given(ctx, field, endpoint.date, endpoint.date_start)
                elif endpoint.date < issue - _STALE or (
                    endpoint.date > issue + _FAR_AHEAD
                    and not _ends_a_term(field.text, endpoint.date_start, _TERM_ZH)
                ):
                    stale = endpoint.date < issue
                    yield Hit(
                        field.path,
                        (
                            _("{date} is more than a year before this notice's date {issue}")
                            if stale
                            else _("{date} is more than two years after this notice's date {issue}")
                        ).format(date=format_cn_date(endpoint.date), issue=format_cn_date(issue)),
                        fix=_("check the year: is it left from an earlier notice?"),
                        offset=endpoint.date_start,
                        severity="warning",
                    )
            end = mention.range_end
            if (
                end is not None
                and not mention.year_explicit
                and not end.year_explicit
                and end.month < mention.month
            ):
                yield Hit(
                    field.path,
                    _("the range “{text}” runs into the next year without saying which years").format(
                        text=mention.text
                    ),
                    fix=_("write both years, e.g. 2026年12月28日至2027年1月3日"),
                    offset=mention.date_start,
                    severity="warning",
                )


# "Chinese New Year 2023", "the 2023 Spring Festival", "National Day of 2023": a festival named with its year.
_EN_FESTIVAL = EN_FESTIVAL_PATTERN
_EN_YEAR_FESTIVAL = LazyPattern(
    rf"\b(?P<y1>(?:19|20)\d{{2}})\s+{_EN_FESTIVAL}|\b{_EN_FESTIVAL.replace('name', 'name2')}"
    r"(?:\s+(?:holidays?|break)?)?(?:\s+(?:of|in))?\s+(?P<y2>(?:19|20)\d{2})\b"
)
_EN_FESTIVAL_NAMES = EN_FESTIVAL_NAMES


def _stale_english_festivals(ctx: CheckContext, field: TextField) -> Iterator[Hit]:
    """ "Chinese New Year 2023" in a letter dated February 2024: the year is left from last year's letter."""
    issue = ctx.issue_date
    for match in _EN_YEAR_FESTIVAL.finditer(field.text):
        year_group = "y1" if match["y1"] else "y2"
        year = int(match[year_group])
        name = (match["name"] or match["name2"]).lower()
        try:
            day = festival_date(year, _EN_FESTIVAL_NAMES[name])
        except (KeyError, ValueError):
            continue
        if day + _GRACE < issue:
            yield Hit(
                field.path,
                _("{strip} was on {day:%-d %B %Y}, before this letter's date {issue:%-d %B %Y}").format(
                    strip=match.group().strip(), day=day, issue=issue
                ),
                fix=_("is the year left from last year's letter? Write {issue}").format(
                    issue=_next_year(issue, _EN_FESTIVAL_NAMES[name])
                ),
                offset=match.start(year_group),
                severity="warning",
            )


def _stale_undated(ctx: CheckContext, field: TextField) -> Iterator[Hit]:
    for found in find_en_dates(field.text, ctx.issue_date):
        if (
            found.year_explicit
            and found.date is not None
            and not _EN_HISTORY.search(field.text[: found.start])
        ):
            yield from _before_first_given(ctx, field, found.date, found.start)


def _before_first_given(ctx: CheckContext, field: TextField, day: dt.date, offset: int) -> Iterator[Hit]:
    """A notice that states no date of issue was issued before the first date its facts give (the meeting,
    the deadline): a date more than a year before that one is as stale as one a year before the issue date."""
    first = ctx.first_given_date
    if first is None or day >= first - _STALE:
        return
    shown = (
        (f"{day:%-d %B %Y}", f"{first:%-d %B %Y}")
        if ctx.lang == "en"
        else (format_cn_date(day), format_cn_date(first))
    )
    yield Hit(
        field.path,
        _("{date} is more than a year before {first}, the first date this undated notice gives").format(
            date=shown[0], first=shown[1]
        ),
        fix=_("check the year: is it left from an earlier notice?"),
        offset=offset,
        severity="warning",
    )


def _stale_english(ctx: CheckContext, field: TextField) -> Iterator[Hit]:
    issue = ctx.issue_date
    yield from _stale_english_festivals(ctx, field)
    for found in find_en_dates(field.text, issue):
        if not found.year_explicit or found.date is None:
            continue
        if found.date < issue - _STALE or (
            found.date > issue + _FAR_AHEAD and not _ends_a_term(field.text, found.start, _TERM_EN)
        ):
            stale = found.date < issue
            yield Hit(
                field.path,
                (
                    _("{text} is more than a year before this notice's date {issue:%-d %B %Y}")
                    if stale
                    else _("{text} is more than two years after this notice's date {issue:%-d %B %Y}")
                ).format(text=found.text, issue=issue),
                fix=_("check the year: is it left from an earlier notice?"),
                offset=found.start,
                severity="warning",
            )


def _ends_a_term(text: str, index: int, words: LazyPattern) -> bool:
    """The sentence around ``index`` names the end of a term (a service, a warranty, a contract)."""
    start = max(text.rfind(mark, 0, index) for mark in "。；;！!？?\n") + 1
    clause = _CLAUSE.match(text, start)
    return clause is not None and words.search(clause.group()) is not None


def _inside_book_title(text: str, index: int) -> bool:
    return text.rfind("《", 0, index) > text.rfind("》", 0, index)


def _document_number_year(ctx: CheckContext) -> Iterator[Hit]:
    number = ctx.spec.issuer.doc_number
    if not number:
        return
    match = _DOCNO_YEAR.search(number)
    if match and ctx.issue_first is not None and int(match.group(1)) != ctx.issue_date.year:
        yield Hit(
            ("issuer", "doc_number"),
            (
                _("the document number's year {year} is not the issue year: the notice is dated {issue_date}")
                if ctx.issue_date_stated
                else _(
                    "the document number's year {year} is not the issue year: the notice is dated today, {issue_date}"
                )
            ).format(year=match.group(1), issue_date=ctx.issue_text),
            fix=_("number it in {year}, or correct sign_off.date").format(year=ctx.issue_date.year),
            offset=match.start(1),
        )


def _next_year(issue: dt.date, name: str) -> int:
    try:
        return issue.year if festival_date(issue.year, name) + _GRACE >= issue else issue.year + 1
    except (KeyError, ValueError):
        return issue.year
