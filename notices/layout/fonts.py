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

# The style of each face a role may fall back to: a reader sees a 宋体 body where the standard asks for 仿宋
# when only Noto Serif CJK SC is installed. Standard faces are named by style (仿宋_GB2312, 楷体 …) and not listed.
FACE_STYLES: dict[str, str] = {
    "FandolFang": "仿宋",
    "LXGW WenKai": "楷体",
    "AR PL UKai CN": "楷体",
    "Noto Sans CJK SC": "黑体",
    "Noto Serif CJK SC": "宋体",
    "FZXiaoBiaoSong-B05S": "小标宋",
    "FangSong": "仿宋",
    "KaiTi": "楷体",
    "SimHei": "黑体",
    "SimSun": "宋体",
}
_STYLE_PREFIXES = ("仿宋", "楷体", "黑体", "宋体", "方正小标宋")


def face_style(family: str, weight: int = 400) -> str | None:
    """The style a reader recognises in a face (仿宋, 楷体, 黑体, 宋体, 小标宋), None when unknown.

    A bold 宋体 is the stand-in for 小标宋, a heavy display 宋体: the role's title face (profiles.py)."""
    style = FACE_STYLES.get(family) or next(
        (prefix for prefix in _STYLE_PREFIXES if family.startswith(prefix)), None
    )
    if style == "方正小标宋":
        return "小标宋"
    if style == "宋体" and weight >= 700:
        return "小标宋"
    return style


@dataclass(frozen=True)
class ResolvedFont:
    role: str
    family: str
    weight: int
    preferred: str
    fallback: bool  # True when a standard face is missing and an open substitute stands in
    found: bool  # False when no candidate is installed at all

    @property
    def style(self) -> str | None:
        """The style a reader sees (仿宋, 楷体 …), None for a face of unknown style (a house style's)."""
        return face_style(self.family, self.weight)

    @property
    def looks_wrong(self) -> bool:
        """True when the face printed is known to be of another style than the standard face of the role:
        the body in a 宋体 face does not look like 仿宋 (issue 13)."""
        wanted = face_style(self.preferred)
        return self.found and wanted is not None and self.style is not None and self.style != wanted


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
