"""Checking import-linter contracts against the import graph (direct imports)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from domain_atlas.model import ImportEdge, Service, Violation
from domain_atlas.model.contracts import Contract
from domain_atlas.rules.base import ArchitectureRule, RuleContext

RULE = "import-linter-contract"


class ImportLinterContracts(ArchitectureRule):
    id = RULE
    title = "The project's import-linter contracts hold"
    hint = "Change the import, or the contract if the architecture really changed (and record why in an ADR)."

    def check(self, service: Service, context: RuleContext) -> list[Violation]:
        return check_contracts(service, context.contracts, context.adr_links)


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _violation(contract: Contract, edge: ImportEdge, message: str, adr_links: Mapping[str, str]) -> Violation:
    rule = ImportLinterContracts()
    return rule.at_import(
        edge,
        f"contract {contract.name!r} ({contract.file}:{contract.line}): {message}",
        RuleContext(adr_links=adr_links),
    )


def check_contracts(
    service: Service, contracts: Iterable[Contract], adr_links: Mapping[str, str] | None = None
) -> list[Violation]:
    links = adr_links or {}
    found: list[Violation] = []
    for contract in contracts:
        if contract.type == "acyclic_siblings":
            found.extend(_sibling_cycles(contract, service, links))
            continue
        check = _CHECKS.get(contract.type)
        if check is not None:
            found.extend(check(contract, service.imports, links))
    return sorted(set(found))


def _sibling_cycles(contract: Contract, service: Service, links: Mapping[str, str]) -> list[Violation]:
    """Imports between siblings (children of one package at or below an ancestor) that lie on a cycle."""
    names = [module.name for module in service.modules]
    parents_of = {
        ancestor: sorted({name for name in names if _inside(name, ancestor)}) for ancestor in contract.modules
    }
    if not any(parents_of.values()):
        return []  # the contract names no package of this service
    # An import joins siblings of one package only: the longest package holding both ends (one pass over imports).
    by_parent: dict[str, dict[tuple[str, str], list[ImportEdge]]] = {}
    for edge in service.internal_imports():
        joined = _siblings_joined(edge.source, edge.target)
        if joined is not None:
            parent, pair = joined
            by_parent.setdefault(parent, {}).setdefault(pair, []).append(edge)
    found: list[Violation] = []
    for ancestor in contract.modules:
        for parent in parents_of[ancestor]:
            prefix = parent + "."
            between = by_parent.get(parent, {})
            reach = _reachability({pair[0] for pair in between} | {pair[1] for pair in between}, set(between))
            for (source, target), edges in sorted(between.items()):
                if source in reach[target]:  # target reaches back to source: the import closes a cycle
                    for edge in edges:
                        found.append(
                            _violation(
                                contract,
                                edge,
                                f"siblings {prefix}{source} and {prefix}{target} import each other (a cycle)",
                                links,
                            )
                        )
    return found


def _siblings_joined(source: str, target: str) -> tuple[str, tuple[str, str]] | None:
    """The package whose two different children hold `source` and `target`, with those children, or None."""
    source_parts, target_parts = source.split("."), target.split(".")
    common = 0
    for mine, theirs in zip(source_parts, target_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    if common == 0 or common >= len(source_parts) or common >= len(target_parts):
        return None
    return ".".join(source_parts[:common]), (source_parts[common], target_parts[common])


def _reachability(nodes: set[str], arcs: set[tuple[str, str]]) -> dict[str, set[str]]:
    following: dict[str, set[str]] = {node: set() for node in nodes}
    for source, target in arcs:
        following[source].add(target)
    reach: dict[str, set[str]] = {}
    for node in nodes:
        seen: set[str] = set()
        stack = list(following[node])
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(following[current])
        reach[node] = seen
    return reach


def _layer_index(contract: Contract, module: str, container: str) -> tuple[int, int] | None:
    for index, siblings in enumerate(contract.layers):
        for position, layer in enumerate(siblings):
            if _inside(module, f"{container}.{layer}" if container else layer):
                return index, position
    return None


# Each check takes the whole import graph and asks about each module once (a service has thousands of import
# statements but far fewer modules): on Django's 4,325 statements, asking per statement cost 4 ms.


def _forbidden(contract: Contract, edges: Sequence[ImportEdge], links: Mapping[str, str]) -> list[Violation]:
    restricted: dict[str, bool] = {}  # whether the contract restricts what each importing module imports
    found: list[Violation] = []
    for edge in edges:
        source = edge.source
        inside = restricted.get(source)
        if inside is None:
            inside = restricted[source] = any(_inside(source, package) for package in contract.modules)
        if inside and any(_inside(edge.target, forbidden) for forbidden in contract.forbidden):
            found.append(_violation(contract, edge, f"{source} must not import {edge.target}", links))
    return found


def _independence(contract: Contract, edges: Sequence[ImportEdge], links: Mapping[str, str]) -> list[Violation]:
    internal = [edge for edge in edges if not edge.external]
    owner = {  # the contract's package each module is in, if any
        module: next((package for package in contract.modules if _inside(module, package)), None)
        for module in _modules_of(internal)
    }
    found: list[Violation] = []
    for edge in internal:
        source, target = owner[edge.source], owner[edge.target]
        if source and target and source != target:
            found.append(_violation(contract, edge, f"{source} and {target} must be independent", links))
    return found


def _layers(contract: Contract, edges: Sequence[ImportEdge], links: Mapping[str, str]) -> list[Violation]:
    internal = [edge for edge in edges if not edge.external]
    modules = _modules_of(internal)
    found: list[Violation] = []
    for container in contract.containers or ("",):
        layer = {module: _layer_index(contract, module, container) for module in modules}
        for edge in internal:
            importer, imported = layer[edge.source], layer[edge.target]
            if importer is None or imported is None:
                continue
            if imported[0] < importer[0]:
                message = f"lower layer {edge.source} imports higher layer {edge.target}"
                found.append(_violation(contract, edge, message, links))
            elif imported[0] == importer[0] and imported[1] != importer[1]:
                message = f"independent layers: {edge.source} imports {edge.target}"
                found.append(_violation(contract, edge, message, links))
    return found


def _modules_of(edges: Sequence[ImportEdge]) -> set[str]:
    return {edge.source for edge in edges} | {edge.target for edge in edges}


_CHECKS: dict[str, Callable[[Contract, Sequence[ImportEdge], Mapping[str, str]], list[Violation]]] = {
    "forbidden": _forbidden,
    "independence": _independence,
    "layers": _layers,
}
