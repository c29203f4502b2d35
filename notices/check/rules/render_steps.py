"""R-COMPOSE, R-ASSET, R-FONT: the render steps short of drawing, so a clean check means a render that succeeds."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.check.render_steps import StepProblem, asset_problems, font_problems
from notices.check.rules.placeholders import unresolved_names
from notices.reader.source import value_at


def _hit(problem: StepProblem) -> Hit:
    return Hit(problem.path, problem.message, fix=problem.fix, severity=problem.severity, at=problem.at)


@rule(
    "R-COMPOSE",
    "error",
    summary="The notice composes for its sample recipient: every variable, filter and kind template renders",
    source="Jinja2 template documentation (filters, undefined variables); notices README “Variables”",
    good=[
        "salutation: 尊敬的{{ recipient.name }}：\nrecipient: {name: 各经销商}",
        "body: ['请于{{ vars.deadline }}前下单。']\nvars: {deadline: 2026年2月6日}",
    ],
    bad=[
        "body: ['本次调价幅度为{{ vars.rate|number }}。']\nvars: {rate: 5}",
        "body: ['请于{{ vars.deadline + 1 }}前下单。']\nvars: {deadline: 2026年2月6日}",
    ],
)
def composes(ctx: CheckContext) -> Iterator[Hit]:
    """`notices render` first composes the notice: every ``{{ … }}`` of the spec is rendered against the
    sample recipient (``recipient:``) and ``vars:``, and the kind's template writes its sentences. What fails
    there fails the render, so the check does the same and reports it at its line: an unknown filter
    (``{{ vars.rate|number }}``: the filters are ``cn_date``, ``cn_weekday``, ``cn_time``), an expression that
    raises (adding a number to a text), a syntax error, a company template that reaches outside its folder."""
    for problem in ctx.composed.problems:
        if problem.undefined and problem.undefined in unresolved_names(ctx, value_at(ctx.data, problem.path)):
            continue  # P-PLACEHOLDER names it, and every other unresolved name of that string: one finding each
        yield _hit(problem)


@rule(
    "R-ASSET",
    "error",
    summary="The seal and the logo decode as images both the PDF and the DOCX can place",
    source="python-docx documentation, add_picture (PNG, JPEG, GIF, BMP, TIFF); WeasyPrint documentation, images",
    good="body: [现将有关事项通知如下。]",
    bad="sign_off: {date: 2026-01-05, seal: no-such-seal.png}",
)
def assets(ctx: CheckContext) -> Iterator[Hit]:
    """The seal (``sign_off.seal``, or the house style's) and the house style's logo are opened and decoded
    as `notices render` would: a file that is not an image, is truncated, or is an SVG (the PDF prints it,
    python-docx cannot place it) is an error here rather than a failed or half-finished render."""
    for problem in asset_problems(ctx.notice):
        yield _hit(problem)


@rule(
    "R-FONT",
    "error",
    summary="Every character has a glyph in the face it prints in, or at least in some installed face",
    source="GB/T 9704-2012 §5.2.2 (字体); fontconfig documentation (charset)",
    good="body: [现将有关事项通知如下。]",
    bad="body: ['请扫码关注 🧧 领取红包。']",
)
def glyphs(ctx: CheckContext) -> Iterator[Hit]:
    """Each element prints in its face (标题 in 小标宋, 一级标题 in 黑体, the body in 仿宋, as `notices doctor`
    shows). A character that face lacks prints in another installed face (a warning: the line looks patched);
    one that no installed font has prints as an empty box (an error). The composed document is read, so the
    sentences a kind template writes and the sample recipient's values are covered too. `notices check`, every
    render path and ``notices.check_notice`` run this step (`notices.fontcheck`); checking on its own
    (`notices.check.check_notice`) leaves it out, as it leaves out the layout stage."""
    document = ctx.composed.document
    if document is None:
        return
    texts = list(ctx.iter_texts()) + list(ctx.iter_values())
    for problem in font_problems(document):
        written = next((field for field in texts if problem.char in field.text), None)
        if written is not None:  # where the writer typed it; else a kind template or a house style wrote it
            yield Hit(
                written.path,
                problem.message,
                fix=problem.fix,
                offset=written.text.index(problem.char),
                severity=problem.severity,
            )
        else:
            yield Hit(
                (ctx.kind,) if ctx.kind in ctx.data else ("title",),
                problem.message,
                fix=problem.fix,
                severity=problem.severity,
            )
