"""What `notices send` reads from a batch's manifest: where the spec is, and each row's values as typed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import notices
from notices.batch.manifest import load_manifest, row_from_json, row_to_json

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_manifest_records_the_spec_path_and_the_row_values(tmp_path: Path) -> None:
    rows = [
        {"code": "C1", "name": "上海恒信商贸有限公司", "email": "a@example.com; b@example.com"},
        {"code": "C2", "name": "苏州华达贸易有限公司", "since": dt.date(2019, 3, 1)},
    ]
    out = tmp_path / "out"
    notices.render_many(notices.load(EXAMPLES / "stockup.zh.yaml"), rows, out, formats="pdf")
    manifest = load_manifest(out)
    assert manifest is not None
    assert (out / manifest.spec["path"]).resolve() == (EXAMPLES / "stockup.zh.yaml").resolve()
    assert [e.data for e in manifest.entries] == rows  # the date comes back as a date
    assert json.loads((out / "manifest.json").read_text())["entries"][1]["data"]["since"] == {
        "$date": "2019-03-01"
    }


def test_row_values_round_trip_through_json() -> None:
    value = {
        "when": dt.datetime(2026, 2, 6, 17, 0),
        "day": dt.date(2026, 2, 6),
        "at": dt.time(9, 30),
        "list": [1, 2.5, True, None, "x"],
        "nested": {"$date": "not a date"},
    }
    assert row_from_json(json.loads(json.dumps(row_to_json(value)))) == value
