"""Finding bounded contexts and layers from package names alone.

The five layouts our users write put contexts in one of three places: the whole service is one
context (its top package has `domain/`, `adapters/`...), each subpackage is a context with its own
layers, or a `shared/` kernel sits beside the contexts. Declared contexts always win.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from domain_atlas.model import ContextSpec, LayerScheme
from domain_atlas.model.layers import SHARED_KERNEL_PACKAGES

MAX_CONTEXT_DEPTH = 3


def _children(package: str, modules: Iterable[str]) -> list[str]:
    prefix = package + "."
    return sorted({name[len(prefix) :].split(".")[0] for name in modules if name.startswith(prefix)})


def _subpackages(package: str, modules: Sequence[str]) -> list[str]:
    prefix = package + "."
    names = set(modules)
    return [child for child in _children(package, modules) if any(m.startswith(f"{prefix}{child}.") for m in names)]


def detect_contexts(
    packages: Sequence[str],
    modules: Sequence[str],
    scheme: LayerScheme,
    declared: Sequence[ContextSpec] = (),
) -> list[ContextSpec]:
    if declared:
        return sorted(declared, key=lambda spec: spec.package)
    found: list[ContextSpec] = []
    for package in packages:
        if package.split(".")[-1] in SHARED_KERNEL_PACKAGES and len(packages) > 1:
            # `seedwork/` beside `modules/`: a top-level shared kernel of its own.
            found.append(ContextSpec(package.split(".")[-1], package, shared_kernel=True))
            continue
        found.extend(_contexts_in(package, modules, scheme, depth=0))
    if not found:
        # Nothing layered anywhere: each analysed package is one context, so its modules still get drawn.
        found = [ContextSpec(package.split(".")[-1], package) for package in packages]
    return _unique_names(found)


def _contexts_in(package: str, modules: Sequence[str], scheme: LayerScheme, depth: int) -> list[ContextSpec]:
    last = package.split(".")[-1]
    if scheme.marks_context(_children(package, modules)):
        return [ContextSpec(last, package)]
    if depth >= MAX_CONTEXT_DEPTH:
        return []
    found: list[ContextSpec] = []
    for child in _subpackages(package, modules):
        child_package = f"{package}.{child}"
        if depth == 0 and child in SHARED_KERNEL_PACKAGES:
            found.append(ContextSpec(child, child_package, shared_kernel=True))
        else:
            found.extend(_contexts_in(child_package, modules, scheme, depth + 1))
    if depth == 0 and found and all(spec.shared_kernel for spec in found):
        return [ContextSpec(last, package)]
    return found


def _unique_names(specs: list[ContextSpec]) -> list[ContextSpec]:
    """Two contexts with one last segment (`billing.api.v1`, `shop.api.v1`) get their full package as name."""
    counts: dict[str, int] = {}
    for spec in specs:
        counts[spec.name] = counts.get(spec.name, 0) + 1
    return sorted(
        (
            spec
            if counts[spec.name] == 1
            else ContextSpec(spec.package, spec.package, spec.shared_kernel, spec.declared)
            for spec in specs
        ),
        key=lambda spec: spec.package,
    )


def context_of(module: str, contexts: Sequence[ContextSpec]) -> ContextSpec | None:
    """The innermost context whose package contains the module."""
    best: ContextSpec | None = None
    for spec in contexts:
        inside = module == spec.package or module.startswith(spec.package + ".")
        if inside and (best is None or len(spec.package) > len(best.package)):
            best = spec
    return best


def layer_of(module: str, context: ContextSpec | None, scheme: LayerScheme, top_package: str) -> str | None:
    base = context.package if context is not None else top_package
    below = module[len(base) :].lstrip(".")
    parts = below.split(".") if below else []
    if context is not None and context.shared_kernel:
        # Everything in a shared kernel is kernel code unless its own path names a layer.
        return scheme.layer_of(parts) or "shared_kernel"
    if context is None and not parts:
        return None
    return scheme.layer_of(parts)
