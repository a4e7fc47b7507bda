"""Joining several services' models: which messages cross from one service to another.

Each service keeps the messages it uses but does not define (a handler of another service's event, a command
sent to another service) under the message's dotted path, or under a type string for string-keyed registries.
Joining those on the paths and type strings other services define, publish or handle gives the landscape.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from domain_atlas.model.architecture import Element, Relation, Service

EVENT_KINDS = ("domain_event", "integration_event")
MESSAGE_KINDS = (*EVENT_KINDS, "command", "query")
STRING_KEY = "string key "  # how discovery spells the `via` of a registry keyed by a type string


@dataclass(frozen=True, order=True)
class Crossing:
    """One message going from one service to another: an event it publishes, or a command it sends."""

    source: str  # the service the message comes from (publisher of the event, sender of the command)
    target: str  # the service that receives it (handles the event, defines or handles the command)
    message: str  # the message's dotted path (as its defining service names it), or its type string
    name: str  # what a reader calls it: the class name, or the type string no service declares
    kind: str  # "event", "command" or "query"
    evidence: str  # the relation that shows it, with its place in the receiving or sending service
    source_context: str | None = None  # the context of the sending side, where known
    target_context: str | None = None  # the context of the receiving side, where known
    seen_in: str = ""  # the service whose relation shows the crossing, and where in it
    file: str = ""
    line: int = 0


def _guessed_kind(name: str) -> str:
    """The kind of a message no joined service defines, from its name."""
    return "command" if name.endswith("Command") else "query" if name.endswith("Query") else "event"


def _kind(kinds: Sequence[str]) -> str:
    if any(kind in EVENT_KINDS for kind in kinds):
        return "event"
    return "command" if "command" in kinds else "query" if "query" in kinds else ""


class _Index:
    """Who defines, publishes and handles each message, across all services."""

    def __init__(self, services: Sequence[Service]) -> None:
        self.defined: dict[str, list[tuple[str, Element]]] = defaultdict(list)
        self.by_name: dict[str, list[tuple[str, Element]]] = defaultdict(list)
        self.by_type: dict[str, list[tuple[str, Element]]] = defaultdict(list)
        self.publishers: dict[str, set[str]] = defaultdict(set)
        self.handlers: dict[str, set[str]] = defaultdict(set)
        self.contexts: dict[tuple[str, str], str | None] = {}  # (service, message) -> context using it there
        for service in services:
            for element in service.elements:
                if _kind(element.kinds):
                    self.defined[element.path].append((service.name, element))
                    self.by_name[element.name].append((service.name, element))
                    self.contexts[(service.name, element.path)] = element.context
                    if element.message_type:
                        self.by_type[element.message_type].append((service.name, element))
            for relation in service.relations:
                if _in_tests(relation.source):
                    continue
                if relation.kind == "publishes":
                    self.publishers[relation.target].add(service.name)
                elif relation.kind == "handles" and not relation.via.startswith(STRING_KEY):
                    self.handlers[relation.target].add(service.name)
                if relation.kind in ("publishes", "handles"):
                    self.contexts.setdefault((service.name, relation.target), context_of_path(service, relation.source))

    def definition(self, relation: Relation) -> tuple[str, list[tuple[str, Element]]]:
        """The message's dotted path and the services defining it (joined on the type string for string keys)."""
        if relation.via.startswith(STRING_KEY):
            found = self.by_type.get(relation.target, [])
            return (found[0][1].path if len(found) == 1 else relation.target), found
        if relation.target in self.defined:
            return relation.target, self.defined[relation.target]
        # Imported through a package that re-exports it (`from orders.commands import PlaceOrder`, defined in
        # `orders.commands.place_order`): the one message of that name below that package.
        package, _, name = relation.target.rpartition(".")
        found = [
            (owner, element) for owner, element in self.by_name.get(name, []) if element.path.startswith(package + ".")
        ]
        if len({element.path for _, element in found}) == 1:
            return found[0][1].path, found
        return relation.target, []


def _in_tests(path: str) -> bool:
    """Test code sends and handles messages too, but it is not how services talk to each other."""
    return any(part in ("tests", "testing") or part.startswith("test_") for part in path.split("."))


def _where(service: Service, relation: Relation) -> str:
    place = f" at {relation.file}:{relation.line}" if relation.file else ""
    return f"{service.name}: {relation.source} {relation.kind} it ({relation.via}){place}"


def crossings(services: Sequence[Service]) -> list[Crossing]:
    """Every message that crosses a service boundary, once per (from, to, message), sorted."""
    index = _Index(services)
    found: dict[tuple[str, str, str], Crossing] = {}

    def add(source: str, target: str, message: str, kind: str, relation: Relation, service: Service) -> None:
        if source == target:
            return
        by_string = message not in index.defined and relation.via.startswith(STRING_KEY)
        name = message if by_string else message.rsplit(".", 1)[-1]
        here = context_of_path(service, relation.source)  # the side whose relation this is
        source_context = here if source == service.name else index.contexts.get((source, message))
        target_context = here if target == service.name else index.contexts.get((target, message))
        crossing = Crossing(
            source,
            target,
            message,
            name,
            kind,
            _where(service, relation),
            source_context,
            target_context,
            service.name,
            relation.file,
            relation.line,
        )
        found.setdefault((source, target, message), crossing)

    for service in services:
        for relation in service.relations:
            if relation.kind not in ("handles", "publishes") or _in_tests(relation.source):
                continue
            path, definitions = index.definition(relation)
            owners = {name for name, _ in definitions}
            kinds = {_kind(element.kinds) for _, element in definitions} - {""}
            if service.name in owners and len(owners) == 1:
                owners = set()  # its own message: only other services' handlers can make it cross (below)
            kind = kinds.pop() if len(kinds) == 1 else ""
            if not definitions:
                kind = "event" if relation.via.startswith(STRING_KEY) else _guessed_kind(path.rsplit(".", 1)[-1])
            if relation.kind == "handles":
                # An event comes from whoever defines or publishes it; a command or query from whoever sends it.
                senders = index.publishers.get(path, set()) | (owners if kind == "event" else set())
                for sender in sorted(senders):
                    add(sender, service.name, path, kind, relation, service)
            elif kind in ("command", "query"):
                receivers = owners | index.handlers.get(path, set())
                for receiver in sorted(receivers):
                    add(service.name, receiver, path, kind, relation, service)
    return sorted(found.values())


def context_of_path(service: Service, path: str) -> str | None:
    """The context of a class or function path: its element's, else that of the longest module containing it."""
    element = next((element for element in service.elements if element.path == path), None)
    if element is not None and element.context:
        return element.context
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        module = service.module(".".join(parts[:cut]))
        if module is not None:
            return module.context
    return None


def context_dependencies(service: Service) -> dict[tuple[str, str], int]:
    """(importing context, imported context) -> number of import statements, inside one service."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for edge in service.internal_imports():
        source, target = service.module(edge.source), service.module(edge.target)
        if source and target and source.context and target.context and source.context != target.context:
            counts[(source.context, target.context)] += 1
    return dict(sorted(counts.items()))
