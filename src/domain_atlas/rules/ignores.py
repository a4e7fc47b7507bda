"""Inline suppressions: `# domain-atlas: ignore[rule-id] reason` on the violating line or the line above.

A reason is required, the rule id must exist, and a suppression that matches nothing is reported, so
ignores cannot quietly outlive the code they excused.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from domain_atlas.model import Diagnostic, Level, Suppression, Violation
from domain_atlas.rules.catalogue import RULES


def apply_suppressions(
    violations: Sequence[Violation], suppressions: Iterable[Suppression]
) -> tuple[list[Violation], list[Diagnostic]]:
    usable: list[Suppression] = []
    problems: list[Diagnostic] = []
    for suppression in suppressions:
        unknown = [rule for rule in suppression.rules if rule not in RULES]
        if unknown:
            problems.append(
                Diagnostic(
                    suppression.file,
                    suppression.line,
                    Level.ERROR,
                    f"ignore names unknown rule(s) {', '.join(unknown)}; known rules: {', '.join(sorted(RULES))}",
                )
            )
            continue
        if not suppression.reason.strip():
            problems.append(
                Diagnostic(
                    suppression.file,
                    suppression.line,
                    Level.ERROR,
                    "ignore without a reason: write why after the bracket, e.g. "
                    "'# domain-atlas: ignore[layer-dependency] legacy import, ticket 123'",
                )
            )
            continue
        usable.append(suppression)
    # By file and line, in the order written: a violation looks at its own line and the one above, not at all.
    at: dict[tuple[str, int], list[tuple[int, Suppression]]] = {}
    for order, suppression in enumerate(usable):
        at.setdefault((suppression.file, suppression.line), []).append((order, suppression))
    kept: list[Violation] = []
    used: set[Suppression] = set()
    for violation in violations:
        candidates = [
            *at.get((violation.file, violation.line), ()),
            *at.get((violation.file, violation.line - 1), ()),
        ]
        match = min(
            ((order, s) for order, s in candidates if violation.rule in s.rules),
            key=_first,
            default=(0, None),
        )[1]
        if match is None:
            kept.append(violation)
        else:
            used.add(match)
    for suppression in usable:
        if suppression not in used:
            problems.append(
                Diagnostic(
                    suppression.file,
                    suppression.line,
                    Level.WARNING,
                    f"ignore[{','.join(suppression.rules)}] matches no violation: remove it",
                )
            )
    return kept, problems


def _first(entry: tuple[int, Suppression]) -> int:
    return entry[0]
