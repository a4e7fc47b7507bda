"""Violation reports for people and for CI systems: text, JSON, SARIF 2.1.0, GitHub annotations, JUnit XML."""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from domain_atlas import __version__
from domain_atlas.adapters.command_line import REPORT_FORMATS
from domain_atlas.model import Violation
from domain_atlas.rules.catalogue import RULES

FORMATS = REPORT_FORMATS
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(violations: Sequence[Violation], output_format: str, new: Sequence[Violation]) -> str:
    return {
        "text": _text,
        "json": _json,
        "sarif": _sarif,
        "github": _github,
        "junit": _junit,
    }[output_format](violations, new)


def _text(violations: Sequence[Violation], new: Sequence[Violation]) -> str:
    fresh = set(new)
    lines = [
        f"{v.location()}: {v.severity}: [{v.rule}] {v.message}"
        + (" (type-only)" if v.type_only else "")
        + ("" if v in fresh else " (in baseline)")
        for v in violations
    ]
    lines.append(f"{len(violations)} violation(s), {len(new)} new")
    return "\n".join(lines) + "\n"


def _json(violations: Sequence[Violation], new: Sequence[Violation]) -> str:
    fresh = set(new)
    return (
        json.dumps(
            {
                "violations": [
                    {
                        "rule": v.rule,
                        "severity": v.severity,
                        "source": v.source,
                        "target": v.target,
                        "file": v.file,
                        "line": v.line,
                        "message": v.message,
                        "hint": v.hint,
                        "adr": v.adr,
                        "type_only": v.type_only,
                        "new": v in fresh,
                    }
                    for v in violations
                ],
                "new": len(new),
            },
            indent=2,
        )
        + "\n"
    )


SOURCE_ROOT = "SRCROOT"


def _sarif(violations: Sequence[Violation], new: Sequence[Violation]) -> str:
    fresh = set(new)
    used_rules = sorted({v.rule for v in violations} | set(RULES))
    rules = [
        {
            "id": rule,
            "name": "".join(part.capitalize() for part in rule.split("-")),
            "shortDescription": {"text": RULES[rule].title},
            "help": {"text": RULES[rule].hint},
            "defaultConfiguration": {"level": SARIF_LEVEL.get(RULES[rule].severity, "error")},
        }
        for rule in used_rules
        if rule in RULES
    ]
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    results = [
        {
            "ruleId": v.rule,
            "ruleIndex": index[v.rule],
            "level": SARIF_LEVEL.get(v.severity, "error"),
            "message": {"text": f"{v.message}. {v.hint}".strip()},
            "locations": [
                {
                    "physicalLocation": {
                        # `file` is relative to the repository root (SRCROOT), as code scanning expects.
                        "artifactLocation": {"uri": quote(v.file), "uriBaseId": SOURCE_ROOT},
                        "region": {"startLine": max(v.line, 1)},
                    }
                }
            ],
            "baselineState": "new" if v in fresh else "unchanged",
        }
        for v in violations
    ]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "domain-atlas", "version": __version__, "rules": rules}},
                "originalUriBaseIds": {
                    SOURCE_ROOT: {"description": {"text": "The root of the analysed service's repository."}}
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def _github(violations: Sequence[Violation], new: Sequence[Violation]) -> str:
    def clean(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    lines = [
        f"::{'error' if v.severity == 'error' else 'warning'} file={v.file},line={v.line},"
        f"title={clean(v.rule)}::{clean(v.message + '. ' + v.hint)}"
        for v in new
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def _junit(violations: Sequence[Violation], new: Sequence[Violation]) -> str:
    cases = []
    for v in violations:
        name = quoteattr(f"{v.rule} {v.location()}")
        if v in set(new):
            body = escape(f"{v.location()}: {v.message}\n{v.hint}")
            cases.append(
                f'    <testcase classname="domain-atlas.{v.rule}" name={name}>\n'
                f"      <failure type={quoteattr(v.rule)} message={quoteattr(v.message)}>{body}</failure>\n"
                "    </testcase>"
            )
        else:
            cases.append(f'    <testcase classname="domain-atlas.{v.rule}" name={name}><skipped/></testcase>')
    if not cases:
        cases.append('    <testcase classname="domain-atlas" name="no violations"/>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites name="domain-atlas" tests="{max(len(violations), 1)}" failures="{len(new)}">\n'
        f'  <testsuite name="architecture rules" tests="{max(len(violations), 1)}" failures="{len(new)}">\n'
        + "\n".join(cases)
        + "\n  </testsuite>\n</testsuites>\n"
    )
