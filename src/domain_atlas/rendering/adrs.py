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


# Front matter is a handful of short fields: these limits stop a YAML "billion laughs" long before it costs time.
MAX_FRONT_MATTER_BYTES = 16_384
MAX_ALIASES = 20


class _TooManyAliases(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line  # 0-based, inside the front matter


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses more than a few aliases (`*name`), the stuff of alias bombs."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _TooManyAliases(mark.line)
        return super().compose_node(parent, index)


def _front_matter(path: str, text: str) -> dict[str, Any]:
    if len(text.encode("utf-8", errors="replace")) > MAX_FRONT_MATTER_BYTES:
        raise DecisionError(f"{path}:2: front matter is over {MAX_FRONT_MATTER_BYTES:,} bytes; not read")
    try:
        meta = yaml.load(text, Loader=_FrontMatterLoader)  # a SafeLoader: builds no Python objects
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 2 if mark is not None else 2
        raise DecisionError(f"{path}:{line}: front matter is not valid YAML ({error.problem})") from error
    except _TooManyAliases as error:
        # The front matter starts on the file's second line, after `---`.
        raise DecisionError(
            f"{path}:{error.line + 2}: front matter not read: over {MAX_ALIASES} aliases (*name)"
        ) from error
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise DecisionError(
            f"{path}:2: front matter is a {type(meta).__name__}, expected a mapping such as 'status: accepted'"
        )
    return meta


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
    meta = _front_matter(path, match.group(1))
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
