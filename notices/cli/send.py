"""`notices send`: deliver a rendered batch by e-mail (and webhooks), exactly once in effect, resumable."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from notices.cli import app
from notices.cli.output import EXIT_UNREADABLE, report_problems
from notices.errors import NoticeError
from notices.i18n import _

if TYPE_CHECKING:
    from notices.send.runner import Outcome, SendReport

LINE_EVERY_SECONDS = 10.0


@app.command()
def send(
    outdir: Annotated[
        Path,
        typer.Argument(
            help="A folder `notices batch` wrote (with manifest.json).", metavar="OUTDIR", show_default=False
        ),
    ],
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="send.toml: server, sender, pacing, webhook.", metavar="FILE"),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would go to whom; send nothing.")
    ] = False,
    status: Annotated[
        bool, typer.Option("--status", help="Count per state and the rows that need attention; send nothing.")
    ] = False,
    output_format: Annotated[str, typer.Option("--format", help="text or json.", metavar="FORMAT")] = "text",
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only", help="Only this recipient (its name in the batch); repeatable.", metavar="NAME"
        ),
    ] = None,
    resend_unknown: Annotated[
        bool,
        typer.Option("--resend-unknown", help="Send the `unknown` rows again, with the same Message-ID."),
    ] = False,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed", help="Try the `failed` and `bounced` rows (and failed webhook events) again."
        ),
    ] = False,
    send_changed: Annotated[
        bool,
        typer.Option(
            "--send-changed", help="Send the new version of notices that changed after they were sent."
        ),
    ] = False,
    bounces: Annotated[
        Path | None,
        typer.Option(
            "--bounces", help="Read bounce reports from this mbox file or Maildir; mark rows `bounced`."
        ),
    ] = None,
) -> None:
    """Deliver each notice of the batch in OUTDIR to the addresses in its recipients row, by e-mail.

    Every message, the server's reply and the Message-ID are kept in OUTDIR/send.sqlite. Running the same
    command again continues where the last run stopped (a crash, the daily cap, a server that asked to slow
    down) and never sends a notice twice: a message whose reply never came is marked `unknown` and is sent
    again only with --resend-unknown.

    Examples:

        notices send out --config send.toml --dry-run

        notices send out --config send.toml

        notices send out --status --format json

    Exit codes: 0 every row accepted or waiting for a later window, 1 some row failed, bounced or unknown,
    2 send.toml, the batch or the server's login/TLS is wrong.
    """
    import notices.send as delivery

    if output_format not in ("text", "json"):
        typer.echo(
            _("error: --format must be text or json, not {output_format!r}").format(
                output_format=output_format
            ),
            err=True,
        )
        raise typer.Exit(EXIT_UNREADABLE)
    try:
        if status:
            report = delivery.status(outdir)
            _print(report, output_format, status_only=True)
            raise typer.Exit(report.exit_code)
        if config is None:
            typer.echo(
                _("error: --config send.toml is required to send (and for --dry-run, --bounces)"), err=True
            )
            raise typer.Exit(EXIT_UNREADABLE)
        settings = delivery.load_config(config)
        if bounces is not None:
            found = delivery.read_bounces(outdir, bounces, settings)
            for name, address, code in found.marked:
                typer.echo(f"{name} {address}: bounced {code}")
            typer.echo(
                _(
                    "{read} messages read: {count} rows marked bounced, {already} already, {delayed} delays, {unmatched} not about this batch"
                ).format(
                    read=found.read,
                    count=len(found.marked),
                    already=found.already,
                    delayed=found.delayed,
                    unmatched=found.unmatched,
                )
            )
            report = delivery.status(outdir)
            _print(report, output_format, status_only=True)
            raise typer.Exit(report.exit_code)
        ticker = _Ticker()
        report = delivery.deliver(
            outdir,
            settings,
            dry_run=dry_run,
            only=tuple(only or ()),
            resend_unknown=resend_unknown,
            retry_failed=retry_failed,
            send_changed=send_changed,
            progress=ticker.update,
        )
    except delivery.FolderBusy as err:
        typer.echo(_("error: {err}; wait for it to finish").format(err=err), err=True)
        raise typer.Exit(EXIT_UNREADABLE) from None
    except NoticeError as err:
        report_problems(err.problems)
        raise typer.Exit(EXIT_UNREADABLE) from None
    if dry_run:
        _print_dry_run(report, output_format)
    else:
        _print(report, output_format)
    raise typer.Exit(report.exit_code)


class _Ticker:
    """One line per row that did not go through as it happened; a count every 10 s in between."""

    def __init__(self) -> None:
        self.done = 0
        self.last = time.monotonic()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if outcome.state != "accepted":
            typer.echo(
                _("{name} (row {row}) {address}: {state}: {reply}").format(
                    name=outcome.name,
                    row=outcome.row,
                    address=outcome.address,
                    state=outcome.state,
                    reply=outcome.reply,
                ),
                err=True,
            )
        if time.monotonic() - self.last >= LINE_EVERY_SECONDS:
            typer.echo(_("{done} addresses handled").format(done=self.done), err=True)
            self.last = time.monotonic()


def _print(report: SendReport, output_format: str, *, status_only: bool = False) -> None:
    from notices.send.status import STATE_ORDER, report_json, when

    if output_format == "json":
        typer.echo(json.dumps(report_json(report), ensure_ascii=False, indent=1))
        return
    total = sum(report.counts.values())
    parts = [f"{report.counts[s]} {s}" for s in STATE_ORDER if report.counts.get(s)]
    if not status_only:
        typer.echo(
            _("this run: {value} accepted").format(value=sum(o.state == "accepted" for o in report.outcomes))
        )
    typer.echo(
        _("{folder}: {total} addresses: {states}").format(
            folder=report.folder, total=total, states=", ".join(parts) or _("none")
        )
    )
    if report.stopped:
        typer.echo(_("stopped: {reason}").format(reason=report.stopped))
        if report.next_window is not None:
            typer.echo(
                _("the next window opens at {next_window}: run the same command again then").format(
                    next_window=when(report.next_window)
                )
            )
    pending = report.counts.get("pending", 0)
    if pending and report.next_attempt is not None:
        typer.echo(
            _("waiting: {pending} to send, the next at {next_attempt}").format(
                pending=pending, next_attempt=when(max(report.next_attempt, time.time()))
            )
        )
    if report.attention:
        typer.echo(_("needs attention:"))
        for row in report.attention:
            address = row.address or _("(no address)")
            typer.echo(
                "  "
                + _("{name} (row {row}) {address}: {state}: {reply}").format(
                    name=row.name, row=row.row, address=address, state=row.state, reply=row.last_reply
                )
            )
        if any(row.state == "unknown" for row in report.attention):
            typer.echo(
                _(
                    "  unknown: the server may have the message. Ask the recipient; to send it again with the same Message-ID: notices send DIR --config send.toml --resend-unknown [--only NAME]"
                )
            )
    if report.changed:
        names = ", ".join(sorted({d.name for d in report.changed}))
        typer.echo(
            _("changed since sent: {names} (--send-changed sends the new version)").format(names=names)
        )
    if report.events:
        shown = ", ".join(f"{n} {s}" for s, n in sorted(report.events.items()))
        typer.echo(_("webhook events: {shown}").format(shown=shown))


def _print_dry_run(report: SendReport, output_format: str) -> None:
    if output_format == "json":
        rows = [
            {
                "name": p.name,
                "row": p.row,
                "to": list(p.to),
                "subject": p.subject,
                "attachments": [{"filename": f, "bytes": n} for f, n in p.attachments],
                "state": p.state,
                "problem": p.problem,
            }
            for p in report.previews
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for preview in report.previews:
        if preview.problem:
            typer.echo(
                _("{name} (row {row}): not sendable: {problem}").format(
                    name=preview.name, row=preview.row, problem=preview.problem
                )
            )
            continue
        files = ", ".join(f"{f} ({_size(n)})" for f, n in preview.attachments)
        typer.echo(f"{preview.name} (row {preview.row}) → {', '.join(preview.to)} [{preview.state}]")
        typer.echo(f"    {preview.subject} · {files}")
    ready = sum(1 for p in report.previews if not p.problem)
    typer.echo(
        _("{ready} recipients would be sent to, {value} cannot be (dry run: nothing sent)").format(
            ready=ready, value=len(report.previews) - ready
        )
    )
    first = next((p for p in report.previews if p.cover), None)
    if first is not None:
        typer.echo(_("\ncover text of {name}:\n").format(name=first.name))
        typer.echo(first.cover.rstrip("\n"))
    sys.stdout.flush()


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} B"
