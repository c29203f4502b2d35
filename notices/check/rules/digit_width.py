"""P-DIGIT-WIDTH: Arabic numerals in Chinese text are half-width (４００-８２０-１６８８ is 400-820-1688)."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

# A number typed with a Chinese input method in full-width mode: its digits, and the marks that join them
# inside one number ("４００－８２０", "１７：００", "３．５％", "１，２００"), read as one run so that the fix
# writes the whole number. A mark joins only between two digits, a comma only before a group of three
# ("第１，２批" is two numbers); "％" only after a digit.
_NUMBER = LazyPattern(r"[0-9０-９]+(?:[-－.．:：/／][0-9０-９]+|[,，][0-9０-９]{3}(?![0-9０-９]))*[%％]?")
_HALF_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
        "－": "-",
        "．": ".",
        "：": ":",
        "／": "/",
        "，": ",",
        "％": "%",
    }
)


def _has_full_width_digit(text: str) -> bool:
    return any("\uff10" <= ch <= "\uff19" for ch in text)


@rule(
    "P-DIGIT-WIDTH",
    "warning",
    summary="Arabic numerals are half-width in Chinese text: 400-820-1688, not ４００-８２０-１６８８",
    source="GB/T 15835-2011 出版物上数字用法 §5.1.1 (阿拉伯数字使用正体二分字身，即占半个汉字位置)",
    good="body: ['客服热线：400-820-1688，服务时间9:00—17:00，涨幅3.5%。']",
    bad=[
        "body: ['客服热线：４００-８２０-１６８８。']",
        "body: ['服务时间为１７：００前，涨幅３．５％。']",
    ],
    langs=("zh",),
)
def full_width_digits(ctx: CheckContext) -> Iterator[Hit]:
    """GB/T 15835 sets Arabic numerals half-width (二分字身, half a Chinese character wide); a phone number,
    amount or time typed in the input method's full-width mode (４００-８２０-１６８８) prints twice as wide,
    spaced like Chinese characters, and defeats search and copying into a dialler. Each number with a
    full-width digit is one finding; --fix writes it half-width, with the marks inside it (－．：／，％) too.
    A date in full-width digits is B-DATE's, which rewrites the whole date."""
    for field in ctx.iter_texts():
        if not _has_full_width_digit(field.text):
            continue
        dates = [
            (mention.date_start, mention.date_end) for mention in ctx.dates(field) if mention.fullwidth_digits
        ]
        yield from _numbers(field, dates)


def _numbers(field: TextField, dates: list[tuple[int, int]]) -> Iterator[Hit]:
    for match in _NUMBER.finditer(field.text):
        written = match.group()
        if not _has_full_width_digit(written):
            continue
        if any(start < match.end() and match.start() < end for start, end in dates):
            continue
        half = written.translate(_HALF_WIDTH)
        yield Hit(
            field.path,
            _("“{written}” is typed in full-width digits").format(written=written),
            fix=_("write {value}").format(value=half),
            offset=match.start(),
            edit=Edit(field.path, match.start(), match.end(), half),
        )
