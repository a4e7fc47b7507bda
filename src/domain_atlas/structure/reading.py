"""Summing the structure decisions up for the reader: contexts, layers with evidence, doubts with their fix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from domain_atlas.model import ContextSpec
from domain_atlas.model.layout import ContextReading, Doubt, LayerReading, LayoutReading
from domain_atlas.structure.layers import Placement


def context_setting(spec: ContextSpec) -> str:
    packages = ", ".join(spec.all_packages)
    kernel = ", shared_kernel: true" if spec.shared_kernel else ""
    return f"contexts: [{{name: {spec.name}, packages: [{packages}]{kernel}}}]"


def summarise(
    packages: Sequence[str], contexts: Sequence[ContextSpec], placements: Mapping[str, Placement]
) -> LayoutReading:
    context_readings = tuple(
        ContextReading(
            spec.name,
            spec.all_packages,
            spec.shared_kernel,
            "declared in settings" if spec.declared else spec.evidence,
            spec.declared,
        )
        for spec in contexts
    )
    counts: Counter[tuple[str, str, str]] = Counter()
    roots = []
    for placement in placements.values():
        if placement.layer is None:
            continue
        if placement.layer == "composition_root":
            roots.append(LayerReading("composition_root", placement.module, placement.evidence, 1))
        else:
            counts[(placement.layer, placement.anchor, placement.evidence)] += 1
    layers = tuple(
        sorted(LayerReading(layer, anchor, evidence, count) for (layer, anchor, evidence), count in counts.items())
    )
    not_placed = tuple(sorted(p.unplaced for p in placements.values() if p.unplaced is not None))
    # Packages holding a context's package (`modules` of `modules.billing`) are not outside the contexts.
    holding = {package[:cut] for spec in contexts for package in spec.all_packages for cut in _dots(package)}
    outside = tuple(
        sorted(
            {
                _top(name, packages)
                for name, placement in placements.items()
                if placement.context is None and placement.layer != "tests" and name not in holding
            }
        )
    )
    doubts = [
        Doubt(
            spec.package,
            f"read as a context only because it is {spec.evidence}; if it is not, declare the contexts",
            context_setting(spec),
        )
        for spec in contexts
        if not spec.declared and spec.evidence.startswith("an analysed package")
    ]
    doubts += [
        Doubt(
            p.anchor,
            f"read as {(p.layer or '').replace('_', ' ')} from a weak name; if it is another layer, map the name to it",
            f"layers: {{LAYER: [{p.anchor.rsplit('.', 1)[-1]}]}}",
        )
        for p in _unique_weak(placements.values())
    ]
    return LayoutReading(
        contexts=context_readings,
        layers=layers,
        composition_roots=tuple(sorted(set(roots))),
        not_placed=not_placed,
        outside=outside,
        doubts=tuple(sorted(set(doubts))),
    )


def _dots(package: str) -> list[int]:
    return [index for index, char in enumerate(package) if char == "."]


def _top(name: str, packages: Sequence[str]) -> str:
    return next((p for p in packages if name == p or name.startswith(p + ".")), name.split(".")[0])


def _unique_weak(placements: Iterable[Placement]) -> list[Placement]:
    seen: dict[str, Placement] = {}
    for placement in placements:
        if placement.layer and not placement.strong:
            seen.setdefault(placement.anchor, placement)
    return [seen[anchor] for anchor in sorted(seen)]
