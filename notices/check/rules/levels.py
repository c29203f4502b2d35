"""B-LEVELS: hand-typed heading numbers take the standard forms 一、 （一） 1. （1）, in sequence."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.composer.numbering import Marker, chinese_number, leading_markers
from notices.i18n import _
from notices.reader.source import PathKey

_RIGHT = {1: "、", 2: "", 3: ".", 4: ""}


def _is_heading_or_item(path: PathKey) -> bool:
    return "heading" in path or ("items" in path and isinstance(path[-1], int))


@rule(
    "B-LEVELS",
    "error",
    summary="Hand-typed numbers take the forms 一、 （一） 1. （1） in sequence; headings are not numbered twice",
    source="GB/T 9704-2012 §7.3.3 (正文: 结构层次序数 一、（一）1.（1）)",
    good=[
        "body: ['一、订单截止时间', '（一）华东区域', '1.上海', '2.杭州', '（二）华南区域']",
        "body: [{heading: 订单截止时间, items: [2月6日17:00前下单。]}]",
    ],
    bad=[
        "body: ['一.订单截止时间']",
        "body: ['（一）、华东区域']",
        "body: ['1、上海']",
        "body: ['一、订单', '三、发货']",
        "body: [{heading: 一、订单截止时间}]",
    ],
    langs=("zh",),
)
def heading_levels(ctx: CheckContext) -> Iterator[Hit]:
    """GB/T 9704 numbers the levels 一、 → （一） → 1. → （1）. Hand-typed numbers at the start of a
    paragraph or line must take those forms: "一." and "一，" are errors (--fix writes 一、), "（一）、" and
    "（1）、" carry a stray 、 (--fix removes it), "1、" should be "1." (--fix). Within one list, numbers run
    on without gaps or repeats (a warning). Headings and items in ``heading:`` / ``items:`` are numbered by
    the composer: a number typed into them prints twice (a warning)."""
    groups: dict[PathKey, list[TextField]] = {}
    for field in ctx.iter_texts():
        if field.top not in ("body", "attachments") and not field.top.startswith(ctx.kind):
            continue
        if _is_heading_or_item(field.path):
            yield from _numbered_twice(field)
            continue
        container = field.path[:-1] if isinstance(field.path[-1], int) else field.path
        groups.setdefault(container, []).append(field)
    for fields in groups.values():
        yield from _sequence(fields)


def _numbered_twice(field: TextField) -> Iterator[Hit]:
    for marker in leading_markers(field.text):
        if marker.start == 0 or not field.text[: marker.start].strip():
            what = "heading" if "heading" in field.path else "item"
            yield Hit(
                field.path,
                _("this {what} starts with its own number “{text}”: the composer numbers it too").format(
                    what=what, text=field.text[marker.start : marker.end]
                ),
                fix=_("remove the number"),
                offset=marker.start,
                severity="warning",
            )
        return


def _sequence(fields: list[TextField]) -> Iterator[Hit]:
    counters = [0, 0, 0, 0, 0]
    for field in fields:
        for marker in leading_markers(field.text):
            yield from _form(field, marker)
            previous = counters[marker.level]
            expected = previous + 1
            # A level-1 list may go on from the composer's numbered headings, so it may start anywhere.
            starts_wrong = previous == 0 and marker.level > 1 and marker.number != 1
            if starts_wrong or (previous and marker.number != expected):
                yield Hit(
                    field.path,
                    (
                        _("the numbering repeats: “{text}” where {level} comes next")
                        if marker.number <= previous
                        else _("the numbering skips: “{text}” where {level} comes next")
                    ).format(
                        text=field.text[marker.start : marker.end],
                        level=_format(marker.level, expected),
                    ),
                    fix=_("renumber the list"),
                    offset=marker.start,
                    severity="warning",
                )
            counters[marker.level] = marker.number
            for deeper in range(marker.level + 1, len(counters)):
                counters[deeper] = 0


def _format(level: int, number: int) -> str:
    if level in (1, 2):
        numeral = chinese_number(number)
        return f"{numeral}、" if level == 1 else f"（{numeral}）"
    return f"{number}." if level == 3 else f"（{number}）"


def _form(field: TextField, marker: Marker) -> Iterator[Hit]:
    right = _RIGHT[marker.level]
    if marker.punct == right or (marker.level == 3 and marker.punct == "．"):
        return
    written = field.text[marker.start : marker.end]
    yield Hit(
        field.path,
        _("“{written}” is not a standard level-{level} number: write {SHOWN}").format(
            written=written, level=marker.level, SHOWN=_format(marker.level, marker.number)
        ),
        fix=_("write {level}").format(level=_format(marker.level, marker.number)),
        offset=marker.start,
        edit=Edit(field.path, marker.punct_start, marker.punct_start + len(marker.punct), right),
        severity="warning" if marker.level == 3 else None,
    )
