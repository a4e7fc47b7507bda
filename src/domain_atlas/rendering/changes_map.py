"""The context map of a Changes page: what a revision added, removed or changed between contexts, marked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from domain_atlas.model import Service
from domain_atlas.rendering.diagrams import context_map
from domain_atlas.rendering.dot import Edge, Graph, Node, dom_id
from domain_atlas.rules.changes import ServiceChanges


def changes_map(service: Service, changes: ServiceChanges, context_url: Callable[[str], str]) -> Graph | None:
    """The service's context map with new contexts and dependencies marked, and removed ones drawn back in from
    the base revision; None when no context or dependency between contexts changed."""
    added_contexts = {context.name for context in changes.added.contexts}
    added_edges = {(d.source, d.target) for d in changes.added.dependencies}
    changed_edges = {(d.source, d.target): d for d in changes.dependencies}
    removed = changes.removed
    if not (added_contexts or added_edges or changed_edges or removed.contexts or removed.dependencies):
        return None
    graph = context_map(service, context_url)
    nodes = [
        replace(node, classes=(*node.classes, "da-added"), tooltip=f"new: {node.tooltip}")
        if node.id in {dom_id("ctx", name) for name in added_contexts}
        else node
        for node in graph.nodes
    ]
    nodes += [
        Node(
            id=dom_id("ctx", context.name),
            label=f"{context.name}\nremoved",
            classes=("da-node", "da-context", "da-removed"),
            tooltip=f"removed: {context.package} is gone",
        )
        for context in removed.contexts
    ]
    marked = {dom_id("edge", source, target): (source, target) for source, target in added_edges | changed_edges.keys()}
    edges = []
    for edge in graph.edges:
        key = marked.get(edge.id)
        if key in added_edges:
            edges.append(replace(edge, classes=(*edge.classes, "da-added"), tooltip=f"new: {edge.tooltip}"))
        elif key is not None:
            before = changed_edges[key].before
            note = f"was {before.via} x{before.count}"
            edges.append(replace(edge, classes=(*edge.classes, "da-changed"), tooltip=f"{note}; {edge.tooltip}"))
        else:
            edges.append(edge)
    edges += [
        Edge(
            id=dom_id("edge", d.source, d.target),
            source=dom_id("ctx", d.source),
            target=dom_id("ctx", d.target),
            classes=("da-edge", "da-imports", "da-removed"),
            label="removed",
            tooltip=f"removed: {d.count} import statement(s) from {d.source} to {d.target} ({d.via})",
        )
        for d in removed.dependencies
    ]
    return replace(
        graph,
        id=dom_id("changes-map", service.slug),
        title=f"Context map of {service.name}: what changed",
        nodes=tuple(nodes),
        edges=tuple(edges),
    )
