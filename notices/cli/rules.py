"""`notices rules [ID]`: every check with its severity and source, or one explained with examples."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated

import typer

from notices.cli import app
from notices.i18n import _

if TYPE_CHECKING:
    from notices.check.registry import Rule


@app.command()
def rules(
    rule_id: Annotated[str | None, typer.Argument(help="A rule ID to explain.", show_default=False)] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
) -> None:
    """List every rule (ID, default severity, summary, source), or explain one with a good and a bad example.

    Examples:

        notices rules

        notices rules P-WEEKDAY

        notices rules --format json

        notices rules --format markdown     # the table in the README
    """
    from notices.check.registry import all_rules, get_rule

    if rule_id is None:
        registry = all_rules()
        if output_format == "json":
            rows = [
                {
                    "rule": r.id,
                    "severity": r.severity,
                    "profile_severity": dict(r.profile_severity),
                    "summary": r.summary,
                    "source": r.source,
                    "langs": sorted(r.langs),
                    "kinds": sorted(r.kinds) if r.kinds is not None else None,
                }
                for r in registry.values()
            ]
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if output_format == "markdown":
            typer.echo(markdown_table(registry.values()), nl=False)
            return
        if output_format != "text":
            typer.echo(
                _("error: unknown format {output_format!r}; choose text, json or markdown").format(
                    output_format=output_format
                ),
                err=True,
            )
            raise typer.Exit(2)
        for r in registry.values():
            looser = "".join(f", {p}: {s}" for p, s in r.profile_severity.items())
            typer.echo(f"{r.id:<18} {r.severity + looser:<22} {_(r.summary)}")
            typer.echo(f"{'':<18} {'':<22} " + _("source: {source}").format(source=r.source))
        return
    chosen = get_rule(rule_id)
    if chosen is None:
        typer.echo(
            _("error: no rule {rule_id!r}; `notices rules` lists them").format(rule_id=rule_id), err=True
        )
        raise typer.Exit(2)
    typer.echo(explain(chosen.id))


def markdown_table(rules: Iterable[Rule]) -> str:
    """| rule | default | lang | checks |: the README's rules table, written from the registry so it cannot drift."""
    lines = ["| rule | default | lang | checks |", "|---|---|---|---|"]
    for r in rules:
        severity = "; ".join([r.severity, *(f"{p}: {s}" for p, s in r.profile_severity.items())])
        langs = ", ".join(lang for lang in ("zh", "en") if lang in r.langs)
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| `{r.id}` | {severity} | {langs} | {summary} |")
    return "\n".join(lines) + "\n"


def explain(rule_id: str) -> str:
    """The rule's text, its good examples, and its bad examples with what the checker says about them."""
    from notices.check.examples import run_example
    from notices.check.registry import get_rule

    chosen = get_rule(rule_id)
    assert chosen is not None
    if chosen.langs == {"zh", "en"}:
        scope = _("Chinese and English notices")
    else:
        scope = _("Chinese notices") if chosen.langs == {"zh"} else _("English notices")
    if chosen.kinds is not None:
        scope = _("{scope} of kind {kinds}").format(scope=scope, kinds=", ".join(sorted(chosen.kinds)))
    looser = "".join(
        _("; {profile} profile: {severity}").format(profile=p, severity=s)
        for p, s in chosen.profile_severity.items()
    )
    out = [
        f"{chosen.id}: {_(chosen.summary)}",
        _("severity: {severity}{looser}").format(severity=chosen.severity, looser=looser),
        _("applies to: {scope}").format(scope=scope),
        _("source: {source}").format(source=chosen.source),
        "",
        chosen.explanation,  # the rule's docstring, with its reasons and sources: English
        "",
    ]
    for good in chosen.good:
        out += [_("Good:"), _indent(good), ""]
    for bad in chosen.bad:
        out += [_("Bad:"), _indent(bad)]
        for finding in run_example(bad, only=chosen.id):
            said = _("  → {severity}: {message}").format(severity=finding.severity, message=finding.message)
            out.append(said + (_(" (fix: {fix})").format(fix=finding.fix) if finding.fix else ""))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _indent(snippet: str) -> str:
    return "\n".join("    " + line for line in snippet.strip("\n").splitlines())
