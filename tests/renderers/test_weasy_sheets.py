"""WeasyPrint's stylesheets for forms and presentational hints are parsed when a document asks for them, and
then give the PDF WeasyPrint's ordinary import gives. Imports run in fresh interpreters (once per process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from notices.renderers.weasy import sheets

# Hints (border, width, bgcolor, font) and form fields, each sheet's business; the date is fixed so that two
# processes write the same bytes.
_PROBE = textwrap.dedent(
    """
    import hashlib, json, sys
    if sys.argv[1] == "notices":
        from notices.renderers.weasy import load_weasyprint
        weasyprint = load_weasyprint()
    else:
        import weasyprint
    html = weasyprint.html
    unparsed = {name: "_deferred_arguments" in vars(getattr(html, name))
                for name in ("UA_STYLESHEET", "UA_FORM_STYLESHEET", "PH_STYLESHEET")}
    source = ('<table border=1 width=300><tr><td bgcolor=yellow><font color=red size=5>通知 hint</font>'
              '</td></tr></table><form><input type=text value=x><select><option>a</select></form>')
    digest = lambda pdf: hashlib.sha256(pdf).hexdigest()
    print(json.dumps({
        "unparsed": unparsed,
        "plain": digest(weasyprint.HTML(string=source).write_pdf()),
        "hinted": digest(weasyprint.HTML(string=source).write_pdf(presentational_hints=True, pdf_forms=True)),
        "same_object": weasyprint.PH_STYLESHEET is html.PH_STYLESHEET,
    }))
    """
)


def _probe(how: str) -> dict[str, object]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, how], capture_output=True, text=True, check=True, env=env
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_the_sheets_wait_for_a_document_that_asks_and_give_weasyprints_pdf() -> None:
    ours, ordinary = _probe("notices"), _probe("weasyprint")
    assert ours["unparsed"] == {"UA_STYLESHEET": False, "UA_FORM_STYLESHEET": True, "PH_STYLESHEET": True}
    assert ordinary["unparsed"] == {
        "UA_STYLESHEET": False,
        "UA_FORM_STYLESHEET": False,
        "PH_STYLESHEET": False,
    }
    assert ours["same_object"] is True
    assert (ours["plain"], ours["hinted"]) == (ordinary["plain"], ordinary["hinted"])
    assert ours["plain"] != ours["hinted"]  # the hints and the form sheet were applied


def test_a_lazy_sheet_is_built_once_with_its_arguments_on_first_read() -> None:
    built = []

    class Sheet:
        def __init__(self, string: str = "", counter_style: object = None) -> None:
            built.append((string, counter_style))
            self.matcher = f"rules of {string}"

    lazy = sheets.lazy_css_class(Sheet)(string="p {}", counter_style="counters")
    assert built == [] and isinstance(lazy, Sheet)
    assert lazy.matcher == "rules of p {}" and lazy.matcher == "rules of p {}"
    assert built == [("p {}", "counters")]
    with pytest.raises(AttributeError):
        lazy.page_rules  # noqa: B018 - not set by the class's __init__: missing as on any object
