"""What the context map and the layer dependency graphs show, as `Graph` values ready for DOT."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import pairwise

from domain_atlas.model import ImportEdge, Relation, Service, SourceModule, Violation
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
# Beyond this many module nodes a layer graph stops being readable at label size: modules are folded into their
# subpackages, and each folded package gets its own drawing (a drill-down) on the context page.
MAX_MODULE_NODES = 60
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


Crossing = tuple[str, Relation, Relation | None]  # kind ("event" or "command"), handles, publishes (if known)


def messages_between_contexts(view: CatalogueView) -> dict[tuple[str, str], list[Crossing]]:
    """(sending context, handling context) -> (kind, handles relation, publishes relation) of every message that
    crosses: an event handled in another context than the one publishing it, a command sent to another context."""
    crossing: dict[tuple[str, str], list[Crossing]] = defaultdict(list)
    for message in view.of_kind("command", "domain_event", "integration_event"):
        kind = "command" if "command" in message.kinds else "event"
        publishers: list[Relation | None] = list(view.publishers_of(message.path)) or [None]
        for handler in view.handlers_of(message.path):
            receiving = view.context_of_path(handler.source)
            for publish in publishers:
                sending = view.context_of_path(publish.source) if publish else (message.context or "")
                if sending and receiving and sending != receiving:
                    crossing[(sending, receiving)].append((kind, handler, publish))
    return crossing


def _message_edges(view: CatalogueView) -> list[Edge]:
    edges = []
    for (sending, receiving), crossings in sorted(messages_between_contexts(view).items()):
        events = sorted({h.target.rsplit(".", 1)[-1] for kind, h, _ in crossings if kind == "event"})
        commands = sorted({h.target.rsplit(".", 1)[-1] for kind, h, _ in crossings if kind == "command"})
        parts = []
        for names, noun in ((events, "event"), (commands, "command")):
            if names:
                parts.append(", ".join(names) if len(names) <= 2 else f"{len(names)} {noun}s")
        lines = [f"messages from {sending} to {receiving}"]
        for kind, handler, publish in sorted(crossings, key=lambda item: (item[0], item[1].target, item[1].source)):
            sent = f" (sent by {publish.source} at {publish.file}:{publish.line})" if publish else ""
            lines.append(f"{kind} {handler.target.rsplit('.', 1)[-1]} handled by {handler.source}{sent}")
        edges.append(
            Edge(
                id=dom_id("msg", sending, receiving),
                source=dom_id("ctx", sending),
                target=dom_id("ctx", receiving),
                classes=("da-edge", "da-messages") + (("da-commands",) if commands else ()),
                label="; ".join(parts),
                tooltip=_tooltip(dict.fromkeys(lines)),
                constraint=False,  # message edges must not reorder the import layout
            )
        )
    return edges


def context_map(service: Service, context_url: Callable[[str], str], view: CatalogueView | None = None) -> Graph:
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
    if view is not None:
        known = {node.id for node in nodes}
        edges += [edge for edge in _message_edges(view) if edge.source in known and edge.target in known]
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


def _inside(name: str, package: str | None) -> bool:
    return package is None or name == package or name.startswith(package + ".")


def _layered_modules(service: Service, context_name: str, within: str | None) -> list[tuple[str, list[str]]]:
    """(layer, module names) of a context (or of one package in it), layers in rule order, unlayered last."""
    ordered = []
    for layer, names in service.layers_of(context_name).items():
        if layer == "tests":
            continue  # test code is listed apart on the context page, never drawn among the layers it exercises
        inside = [name for name in names if _inside(name, within)]
        if inside:
            ordered.append((layer, inside))
    unlayered = sorted(
        m.name
        for m in service.modules_of(context_name)
        if m.layer is None and not m.is_package and _inside(m.name, within)
    )
    return ordered + ([(UNLAYERED, unlayered)] if unlayered else [])


def folded_packages(service: Service, context_name: str, max_nodes: int = MAX_MODULE_NODES) -> list[str]:
    """The packages a context's layer graph draws as one node each (each gets a drill-down drawing)."""
    context = service.context(context_name)
    package = context.package if context else context_name
    names = [name for _, names in _layered_modules(service, context_name, None) for name in names]
    group_of = _module_groups(names, package, max_nodes)
    members: dict[str, int] = defaultdict(int)
    for name in names:
        members[group_of[name]] += 1
    return sorted(group for group, count in members.items() if count > 1 or group not in group_of)


def layer_graph(
    service: Service,
    context_name: str,
    context_url: Callable[[str], str],
    module_url: Callable[[SourceModule], str] | None = None,
    max_nodes: int = MAX_MODULE_NODES,
    *,
    within: str | None = None,
    folded_url: Callable[[str], str] | None = None,
) -> Graph:
    """Modules of one context (or of one `within` package of it) inside layer clusters, outer layers first; foreign
    modules collapsed per context. A package folded into one node links to `folded_url(package)` (its drill-down)."""
    context = service.context(context_name)
    package = within or (context.package if context else context_name)
    modules = {module.name: module for module in service.modules}
    own = [module for module in service.modules_of(context_name) if _inside(module.name, within)]
    own_names = {module.name for module in own}
    by_statement = _violations_by_statement(service)

    nodes: list[Node] = []
    clusters: list[Cluster] = []
    ordered_layers = _layered_modules(service, context_name, within)
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
                    url=(folded_url(group) if folded_url else "")
                    if collapsed
                    else (module_url(module) if module_url else ""),
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
            if edge.target not in group_of:
                continue  # a package's re-export, or test code: neither is drawn among the layers
            target_id = dom_id("mod", group_of[edge.target])
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
        if edge.source not in group_of:
            continue  # from a module not drawn here (a package's __init__, or test code)
        source_id = dom_id("mod", group_of[edge.source])
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
        id=dom_id("layers", service.slug, context_name, within or ""),
        title=f"Layer dependencies inside {within}" if within else f"Layer dependencies of context {context_name}",
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
