"""Layer vocabulary: which package names mean which layer, and how layers rank under the dependency rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# Inner layers have lower ranks; a module may import its own rank and below. ``None`` means exempt.
DEFAULT_RANKS: Mapping[str, int | None] = {
    "shared_kernel": 0,
    "domain": 1,
    "ports": 2,
    "application": 3,
    "read_model": 3,
    "adapters": 4,
    "infrastructure": 4,
    "inbound_adapters": 5,
    "composition_root": None,
    "tests": None,
}

DEFAULT_SEGMENTS: Mapping[str, tuple[str, ...]] = {
    "domain": ("domain",),
    "application": ("application", "service", "services", "service_layer", "use_cases", "usecases"),
    "ports": ("ports", "protocols", "interfaces"),
    "adapters": ("adapters",),
    "infrastructure": ("infrastructure", "infra", "persistence", "models", "db", "config", "settings"),
    "inbound_adapters": ("api", "entrypoints", "presentation", "routers", "web", "cli", "workers"),
    "read_model": ("views", "read_model", "read_models", "projections"),
    "shared_kernel": ("core", "shared", "shared_kernel", "common", "kernel", "seedwork", "building_blocks"),
    "tests": ("tests", "testing"),
}

# A module with one of these names wires adapters to ports wherever it sits.
DEFAULT_COMPOSITION_ROOTS: tuple[str, ...] = (
    "bootstrap",
    "container",
    "containers",
    "deps",
    "dependencies",
    "wiring",
    "composition",
    "main",
)

# Names that only appear as a layer of a bounded context (unlike `config` or `models`, which any package may have).
CONTEXT_MARKERS: tuple[str, ...] = (
    "domain",
    "application",
    "service_layer",
    "use_cases",
    "usecases",
    "ports",
    "adapters",
    "infrastructure",
    "entrypoints",
    "presentation",
)

SHARED_KERNEL_PACKAGES: tuple[str, ...] = (
    "shared",
    "shared_kernel",
    "common",
    "kernel",
    "seedwork",
    "building_blocks",
)


@dataclass(frozen=True)
class LayerScheme:
    """How package names map to layers, and the order layers may depend on each other."""

    segments: tuple[tuple[str, tuple[str, ...]], ...]
    ranks: tuple[tuple[str, int | None], ...]
    composition_roots: tuple[str, ...] = DEFAULT_COMPOSITION_ROOTS

    @classmethod
    def default(cls) -> LayerScheme:
        return cls.with_overrides({})

    @classmethod
    def with_overrides(
        cls,
        segments: Mapping[str, Sequence[str]],
        ranks: Mapping[str, int | None] | None = None,
        composition_roots: Sequence[str] | None = None,
    ) -> LayerScheme:
        """Defaults, with a user's layers replacing the default segments of the same layer name.

        A segment a user claims for their layer is removed from any default layer, so the user's word wins.
        """
        claimed = {segment for names in segments.values() for segment in names}
        merged: dict[str, tuple[str, ...]] = {
            layer: tuple(name for name in names if name not in claimed) for layer, names in DEFAULT_SEGMENTS.items()
        }
        merged.update({layer: tuple(names) for layer, names in segments.items()})
        merged_ranks = dict(DEFAULT_RANKS)
        for layer in segments:
            merged_ranks.setdefault(layer, 3)
        merged_ranks.update(ranks or {})
        return cls(
            segments=tuple(merged.items()),
            ranks=tuple(merged_ranks.items()),
            composition_roots=tuple(composition_roots) if composition_roots is not None else DEFAULT_COMPOSITION_ROOTS,
        )

    @property
    def layer_by_segment(self) -> dict[str, str]:
        return {segment: layer for layer, names in self.segments for segment in names}

    def rank(self, layer: str | None) -> int | None:
        if layer is None:
            return None
        return dict(self.ranks).get(layer)

    def order(self) -> tuple[str, ...]:
        """Layers from innermost to outermost; exempt layers last."""
        ranked = dict(self.ranks)
        return tuple(sorted(ranked, key=lambda layer: (ranked[layer] is None, ranked[layer] or 0, layer)))

    def layer_of(self, relative_parts: Sequence[str]) -> str | None:
        """The layer of a module given its dotted path below its context package (may be empty)."""
        if relative_parts and relative_parts[-1] in self.composition_roots:
            return "composition_root"
        by_segment = self.layer_by_segment
        for part in relative_parts:
            if part in by_segment:
                return by_segment[part]
        return None

    def marks_context(self, child_names: Sequence[str]) -> bool:
        """A package whose direct children include a strong layer name is a bounded context."""
        markers = set(CONTEXT_MARKERS) | {
            segment for layer, names in self.segments if layer not in DEFAULT_RANKS for segment in names
        }
        return any(name in markers for name in child_names)
