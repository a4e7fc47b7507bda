"""Layer vocabulary: which package names mean which layer, and how layers rank under the dependency rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

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
    "domain": ("domain", "entities", "aggregates"),
    "application": (
        "application",
        "service",
        "services",
        "service_layer",
        "use_cases",
        "usecases",
        "use_case",
        "usecase",
        "interactors",
    ),
    "ports": ("ports", "protocols", "interfaces"),
    "adapters": ("adapters", "outbound", "gateways"),
    "infrastructure": (
        "infrastructure",
        "infra",
        "persistence",
        "data",
        "models",
        "db",
        "database",
        "config",
        "settings",
    ),
    "inbound_adapters": (
        "api",
        "entrypoints",
        "presentation",
        "routers",
        "web",
        "cli",
        "workers",
        "inbound",
        "http",
        "controllers",
        "interface",
    ),
    "read_model": ("views", "read_model", "read_models", "projections"),
    "shared_kernel": ("core", "shared", "shared_kernel", "common", "kernel", "seedwork", "building_blocks"),
    "tests": ("tests", "testing"),
}

# Names that say less than the others: a later, stronger name in the same path wins over them
# (`core/entities` is domain, `config` alone is infrastructure).
WEAK_SEGMENTS: frozenset[str] = frozenset(
    {"core", "shared", "common", "kernel", "models", "database", "config", "settings", "services", "service"}
)

# A package (not a module) of these names is the command or query side of the application layer.
PACKAGE_ONLY_SEGMENTS: Mapping[str, str] = {"commands": "application", "queries": "application", "model": "domain"}

# Module names that place a module of a flat context (no layer folders): `ordering/model.py`, `ordering/rest.py`.
FLAT_MODULES: Mapping[str, str] = {
    "model": "domain",
    "aggregates": "domain",
    "commands": "domain",
    "events": "domain",
    "messages": "domain",
    "handlers": "application",
    "queries": "read_model",
    "repository": "adapters",
    "orm": "adapters",
    "rest": "inbound_adapters",
}

# Under domain/, these name use cases (the feature-folder layout keeps `domain/usecases`).
USE_CASE_SEGMENTS: frozenset[str] = frozenset({"use_cases", "usecases", "use_case", "usecase", "interactors"})

# A module with one of these names, or inside a package of one of these names, wires adapters to ports.
DEFAULT_COMPOSITION_ROOTS: tuple[str, ...] = (
    "bootstrap",
    "container",
    "containers",
    "deps",
    "dependencies",
    "wiring",
    "composition",
    "main",
    "__main__",
    "ioc",
    "di",
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
    "infra",
    "entrypoints",
    "presentation",
    "inbound",
    "outbound",
    "persistence",
    "data",
    "gateways",
    "controllers",
    "interface",
    "ioc",
)

SHARED_KERNEL_PACKAGES: tuple[str, ...] = (
    "shared",
    "shared_kernel",
    "common",
    "kernel",
    "seedwork",
    "building_blocks",
    "core",
)

# Beside sibling contexts, a package of base classes is their shared kernel.
KERNEL_BESIDE_CONTEXTS: tuple[str, ...] = (*SHARED_KERNEL_PACKAGES, "base")


@dataclass(frozen=True)
class NamePlacement:
    """A layer read from a module's dotted path, and the name that said so."""

    layer: str
    segment: str  # the package or module name that decided
    index: int  # its position in the path
    strong: bool


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

    @cached_property  # asked for every module and package name: built once per scheme
    def layer_by_segment(self) -> Mapping[str, str]:
        return {segment: layer for layer, names in self.segments for segment in names}

    def rank(self, layer: str | None) -> int | None:
        if layer is None:
            return None
        return self._rank_by_layer.get(layer)

    @cached_property  # asked for both ends of every import statement: built once per scheme
    def _rank_by_layer(self) -> Mapping[str, int | None]:
        return dict(self.ranks)

    def order(self) -> tuple[str, ...]:
        """Layers from innermost to outermost; exempt layers last."""
        ranked = dict(self.ranks)
        return tuple(sorted(ranked, key=lambda layer: (ranked[layer] is None, ranked[layer] or 0, layer)))

    def layer_of(self, relative_parts: Sequence[str]) -> str | None:
        """The layer of a module given its dotted path below its context package (may be empty)."""
        found = self.place(relative_parts)
        return found.layer if found else None

    def place(self, relative_parts: Sequence[str], *, flat: bool = False, leaf: bool = True) -> NamePlacement | None:
        """The layer the names of a path give, with the deciding name.

        Composition-root and test names win wherever they are; otherwise the first strong name wins, a weak one
        only when no strong name follows. `flat`: the module sits directly in a context without layer folders.
        """
        parts = list(relative_parts)
        for index, part in enumerate(parts):
            if part in self.composition_roots and (index == len(parts) - 1 or part not in ("main",)):
                return NamePlacement("composition_root", part, index, True)
        by_segment = self.layer_by_segment
        for index, part in enumerate(parts):
            if by_segment.get(part) == "tests" or (leaf and index == len(parts) - 1 and _is_test_module(part)):
                return NamePlacement("tests", part, index, True)
        weak: NamePlacement | None = None
        for index, part in enumerate(parts):
            last = leaf and index == len(parts) - 1
            layer = by_segment.get(part)
            if layer is None and not last:
                layer = PACKAGE_ONLY_SEGMENTS.get(part)
            if layer is None and last and flat:
                layer = FLAT_MODULES.get(part)
            if layer is None:
                continue
            if part in WEAK_SEGMENTS and part not in self._user_segments:
                weak = weak or NamePlacement(layer, part, index, False)
                continue
            if layer == "domain" and any(later in USE_CASE_SEGMENTS for later in parts[index + 1 :]):
                use_case = next(later for later in parts[index + 1 :] if later in USE_CASE_SEGMENTS)
                return NamePlacement("application", use_case, parts.index(use_case), True)
            return NamePlacement(layer, part, index, True)
        return weak

    @cached_property
    def _user_segments(self) -> frozenset[str]:
        """Names a user mapped to a layer themselves are never weak."""
        return frozenset(
            name
            for layer, names in self.segments
            for name in names
            if name not in DEFAULT_SEGMENTS.get(layer, ()) or layer not in DEFAULT_SEGMENTS
        )

    def is_layer_name(self, name: str) -> bool:
        return name in self.layer_by_segment or name in self.composition_roots or name in PACKAGE_ONLY_SEGMENTS

    def markers(self) -> frozenset[str]:
        return frozenset(CONTEXT_MARKERS) | {
            segment for layer, names in self.segments if layer not in DEFAULT_RANKS for segment in names
        }

    def marks_context(self, child_names: Sequence[str]) -> bool:
        """A package whose direct children include a strong layer name is a bounded context."""
        markers = self.markers()
        return any(name in markers for name in child_names)


def _is_test_module(name: str) -> bool:
    return name.startswith("test_") or name.endswith("_test") or name == "conftest"
