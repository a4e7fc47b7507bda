"""What the event flow diagrams show: command → handler → aggregate → event → handlers, as `Graph` values."""

from __future__ import annotations

from collections.abc import Callable

from domain_atlas.model import Element, Service
from domain_atlas.rendering.catalogue_views import CatalogueView
from domain_atlas.rendering.dot import Edge, Graph, Node, dom_id

# Beyond this many nodes a flow drawing stops being readable at label size: the page draws smaller scopes instead.
MAX_FLOW_NODES = 60


def _aggregate_scope(view: CatalogueView, aggregate: Element) -> set[str]:
    """The commands that change an aggregate, their handlers, the aggregate, its events and their handlers."""
    scope = {aggregate.path}
    for command in view.commands_changing(aggregate):
        scope.add(command)
        scope.update(r.source for r in view.handlers_of(command))
    for publish in view.emitted_by(aggregate.path):
        scope.add(publish.target)
        scope.update(r.source for r in view.handlers_of(publish.target))
    owners = {owner.path for path in scope if (owner := view.owner(path)) is not None}
    return scope | owners


def event_flow(
    service: Service,
    view: CatalogueView,
    element_url: Callable[[Element], str],
    context: str | None = None,
    aggregate: Element | None = None,
) -> Graph:
    """command → handler → aggregate → event → handlers, for one context (and what it touches), one aggregate, or all.

    The whole graph is returned, however big; callers draw a smaller scope when it has more than MAX_FLOW_NODES.
    """
    scope = _aggregate_scope(view, aggregate) if aggregate is not None else None
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}

    def node(path: str) -> str:
        element = view.elements.get(path)
        node_id = dom_id("flow", path)
        if node_id in nodes:
            return node_id
        kinds = element.kinds if element else ("handler",)
        if "aggregate" in kinds:
            role, shape = "aggregate", "box3d"
        elif "command" in kinds:
            role, shape = "command", "cds"
        elif "query" in kinds:
            role, shape = "query", "cds"
        elif "domain_event" in kinds or "integration_event" in kinds:
            role, shape = "event", "note"
        else:
            role, shape = "handler", "box"
        label = path.rsplit(".", 1)[-1] if element else ".".join(path.split(".")[-2:])
        owner_context = view.context_of_path(path)
        if context is None and owner_context:
            label = f"{label}\n[{owner_context}]"
        nodes[node_id] = Node(
            node_id,
            label,
            ("da-node", "da-flow", f"da-flow-{role}"),
            url=element_url(element) if element else "",
            tooltip=f"{role}: {path}",
            shape=shape,
        )
        return node_id

    def edge(source: str, target: str, label: str, tooltip: str) -> None:
        key = (node(source), node(target))
        edges.setdefault(
            key, Edge(dom_id("flow-edge", source, target), key[0], key[1], ("da-edge", "da-flow-edge"), label, tooltip)
        )

    def relevant(*paths: str) -> bool:
        if scope is not None:
            return all(path in scope for path in paths)
        return context is None or any(view.context_of_path(path) == context for path in paths)

    for relation in sorted(view.relations["handles"]):
        if relevant(relation.source, relation.target):
            edge(relation.target, relation.source, "", f"handled ({relation.via}) at {relation.file}:{relation.line}")
    for aggregate in view.of_kind("aggregate"):
        for command in view.commands_changing(aggregate):
            for handler in view.handlers_of(command):
                if relevant(handler.source, aggregate.path):
                    edge(handler.source, aggregate.path, "changes", f"{handler.source} changes {aggregate.name}")
        for publish in view.emitted_by(aggregate.path):
            if relevant(aggregate.path, publish.target):
                method = publish.source.rsplit(".", 1)[-1]
                edge(aggregate.path, publish.target, f"{method}()", f"{publish.via} at {publish.file}:{publish.line}")
    for publish in sorted(view.relations["publishes"]):
        owner = view.owner(publish.source)
        if owner is not None and "aggregate" in owner.kinds:
            continue
        source = owner.path if owner is not None else publish.source
        if relevant(source, publish.target):
            edge(source, publish.target, "", f"{publish.via} at {publish.file}:{publish.line}")

    if aggregate is not None:
        title, key = f"Event flow around aggregate {aggregate.name}", aggregate.path
    elif context:
        title, key = f"Event flow of context {context}", context
    else:
        title, key = f"Event flows across {service.name}", "all"
    return Graph(
        id=dom_id("flow", service.slug, key),
        title=title,
        nodes=tuple(nodes[key] for key in sorted(nodes)),
        edges=tuple(edges[key] for key in sorted(edges)),
        rankdir="LR",
    )
