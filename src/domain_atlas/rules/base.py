"""What every architecture rule is: an id, a title, a hint, and `check(service)` over the read model.

Rules are small objects in one registry (`rules.catalogue.RULES`), in the style of import-linter's contracts:
adding a rule is adding one class, and the reports, the suppressions and the pages all learn of it from there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from domain_atlas.model import ImportEdge, LayerScheme, Service, Violation
from domain_atlas.model.contracts import Contract


@dataclass(frozen=True)
class RuleContext:
    """What a check may need beyond the service: the layer ranks, the project's contracts, the ADR links."""

    scheme: LayerScheme = field(default_factory=LayerScheme.default)
    contracts: Sequence[Contract] = ()
    adr_links: Mapping[str, str] = field(default_factory=dict)


class ArchitectureRule:
    id: ClassVar[str]
    title: ClassVar[str]
    hint: ClassVar[str]
    severity: ClassVar[str] = "error"

    def check(self, service: Service, context: RuleContext) -> Iterable[Violation]:
        raise NotImplementedError

    def at_import(self, edge: ImportEdge, message: str, context: RuleContext) -> Violation:
        return Violation(
            rule=self.id,
            source=edge.source,
            target=edge.target,
            file=edge.file,
            line=edge.line,
            severity=self.severity,
            message=message,
            hint=self.hint,
            adr=context.adr_links.get(self.id, ""),
            type_only=edge.type_checking,
        )
