"""B-SIGNOFF-TWICE: the issuer's name or the date of issue typed as the last lines of the body."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from notices.check.context import CheckContext, TextField, value_date
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern
from notices.spec.types import written_date

# A line that is a date and nothing else: 2025年7月9日, 二〇二五年七月九日, 2025-07-09, 2025/7/9, 9 July 2025,
# July 9, 2025.
_CN_NUMERAL = "〇零一二三四五六七八九十"
_DATE_LINE = LazyPattern(
    rf"(?:\d{{4}}|[{_CN_NUMERAL}]{{4}})\s*年\s*(?:\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}})\s*月"
    rf"(?:\s*(?:\d{{1,2}}|[{_CN_NUMERAL}]{{1,3}})\s*日)?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2} [A-Z][a-z]+ \d{4}"
    r"|[A-Z][a-z]+ \d{1,2}, \d{4}"
)


def _date_entries(ctx: CheckContext) -> Iterator[TextField]:
    """Body entries that are a date alone: the checker reads those as date values, not as prose."""
    body = ctx.notice.data.get("body") if isinstance(ctx.notice.data, Mapping) else None
    for index, entry in enumerate(body if isinstance(body, list) else []):
        if isinstance(entry, str) and value_date(entry) is not None:
            yield TextField(("body", index), entry)


@rule(
    "B-SIGNOFF-TWICE",
    "warning",
    summary="The issuer's name and the date of issue are not typed into the body: the sign-off prints them",
    source="GB/T 9704-2012 §7.3.5 (发文机关署名、成文日期: printed once, after the body)",
    good=["body: [感谢您的理解与支持！]", "sign_off: {date: 2025-07-09}"],
    bad=[
        "body: [感谢您的理解与支持！, 汇付宝支付服务有限公司, 2025年7月9日]",
        "body: |\n  感谢您的理解与支持！\n  2025年7月9日",
    ],
)
def sign_off_in_body(ctx: CheckContext) -> Iterator[Hit]:
    """A notice pasted whole from Word brings its own sign-off: the company's name and the date on lines of
    their own at the end of the body. The composer prints the sign-off after the body from ``issuer`` and
    ``sign_off.date``, so those lines would appear twice (--fix removes them). A line that names the issuer
    inside a sentence is text, and is left alone."""
    names = {
        name.strip()
        for name in (ctx.spec.issuer.name, ctx.spec.issuer.short_name, ctx.spec.sign_off.issuer)
        if name and name.strip()
    }
    for field in (*ctx.iter_texts(top="body"), *_date_entries(ctx)):
        offset = 0
        for line in field.text.splitlines(keepends=True):
            bare = line.strip().rstrip("。.")
            if bare and line.strip() in names:  # "Otao Electronics Co., Ltd.": the name's own full stop
                bare = line.strip()
            if bare and (bare in names or _DATE_LINE.fullmatch(bare)):
                start = offset + len(line) - len(line.lstrip())
                what = _("the date") if bare not in names else _("the issuer's name")
                typed_date = written_date(bare) if bare not in names else None
                fix = (
                    _("move it to the sign-off (sign_off: {{date: {iso}}}) and remove the line").format(
                        iso=typed_date.isoformat()
                    )
                    if typed_date is not None and ctx.spec.sign_off.date is None
                    else _("remove the line; the sign-off takes issuer.name and sign_off.date")
                )
                # --fix empties the line; a value's last line cannot be emptied in a block scalar (YAML drops
                # the trailing blank line, and the fix is verified against the value it meant), nor a whole value.
                last = not field.text[offset + len(line) :].strip()
                yield Hit(
                    field.path,
                    _(
                        "{what} “{text}” typed in the body: the sign-off prints it after the body, so it would appear twice"
                    ).format(what=what, text=line.strip()),
                    fix=fix,
                    offset=start,
                    edit=None if last else Edit(field.path, start, start + len(line.strip()), ""),
                )
            offset += len(line)
