"""fontTools' subsetter and variable-font instancer, which WeasyPrint imports at start-up for rare fonts, are
imported when first used; WeasyPrint's calls reach the real functions. The import cases run in fresh
interpreters (an import happens once per process)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from notices.renderers.weasy import deferred

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "examples" / "stockup.zh.yaml"

_LOADED = textwrap.dedent(
    """
    import json, sys
    {prelude}
    from notices.renderers.weasy import load_weasyprint
    load_weasyprint()
    import weasyprint.pdf.fonts as fonts
    loaded = lambda: sorted(m for m in {deferred} if m in sys.modules)
    after_import = loaded()
    {then}
    print(json.dumps({{"after_import": after_import, "after": loaded(), "subset": repr(fonts.subset),
                      "instancer": fonts.instantiateVariableFont.__module__}}))
    """
)


def _run(prelude: str = "", then: str = "") -> dict[str, object]:
    script = _LOADED.format(prelude=prelude, then=then, deferred=sorted(deferred.DEFERRED))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_weasyprint_is_imported_without_them_and_a_notice_is_made_without_them(tmp_path: Path) -> None:
    render = (
        "import notices\n"
        f"open({str(tmp_path / 'n.pdf')!r}, 'wb').write(notices.render_bytes({str(SPEC)!r}, 'pdf'))\n"
    )
    result = _run(then=render)
    assert result["after_import"] == [] and result["after"] == []
    assert (tmp_path / "n.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_weasyprints_calls_reach_the_real_functions() -> None:
    # What Font.clean calls: the subsetter's classes, the instancer (given a font that is not variable, it
    # raises fontTools' own error, which Font.clean catches and logs).
    then = textwrap.dedent(
        """
        options = fonts.subset.Options(retain_gids=True)
        from fontTools import subset
        assert type(options) is subset.Options and fonts.subset.Subsetter is subset.Subsetter
        from fontTools.ttLib import TTFont
        from fontTools.varLib import instancer
        try:
            fonts.instantiateVariableFont(TTFont(), {}, static=True)
        except Exception as error:
            failed = type(error)
        try:
            instancer.instantiateVariableFont(TTFont(), {}, static=True)
        except Exception as error:
            assert failed is type(error), (failed, type(error))
        assert sys.modules["fontTools.subset"] is subset and not isinstance(subset, type(fonts.subset))
        """
    )
    result = _run(then=then)
    assert result["after_import"] == []
    assert result["after"] == sorted(deferred.DEFERRED)


@pytest.mark.slow
def test_modules_already_imported_are_left_as_they_are() -> None:
    result = _run(prelude="import fontTools.subset, fontTools.varLib.instancer")
    assert result["after_import"] == sorted(deferred.DEFERRED)
    assert "StandIn" not in str(result["subset"]) and result["instancer"] == "fontTools.varLib.instancer"


def test_a_stand_in_gives_only_the_deferred_functions_while_weasyprint_imports() -> None:
    stand_in = deferred.StandIn("fontTools.varLib.instancer")
    forwarder = stand_in.instantiateVariableFont
    assert callable(forwarder) and forwarder.__name__ == "instantiateVariableFont"
    with pytest.raises(AttributeError):
        stand_in.OverlapMode  # noqa: B018 - a name WeasyPrint does not import: the import goes the ordinary way
    stand_in.importing = False
    from fontTools.varLib import instancer

    assert stand_in.OverlapMode is instancer.OverlapMode


def test_stand_ins_leave_sys_modules_when_the_import_ends() -> None:
    before = {name: sys.modules.get(name) for name in deferred.DEFERRED}
    with deferred.standing_in(True):
        for name in deferred.DEFERRED:
            if before[name] is None:
                assert isinstance(sys.modules[name], deferred.StandIn)
    assert {name: sys.modules.get(name) for name in deferred.DEFERRED} == before
