"""K-UNFILLED: a scaffold's placeholders left in the values P-PLACEHOLDER does not read as prose."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from notices.check.context import DATA_KEYS, NON_PROSE_KEYS, CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.check.textscan import SCAFFOLD_MARK
from notices.i18n import _
from notices.reader.source import PathKey


def _strings(node: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _strings(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, (*path, index))
    elif isinstance(node, str):
        yield path, node


@rule(
    "K-UNFILLED",
    "error",
    summary="No scaffold placeholder (【待补：…】, [TODO: …]) left in a phone number, e-mail or other value",
    source="notices README, “Notice kinds” (notices init marks what to fill in as 【待补：…】)",
    good=["contact: {name: 王静, phone: 021-6288 1234, email: service@hengxin.example.com}"],
    bad=[
        "contact: {name: 王静, phone: 【待补：联系电话】}",
        "lang: en\ncontact: {name: Wang Jing, email: '[TODO: e-mail address]'}",
    ],
)
def unfilled(ctx: CheckContext) -> Iterator[Hit]:
    """`notices init` writes a placeholder for every fact to fill. P-PLACEHOLDER finds them in the text of
    the notice; this rule finds them in the values it leaves alone because they are not sentences: phone
    numbers, e-mail addresses, seals and other code-like keys."""
    for key, value in ctx.data.items():
        if key in DATA_KEYS:
            continue
        for path, text in _strings(value, (key,)):
            if NON_PROSE_KEYS.isdisjoint(p for p in path if isinstance(p, str)):
                continue  # prose: P-PLACEHOLDER's
            for match in SCAFFOLD_MARK.finditer(text):
                yield Hit(
                    path,
                    _("“{group}” left to fill").format(group=match.group()),
                    fix=_("write the real value"),
                    offset=match.start(),
                )
