"""The registry of architecture rules Domain Atlas checks: one small object per rule, each with its hint."""

from __future__ import annotations

from domain_atlas.model import Service, Violation
from domain_atlas.rules.base import ArchitectureRule, RuleContext
from domain_atlas.rules.class_rules import AggregateReferencesById, QueriesReturnReadModels, ValueObjectsImmutable
from domain_atlas.rules.contracts import ImportLinterContracts
from domain_atlas.rules.imports import (
    ApplicationFrameworkFree,
    ContextIndependence,
    DomainFrameworkFree,
    InboundNotOutbound,
    LayerDependency,
)
from domain_atlas.rules.relationships import RelationshipAclBypassed, RelationshipSeparateWays

RULES: dict[str, ArchitectureRule] = {
    rule.id: rule
    for rule in (
        LayerDependency(),
        DomainFrameworkFree(),
        ApplicationFrameworkFree(),
        InboundNotOutbound(),
        ContextIndependence(),
        QueriesReturnReadModels(),
        AggregateReferencesById(),
        ValueObjectsImmutable(),
        ImportLinterContracts(),
        RelationshipAclBypassed(),
        RelationshipSeparateWays(),
    )
}


def check_all(service: Service, context: RuleContext) -> list[Violation]:
    """Every rule of the registry over one service, each violation once, sorted."""
    found: set[Violation] = set()
    for rule in RULES.values():
        found.update(rule.check(service, context))
    return sorted(found)
