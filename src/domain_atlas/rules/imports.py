"""Rules over the import graph: the dependency rule by layer, framework-free layers, context independence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from domain_atlas.model import ImportEdge, LayerScheme, Service, SourceModule, Violation
from domain_atlas.rules.catalogue import (
    APPLICATION_FORBIDDEN,
    DOMAIN_FORBIDDEN,
    EVENT_MODULE_NAMES,
    RULES,
)

OUTBOUND_LAYERS = ("adapters", "infrastructure")
EXEMPT_IMPORTERS = ("composition_root", "tests")


def _violation(rule_id: str, edge: ImportEdge, message: str, adr_links: Mapping[str, str]) -> Violation:
    rule = RULES[rule_id]
    return Violation(
        rule=rule_id,
        source=edge.source,
        target=edge.target,
        file=edge.file,
        line=edge.line,
        severity=rule.severity,
        message=message,
        hint=rule.hint,
        adr=adr_links.get(rule_id, ""),
        type_only=edge.type_checking,
    )


def check_imports(service: Service, scheme: LayerScheme, adr_links: Mapping[str, str] | None = None) -> list[Violation]:
    links = adr_links or {}
    modules = {module.name: module for module in service.modules}
    found: list[Violation] = []
    for edge in service.imports:
        source = modules[edge.source]
        if source.layer in EXEMPT_IMPORTERS:
            continue
        if edge.external:
            found.extend(_framework_violations(edge, source, links))
            continue
        target = modules[edge.target]
        found.extend(_layer_violations(edge, source, target, scheme, links))
        found.extend(_context_violations(edge, source, target, service, links))
    return sorted(set(found))


def _framework_violations(edge: ImportEdge, source: SourceModule, links: Mapping[str, str]) -> Iterator[Violation]:
    top = edge.target.split(".")[0]
    if source.layer == "domain" and top in DOMAIN_FORBIDDEN:
        yield _violation(
            "domain-framework-free",
            edge,
            f"domain module {edge.source} imports {edge.target}",
            links,
        )
    elif source.layer == "application" and top in APPLICATION_FORBIDDEN:
        yield _violation(
            "application-framework-free",
            edge,
            f"application module {edge.source} imports {edge.target}",
            links,
        )


def _layer_violations(
    edge: ImportEdge,
    source: SourceModule,
    target: SourceModule,
    scheme: LayerScheme,
    links: Mapping[str, str],
) -> Iterator[Violation]:
    source_rank, target_rank = scheme.rank(source.layer), scheme.rank(target.layer)
    if source_rank is not None and target_rank is not None and source_rank < target_rank:
        yield _violation(
            "layer-dependency",
            edge,
            f"{source.layer} module {edge.source} imports {target.layer} module {edge.target}",
            links,
        )
    if source.layer == "inbound_adapters" and target.layer in OUTBOUND_LAYERS:
        yield _violation(
            "inbound-not-outbound",
            edge,
            f"inbound adapter {edge.source} imports outbound {target.layer} module {edge.target}",
            links,
        )


def _context_violations(
    edge: ImportEdge,
    source: SourceModule,
    target: SourceModule,
    service: Service,
    links: Mapping[str, str],
) -> Iterator[Violation]:
    if source.context is None or target.context is None or source.context == target.context:
        return
    source_context, target_context = service.context(source.context), service.context(target.context)
    if source_context is None or target_context is None:
        return
    if target_context.shared_kernel or source_context.shared_kernel:
        return
    if is_event_import(target.name):
        return
    yield _violation(
        "context-independence",
        edge,
        f"context {source.context} imports {edge.target} of context {target.context}",
        links,
    )


def is_event_import(target_module: str) -> bool:
    """`x.events`, `x.domain_events.order_paid_event`, `x.messages`: integration through published messages."""
    parts = target_module.split(".")
    return any(part in EVENT_MODULE_NAMES for part in parts) or parts[-1].endswith(("_event", "_events"))
