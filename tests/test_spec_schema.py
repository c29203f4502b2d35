"""The spec's JSON Schema (`notices schema`, notices.schema.json) accepts every spec the tool reads.

An editor validates a spec against the schema as it is typed (VS Code's YAML extension: the examples name the
schema on their first line). A form the loader reads but the schema refuses (``phone: 021-6288 1234`` for a
list of numbers, ``attachments: [价格表]`` for attachments with titles, an issuer's name left to the house
style) puts a red line under a correct spec, and a sales-admin told "not of type 'array'" stops trusting
either. So every spec we ship and every real notice of the corpus is validated as an editor reads it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import notices
from notices.cli.schema import spec_schema

ROOT = Path(__file__).resolve().parents[1]
SPECS = sorted(
    path
    for pattern in (
        "examples/*.yaml",
        "examples/house-styles/*.yaml",
        "corpus/real/*.yaml",
        "notices/kinds/*/examples/*.yaml",
    )
    for path in ROOT.glob(pattern)
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = spec_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_an_editor_reads(value: Any) -> Any:
    """The YAML as JSON: an editor's YAML (1.2) has no date type, so a date is its text."""
    if isinstance(value, dict):
        return {str(key): as_an_editor_reads(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_an_editor_reads(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def problems(validator: jsonschema.protocols.Validator, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message[:160]}"
        for error in validator.iter_errors(data)
    ]


def test_the_specs_are_many_kinds() -> None:
    assert len(SPECS) > 50 and {path.parent.name for path in SPECS} >= {"examples", "house-styles", "real"}


@pytest.mark.parametrize("path", SPECS, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_spec_the_tool_reads_is_one_the_schema_accepts(
    validator: jsonschema.protocols.Validator, path: Path
) -> None:
    notices.load(path)  # the tool reads it
    data = as_an_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert problems(validator, data) == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "title: 通知\nissuer: 某公司\nbody: [正文]\nsign_off: {date: 2026-01-05, stamp: seal.png}\n",
            "sign_off",
        ),
        ("title: 通知\nissuer: 某公司\nbody: [正文]\ncontact: {phone: [021-1234, {x: 1}]}\n", "contact"),
        ("title: 通知\nissuer: 某公司\nbody: [正文]\ndeadline: {label: 下单, date: 2026-01-05}\n", ""),
    ],
    ids=["unknown-key-in-sign-off", "not-a-number", "misspelt-key"],
)
def test_the_schema_still_flags_what_the_tool_refuses(
    validator: jsonschema.protocols.Validator, text: str, where: str
) -> None:
    with pytest.raises(notices.SpecError):
        notices.load(yaml.safe_load(text))
    found = problems(validator, as_an_editor_reads(yaml.safe_load(text)))
    assert found and any(line.startswith(where) for line in found), found
