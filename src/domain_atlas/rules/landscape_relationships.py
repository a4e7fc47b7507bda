"""Declared relationships between services, checked with all services of a site together.

A service may declare a relationship whose upstream and downstream are services of the site (the landscape)
instead of its own contexts. Separate ways that exchange messages or import each other, and an anti-corruption
layer whose service imports the upstream service's internals, break the declaration.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence

from domain_atlas.model import DeclaredRelationship, Diagnostic, Level, Service, Violation
from domain_atlas.model.federation import Crossing, crossings
from domain_atlas.rules.catalogue import RULES
from domain_atlas.rules.imports import is_event_import
from domain_atlas.rules.relationships import PUBLIC_LAYERS


def landscape_relationships(services: Sequence[Service]) -> list[DeclaredRelationship]:
    """Declarations naming two services of the site, once each."""
    names = {service.name for service in services}
    found = {
        relationship
        for service in services
        for relationship in service.relationships
        if {relationship.upstream, relationship.downstream} <= names
    }
    return sorted(found)


def undeclared_crossings(services: Sequence[Service], found: Sequence[Crossing]) -> list[tuple[str, str, int]]:
    """(from, to, messages) for service pairs that exchange messages with no declared relationship, listed only
    when the site declares relationships between services at all."""
    declared = landscape_relationships(services)
    if not declared:
        return []
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for crossing in found:
        if not any(relationship.links(crossing.source, crossing.target) for relationship in declared):
            counts[(crossing.source, crossing.target)] += 1
    return [(source, target, count) for (source, target), count in sorted(counts.items())]


def _violation(rule_id: str, source: str, target: str, file: str, line: int, message: str, adr: str) -> Violation:
    rule = RULES[rule_id]
    return Violation(rule_id, source, target, file, line, rule.severity, message, rule.hint, adr)


def _unknown_names(services: Sequence[Service]) -> dict[str, list[Diagnostic]]:
    names = {service.name for service in services}
    problems: dict[str, list[Diagnostic]] = defaultdict(list)
    for service in services:
        contexts = {context.name for context in service.contexts}
        for relationship in service.relationships:
            ends = {relationship.upstream, relationship.downstream}
            if ends <= contexts or ends <= names:
                continue
            for name in sorted(ends - contexts - names) or sorted(ends):
                problems[service.name].append(
                    Diagnostic(
                        relationship.source,
                        0,
                        Level.WARNING,
                        f"service {service.name}: declared relationship {relationship.upstream} -> "
                        f"{relationship.downstream} names {name!r}: both ends must be contexts of the service "
                        f"({', '.join(sorted(contexts))}) or services analysed with it ({', '.join(sorted(names))}); "
                        "not checked",
                    )
                )
    return problems


def check_landscape(services: Sequence[Service], adr_links: Mapping[str, str] | None = None) -> list[Service]:
    """The services with the violations of declared relationships between them, and unusable names reported."""
    links = adr_links or {}
    by_name = {service.name: service for service in services}
    added: dict[str, list[Violation]] = defaultdict(list)
    found = crossings(services) if len(services) > 1 else []
    for relationship in landscape_relationships(services):
        pair = {relationship.upstream, relationship.downstream}
        if "separate-ways" in relationship.patterns:
            rule = "relationship-separate-ways"
            for crossing in found:
                if {crossing.source, crossing.target} == pair:
                    message = (
                        f"services {relationship.upstream} and {relationship.downstream} are declared separate ways, "
                        f"but {crossing.kind} {crossing.name} goes from {crossing.source} to {crossing.target}"
                    )
                    added[crossing.seen_in].append(
                        _violation(
                            rule,
                            crossing.source,
                            crossing.target,
                            crossing.file,
                            crossing.line,
                            message,
                            links.get(rule, ""),
                        )
                    )
        downstream, upstream = by_name[relationship.downstream], by_name[relationship.upstream]
        for importer, imported in ((downstream, upstream), (upstream, downstream)):
            for edge in importer.imports:
                target = imported.module(edge.target) if edge.external else None
                if target is None:
                    continue
                if "separate-ways" in relationship.patterns:
                    message = (
                        f"services {importer.name} and {imported.name} are declared separate ways, but "
                        f"{edge.source} imports {edge.target}"
                    )
                    rule = "relationship-separate-ways"
                elif (
                    "anti-corruption-layer" in relationship.patterns
                    and importer is downstream
                    and target.layer not in PUBLIC_LAYERS
                    and not is_event_import(target.name)
                ):
                    message = (
                        f"{importer.name} declares an anti-corruption layer towards {imported.name}, but "
                        f"{edge.source} imports {edge.target} ({target.layer or 'no layer'}) directly"
                    )
                    rule = "relationship-acl-bypassed"
                else:
                    continue
                added[importer.name].append(
                    _violation(rule, edge.source, edge.target, edge.file, edge.line, message, links.get(rule, ""))
                )
    problems = _unknown_names(services)
    return [
        dataclasses.replace(
            service,
            violations=tuple(sorted({*service.violations, *added[service.name]})),
            diagnostics=tuple(sorted({*service.diagnostics, *problems[service.name]})),
        )
        if added[service.name] or problems[service.name]
        else service
        for service in services
    ]
