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
    kept: list[Violation] = []
    used: set[Suppression] = set()
    for violation in violations:
        match = next(
            (
                s
                for s in usable
                if s.file == violation.file
                and violation.rule in s.rules
                and s.line in (violation.line, violation.line - 1)
            ),
            None,
        )
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
