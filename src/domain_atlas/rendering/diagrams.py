"""What the context map and the layer dependency graphs show, as `Graph` values ready for DOT."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import pairwise

from domain_atlas.model import Element, ImportEdge, Service, SourceModule, Violation
from domain_atlas.rendering.catalogue_views import CatalogueView
from domain_atlas.rendering.dot import Cluster, Edge, Graph, Node, dom_id
from domain_atlas.rules.imports import is_event_import

LAYER_TITLES = {
    "shared_kernel": "Shared kernel",
    "domain": "Domain",
    "ports": "Ports",
    "application": "Application",
    "read_model": "Read model",
    "adapters": "Adapters",
    "infrastructure": "Infrastructure",
    "inbound_adapters": "Inbound adapters",
    "composition_root": "Composition root",
    "tests": "Tests",
}
UNLAYERED = "unlayered"
# Beyond this many module nodes a graph is a hairball: modules are folded into their subpackages.
MAX_MODULE_NODES = 150
MAX_TOOLTIP_LINES = 12


def layer_title(layer: str) -> str:
    return LAYER_TITLES.get(layer, layer.replace("_", " ").capitalize())


def first_line(text: str) -> str:
    """The first paragraph of a docstring, on one line (its summary)."""
    paragraph = text.strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def _violations_by_statement(service: Service) -> dict[tuple[str, str, int], list[Violation]]:
    found: dict[tuple[str, str, int], list[Violation]] = defaultdict(list)
    for violation in service.violations:
        found[(violation.source, violation.target, violation.line)].append(violation)
    return found


def _tooltip(lines: Iterable[str]) -> str:
    listed = list(lines)
    if len(listed) > MAX_TOOLTIP_LINES:
        listed = [*listed[:MAX_TOOLTIP_LINES], f"... and {len(listed) - MAX_TOOLTIP_LINES} more"]
    return "\n".join(listed)


def context_map(service: Service, context_url: Callable[[str], str]) -> Graph:
    modules = {module.name: module for module in service.modules}
    by_statement = _violations_by_statement(service)
    counts: dict[str, int] = defaultdict(int)
    for module in service.modules:
        if module.context:
            counts[module.context] += 1
    nodes = []
    for context in service.contexts:
        classes = ["da-node", "da-context"] + (["da-shared-kernel"] if context.shared_kernel else [])
        kind = "shared kernel" if context.shared_kernel else "bounded context"
        nodes.append(
            Node(
                id=dom_id("ctx", context.name),
                label=f"{context.name}\n{kind} · {counts[context.name]} modules",
                classes=tuple(classes),
                url=context_url(context.name),
                tooltip=first_line(context.description) or f"{kind} {context.package}",
                shape="component" if context.shared_kernel else "box",
            )
        )
    pairs: dict[tuple[str, str], list[ImportEdge]] = defaultdict(list)
    for edge in service.internal_imports():
        source, target = modules[edge.source].context, modules[edge.target].context
        if source and target and source != target:
            pairs[(source, target)].append(edge)
    edges = []
    for (source, target), statements in sorted(pairs.items()):
        broken = [v for e in statements for v in by_statement.get((e.source, e.target, e.line), ())]
        events_only = all(is_event_import(e.target) for e in statements)
        classes = ["da-edge", "da-imports"]
        if events_only:
            classes.append("da-event")
        if broken:
            classes.append("da-violation")
        lines = [f"{len(statements)} import statement(s) from {source} to {target}"]
        lines += [f"✗ {v.rule}: {v.location()}" for v in broken]
        lines += [f"{e.file}:{e.line} imports {e.target}" for e in statements if not broken]
        edges.append(
            Edge(
                id=dom_id("edge", source, target),
                source=dom_id("ctx", source),
                target=dom_id("ctx", target),
                classes=tuple(classes),
                label=f"{len(statements)} events" if events_only else str(len(statements)),
                tooltip=_tooltip(lines),
            )
        )
    return Graph(
        id=dom_id("context-map", service.slug),
        title=f"Context map of {service.name}",
        nodes=tuple(nodes),
        edges=tuple(edges),
        rankdir="LR",
    )


def _module_label(module: SourceModule, package: str) -> str:
    if module.name == package:
        return module.name.split(".")[-1] + " (package)"
    return module.name[len(package) + 1 :] if module.name.startswith(package + ".") else module.name


def _relative(name: str, package: str) -> str:
    return name[len(package) + 1 :] if name.startswith(package + ".") else name


def _module_groups(names: list[str], package: str, max_nodes: int) -> dict[str, str]:
    """Module -> the node that shows it: itself, or its subpackage when there are too many to draw."""
    mapping = {name: name for name in names}
    depth_of_package = len(package.split("."))
    for depth in (3, 2, 1):
        if len(set(mapping.values())) <= max_nodes:
            break
        mapping = {name: ".".join(name.split(".")[: depth_of_package + depth]) for name in names}
    return mapping


def layer_graph(
    service: Service,
    context_name: str,
    context_url: Callable[[str], str],
    module_url: Callable[[SourceModule], str] | None = None,
    max_nodes: int = MAX_MODULE_NODES,
) -> Graph:
    """Modules of one context inside layer clusters, outer layers first; foreign modules collapsed per context."""
    context = service.context(context_name)
    package = context.package if context else context_name
    modules = {module.name: module for module in service.modules}
    own = [module for module in service.modules_of(context_name)]
    own_names = {module.name for module in own}
    by_statement = _violations_by_statement(service)

    layers = service.layers_of(context_name)
    unlayered = sorted(module.name for module in own if module.layer is None and not module.is_package)
    nodes: list[Node] = []
    clusters: list[Cluster] = []
    ordered_layers = [*layers.items()] + ([(UNLAYERED, unlayered)] if unlayered else [])
    group_of = _module_groups([name for _, names in ordered_layers for name in names], package, max_nodes)
    for layer, names in ordered_layers:
        groups: dict[str, list[SourceModule]] = defaultdict(list)
        for name in names:
            groups[group_of[name]].append(modules[name])
        for group, members in sorted(groups.items()):
            module = members[0]
            collapsed = len(members) > 1 or group != module.name
            nodes.append(
                Node(
                    id=dom_id("mod", group),
                    label=f"{_relative(group, package)}/ ({len(members)} modules)"
                    if collapsed
                    else _module_label(module, package),
                    classes=("da-node", "da-module", f"da-layer-{layer}") + (("da-collapsed",) if collapsed else ()),
                    url=module_url(module) if module_url and not collapsed else "",
                    tooltip=f"{group}: {len(members)} modules"
                    if collapsed
                    else f"{module.name}\n{first_line(module.docstring)}".strip(),
                )
            )
        clusters.append(
            Cluster(
                id=dom_id("layer", context_name, layer),
                label=layer_title(layer) if layer != UNLAYERED else "No layer",
                nodes=tuple(dict.fromkeys(dom_id("mod", group_of[name]) for name in names)),
                classes=("da-cluster", "da-layer", f"da-layer-{layer}"),
                tooltip=f"{layer_title(layer)} layer: {len(names)} modules",
                same_rank=True,
            )
        )

    pairs: dict[tuple[str, str], list[ImportEdge]] = defaultdict(list)
    foreign_nodes: dict[str, Node] = {}
    for edge in service.imports:
        if edge.source not in own_names:
            continue
        statement_violations = by_statement.get((edge.source, edge.target, edge.line), [])
        if edge.external:
            if not statement_violations:
                continue  # only external imports that break a rule are worth a node
            target_id = dom_id("ext", edge.target.split(".")[0])
            foreign_nodes.setdefault(
                target_id,
                Node(target_id, edge.target.split(".")[0], ("da-node", "da-external"), tooltip="third-party package"),
            )
        elif edge.target in own_names:
            if modules[edge.target].is_package and modules[edge.target].layer is None:
                continue  # re-export through a context's __init__; not a layer dependency
            target_id = dom_id("mod", group_of.get(edge.target, edge.target))
        else:
            other = modules[edge.target].context or "(outside contexts)"
            target_id = dom_id("ctx", other)
            foreign_nodes.setdefault(
                target_id,
                Node(
                    target_id,
                    f"context {other}",
                    ("da-node", "da-foreign-context"),
                    url=context_url(other) if modules[edge.target].context else "",
                    tooltip=f"modules of context {other}",
                    shape="folder",
                ),
            )
        if modules[edge.source].is_package and modules[edge.source].layer is None:
            continue
        source_id = dom_id("mod", group_of.get(edge.source, edge.source))
        if source_id != target_id:
            pairs[(source_id, target_id)].append(edge)

    edges: list[Edge] = []
    for (source_id, target_id), statements in sorted(pairs.items()):
        broken = [v for e in statements for v in by_statement.get((e.source, e.target, e.line), ())]
        type_only = all(e.type_checking for e in statements)
        classes = ["da-edge", "da-imports"]
        if broken:
            classes.append("da-violation")
        if type_only:
            classes.append("da-type-only")
        lines = [f"✗ {v.rule}: {v.location()}" for v in broken] or [
            f"{e.file}:{e.line}" + (" (TYPE_CHECKING)" if e.type_checking else "") for e in statements
        ]
        edges.append(
            Edge(
                id=dom_id("edge", source_id[3:], target_id[3:]),
                source=source_id,
                target=target_id,
                classes=tuple(classes),
                tooltip=_tooltip(lines),
                # Upward (violating) edges must not pull layers out of their order.
                constraint=not broken,
            )
        )
    # Empty package __init__ modules with no imports either way only add noise.
    connected = {node_id for pair in pairs for node_id in pair}
    quiet = {dom_id("mod", m.name) for m in own if m.is_package and group_of.get(m.name) == m.name}
    hidden = quiet - connected
    nodes = [node for node in nodes if node.id not in hidden]
    clusters = [
        dataclasses.replace(cluster, nodes=tuple(n for n in cluster.nodes if n not in hidden)) for cluster in clusters
    ]
    clusters = [cluster for cluster in clusters if cluster.nodes]
    edges.extend(_layer_order_edges(clusters))
    return Graph(
        id=dom_id("layers", service.slug, context_name),
        title=f"Layer dependencies of context {context_name}",
        nodes=tuple(nodes) + tuple(foreign_nodes[key] for key in sorted(foreign_nodes)),
        edges=tuple(edges),
        clusters=tuple(clusters),
        # Left to right: outer layers on the left, the domain on the right, each layer one column of modules,
        # which stays readable with many modules per layer (top-down gives a page-wide strip).
        rankdir="LR",
        attributes=(("newrank", "true"),),
    )


def _layer_order_edges(clusters: list[Cluster]) -> list[Edge]:
    """Invisible edges from each outer layer to the next inner one keep clusters in dependency-rule order."""
    anchors = [cluster.nodes[0] for cluster in clusters if cluster.nodes]
    order = list(reversed(anchors))
    return [
        Edge(id=dom_id("order", str(index)), source=outer, target=inner, invisible=True)
        for index, (outer, inner) in enumerate(pairwise(order))
    ]


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
