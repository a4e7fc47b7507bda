"""What changed between two models of the same services: the architecture review's diff.

Pure: two lists of `Service` values in, plain frozen values out. It lives beside the rules because a
context dependency's kind (through events or through imports) is the rules' own judgement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from domain_atlas.model import Context, Element, Relation, Service, SourceModule, Violation
from domain_atlas.rules.imports import is_event_import

_Named = TypeVar("_Named", Context, SourceModule)


@dataclass(frozen=True, order=True)
class Dependency:
    """One context depending on another: through events only, or through other imports."""

    source: str
    target: str
    via: str  # "import" or "event"
    count: int  # import statements behind it


@dataclass(frozen=True, order=True)
class KindChange:
    path: str
    kinds_before: tuple[str, ...]
    kinds_after: tuple[str, ...]


@dataclass(frozen=True, order=True)
class DependencyChange:
    source: str
    target: str
    before: Dependency
    after: Dependency


@dataclass(frozen=True, order=True)
class Move:
    """An element renamed or moved with its body unchanged."""

    before: Element
    after: Element


@dataclass(frozen=True)
class Side:
    """What one revision has and the other lacks."""

    contexts: tuple[Context, ...] = ()
    modules: tuple[SourceModule, ...] = ()
    elements: tuple[Element, ...] = ()
    relations: tuple[Relation, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    violations: tuple[Violation, ...] = ()

    def is_empty(self) -> bool:
        return not any((self.contexts, self.modules, self.elements, self.relations, self.dependencies, self.violations))


@dataclass(frozen=True)
class ServiceChanges:
    name: str
    slug: str
    added: Side = field(default_factory=Side)
    removed: Side = field(default_factory=Side)
    kinds: tuple[KindChange, ...] = ()
    moves: tuple[Move, ...] = ()
    dependencies: tuple[DependencyChange, ...] = ()  # same pair of contexts, other kind or count
    only_in: str = ""  # "base" or "head" when the service exists on one side only

    def is_empty(self) -> bool:
        return self.added.is_empty() and self.removed.is_empty() and not (self.kinds or self.moves or self.dependencies)


def diff_models(base: Sequence[Service], head: Sequence[Service]) -> list[ServiceChanges]:
    """Services are matched by name, in the head's order, then those only the base has."""
    before = {service.name: service for service in base}
    after = {service.name: service for service in head}
    found = []
    for service in head:
        if service.name in before:
            found.append(diff_service(before[service.name], service))
        else:
            found.append(diff_service(_empty(service), service, only_in="head"))
    for service in base:
        if service.name not in after:
            found.append(diff_service(service, _empty(service), only_in="base"))
    return found


def _empty(service: Service) -> Service:
    return Service(service.name, service.slug, service.packages, service.source_roots, (), (), ())


def diff_service(base: Service, head: Service, only_in: str = "") -> ServiceChanges:
    moves = _moves(base.elements, head.elements)
    moved_from = {move.before.path for move in moves}
    moved_to = {move.after.path for move in moves}
    renamed = {move.before.path: move.after.path for move in moves}
    base_elements = {element.path: element for element in base.elements}
    head_elements = {element.path: element for element in head.elements}
    kinds = tuple(
        KindChange(path, base_elements[path].kinds, head_elements[path].kinds)
        for path in sorted(base_elements.keys() & head_elements.keys())
        if base_elements[path].kinds != head_elements[path].kinds
    )
    base_dependencies = {(d.source, d.target): d for d in context_dependencies(base)}
    head_dependencies = {(d.source, d.target): d for d in context_dependencies(head)}
    return ServiceChanges(
        name=head.name if only_in != "base" else base.name,
        slug=head.slug if only_in != "base" else base.slug,
        added=Side(
            contexts=_new(head.contexts, base.contexts, lambda c: c.name),
            modules=_new(head.modules, base.modules, lambda m: m.name),
            elements=tuple(e for e in head.elements if e.path not in base_elements and e.path not in moved_to),
            relations=_new_relations(head.relations, base.relations, renamed),
            dependencies=tuple(d for key, d in sorted(head_dependencies.items()) if key not in base_dependencies),
            violations=_new_violations(head.violations, base.violations),
        ),
        removed=Side(
            contexts=_new(base.contexts, head.contexts, lambda c: c.name),
            modules=_new(base.modules, head.modules, lambda m: m.name),
            elements=tuple(e for e in base.elements if e.path not in head_elements and e.path not in moved_from),
            relations=_new_relations(base.relations, head.relations, {v: k for k, v in renamed.items()}),
            dependencies=tuple(d for key, d in sorted(base_dependencies.items()) if key not in head_dependencies),
            violations=_new_violations(base.violations, head.violations),
        ),
        kinds=kinds,
        moves=moves,
        dependencies=tuple(
            DependencyChange(*key, base_dependencies[key], head_dependencies[key])
            for key in sorted(base_dependencies.keys() & head_dependencies.keys())
            if base_dependencies[key] != head_dependencies[key]
        ),
        only_in=only_in,
    )


