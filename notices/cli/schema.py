"""`notices schema`: the spec's JSON Schema, for editors that complete and validate YAML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from notices.cli import app


def spec_schema() -> dict[str, object]:
    from notices.spec.model import NoticeSpec

    schema = NoticeSpec.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "notices spec"
    return schema


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to a file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of a notice spec.

    Examples:

        notices schema -o notices.schema.json

    Then start a spec with  # yaml-language-server: $schema=notices.schema.json  so that VS Code (YAML
    extension) completes keys and flags mistakes as you type.
    """
    text = json.dumps(spec_schema(), ensure_ascii=False, indent=2)
    if output is None:
        typer.echo(text)
    else:
        from notices.fsio import atomic_write_bytes

        atomic_write_bytes(output, (text + "\n").encode("utf-8"))
        typer.echo(str(output))
