"""B-RECIP: the addressee (主送) line ends with a full-width colon."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Edit, Hit
from notices.check.registry import rule
from notices.i18n import _

_HALF_WIDTH_COLON = ":"
_WRONG_ENDINGS = "，,；;。."


@rule(
    "B-RECIP",
    "error",
    summary="The salutation (主送) ends with a full-width colon “：”",
    source="GB/T 9704-2012 §7.3.2 (主送机关); GB/T 15834-2011 §4.7 (冒号)",
    good="salutation: 尊敬的合作伙伴：",
    bad=["salutation: '亲爱的合作伙伴:'", "salutation: 尊敬的合作伙伴", "salutation: 各经销商，"],
    langs=("zh",),
)
def salutation_colon(ctx: CheckContext) -> Iterator[Hit]:
    """The addressee stands on its own line after the title and ends with "：" (U+FF1A), never with a
    half-width ":" or a comma. A salutation may be left out for a short single-matter notice."""
    text = ctx.spec.salutation
    if not text:
        return
    path = ("salutation",)
    stripped = text.rstrip()
    last = len(stripped) - 1
    if last < 0 or stripped.endswith("："):
        return
    if stripped[last] == _HALF_WIDTH_COLON:
        yield Hit(
            path,
            _("the salutation ends with a half-width colon “:”"),
            fix=_("end it with the full-width colon “：”"),
            offset=last,
            edit=Edit(path, last, last + 1, "："),
        )
    elif stripped[last] in _WRONG_ENDINGS:
        yield Hit(
            path,
            _("the salutation ends with “{stripped}” instead of a full-width colon").format(
                stripped=stripped[last]
            ),
            fix=_("end it with “：”"),
            offset=last,
            edit=Edit(path, last, last + 1, "："),
        )
    else:
        yield Hit(
            path,
            _("the salutation does not end with a full-width colon “：”"),
            fix=_("add “：” at its end"),
            offset=last,
            edit=Edit(path, last + 1, last + 1, "："),
        )
