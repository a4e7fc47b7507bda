"""Violations grouped the way a reader triages them: by rule (with its ADR and advice) and by module, with counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain_atlas.model import Service, Violation


@dataclass(frozen=True)
class RuleGroup:
    rule: str
    adr: str
    hint: str  # the advice when every violation of the rule shares it, else "" (then each row has its own)
    violations: tuple[Violation, ...]

    @property
    def anchor(self) -> str:
        return "da-rule-" + "".join(char if char.isalnum() else "-" for char in self.rule.lower())


@dataclass(frozen=True)
class ModuleCount:
    module: str
    context: str
    count: int


class ViolationView:
    def __init__(self, service: Service, violations: tuple[Violation, ...] | list[Violation]) -> None:
        self.service = service
        self.violations = sorted(violations, key=lambda v: (v.rule, v.file, v.line, v.target))
        # Paths are shown from the service's source root; the full (repository) path is on hover.
        self.roots = sorted((root.rstrip("/") + "/" for root in service.source_roots if root not in ("", ".")), key=len)

    def by_rule(self) -> list[RuleGroup]:
        groups: dict[str, list[Violation]] = {}
        for violation in self.violations:
            groups.setdefault(violation.rule, []).append(violation)
        found = []
        for rule, members in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
            hints = {v.hint for v in members}
            adrs = sorted({v.adr for v in members if v.adr})
            found.append(
                RuleGroup(rule, adrs[0] if adrs else "", hints.pop() if len(hints) == 1 else "", tuple(members))
            )
        return found

    def by_module(self) -> list[ModuleCount]:
        counts = Counter(self._module_of(v.source) for v in self.violations)
        rows = []
        for module, count in counts.items():
            found = self.service.module(module)
            rows.append(ModuleCount(module, (found.context or "") if found else "", count))
        return sorted(rows, key=lambda row: (-row.count, row.module))

    def _module_of(self, source: str) -> str:
        """A violation's source is a module or a class/function in one (a query handler, say)."""
        name = source
        while name and self.service.module(name) is None:
            name = name.rpartition(".")[0]
        return name or source

    def short_path(self, file: str) -> str:
        for root in reversed(self.roots):
            if file.startswith(root):
                return file[len(root) :]
        return file
