"""Declared context relationships checked against the code.

A declared relationship makes the context rules precise: an anti-corruption layer whose context imports the
upstream's internals, or two contexts declared separate ways that depend on each other, break the declaration;
a conformist or shared-kernel relationship declares the coupling that `context-independence` would report, so
that rule steps back for the statements a declaration decides (`settled_statements`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from domain_atlas.model import DeclaredRelationship, ImportEdge, Service, SourceModule, Violation
from domain_atlas.model.federation import context_dependencies
from domain_atlas.rules.base import ArchitectureRule, RuleContext
from domain_atlas.rules.imports import is_event_import

# What another context may import of an upstream without reaching into it: its API, its kernel, its events.
PUBLIC_LAYERS = ("inbound_adapters", "shared_kernel")


def _declared_edges(
    service: Service,
) -> Iterator[tuple[ImportEdge, SourceModule, str, str, DeclaredRelationship]]:
    """(statement, imported module, importing context, imported context, declaration) between declared contexts."""
    if not service.relationships:
        return  # nothing declared (most services): no statement to look at, and three callers ask
    for edge in service.internal_imports():
        source, target = service.module(edge.source), service.module(edge.target)
        if source is None or target is None or not source.context or not target.context:
            continue
        if source.context == target.context:
            continue
        for relationship in service.relationships:
            if relationship.links(source.context, target.context):
                yield edge, target, source.context, target.context, relationship


def bypasses_acl(target: SourceModule, importer: str, imported: str, relationship: DeclaredRelationship) -> bool:
    return (
        "anti-corruption-layer" in relationship.patterns
        and (importer, imported) == (relationship.downstream, relationship.upstream)
        and target.layer not in PUBLIC_LAYERS
        and not is_event_import(target.name)
    )


class RelationshipAclBypassed(ArchitectureRule):
    id = "relationship-acl-bypassed"
    title = "A context behind a declared anti-corruption layer does not import the upstream's internals"
    hint = (
        "Translate in the downstream's anti-corruption adapter from the upstream's published events or API, "
        "or declare the relationship conformist if the downstream really takes the upstream's model."
    )

    def check(self, service: Service, context: RuleContext) -> Iterator[Violation]:
        for edge, target, importer, imported, relationship in _declared_edges(service):
            if bypasses_acl(target, importer, imported, relationship):
                message = (
                    f"{importer} declares an anti-corruption layer towards {imported}, but {edge.source} imports "
                    f"{edge.target} ({target.layer or 'no layer'}) directly"
                )
                yield self.at_import(edge, message, context)


class RelationshipSeparateWays(ArchitectureRule):
    id = "relationship-separate-ways"
    title = "Contexts declared as separate ways do not depend on each other"
    hint = "Remove the dependency, or declare the relationship the two contexts really have."

    def check(self, service: Service, context: RuleContext) -> Iterator[Violation]:
        for edge, _, importer, imported, relationship in _declared_edges(service):
            if "separate-ways" in relationship.patterns:
                message = (
                    f"contexts {importer} and {imported} are declared separate ways, but {edge.source} imports "
                    f"{edge.target}"
                )
                yield self.at_import(edge, message, context)


def settled_statements(service: Service) -> set[tuple[str, str, int]]:
    """Import statements a declaration decides: allowed (conformist, shared kernel) or reported by the two rules
    above. `context-independence` steps back for them, so one statement is reported once, precisely."""
    settled = set()
    for edge, target, importer, imported, relationship in _declared_edges(service):
        patterns = relationship.patterns
        downstream_to_upstream = (importer, imported) == (relationship.downstream, relationship.upstream)
        if (
            "separate-ways" in patterns
            or "shared-kernel" in patterns
            or ("conformist" in patterns and downstream_to_upstream)
            or bypasses_acl(target, importer, imported, relationship)
        ):
            settled.add((edge.source, edge.target, edge.line))
    return settled


def without_settled(service: Service, violations: Sequence[Violation]) -> list[Violation]:
    settled = settled_statements(service)
    return [
        violation
        for violation in violations
        if violation.rule != "context-independence"
        or (violation.source, violation.target, violation.line) not in settled
    ]


def undeclared_dependencies(service: Service) -> list[tuple[str, str, int]]:
    """(importing context, imported context, statements) for each observed dependency no declaration covers.

    Listed only when the service declares relationships between its contexts at all: one without is not asked."""
    contexts = {context.name for context in service.contexts}
    own = [r for r in service.relationships if {r.upstream, r.downstream} <= contexts]
    if not own:
        return []
    return [
        (importer, imported, count)
        for (importer, imported), count in context_dependencies(service).items()
        if not any(relationship.links(importer, imported) for relationship in own)
    ]
