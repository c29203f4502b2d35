"""Which installed face fills each typographic role, decided once and used by the PDF, the DOCX and `doctor`.

fontconfig is asked for the installed families (once, cached; `notices.layout.fontconfig`); each role takes the first of its
candidates that is installed. Deciding here, rather than letting the CSS fallback list decide inside WeasyPrint,
means `notices doctor` reports exactly what the PDF will use.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass

from notices.layout.fontconfig import library
from notices.profiles import FontRole, Profile


@dataclass(frozen=True)
class ResolvedFont:
    role: str
    family: str
    weight: int
    preferred: str
    fallback: bool  # True when a standard face is missing and an open substitute stands in
    found: bool  # False when no candidate is installed at all


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Every family name fontconfig knows, in every language it lists (中文 names included)."""
    fontconfig = library()
    if fontconfig is not None:
        faces = fontconfig.families()
    elif shutil.which("fc-list"):
        out = subprocess.run(
            ["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, check=False, timeout=30
        ).stdout
        faces = [tuple(line.split(",")) for line in out.splitlines()]
    else:
        return frozenset()
    return frozenset(name.strip() for names in faces for name in names if name.strip())


def resolve_role(role: FontRole, extra_families: frozenset[str] = frozenset()) -> ResolvedFont:
    available = installed_families()
    preferred = role.candidates[0][0]
    for family, weight in role.candidates:
        if family in available or family in extra_families:
            return ResolvedFont(role.name, family, weight, preferred, family != preferred, True)
    family, weight = role.candidates[-1]
    return ResolvedFont(role.name, family, weight, preferred, True, False)


def resolve_profile(
    profile: Profile, extra_families: frozenset[str] = frozenset()
) -> dict[str, ResolvedFont]:
    return dict(_resolved_profile(profile, extra_families))


# Asked for every paragraph set; the installed families do not change while the process runs.
@functools.lru_cache(maxsize=64)
def _resolved_profile(
    profile: Profile, extra_families: frozenset[str]
) -> tuple[tuple[str, ResolvedFont], ...]:
    return tuple((name, resolve_role(role, extra_families)) for name, role in profile.roles.items())
