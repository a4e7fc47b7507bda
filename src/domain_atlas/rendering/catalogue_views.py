"""What the catalogue pages list: the model's elements and relations, grouped the way readers ask."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from domain_atlas.model import Element, Relation, Service

MESSAGE_KINDS = ("domain_event", "integration_event", "command", "query")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


@dataclass
class Entry:
    element: Element
    anchor: str
    facts: dict[str, list[str]] = field(default_factory=dict)  # heading -> lines (Markdown, already escaped)


def anchor(path: str) -> str:
    return "da-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


class CatalogueView:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.elements = {element.path: element for element in service.elements}
        # Test code (fakes, test helpers) stays out of catalogues and flows; fakes still show as adapters of
        # their ports, listed apart, through their `implements` relations.
        test_paths = {element.path for element in service.elements if element.test}
        test_files = {module.file for module in service.modules if module.layer == "tests"}
        self.by_kind: dict[str, list[Element]] = defaultdict(list)
        for element in service.elements:
            if element.test and "adapter" not in element.kinds:
                continue
            for kind in element.kinds:
                self.by_kind[kind].append(element)
        self.relations: dict[str, list[Relation]] = defaultdict(list)
        for relation in service.relations:
            from_tests = relation.file in test_files or relation.source in test_paths
            from_tests = from_tests or relation.source.rsplit(".", 1)[0] in test_paths
            if from_tests and relation.kind != "implements":
                continue
            self.relations[relation.kind].append(relation)

    def of_kind(self, *kinds: str) -> list[Element]:
        seen: dict[str, Element] = {}
        for kind in kinds:
            for element in self.by_kind.get(kind, []):
                seen.setdefault(element.path, element)
        return sorted(seen.values(), key=lambda e: (e.context or "", e.name, e.path))

    def _named(self, annotation: str, kinds: tuple[str, ...]) -> list[Element]:
        names = set(IDENTIFIER.findall(annotation))
        return [e for e in self.of_kind(*kinds) if e.name in names]

    def publishers_of(self, message: str) -> list[Relation]:
        return sorted(r for r in self.relations["publishes"] if r.target == message)

    def handlers_of(self, message: str) -> list[Relation]:
        return sorted(r for r in self.relations["handles"] if r.target == message)

    def messages_handled_by(self, handler: str) -> list[str]:
        return sorted({r.target for r in self.relations["handles"] if r.source == handler})

    def emitted_by(self, aggregate: str) -> list[Relation]:
        prefix = aggregate + "."
        return sorted(r for r in self.relations["publishes"] if r.source.startswith(prefix))

    def owned_by(self, aggregate: Element) -> list[Element]:
        owned: dict[str, Element] = {}
        for _, annotation in aggregate.fields:
            for element in self._named(annotation, ("entity", "value_object")):
                if element.path != aggregate.path and "aggregate" not in element.kinds:
                    owned[element.path] = element
        return sorted(owned.values(), key=lambda e: e.path)

    def repositories_of(self, aggregate: Element) -> list[Element]:
        return [
            e
            for e in self.of_kind("repository")
            if "port" in e.kinds and any(f"repository port {e.name}" in reason for reason in aggregate.evidence)
        ]

    def implementations_of(self, port: str) -> list[tuple[Element, Relation]]:
        found = []
        for relation in sorted(self.relations["implements"]):
            if relation.target == port and relation.source in self.elements:
                found.append((self.elements[relation.source], relation))
        return found

    def missing_methods(self, port: Element, adapter: Element) -> list[str]:
        return sorted(set(port.methods) - set(adapter.methods))

    def owner(self, path: str) -> Element | None:
        """The element a function or method path belongs to (a method's class, or the function itself)."""
        while path:
            if path in self.elements:
                return self.elements[path]
            path = path.rpartition(".")[0]
        return None

    def context_of_path(self, path: str) -> str:
        element = self.owner(path)
        if element is not None and element.context:
            return element.context
        modules = sorted((m for m in self.service.modules if path.startswith(m.name + ".")), key=lambda m: -len(m.name))
        return modules[0].context or "" if modules else ""

    def contexts_crossed(self, message: Element) -> list[str]:
        """Contexts of the message, its publishers and its handlers, publisher side first."""
        ordered = [message.context or ""]
        ordered += [self.context_of_path(r.source) for r in self.publishers_of(message.path)]
        ordered += [self.context_of_path(r.source) for r in self.handlers_of(message.path)]
        return [name for name in dict.fromkeys(ordered) if name]

    def publishers_of_handler(self, handler: str) -> list[Relation]:
        prefix = handler + "."
        return sorted(r for r in self.relations["publishes"] if r.source == handler or r.source.startswith(prefix))

    def commands_changing(self, aggregate: Element) -> list[str]:
        """Commands whose handlers publish what the aggregate emits, or live beside its repository's users."""
        emitted = {r.target for r in self.emitted_by(aggregate.path)}
        commands = set()
        for relation in self.relations["handles"]:
            message = self.elements.get(relation.target)
            if message is None or "command" not in message.kinds:
                continue
            handler = self.elements.get(relation.source)
            mentions = handler is not None and aggregate.name in handler.returns
            events_after = {r.target for r in self.relations["publishes"] if r.source.startswith(relation.source)}
            if mentions or events_after & emitted or self._handler_module_uses(relation.source, aggregate):
                commands.add(relation.target)
        return sorted(commands)

    def _handler_module_uses(self, handler: str, aggregate: Element) -> bool:
        handler_element = self.elements.get(handler)
        if handler_element is None:
            return False
        module = handler_element.path.rsplit(".", 1)[0]
        while module and module not in {m.name for m in self.service.modules}:
            module = module.rsplit(".", 1)[0] if "." in module else ""
        aggregate_module = aggregate.path.rsplit(".", 1)[0]
        return any(e.source == module and e.target == aggregate_module for e in self.service.imports)
