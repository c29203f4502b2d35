"""WeasyPrint's and pydyf's internals are used only on the versions they were verified on; elsewhere the PDF is
WeasyPrint's own write_pdf, with one line of warning."""

from __future__ import annotations

import functools
import logging

import pytest

import notices
from notices.layout import lay_out
from notices.renderers import weasy
from notices.renderers.pdf import standard_pdf
from notices.renderers.pdf_engine import PdfEngine


@pytest.mark.parametrize(
    ("versions", "verified"),
    [
        ({"weasyprint": "70.0", "pydyf": "0.13.0"}, True),
        ({"weasyprint": "70.2", "pydyf": "0.11.0"}, True),
        ({"weasyprint": "71.0", "pydyf": "0.13.0"}, False),
        ({"weasyprint": "70.0", "pydyf": "0.14.0"}, False),
        ({"weasyprint": "700.0", "pydyf": "0.13.0"}, False),
        ({"pydyf": "0.13.0"}, False),
    ],
)
def test_only_the_verified_versions_pass(versions: dict[str, str], verified: bool) -> None:
    assert (weasy.version_problem(versions) is None) == verified


def test_the_installed_versions_and_internals_are_the_verified_ones() -> None:
    assert weasy.unverified() is None


def test_unverified_internals_fall_back_to_write_pdf_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, examples_dir: object
) -> None:
    layout = lay_out(notices.compose(notices.load(f"{examples_dir}/general.zh.yaml")))
    monkeypatch.setattr(weasy, "unverified", lambda: "weasyprint 71.0 is not the version verified")
    weasy.warn_once.cache_clear()
    # lay_out_faster runs once per process: called under the pretended versions it would install nothing for
    # the tests after this one in the same worker (test_weasy_styles.py saw WeasyPrint's own styling then)
    monkeypatch.setattr(weasy, "lay_out_faster", functools.cache(weasy.lay_out_faster.__wrapped__))
    engine = PdfEngine()
    with caplog.at_level(logging.WARNING, logger="notices"):
        first = engine.render(layout)
        engine.render(layout)
    assert first.path == "standard"
    assert first.data == standard_pdf(layout)
    warnings = [r.getMessage() for r in caplog.records if r.name == "notices"]
    assert len(warnings) == 1 and "\n" not in warnings[0] and "write_pdf" in warnings[0]
    weasy.warn_once.cache_clear()
