"""Rules over the import graph: the dependency rule by layer, framework-free layers, context independence."""

from __future__ import annotations

import weakref
from collections.abc import Iterator

from domain_atlas.model import ImportEdge, Service, SourceModule, Violation
from domain_atlas.rules.base import ArchitectureRule, RuleContext
from domain_atlas.rules.vocabulary import APPLICATION_FORBIDDEN, DOMAIN_FORBIDDEN, EVENT_MODULE_NAMES

OUTBOUND_LAYERS = ("adapters", "infrastructure")
EXEMPT_IMPORTERS = ("composition_root", "tests")


def is_event_import(target_module: str) -> bool:
    """`x.events`, `x.domain_events.order_paid_event`, `x.messages`: integration through published messages."""
    parts = target_module.split(".")
    return any(part in EVENT_MODULE_NAMES for part in parts) or parts[-1].endswith(("_event", "_events"))


Checked = list[tuple[ImportEdge, SourceModule, SourceModule | None]]
# The statements of the last service asked about, internal and external: five rules walk them in turn, and finding
# each statement's modules once instead of five times saved 1.5 ms on Django. Held weakly, and dropped with the
# service: a service's statements are not kept past it.
_last_checked: tuple[weakref.ref[Service], Checked, Checked] | None = None


def _forget(_: weakref.ref[Service]) -> None:
    global _last_checked
    _last_checked = None


def _checked_edges(service: Service, *, external: bool) -> Checked:
    """Import statements whose importer the rules apply to: all but composition roots and test code."""
    global _last_checked
    cached = _last_checked  # read once: another thread (a `mkdocs serve` rebuild) may replace it meanwhile
    if cached is None or cached[0]() is not service:
        internal: Checked = []
        outside: Checked = []
        module = {found.name: found for found in service.modules}.get  # two lookups a statement: a dict, no method
        for edge in service.imports:
            source = module(edge.source)
            if source is None or source.layer in EXEMPT_IMPORTERS:
                continue
            if edge.external:
                outside.append((edge, source, None))
            else:
                internal.append((edge, source, module(edge.target)))
        cached = _last_checked = (weakref.ref(service, _forget), internal, outside)
    return cached[2] if external else cached[1]


class LayerDependency(ArchitectureRule):
    id = "layer-dependency"
    title = "Inner layers do not import outer layers"
    hint = (
        "Depend on a port (an interface in the inner layer) and let the composition root inject the "
        "outer implementation."
    )

    def check(self, service: Service, context: RuleContext) -> Iterator[Violation]:
        for edge, source, target in _checked_edges(service, external=False):
            if target is None:
                continue
            source_rank, target_rank = context.scheme.rank(source.layer), context.scheme.rank(target.layer)
            if source_rank is not None and target_rank is not None and source_rank < target_rank:
                message = f"{source.layer} module {edge.source} imports {target.layer} module {edge.target}"
                yield self.at_import(edge, message, context)


class _FrameworkFree(ArchitectureRule):
    layer: str
    forbidden: tuple[str, ...]

    def check(self, service: Service, context: RuleContext) -> Iterator[Violation]:
        for edge, source, _ in _checked_edges(service, external=True):
            if self._applies_to(source) and edge.target.split(".")[0] in self.forbidden:
                yield self.at_import(edge, f"{self.layer} module {edge.source} imports {edge.target}", context)

    def _applies_to(self, module: SourceModule) -> bool:
        # A shared kernel kept under domain/ (`src/domain/base/`) is domain code shared by the contexts.
        kernel_of_layer = module.layer == "shared_kernel" and self.layer in module.name.split(".")
        return module.layer == self.layer or kernel_of_layer


class DomainFrameworkFree(_FrameworkFree):
    id = "domain-framework-free"
    title = "The domain imports no framework, ORM or infrastructure client"
    hint = "Keep the domain in plain Python; map to framework types in an adapter."
    layer = "domain"
    forbidden = DOMAIN_FORBIDDEN


class ApplicationFrameworkFree(_FrameworkFree):
    id = "application-framework-free"
    title = "The application layer imports no web framework, ORM or infrastructure client"
    hint = "Reach infrastructure through a port (repository, unit of work, gateway) implemented by an adapter."
    layer = "application"
    forbidden = APPLICATION_FORBIDDEN


class InboundNotOutbound(ArchitectureRule):
    id = "inbound-not-outbound"
    title = "Inbound adapters do not import outbound adapters"
    hint = (
        "Call the application layer; let the composition root (deps.py, container.py, bootstrap.py) choose "
        "the outbound adapter."
    )

    def check(self, service: Service, context: RuleContext) -> Iterator[Violation]:
        for edge, source, target in _checked_edges(service, external=False):
            if target is not None and source.layer == "inbound_adapters" and target.layer in OUTBOUND_LAYERS:
                message = f"inbound adapter {edge.source} imports outbound {target.layer} module {edge.target}"
                yield self.at_import(edge, message, context)


class ContextIndependence(ArchitectureRule):
    id = "context-independence"
    title = "Bounded contexts do not import each other"
    hint = (
        "Integrate through published events, a shared kernel, or an anti-corruption port owned by the "
        "importing context."
    )

    def check(self, service: Service, context: RuleContext) -> Iterator[Violation]:
        for edge, source, target in _checked_edges(service, external=False):
            if target is None or source.context is None or target.context is None:
                continue
            if source.context == target.context or is_event_import(target.name):
                continue
            source_context, target_context = service.context(source.context), service.context(target.context)
            if source_context is None or target_context is None:
                continue
            if target_context.shared_kernel or source_context.shared_kernel:
                continue
            message = f"context {source.context} imports {edge.target} of context {target.context}"
            yield self.at_import(edge, message, context)
