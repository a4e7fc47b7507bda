"""Declared context relationships drawn on a service's context map, with Context Mapper's U/D marks."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from domain_atlas.model import DeclaredRelationship, Service
from domain_atlas.rendering.dot import Edge, Graph, dom_id


def relationship_label(relationship: DeclaredRelationship) -> str:
    """`[U,OHS]→[D,ACL]`, or `[SK]↔[SK]` for a relationship of equals, as Context Mapper writes them."""
    upstream, downstream = relationship.marks()
    return f"[{upstream}]↔[{downstream}]" if relationship.symmetric else f"[{upstream}]→[{downstream}]"


def with_declared_relationships(graph: Graph, service: Service) -> Graph:
    """The context map with each declared relationship marked on the edges between its two contexts; a declared
    relationship with no dependency in the code gets a dotted edge of its own."""
    return mark_relationships(graph, service.relationships, lambda name: dom_id("ctx", name))


def mark_relationships(
    graph: Graph, relationships: Sequence[DeclaredRelationship], node_id: Callable[[str], str]
) -> Graph:
    """Any graph whose nodes stand for the relationships' ends (contexts, or services on the landscape)."""
    known = {node.id for node in graph.nodes}
    edges = list(graph.edges)
    for relationship in relationships:
        upstream, downstream = node_id(relationship.upstream), node_id(relationship.downstream)
        if upstream not in known or downstream not in known:
            continue  # reported as a diagnostic; nothing to draw it between
        label = relationship_label(relationship)
        declared = f"declared {', '.join(relationship.patterns) or 'upstream/downstream'} ({relationship.source})"
        matched = False
        for index, edge in enumerate(edges):
            if {edge.source, edge.target} == {upstream, downstream}:
                matched = True
                edges[index] = dataclasses.replace(
                    edge,
                    label=f"{label}\n{edge.label}" if edge.label else label,
                    tooltip=f"{declared}\n{edge.tooltip}",
                    classes=(*edge.classes, "da-declared"),
                )
        if not matched:
            edges.append(
                Edge(
                    id=dom_id("declared", relationship.upstream, relationship.downstream),
                    source=upstream,
                    target=downstream,
                    classes=("da-edge", "da-declared", "da-declared-only"),
                    label=label,
                    tooltip=f"{declared}; no dependency between the two in the code",
                )
            )
    return dataclasses.replace(graph, edges=tuple(edges))
