"""The decision log: ADR front matter read into an index, and the rules each ADR states."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

import yaml

from domain_atlas.rendering.markdown_escape import markdown_text

STATUSES = ("proposed", "accepted", "superseded", "deprecated", "rejected")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_TITLE = re.compile(r"^#\s+(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Decision:
    path: str  # docs-relative, e.g. "adr/0001-adopt-ddd.md"
    number: str
    title: str
    status: str
    date: str
    deciders: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()
    rules: tuple[str, ...] = field(default=())


class DecisionError(ValueError):
    """An ADR whose front matter cannot be read; names the file and line."""


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value)
    return (str(value),)


def read_decision(path: str, markdown: str, rules_by_adr: Mapping[str, Sequence[str]]) -> Decision | None:
    match = _FRONT_MATTER.match(markdown)
    number = re.match(r"(\d+)", path.rsplit("/", 1)[-1])
    if match is None or number is None:
        return None
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise DecisionError(f"{path}:{line}: front matter is not valid YAML") from error
    status = str(meta.get("status", "proposed")).lower()
    if status not in STATUSES:
        raise DecisionError(f"{path}:1: unknown status {status!r}; use one of {', '.join(STATUSES)}")
    title = _TITLE.search(markdown[match.end() :])
    return Decision(
        path=path,
        number=number.group(1),
        title=title.group(1).strip() if title else path,
        status=status,
        date=str(meta.get("date", "")),
        deciders=_strings(meta.get("deciders")),
        supersedes=_strings(meta.get("supersedes")),
        superseded_by=_strings(meta.get("superseded_by")),
        rules=tuple(sorted(rules_by_adr.get(path, ()))),
    )


def badge(status: str) -> str:
    return f'<span class="da-badge da-status-{escape(status)}">{escape(status)}</span>'


def index_markdown(decisions: Sequence[Decision], link: Any, rule_link: Any) -> str:
    numbers = {decision.number: decision for decision in decisions}
    lines = [
        "# Decision log",
        "",
        "Every architecture decision record in this site, newest number first, read from each ADR's front matter.",
        "Rules that Domain Atlas checks link to the decision that states them.",
        "",
        "| ADR | Decision | Status | Date | Supersedes | Superseded by | Rules enforced |",
        "|---|---|---|---|---|---|---|",
    ]

    def refs(values: Sequence[str]) -> str:
        shown = [f"[{v}]({link(numbers[v].path)})" if v in numbers else markdown_text(v) for v in values]
        return ", ".join(shown) or "—"

    for decision in sorted(decisions, key=lambda d: d.number, reverse=True):
        rules = ", ".join(rule_link(rule) for rule in decision.rules) or "—"
        lines.append(
            f"| {markdown_text(decision.number)} | [{markdown_text(decision.title)}]({link(decision.path)}) "
            f"| {badge(decision.status)} | {markdown_text(decision.date)} | {refs(decision.supersedes)} "
            f"| {refs(decision.superseded_by)} | {rules} |"
        )
    return "\n".join(lines) + "\n"


def enforcement_section(decision: Decision, violation_counts: Mapping[str, int], violations_link: str) -> str:
    """Appended to an ADR page: the rules Domain Atlas checks for it and how often they are broken now."""
    if not decision.rules:
        return ""
    lines = ["", "## Rules that enforce this decision", ""]
    for rule in decision.rules:
        count = violation_counts.get(rule, 0)
        lines.append(
            f"- `{rule}`: {count} violation(s) in the documented services"
            if count
            else f"- `{rule}`: no violations in the documented services"
        )
    if violations_link:
        lines += ["", f"See the violations of each service in the [Architecture]({violations_link}) section."]
    return "\n".join(lines) + "\n"
