"""`notices doctor`: which face fills each role, what falls back, and whether the renderers can run."""

from __future__ import annotations

import shutil
from typing import Annotated

import typer

from notices.cli import app
from notices.i18n import _
from notices.layout.fonts import ResolvedFont, face_style
from notices.layout.metrics import substituted_family
from notices.profiles import Profile


@app.command()
def doctor(
    profile: Annotated[str, typer.Option(help="Layout profile to check.")] = "enterprise",
) -> None:
    """Report the font each role resolves to, anything that falls back, what a reader sees, and the renderers' health.

    Examples:

        notices doctor

        notices doctor --profile en-letter

    Exit code 1 when a role has no usable face at all or a renderer cannot load.
    """
    from notices.layout.fonts import resolve_profile
    from notices.profiles import get_profile

    problems = 0
    chosen = get_profile(profile)
    typer.echo(_("profile {name}: the face of each role in the PDF").format(name=chosen.name))
    resolved = resolve_profile(chosen)
    for role, font in resolved.items():
        if not font.found:
            state = _("MISSING: no candidate face is installed")
            problems += 1
        elif font.fallback:
            state = _("open stand-in for {preferred}, which is not installed").format(
                preferred=font.preferred
            )
        else:
            state = _("ok")
        if font.found and font.looks_wrong:
            state += "; " + _(
                "WARNING: a {style} face, so it does not look like {wanted}: run scripts/setup or install {wanted}"
            ).format(style=font.style, wanted=face_style(font.preferred))
        elif font.found and font.fallback and font.style:
            state += "; " + _("a {style} face").format(style=font.style)
        weight = " Bold" if font.weight >= 700 else ""
        typer.echo(f"  {role:<12} {font.family + weight:<24} {state}")
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
    _what_readers_see(chosen, resolved)
    raise typer.Exit(1 if problems else 0)


def _what_readers_see(profile: Profile, resolved: dict[str, ResolvedFont]) -> None:
    """The PDF embeds the faces above; the DOCX names the standard faces, which each reader's machine fills."""
    typer.echo(_("What a reader sees:"))
    typer.echo("  PDF          " + _("the faces above, embedded: the same on every machine"))
    names = list(dict.fromkeys(role.docx_name for role in profile.roles.values()))
    typer.echo(
        "  DOCX         "
        + _(
            "names {faces}: Word or WPS shows them where they are installed, any other reader its own stand-ins; on this machine (LibreOffice, fontconfig):"
        ).format(faces="、".join(names))
    )
    for name in names:
        typer.echo(f"               {name} → {substituted_family(name) or '?'}")
