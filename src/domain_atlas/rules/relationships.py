"""Declared context relationships checked against the code.

A declared relationship makes the context rules precise: an anti-corruption layer whose context imports the
upstream's internals, or two contexts declared separate ways that depend on each other, break the declaration;
a conformist or shared-kernel relationship declares the coupling that `context-independence` would report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from domain_atlas.model import Diagnostic, ImportEdge, Service, Violation
from domain_atlas.model.federation import context_dependencies
from domain_atlas.model.relationships import DeclaredRelationship
from domain_atlas.rules.catalogue import RULES
from domain_atlas.rules.imports import is_event_import

# What another context may import of an upstream without reaching into it: its API, its kernel, its events.
PUBLIC_LAYERS = ("inbound_adapters", "shared_kernel")


def _violation(rule_id: str, edge: ImportEdge, message: str, adr_links: Mapping[str, str]) -> Violation:
    rule = RULES[rule_id]
    return Violation(
        rule_id,
        edge.source,
        edge.target,
        edge.file,
        edge.line,
        rule.severity,
        message,
        rule.hint,
        adr_links.get(rule_id, ""),
        edge.type_checking,
    )


def _findings(
    edge: ImportEdge,
    importer: str,
    imported: str,
    service: Service,
    relationship: DeclaredRelationship,
    adr_links: Mapping[str, str],
) -> tuple[Violation | None, bool]:
    """(a violation this statement causes, whether the declaration allows the statement's coupling)."""
    patterns = relationship.patterns
    if "separate-ways" in patterns:
        message = (
            f"contexts {importer} and {imported} are declared separate ways, but {edge.source} imports {edge.target}"
        )
        return _violation("relationship-separate-ways", edge, message, adr_links), False
    downstream_to_upstream = (importer, imported) == (relationship.downstream, relationship.upstream)
    if "shared-kernel" in patterns or ("conformist" in patterns and downstream_to_upstream):
        return None, True
    if "anti-corruption-layer" in patterns and downstream_to_upstream:
        target = service.module(edge.target)
        if target is not None and target.layer not in PUBLIC_LAYERS and not is_event_import(target.name):
            message = (
                f"{importer} declares an anti-corruption layer towards {imported}, but {edge.source} imports "
                f"{edge.target} ({target.layer or 'no layer'}) directly"
            )
            return _violation("relationship-acl-bypassed", edge, message, adr_links), False
    return None, False


def check_relationships(
    service: Service, violations: Sequence[Violation], adr_links: Mapping[str, str] | None = None
) -> tuple[list[Violation], list[Diagnostic]]:
    """The violations with the declarations between the service's own contexts applied.

    Names that are not contexts of the service (other services, or typos) are checked with all services together
    (rules/landscape_relationships.py)."""
    links = adr_links or {}
    problems: list[Diagnostic] = []
    added: list[Violation] = []
    settled: set[tuple[str, str, int]] = set()  # statements a declaration decides: context-independence steps back
    for edge in service.internal_imports():
        source, target = service.module(edge.source), service.module(edge.target)
        if source is None or target is None or not source.context or not target.context:
            continue
        if source.context == target.context:
            continue
        for relationship in service.relationships:
            if not relationship.links(source.context, target.context):
                continue
            violation, allowed = _findings(edge, source.context, target.context, service, relationship, links)
            if violation is not None:
                added.append(violation)
            if violation is not None or allowed:
                settled.add((edge.source, edge.target, edge.line))
    kept = [
        violation
        for violation in violations
        if violation.rule != "context-independence"
        or (violation.source, violation.target, violation.line) not in settled
    ]
    return sorted({*kept, *added}), problems


def undeclared_dependencies(service: Service) -> list[tuple[str, str, int]]:
    """(importing context, imported context, statements) for each observed dependency no declaration covers.

    Listed only when the service declares relationships at all: a service without declarations is not asked."""
    contexts = {context.name for context in service.contexts}
    own = [r for r in service.relationships if {r.upstream, r.downstream} <= contexts]
    if not own:
        return []
    return [
        (importer, imported, count)
        for (importer, imported), count in context_dependencies(service).items()
        if not any(relationship.links(importer, imported) for relationship in own)
    ]
