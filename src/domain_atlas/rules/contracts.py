"""Checking import-linter contracts against the import graph (direct imports)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
        layers: dict[tuple[str, str], tuple[int, int] | None] = {}  # each module's layer, found once per contract
        for edge in service.imports:
            found.extend(_check(contract, edge, links, layers))
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


def _cached_layer_index(
    contract: Contract, module: str, container: str, layers: dict[tuple[str, str], tuple[int, int] | None]
) -> tuple[int, int] | None:
    key = (module, container)
    if key not in layers:
        layers[key] = _layer_index(contract, module, container)
    return layers[key]


def _check(
    contract: Contract,
    edge: ImportEdge,
    links: Mapping[str, str],
    layers: dict[tuple[str, str], tuple[int, int] | None],
) -> Iterable[Violation]:
    if contract.type == "forbidden":
        if any(_inside(edge.source, source) for source in contract.modules) and any(
            _inside(edge.target, forbidden) for forbidden in contract.forbidden
        ):
            yield _violation(contract, edge, f"{edge.source} must not import {edge.target}", links)
    elif contract.type == "independence" and not edge.external:
        source = next((m for m in contract.modules if _inside(edge.source, m)), None)
        target = next((m for m in contract.modules if _inside(edge.target, m)), None)
        if source and target and source != target:
            yield _violation(contract, edge, f"{source} and {target} must be independent", links)
    elif contract.type == "layers" and not edge.external:
        for container in contract.containers or ("",):
            importer = _cached_layer_index(contract, edge.source, container, layers)
            imported = _cached_layer_index(contract, edge.target, container, layers)
            if importer is None or imported is None:
                continue
            if imported[0] < importer[0]:
                yield _violation(contract, edge, f"lower layer {edge.source} imports higher layer {edge.target}", links)
            elif imported[0] == importer[0] and imported[1] != importer[1]:
                yield _violation(contract, edge, f"independent layers: {edge.source} imports {edge.target}", links)
