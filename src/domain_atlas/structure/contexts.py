"""Deciding which packages are bounded contexts, from names and repetition.

Evidence, strongest first: contexts declared in settings; sibling packages that repeat a layer skeleton
(`modules/{sales,shipping}/{domain,application,...}`), at any depth up to three; a package whose children are
layers (the whole service is one context). A package named like a layer (api/, domain/, config/) is never
a context itself, though contexts may sit inside it; a kernel-named package beside contexts is their shared kernel.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence

from domain_atlas.model import ContextSpec, LayerScheme
from domain_atlas.model.layers import KERNEL_BESIDE_CONTEXTS, SHARED_KERNEL_PACKAGES

MAX_CONTEXT_DEPTH = 3
MIN_SKELETON = 2  # layer names a package needs among its children to count as a repeated context skeleton


class PackageTree:
    """The package tree of the analysed modules, indexed once: each package's children, and which of them hold
    modules of their own (subpackages). Asking the module list each time cost modules x packages."""

    def __init__(self, modules: Iterable[str]) -> None:
        children: dict[str, set[str]] = defaultdict(set)
        nested: dict[str, set[str]] = defaultdict(set)
        for name in modules:
            parts = name.split(".")
            package = parts[0]
            last = len(parts) - 1
            for depth in range(1, len(parts)):
                children[package].add(parts[depth])
                if depth < last:
                    nested[package].add(parts[depth])
                package = f"{package}.{parts[depth]}"  # grown one name at a time, not joined again at each depth
        self._children = {package: tuple(sorted(names)) for package, names in children.items()}
        self._subpackages = {package: tuple(sorted(names)) for package, names in nested.items()}

    def children(self, package: str) -> tuple[str, ...]:
        return self._children.get(package, ())

    def subpackages(self, package: str) -> tuple[str, ...]:
        """Children with modules below them: `package.child.x` exists."""
        return self._subpackages.get(package, ())


class _Finder:
    def __init__(self, modules: Sequence[str], scheme: LayerScheme) -> None:
        self.tree = PackageTree(modules)
        self.scheme = scheme
        self.markers = scheme.markers()

    def skeleton(self, package: str) -> list[str]:
        return [child for child in self.tree.children(package) if child in self.markers]

    def repeated(self, package: str, depth: int) -> list[ContextSpec]:
        """Contexts found by repetition at or below package: two or more siblings sharing a layer skeleton."""
        subs = self.tree.subpackages(package)
        candidates = [
            child
            for child in subs
            if not self.scheme.is_layer_name(child)
            and child not in SHARED_KERNEL_PACKAGES
            and len(self.skeleton(f"{package}.{child}")) >= MIN_SKELETON
        ]
        if len(candidates) >= 2:
            found = [
                ContextSpec(
                    child,
                    f"{package}.{child}",
                    evidence=f"one of {len(candidates)} sibling packages under {package} sharing a layer "
                    f"skeleton ({', '.join(self.skeleton(f'{package}.{child}'))})",
                )
                for child in candidates
            ]
            found += [
                ContextSpec(
                    child,
                    f"{package}.{child}",
                    shared_kernel=True,
                    evidence=f"kernel-named package beside the contexts under {package}",
                )
                for child in subs
                if child in KERNEL_BESIDE_CONTEXTS and child not in candidates
            ]
            return found
        if depth >= MAX_CONTEXT_DEPTH:
            return []
        deeper: list[ContextSpec] = []
        for child in subs:
            if child not in SHARED_KERNEL_PACKAGES:
                deeper += self.repeated(f"{package}.{child}", depth + 1)
        return deeper

    def contexts_in(self, package: str, depth: int) -> list[ContextSpec]:
        last = package.split(".")[-1]
        repeated = self.repeated(package, depth)
        if repeated:
            kernels = {spec.package for spec in repeated}
            for child in self.tree.subpackages(package):
                child_package = f"{package}.{child}"
                if (
                    child in SHARED_KERNEL_PACKAGES
                    and child_package not in kernels
                    and not self._inside(child_package, repeated)
                ):
                    repeated.append(
                        ContextSpec(
                            child,
                            child_package,
                            shared_kernel=True,
                            evidence=f"kernel-named package beside the contexts in {package}",
                        )
                    )
            return repeated
        skeleton = self.skeleton(package)
        if skeleton and not (depth > 0 and self.scheme.is_layer_name(last)):
            return [ContextSpec(last, package, evidence=f"its children are layers ({', '.join(skeleton)})")]
        if depth >= MAX_CONTEXT_DEPTH:
            return []
        found: list[ContextSpec] = []
        for child in self.tree.subpackages(package):
            child_package = f"{package}.{child}"
            if depth == 0 and child in SHARED_KERNEL_PACKAGES:
                found.append(ContextSpec(child, child_package, shared_kernel=True, evidence="kernel-named package"))
            elif not self.scheme.is_layer_name(child):
                found.extend(self.contexts_in(child_package, depth + 1))
        if depth == 0 and found and all(spec.shared_kernel for spec in found):
            return [ContextSpec(last, package, evidence="the only package with code; its kernel is part of it")]
        return found

    @staticmethod
    def _inside(package: str, specs: Sequence[ContextSpec]) -> bool:
        return any(package == spec.package or package.startswith(spec.package + ".") for spec in specs)


def detect_contexts(
    packages: Sequence[str],
    modules: Sequence[str],
    scheme: LayerScheme,
    declared: Sequence[ContextSpec] = (),
) -> list[ContextSpec]:
    if declared:
        return sorted(declared, key=lambda spec: spec.package)
    finder = _Finder(modules, scheme)
    found: list[ContextSpec] = []
    for package in packages:
        last = package.split(".")[-1]
        if last in SHARED_KERNEL_PACKAGES and len(packages) > 1:
            # seedwork/ beside modules/: a top-level shared kernel of its own.
            found.append(ContextSpec(last, package, shared_kernel=True, evidence="kernel-named top-level package"))
            continue
        if scheme.is_layer_name(last) and len(packages) > 1:
            continue  # api/, config/ beside modules/: service-wide, an adapter of every context
        found.extend(finder.contexts_in(package, depth=0))
    if not found:
        layered = [package for package in packages if scheme.is_layer_name(package.split(".")[-1])]
        if layered and len(layered) == len(packages) and len(packages) > 1:
            # domain/, application/, infrastructure/ as top-level packages: one context owning them all.
            return [
                ContextSpec(
                    "service",
                    packages[0],
                    packages=tuple(packages),
                    evidence="every analysed package is a layer: one context owns them",
                )
            ]
        # Nothing layered anywhere: each analysed package is one context, so its modules still get drawn.
        found = [
            ContextSpec(package.split(".")[-1], package, evidence="an analysed package with no layers found")
            for package in packages
        ]
    return _unique_names(found)


def _unique_names(specs: list[ContextSpec]) -> list[ContextSpec]:
    """Two contexts with one last segment (`billing.api.v1`, `shop.api.v1`) get their full package as name."""
    counts: dict[str, int] = {}
    for spec in specs:
        counts[spec.name] = counts.get(spec.name, 0) + 1
    return sorted(
        (spec if counts[spec.name] == 1 else dataclasses.replace(spec, name=spec.package) for spec in specs),
        key=lambda spec: spec.package,
    )


class ContextIndex:
    """Which context owns which package, indexed once: a module's owner is found from its own dotted prefixes,
    longest first, not by asking every context."""

    def __init__(self, contexts: Sequence[ContextSpec]) -> None:
        self._by_package: dict[str, tuple[ContextSpec, str]] = {}
        for spec in contexts:
            for package in spec.all_packages:
                self._by_package.setdefault(package, (spec, package))  # the first context naming it wins

    def owner(self, module: str) -> tuple[ContextSpec, str] | None:
        """The innermost context owning the module, and the package of it that does."""
        prefix = module
        while True:
            found = self._by_package.get(prefix)
            if found is not None:
                return found
            cut = prefix.rfind(".")
            if cut == -1:
                return None
            prefix = prefix[:cut]