def context_dependencies(service: Service) -> list[Dependency]:
    """Context -> context through import statements; `event` when every one imports an event module."""
    modules = {module.name: module for module in service.modules}
    targets: dict[tuple[str, str], list[str]] = {}
    for edge in service.internal_imports():
        source, target = modules[edge.source].context, modules[edge.target].context
        if source and target and source != target:
            targets.setdefault((source, target), []).append(edge.target)
    return [
        Dependency(source, target, "event" if all(map(is_event_import, names)) else "import", len(names))
        for (source, target), names in sorted(targets.items())
    ]


def _new(mine: Iterable[_Named], theirs: Iterable[_Named], key: Callable[[_Named], str]) -> tuple[_Named, ...]:
    known = {key(item) for item in theirs}
    return tuple(item for item in mine if key(item) not in known)


def _renamed(path: str, renamed: Mapping[str, str]) -> str:
    """A path under a moved element (`Old.method`) as it is called after the move."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        prefix = ".".join(parts[:cut])
        if prefix in renamed:
            return ".".join([renamed[prefix], *parts[cut:]])
    return path


def _new_relations(
    mine: Iterable[Relation], theirs: Iterable[Relation], theirs_renamed: Mapping[str, str]
) -> tuple[Relation, ...]:
    """Relations of `mine` whose kind, source and target `theirs` lacks, once moved elements are followed
    (where or through what an edge is written is not an architectural change). Module imports are not
    relations here: the context dependencies sum them up."""
    known = {(r.kind, _renamed(r.source, theirs_renamed), _renamed(r.target, theirs_renamed)) for r in theirs}
    found: dict[tuple[str, str, str], Relation] = {}
    for relation in sorted(mine):
        key = (relation.kind, relation.source, relation.target)
        if key not in known:
            found.setdefault(key, relation)
    return tuple(found.values())


def _new_violations(mine: Sequence[Violation], theirs: Sequence[Violation]) -> tuple[Violation, ...]:
    """Matched as the baseline matches them: by rule, source, target and file, one per occurrence."""
    remaining = Counter(violation.fingerprint() for violation in theirs)
    found = []
    for violation in sorted(mine):
        key = violation.fingerprint()
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            found.append(violation)
    return tuple(found)


def _moves(base: Sequence[Element], head: Sequence[Element]) -> tuple[Move, ...]:
    """Elements gone from one path and new at another with the same body digest and the same kinds, paired
    one to one; several candidates pair only by equal name, so an ambiguous match is never called a move.
    An event that became a command with the same fields is a removal and an addition: what it is changed."""
    head_paths = {element.path for element in head}
    base_paths = {element.path for element in base}
    gone: dict[str, list[Element]] = {}
    for element in base:
        if element.path not in head_paths and element.body_digest:
            gone.setdefault(element.body_digest + " " + ",".join(element.kinds), []).append(element)
    new: dict[str, list[Element]] = {}
    for element in head:
        if element.path not in base_paths and element.body_digest:
            new.setdefault(element.body_digest + " " + ",".join(element.kinds), []).append(element)
    moves = []
    for key, before in gone.items():
        after = new.get(key, [])
        if len(before) == 1 and len(after) == 1:
            moves.append(Move(before[0], after[0]))
            continue
        for old in before:
            same_name = [element for element in after if element.name == old.name]
            if len(same_name) == 1 and sum(element.name == old.name for element in before) == 1:
                moves.append(Move(old, same_name[0]))
    return tuple(sorted(moves))
