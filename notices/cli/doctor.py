"""`notices doctor`: which face fills each role, what falls back, and whether the renderers can run."""

from __future__ import annotations

import shutil
from typing import Annotated

import typer

from notices.cli import app
from notices.i18n import _


@app.command()
def doctor(
    profile: Annotated[str, typer.Option(help="Layout profile to check.")] = "enterprise",
) -> None:
    """Report the font each role resolves to, anything that falls back, and the renderers' health.

    Examples:

        notices doctor

        notices doctor --profile en-letter

    Exit code 1 when a role has no usable face at all or a renderer cannot load.
    """
    from notices.layout.fonts import resolve_profile
    from notices.profiles import get_profile

    problems = 0
    chosen = get_profile(profile)
    typer.echo(_("profile {name}").format(name=chosen.name))
    for role, font in resolve_profile(chosen).items():
        if not font.found:
            state = _("MISSING: no candidate face is installed")
            problems += 1
        elif font.fallback:
            state = _("fallback (preferred {preferred} is not installed)").format(preferred=font.preferred)
        else:
            state = _("ok")
        weight = " Bold" if font.weight >= 700 else ""
        typer.echo(f"  {role:<12} {font.family}{weight:<6} {state}")
    for module in ("weasyprint", "docx"):
        try:
            __import__(module)
            typer.echo(f"  {module:<12} " + _("ok"))
        except Exception as err:  # a broken system library shows up here as OSError or ImportError
            typer.echo(_("  {module:<12} cannot load: {err}").format(module=module, err=err))
            problems += 1
    from notices.renderers.weasy import unverified

    reason = unverified()
    engine = (
        _("fast (WeasyPrint's layout, drawn and written by notices)")
        if reason is None
        else f"write_pdf: {reason}"
    )
    typer.echo(f"  {'pdf engine':<12} {engine}")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    shown = office or _("not installed (only needed by the layout comparison tests)")
    typer.echo(f"  {'libreoffice':<12} {shown}")
    raise typer.Exit(1 if problems else 0)
