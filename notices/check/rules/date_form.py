"""B-DATE: dates in Chinese text are written 2026年1月5日: Arabic numerals, full year, no zero padding."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.dates import DateMention, format_cn_date
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

_DATE_LIKE = LazyPattern(r"(?:19|20)[\dXxＸ×]{2}[ \t]*[-/.年][ \t]*[\dXxＸ×]{1,2}")
_FORM_NAMES = {"hyphen": "2026-01-05", "slash": "2026/1/5", "dot": "2026.1.5"}


def cn_form(mention: DateMention, *, with_year: bool) -> str | None:
    """The GB/T 9704 form of the mention's date expression, keeping a year only where one was written."""
    if with_year:
        return f"{mention.year}年{mention.month}月{mention.day}日" if mention.date is not None else None
    return f"{mention.month}月{mention.day}日" if mention.exists is not False else None


@rule(
    "B-DATE",
    "warning",
    summary="Dates are written 2026年1月5日: Arabic numerals, full year, no zero padding; the sign-off date is a value",
    source="GB/T 9704-2012 §7.3.5.1 (成文日期); GB/T 15835-2011 出版物上数字用法 §4.2",
    good=["body: [请于2026年1月20日前确认。]", "sign_off: {issuer: 华东恒信控股有限公司, date: 2026-01-05}"],
    bad=[
        "body: [请于2026-01-20前确认。]",
        "body: [请于2026年01月20日前确认。]",
        "body: [请于二〇二六年一月二十日前确认。]",
        "sign_off: {issuer: 华东恒信控股有限公司 2026.1.5}",
    ],
    langs=("zh",),
)
def date_form(ctx: CheckContext) -> Iterator[Hit]:
    """GB/T 9704 writes dates in Arabic numerals with the year in full and no zero padding: 2026年1月5日, not
    2026-01-05, 2026.1.5, 2026/1/5, 2026年01月05日, 二〇二六年一月五日 or full-width digits. In running text this
    is a warning, and --fix rewrites the date (the date itself does not change). A date written into the
    sign-off name (sign_off.issuer, "公司；201X-XX-XX") is an error: the sign-off date is ``sign_off.date``,
    which is always printed in the right form. A spec without ``sign_off.date`` is dated the day it is
    rendered: an info finding says so."""
    if not ctx.issue_date_stated and not ctx.issue_date_unreadable:
        yield Hit(
            ("sign_off", "date"),
            _("no sign_off.date: the notice is dated the day it is rendered ({issue_date} today)").format(
                issue_date=format_cn_date(ctx.issue_date)
            ),
            fix=_("set sign_off.date to the date of issue"),
            severity="info",
        )
    for field in ctx.iter_texts():
        if field.path[:2] == ("sign_off", "issuer"):
            stray = _DATE_LIKE.search(field.text)
            if stray:
                yield Hit(
                    field.path,
                    _("a date is written into the sign-off name"),
                    fix=_("put the date in sign_off.date (2026-01-05); it is printed as 2026年1月5日"),
                    offset=stray.start(),
                    severity="error",
                )
                continue
        for mention in ctx.dates(field):
            for endpoint in mention.endpoints():  # "2023年01月17日至2023年01月28日": each end as written
                yield from _form(field, endpoint)


def _form(field: TextField, mention: DateMention) -> Iterator[Hit]:
    written = field.text[mention.date_start : mention.date_end]
    problem = None
    if mention.form != "cjk":
        problem = _("“{written}” is written in the {FORM_NAMES} form").format(
            written=written, FORM_NAMES=_FORM_NAMES[mention.form]
        )
    elif mention.numerals == "chinese" and mention.year_explicit:
        problem = _("“{written}” is written in Chinese numerals").format(written=written)
    elif mention.zero_padded:
        problem = _("“{written}” is zero-padded").format(written=written)
    elif mention.fullwidth_digits:
        problem = _("“{written}” uses full-width digits").format(written=written)
    if problem is None:
        return
    replacement = cn_form(mention, with_year=mention.year_explicit)
    edit = Edit(field.path, mention.date_start, mention.date_end, replacement) if replacement else None
    yield Hit(
        field.path,
        problem,
        fix=_("write {replacement}").format(replacement=replacement)
        if replacement
        else _("write the date as 2026年1月5日"),
        offset=mention.date_start,
        edit=edit,
    )
