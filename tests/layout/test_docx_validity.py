"""Every DOCX we write is valid OOXML, checked as Microsoft's Open XML SDK checks it (openxml-audit carries the
SDK's schema data: the ECMA-376 transitional schemas plus the Office extensions our drawings use), and its font
table lists the faces it uses."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator
from openxml_audit.context import ValidationContext
from openxml_audit.errors import ValidationError
from openxml_audit.parts import OpenXmlPart
from openxml_audit.schema.validator import SchemaValidator

from notices.renderers.docx_package import face_info

from .conftest import Rendered, rendered_or_skip


class SchemaCheckOncePerPart(SchemaValidator):
    """The schema check of a part, done once per distinct part for the session.

    That check reads the part's XML and the Office version and nothing else (openxml-audit 0.8,
    schema/validator.py; the package, relationships and other parts are the semantic phase's, which still runs
    on every DOCX). The examples' DOCX share their styles part, most of every package's elements, with the
    others of their house style, language and profile, so a part already checked gives its errors again
    instead of a second walk (bench/RESULTS.md, "test suite"). A part that differs by a byte is checked anew.
    """

    def __init__(self) -> None:
        super().__init__()
        self._found: dict[tuple[object, str, bytes | None], list[ValidationError]] = {}

    def validate_part(self, part: OpenXmlPart, context: ValidationContext) -> list[ValidationError]:
        key = (context.file_format, part.uri, part.raw_content)
        if key in self._found:
            context.set_part(part)
            context.errors.extend(self._found[key])
            return context.errors
        before = len(context.errors)
        super().validate_part(part, context)
        if not context.should_stop:  # a list cut short by the error limit is not the part's whole answer
            self._found[key] = context.errors[before:]
        return context.errors


def _validator() -> OpenXmlValidator:
    validator = OpenXmlValidator()
    # the private slot openxml-audit 0.8 (pinned < 0.9 in pyproject.toml) validates every part's schema with
    assert isinstance(validator._schema_validator, SchemaValidator)
    validator._schema_validator = SchemaCheckOncePerPart()
    return validator


VALIDATOR = _validator()


def problems(path: Path) -> list[str]:
    result = VALIDATOR.validate(str(path))
    return [f"{e.error_type.value} {e.part_uri} {e.path}: {e.description}" for e in result.errors]


@pytest.mark.slow  # the Open XML SDK's schemas and semantic checks over every example's DOCX
def test_every_docx_is_schema_valid(rendered_examples: dict[str, Rendered]) -> None:
    found = {key: problems(r.docx) for key, r in rendered_examples.items()}
    invalid = {key: found[key][:5] for key in found if found[key]}
    assert not invalid, invalid


def test_the_validator_sees_a_run_property_out_of_order(long_notice: Rendered, tmp_path: Path) -> None:
    """The check above can fail: w:spacing after w:sz (what Word drops) is reported, each time it is seen."""
    broken = tmp_path / "broken.docx"
    shutil.copy(long_notice.docx, broken)
    with zipfile.ZipFile(long_notice.docx) as source:
        styles = source.read("word/styles.xml").decode("utf-8")
    moved = re.sub(r'(<w:spacing w:val="-5"/>)(.*?)(</w:rPr>)', r"\2\1\3", styles, count=1, flags=re.S)
    assert moved != styles
    with zipfile.ZipFile(long_notice.docx) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, moved.encode("utf-8") if item.filename == "word/styles.xml" else data)
    assert any("spacing" in problem for problem in problems(broken))
    # a second package with the same broken part: its errors come from the first check, and still count
    again = tmp_path / "again.docx"
    shutil.copy(broken, again)
    assert problems(again) == problems(broken)


def font_table(rendered: Rendered) -> dict[str, str]:
    with zipfile.ZipFile(rendered.docx) as package:
        xml = package.read("word/fontTable.xml").decode("utf-8")
    return dict(re.findall(r'<w:font w:name="([^"]*)">(.*?)</w:font>', xml))


def named_faces(rendered: Rendered) -> set[str]:
    with zipfile.ZipFile(rendered.docx) as package:
        xml = "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if re.match(r"word/(document|footer\d*|header\d*)\.xml$", name)
        )
    return set(re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]*)"', xml))


@pytest.mark.parametrize("key", ["long-notice.zh", "price.en", "house-styles/recall.zh"])
def test_font_table_lists_the_faces_used_and_no_template_faces(
    key: str, rendered_examples: dict[str, Rendered]
) -> None:
    rendered = rendered_or_skip(rendered_examples, key)
    table = font_table(rendered)
    assert named_faces(rendered) <= set(table)
    assert not {"ＭＳ 明朝", "ＭＳ ゴシック", "Cambria", "Calibri", "Symbol"} & set(table)
    for name, entry in table.items():
        info = face_info(name)
        assert f'<w:charset w:val="{info.charset}"/>' in entry
        if any(ord(char) > 0x2E7F for char in name):
            assert info.charset == "86", name  # GB2312: Word substitutes a Chinese face for a missing one
    if rendered.doc.lang == "zh":
        assert '<w:altName w:val="FangSong"/>' in table["仿宋"]


def test_no_template_leftovers(long_notice: Rendered) -> None:
    with zipfile.ZipFile(long_notice.docx) as package:
        names = package.namelist()
    assert "word/stylesWithEffects.xml" not in names
    assert not [name for name in names if name.startswith("docProps/thumbnail")]
