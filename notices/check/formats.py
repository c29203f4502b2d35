"""Findings as text for people, JSON for scripts, GitHub workflow commands, and SARIF 2.1.0 for code scanning."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from notices.check.findings import Finding
from notices.check.registry import all_rules
from notices.i18n import _

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def where(finding: Finding) -> str:
    parts = [finding.file]
    if finding.line is not None:
        parts.append(str(finding.line))
        if finding.column is not None:
            parts.append(str(finding.column))
    return ":".join(parts)


def as_text(findings: Sequence[Finding], files_checked: int | None = None) -> str:
    """``file:line:col: severity RULE message [path]`` and an indented ``fix:``; then, given
    ``files_checked``, a one-line summary. The words are the reader's language's; rule IDs, paths and the
    layout stay as they are, so an editor still jumps to ``file:line:col``."""
    lines = []
    for finding in findings:
        at = f" [{finding.path}]" if finding.path else ""
        lines.append(
            f"{where(finding)}: {severity_word(finding.severity)} {finding.rule} {finding.message}{at}"
        )
        if finding.fix:
            lines.append("    " + _("fix: {fix}").format(fix=finding.fix))
    if files_checked is not None:
        lines.append(summary(findings, files_checked))
    return "\n".join(lines) + ("\n" if lines else "")


def severity_word(severity: str) -> str:
    """``error``, ``warning``, ``info`` in the reader's language."""
    return {"error": _("error"), "warning": _("warning"), "info": _("info")}.get(severity, severity)


def summary(findings: Sequence[Finding], files_checked: int) -> str:
    counts = Counter(f.severity for f in findings)
    files = (_("{count} file") if files_checked == 1 else _("{count} files")).format(count=files_checked)
    if not findings:
        return _("{files} checked: no problems").format(files=files)
    words = {
        "error": (_("{count} error"), _("{count} errors")),
        "warning": (_("{count} warning"), _("{count} warnings")),
        "info": (_("{count} info"), _("{count} infos")),
    }
    parts = [
        words[s][counts[s] != 1].format(count=counts[s]) for s in ("error", "warning", "info") if counts[s]
    ]
    fixable = sum(1 for f in findings if f.edit is not None)
    found = _(", ").join(parts)
    if fixable:
        return _("{files} checked: {found} ({fixable} fixable with --fix)").format(
            files=files, found=found, fixable=fixable
        )
    return _("{files} checked: {found}").format(files=files, found=found)


def as_json(findings: Sequence[Finding], files_checked: int = 0) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def _github_escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(findings: Sequence[Finding], files_checked: int = 0) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
    lines = []
    for finding in findings:
        props = [f"file={_github_escape(finding.file, property_value=True)}"]
        if finding.line is not None:
            props.append(f"line={finding.line}")
        if finding.column is not None:
            props.append(f"col={finding.column}")
        props.append(f"title={_github_escape(finding.rule, property_value=True)}")
        message = finding.message + (f" (fix: {finding.fix})" if finding.fix else "")
        lines.append(f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::{_github_escape(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def as_sarif(findings: Sequence[Finding], files_checked: int = 0) -> str:
    """A SARIF 2.1.0 log with one run; rules carry their summary, source and default level."""
    rules = all_rules()
    used = sorted({f.rule for f in findings})
    descriptors = []
    for rule_id in used:
        rule = rules.get(rule_id)
        descriptor: dict[str, object] = {"id": rule_id}
        if rule is not None:
            descriptor |= {
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.explanation},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                "properties": {"source": rule.source},
            }
        descriptors.append(descriptor)
    results = []
    for finding in findings:
        region: dict[str, int] = {}
        if finding.line is not None:
            region["startLine"] = finding.line
            if finding.column is not None:
                region["startColumn"] = finding.column
        physical: dict[str, object] = {"artifactLocation": {"uri": _uri(finding.file)}}
        if region:
            physical["region"] = region
        result: dict[str, object] = {
            "ruleId": finding.rule,
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message + (f" Fix: {finding.fix}" if finding.fix else "")},
            "locations": [{"physicalLocation": physical}],
        }
        if finding.rule in used:
            result["ruleIndex"] = used.index(finding.rule)
        if finding.path:
            result["properties"] = {"path": finding.path}
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "notices", "rules": descriptors}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _uri(file: str) -> str:
    path = Path(file)
    return path.as_posix() if not path.is_absolute() else path.as_uri()


FORMATTERS: dict[str, Callable[[Sequence[Finding], int], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
    "sarif": as_sarif,
}
