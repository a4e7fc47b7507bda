"""The landscape: services as nodes, the messages that cross between them as edges (drawn on the index page)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from domain_atlas.model import Element, Service
from domain_atlas.model.federation import Crossing
from domain_atlas.model.federation import crossings as federation_crossings
from domain_atlas.rendering.dot import Edge, Graph, Node, dom_id
from domain_atlas.rendering.relationship_marks import mark_relationships
from domain_atlas.rules.landscape_relationships import landscape_relationships, undeclared_crossings

MAX_LABEL_MESSAGES = 3  # more would make the edge label a paragraph; the tooltip and the table list them all
MAX_TOOLTIP_LINES = 30


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _label(messages: Sequence[Crossing]) -> str:
    names = sorted({crossing.name for crossing in messages})
    shown = names[:MAX_LABEL_MESSAGES]
    more = f"\n+{len(names) - len(shown)} more" if len(names) > len(shown) else ""
    return "\n".join(shown) + more


def _tooltip(source: str, target: str, messages: Sequence[Crossing]) -> str:
    lines = [f"{source} → {target}: {len(messages)} message(s)"]
    lines += [f"{crossing.kind} {crossing.name} ({crossing.message})" for crossing in messages]
    if len(lines) > MAX_TOOLTIP_LINES:
        lines = [*lines[:MAX_TOOLTIP_LINES], f"... and {len(lines) - MAX_TOOLTIP_LINES} more"]
    return "\n".join(lines)


def landscape_graph(
    services: Sequence[Service], crossings: Sequence[Crossing], overview_url: Callable[[Service], str]
) -> Graph:
    """One node per service (opening its context map); one edge per direction, per kind of message."""
    nodes = tuple(
        Node(
            id=dom_id("svc", service.slug),
            label=f"{service.name}\n{counted(len(service.contexts), 'context')} · "
            f"{counted(len(service.elements), 'building block')}",
            classes=("da-node", "da-service"),
            url=overview_url(service),
            tooltip=f"{service.name}: open its context map",
            shape="box",
        )
        for service in services
    )
    slugs = {service.name: service.slug for service in services}
    grouped: dict[tuple[str, str, str], list[Crossing]] = defaultdict(list)
    for crossing in crossings:
        kind = "event" if crossing.kind == "event" else "command"  # queries are requests too: drawn as commands
        grouped[(crossing.source, crossing.target, kind)].append(crossing)
    edges = tuple(
        Edge(
            id=dom_id("svc-edge", slugs[source], slugs[target], kind),
            source=dom_id("svc", slugs[source]),
            target=dom_id("svc", slugs[target]),
            classes=("da-edge", "da-crossing", "da-event" if kind == "event" else "da-command"),
            label=_label(messages),
            tooltip=_tooltip(source, target, messages),
        )
        for (source, target, kind), messages in sorted(grouped.items())
    )
    return Graph(
        id=dom_id("landscape"),
        title="Landscape: services and the messages between them",
        nodes=nodes,
        edges=edges,
        rankdir="TB",  # a page column is narrow; services stack downwards, labels stay readable
    )


class Landscape:
    """What the index page shows about several services together: the diagram's graph and its table."""

    def __init__(self, services: Sequence[Service]) -> None:
        self.services = tuple(services)
        self.drawn = len(self.services) > 1
        self.crossings = tuple(federation_crossings(self.services)) if self.drawn else ()
        self.declared = landscape_relationships(self.services)
        self.undeclared = undeclared_crossings(self.services, self.crossings)
        self.by_name = {service.name: service for service in self.services}
        # The service and element defining each crossing message, for links to its catalogue entry.
        self.definers: dict[str, tuple[Service, Element]] = {}
        for service in self.services:
            for element in service.elements:
                self.definers.setdefault(element.path, (service, element))

    def graph(self, overview_url: Callable[[Service], str]) -> Graph:
        slugs = {service.name: service.slug for service in self.services}
        graph = landscape_graph(self.services, self.crossings, overview_url)
        return mark_relationships(graph, self.declared, lambda name: dom_id("svc", slugs[name]))
