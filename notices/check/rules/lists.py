"""P-LIST: enumerations keep one mark: 、 between the items of a series, ； between listed items, 。 after the last."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from notices.check.context import CheckContext, TextField
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.check.textscan import inside, protected_spans
from notices.i18n import _
from notices.patterns import LazyPattern

# "春节、元宵节，清明节、劳动节": a ， with a short 、-joined item on each side belongs to the same series. Longer
# groups are a grouping of their own ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构"), and so are the
# lists of a 主送 or 抄送 line.
_ITEM = r"[^，。；：、,;:.\s（）()“”《》]{1,5}"
# "身份证、营业执照，以及授权书、介绍信" joins two series with a conjunction: that comma is right.
# A verb that opens a clause ends the series before it: "检查相关设施、设备，做好防火、防盗工作".
_JOINS = (
    r"(?!以及|及|和|与|或|还有|并|另|其中|包括|尤其|特别|同时|此外|但|而"
    r"|做好|做到|确保|加强|注意|保持|提前|及时|切实|认真|严格|避免|防止|关好|切断|检查|落实|请)"
)
_COMMA_IN_SERIES = LazyPattern(rf"、{_ITEM}(?P<comma>[，,]){_JOINS}{_ITEM}(?:、|等)")
# "需要提交的材料有：营业执照、税务登记证，开户许可证；": after a colon that opens a list, a clause of short items
# joined by 、 is the series, and a ， before its last item breaks it.
# Names only (no figures, no 每/各/均 opening a clause of its own: "时间：周一、周三，每天9点。").
_NAME_ITEM = r"[\u4e00-\u9fffA-Za-z]{1,6}"
_COMMA_ENDS_LISTED_SERIES = LazyPattern(
    rf"[：:](?:{_NAME_ITEM}、)+{_NAME_ITEM}(?P<comma>[，,]){_JOINS}(?![每各均都共])"
    rf"{_NAME_ITEM}(?=[；;。.]|$)"
)
# Numbered items inside one paragraph: "1.…；2.…；3.…；" ends its last item with ；.
_LAST_ITEM_SEMICOLON = LazyPattern(r"[；;]\s*$")


@rule(
    "P-LIST",
    "warning",
    summary="Enumerations keep one mark: 、 within a series (no ， among them), and the last listed item ends with 。",
    source="GB/T 15834-2011 标点符号用法 §4.5 (顿号), §4.6 (分号), §4.1 (句号)",
    good=[
        "body: [春节、元宵节、清明节期间照常发货。]",
        "body: [{heading: 注意事项, items: [放假前切断电源；, 关好门窗；, 做好防火防盗工作。]}]",
        "body: [节后到货延迟，请合理安排库存、物流和人员。]",
        "body: [请携带身份证、营业执照，以及授权书、介绍信。]",
    ],
    bad=[
        "body: [春节、元宵节，清明节、劳动节期间照常发货。]",
        "body: [需要提交的材料有：营业执照、税务登记证，开户许可证。]",
        "body: [请携带以下材料：, 一、身份证复印件；, 二、授权委托书；]",
        "body: [{heading: 注意事项, items: [放假前切断电源；, 关好门窗；, 做好防火防盗工作；]}]",
    ],
    langs=("zh",),
)
def enumerations(ctx: CheckContext) -> Iterator[Hit]:
    """The items of a series are joined by the 顿号 "、" throughout: "春节、元宵节，清明节、劳动节" puts a comma among
    them, which reads as the end of the series (GB/T 15834 §4.5). Items listed one after another end with
    "；", and the last one ends the list with "。" (§4.6): a last item that keeps its "；" leaves the list open,
    whether the items are ``items:`` of a heading, numbered inside one paragraph ("1.…；2.…；") or numbered
    paragraphs one after another ("一、身份证复印件；" "二、授权委托书；"). After a colon that opens a list
    ("材料有：营业执照、税务登记证，开户许可证"), the 、-joined clause is the series to its end. A warning;
    --fix writes 、 in a series and 。 after the last item."""
    for field in ctx.iter_texts():
        if field.top not in ("salutation", "cc"):
            yield from _comma_in_series(field)
    yield from _last_items(ctx.data.get("body"), ("body",))
    for field in ctx.iter_texts(top="body"):
        yield from _numbered_in_paragraph(field)
    yield from _numbered_paragraphs(ctx.data.get("body"))


def _comma_in_series(field: TextField) -> Iterator[Hit]:
    protected = protected_spans(field.text)
    position = 0
    commas: set[int] = set()
    while (match := _COMMA_IN_SERIES.search(field.text, position)) is not None:
        at = match.start("comma")
        position = at + 1  # the next series item may begin a match of its own
        if not inside(at, protected):
            commas.add(at)
    commas.update(
        m.start("comma")
        for m in _COMMA_ENDS_LISTED_SERIES.finditer(field.text)
        if not inside(m.start("comma"), protected)
    )
    for at in sorted(commas):
        yield Hit(
            field.path,
            _("“{value}” among items joined by “、”").format(value=field.text[at]),
            fix=_("join the items of one series with 、 throughout"),
            offset=at,
            edit=Edit(field.path, at, at + 1, "、"),
        )


def _last_items(node: Any, path: tuple[str | int, ...]) -> Iterator[Hit]:
    """Every ``items:`` list of the body whose last string item ends with ；."""
    if isinstance(node, list):
        for index, child in enumerate(node):
            yield from _last_items(child, (*path, index))
    elif isinstance(node, dict):
        items = node.get("items")
        if isinstance(items, list) and len(items) >= 2 and isinstance(items[-1], str):
            last = items[-1].rstrip()
            semicolons = sum(
                1 for item in items[:-1] if isinstance(item, str) and item.rstrip().endswith("；")
            )
            if last.endswith(("；", ";")) and semicolons:
                where = (*path, "items", len(items) - 1)
                yield Hit(
                    where,
                    _("the last item of the list ends with “；”"),
                    fix=_("end the last item with 。"),
                    offset=len(last) - 1,
                    edit=Edit(where, len(last) - 1, len(last), "。"),
                )
        for key, child in node.items():
            if key != "items" or isinstance(child, list):
                yield from _last_items(child, (*path, key))


_NUMBERED = LazyPattern(r"(?:^|[；;。])\s*(?:\d{1,2}[.、．]|（\d{1,2}）|\(\d{1,2}\))")


# A paragraph that opens with its number: "一、身份证复印件；", "2. 授权委托书；", "（3）…".
_NUMBER_OPENS = LazyPattern(
    r"^\s*(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]|（[一二三四五六七八九十\d]{1,3}）)"
)


def _numbered_paragraphs(body: Any) -> Iterator[Hit]:
    """Paragraphs numbered one after another in ``body``, listed with ；: the last of the run ends with 。."""
    if not isinstance(body, list):
        return
    runs: list[list[int]] = [[]]
    for index, item in enumerate(body):
        if isinstance(item, str) and _NUMBER_OPENS.match(item):
            runs[-1].append(index)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        texts = [body[i].rstrip() for i in run]
        if len(run) < 2 or not all(text.endswith(("；", ";")) for text in texts):
            continue
        where = ("body", run[-1])
        at = len(texts[-1]) - 1
        yield Hit(
            where,
            _("the last numbered item ends with “；”"),
            fix=_("end the last item with 。"),
            offset=at,
            edit=Edit(where, at, at + 1, "。"),
        )


def _numbered_in_paragraph(field: TextField) -> Iterator[Hit]:
    text = field.text.rstrip()
    if len(_NUMBERED.findall(text)) >= 2 and _LAST_ITEM_SEMICOLON.search(text):
        at = len(text) - 1
        yield Hit(
            field.path,
            _("the last numbered item ends with “；”"),
            fix=_("end the last item with 。"),
            offset=at,
            edit=Edit(field.path, at, at + 1, "。"),
        )
