"""Placing each module in a layer, from its names first and from how it imports second.

Names decide most modules (usecases/, infra/, controllers/...). How a module imports decides composition
roots whatever their name: a module that imports three or more layers, outer and inner alike, and is imported
only by entrypoints or by nothing, wires the service together. Where nothing settles a module's layer it is
left "not placed", with a suggestion from what it holds, and no rule rests on it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from domain_atlas.model import ContextSpec, ImportEdge, LayerScheme
from domain_atlas.model.layers import NamePlacement
from domain_atlas.model.layout import Unplaced
from domain_atlas.structure.contexts import ContextIndex, PackageTree

INNER = frozenset({"domain", "application", "ports"})
OUTER = frozenset({"adapters", "infrastructure"})
NOT_COUNTED = frozenset({"tests", "composition_root", "shared_kernel"})
ROOT_IMPORTERS = frozenset({"inbound_adapters", "composition_root", "tests"})
MIN_ROOT_LAYERS = 3

# What a module holds, as read by discovery, and the layer it suggests for a module its names do not place.
SUGGESTION_BY_HINT = (
    ("router", "inbound_adapters"),
    ("orm", "infrastructure"),
    ("implementation", "adapters"),
    ("abstract", "ports"),
    ("handler", "application"),
)


@dataclass(frozen=True)
class Placement:
    module: str
    context: ContextSpec | None
    layer: str | None
    evidence: str = ""
    anchor: str = ""  # the package or module whose name (or shape) decided
    strong: bool = True
    unplaced: Unplaced | None = None


class _Path(NamedTuple):  # one per module, made and read once: a tuple is made in a third of a dataclass's time
    base: str  # dotted prefix above parts
    parts: list[str]
    context: ContextSpec | None
    relative: list[str]  # parts below the owning package


def _path(module: str, contexts: ContextIndex, scheme: LayerScheme) -> _Path:
    owner = contexts.owner(module)
    if owner is None:
        return _Path("", module.split("."), None, module.split("."))
    spec, package = owner
    if len(spec.all_packages) > 1:
        # A context owning several packages (`modules.billing`, `api.routers.billing`): each module's whole path counts.
        parts = module.split(".")
        return _Path("", parts, spec, [part for part in module[len(package) :].lstrip(".").split(".") if part])
    relative = [part for part in module[len(package) :].lstrip(".").split(".") if part]
    head, _, last = package.rpartition(".")
    if scheme.is_layer_name(last) and not spec.shared_kernel:
        # domain of a context owning domain, application...: the package's own name says its layer
        return _Path(head, [last, *relative], spec, relative)
    return _Path(package, relative, spec, relative)


def _anchor(path: _Path, index: int) -> str:
    return ".".join(part for part in (path.base, *path.parts[: index + 1]) if part)


def _layered_kernels(contexts: Sequence[ContextSpec], modules: Sequence[str], scheme: LayerScheme) -> set[str]:
    """Kernels with two or more layer packages of their own: their other modules are not placed by default."""
    layered = set()
    tree: PackageTree | None = None
    for spec in contexts:
        if not spec.shared_kernel:
            continue
        tree = tree or PackageTree(modules)
        layers = set()
        for package in spec.all_packages:
            for child in tree.subpackages(package):
                found = scheme.place([child], leaf=False)
                if found and found.strong and found.layer not in ("tests", "composition_root"):
                    layers.add(found.layer)
        if len(layers) >= 2:
            layered.add(spec.name)
    return layered


def _suggestion(hints: frozenset[str]) -> str:
    return next((layer for hint, layer in SUGGESTION_BY_HINT if hint in hints), "")


def _evidence(found: NamePlacement, path: _Path, flat: bool) -> str:
    name = found.segment
    if found.layer == "composition_root":
        return f"composition root: named {name}"
    if found.layer == "tests":
        return f"test code: named {name}"
    if flat and found.index == len(path.parts) - 1 and len(path.relative) == 1:
        return f"module {name} of a context without layer folders"
    if not found.strong:
        return f"named {name} (a weak name; nothing stronger in its path)"
    return f"named {name}"


def place_modules(
    modules: Sequence[tuple[str, bool]],
    contexts: Sequence[ContextSpec],
    scheme: LayerScheme,
    edges: Sequence[ImportEdge],
    hints: Mapping[str, frozenset[str]],
) -> dict[str, Placement]:
    names = [name for name, _ in modules]
    layered = _layered_kernels(contexts, names, scheme)
    index = ContextIndex(contexts)
    placed = {name: _place_one(name, is_package, index, scheme, layered, hints) for name, is_package in modules}
    return _composition_roots_by_shape(placed, dict(modules), edges)


def _place_one(
    name: str,
    is_package: bool,
    contexts: ContextIndex,
    scheme: LayerScheme,
    layered: set[str],
    hints: Mapping[str, frozenset[str]],
) -> Placement:
    # A module's hints are asked for only where its names leave its layer open (they may be read when asked).
    path = _path(name, contexts, scheme)
    flat = path.context is not None and not path.context.shared_kernel and len(path.relative) == 1 and not is_package
    found = scheme.place(path.parts, flat=flat, leaf=not is_package) if path.parts else None
    kernel = path.context if path.context is not None and path.context.shared_kernel else None
    if found is not None and kernel is not None and not found.strong and not is_package:
        # core/services/ in a kernel: a weak name does not take a module out of the kernel on its own.
        reason = f"in shared kernel {kernel.package} under the weak name {found.segment}"
        setting = f"layers: {{{found.layer}: [{found.segment}]}}"
        return Placement(name, kernel, None, reason, unplaced=Unplaced(name, reason, found.layer, setting))
    if found is not None and found.layer in OUTER and not is_package and "abstract" in hints.get(name, frozenset()):
        evidence = f"named {found.segment}, but holds only abstract classes: a port"
        return Placement(name, path.context, "ports", evidence, name)
    if found is not None:
        evidence = _evidence(found, path, flat)
        return Placement(name, path.context, found.layer, evidence, _anchor(path, found.index), found.strong)
    if kernel is not None and kernel.name not in layered:
        return Placement(name, kernel, "shared_kernel", f"in shared kernel {kernel.package}", kernel.package)
    return _unplaced(name, is_package, path, layered, hints)


def _unplaced(
    name: str, is_package: bool, path: _Path, layered: set[str], hints: Mapping[str, frozenset[str]]
) -> Placement:
    if is_package or not path.relative or (path.context is None and len(path.parts) <= 1):
        return Placement(name, path.context, None)  # a context's own package, or a top-level module
    kernel = path.context is not None and path.context.name in layered
    suggested = _suggestion(hints.get(name, frozenset()))
    suggestion = "shared_kernel" if kernel and not suggested else suggested
    if path.context is None:  # outside contexts the first name is the top package: name the module's own folder
        folder = path.relative[-2] if len(path.relative) > 2 else path.relative[-1]
    else:
        folder = path.relative[0] if len(path.relative) > 1 else path.relative[-1]
    reason = (
        f"inside layered shared kernel {path.context.package} but in none of its layers"
        if kernel and path.context is not None
        else "no layer name in its path"
    )
    setting = f"layers: {{{suggestion or 'LAYER'}: [{folder}]}}"
    return Placement(name, path.context, None, reason, unplaced=Unplaced(name, reason, suggestion, setting))


def _composition_roots_by_shape(
    placed: dict[str, Placement], is_package: Mapping[str, bool], edges: Sequence[ImportEdge]
) -> dict[str, Placement]:
    imports: dict[str, set[str]] = defaultdict(set)
    importers: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        if not edge.external and not edge.type_checking and edge.source != edge.target:
            imports[edge.source].add(edge.target)
            importers[edge.target].add(edge.source)
    for name, placement in list(placed.items()):
        if is_package.get(name):
            continue
        layers = {layer for t in imports[name] if t in placed and (layer := placed[t].layer)} - NOT_COUNTED
        if placement.layer == "composition_root":
            if layers:
                shape = _shape(layers, importers[name])
                placed[name] = dataclasses.replace(placement, evidence=f"{placement.evidence}; {shape}", anchor=name)
            continue
        # Only a module its names leave unsettled can be a root by shape: no layer name, kernel code, or a weak
        # infrastructure name (`config`, `core/database`); a use case in services/ that imports adapters is not.
        unsettled = placement.layer in (None, "shared_kernel") or (
            placement.layer == "infrastructure" and not placement.strong
        )
        if not unsettled:
            continue
        if len(layers) < MIN_ROOT_LAYERS or not layers & INNER or not layers & OUTER:
            continue
        users = importers[name]
        if any(placed[user].layer not in ROOT_IMPORTERS and placed[user].layer is not None for user in users):
            continue
        shape = _shape(layers, users)
        placed[name] = Placement(name, placement.context, "composition_root", f"composition root: {shape}", name)
    return placed


def _shape(layers: set[str], users: set[str]) -> str:
    """The evidence of a module's shape; written only for the few modules it is shown for (on Django writing it
    for every module cost 1 ms)."""
    by = f"imported only by {', '.join(sorted(users))}" if users else "imported by nothing"
    return f"imports {len(layers)} layer{'s' if len(layers) != 1 else ''} ({', '.join(sorted(layers))}), {by}"
