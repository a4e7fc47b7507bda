"""Catalogue passes for messages: which handler handles which message, and who publishes what."""

from __future__ import annotations

import re
from collections.abc import Mapping

from domain_atlas.discovery.catalogue_base import (
    HANDLER_KIND,
    IDENTIFIER,
    MESSAGE_KINDS,
    CatalogueBase,
    _Class,
    _looks_like_dispatch,
    _message_kind_of,
)
from domain_atlas.discovery.stereotypes import (
    COMMAND_NAME,
    EVENT_TYPE_ATTRIBUTES,
    HANDLER_METHODS,
    QUERY_NAME,
    message_kind_of_place,
)
from domain_atlas.discovery.symbols import FunctionFacts
from domain_atlas.model import Diagnostic, Level, Relation, SourceModule


def _foreign_kind(path: str) -> str:
    """The kind of a message defined outside the service, from its name or its module's name, or ""."""
    module, _, name = path.rpartition(".")
    if COMMAND_NAME.search(name):
        return "command"
    if QUERY_NAME.search(name):
        return "query"
    if name.endswith("Event"):
        return "domain_event"
    return message_kind_of_place(module.split("."))


def _within(dotted: str, modules: Mapping[str, object]) -> bool:
    """`dotted` is one of `modules` or inside one: each of its dotted prefixes is looked up, not each module."""
    if dotted in modules:
        return True
    cut = dotted.find(".")
    while cut != -1:
        if dotted[:cut] in modules:
            return True
        cut = dotted.find(".", cut + 1)
    return False


class MessagePasses(CatalogueBase):
    def _foreign_message(self, module: str, name: str) -> str:
        """The dotted path of a class imported from outside the service (another service's message), or ""."""
        head, _, rest = name.partition(".")
        base = self._table(module).get(head, "")
        dotted = f"{base}.{rest}" if base and rest else base
        inside = _within(dotted, self.modules)
        return dotted if dotted and not inside and dotted.rsplit(".", 1)[-1][:1].isupper() else ""

    def _handles(self, handler: str, message: str, via: str, file: str, line: int, foreign_kind: str = "") -> None:
        kind = self._message_kind(message) or foreign_kind
        if not kind:
            return
        self.relations.add(Relation("handles", handler, message, via, file, line))
        target = self.classes.get(handler)
        reason = f"handles {message.split('.')[-1]} ({via})"
        if target is not None:
            target.add(HANDLER_KIND[kind], reason)
        else:
            self.function_kinds[handler].setdefault(HANDLER_KIND[kind], []).append(reason)

    def _handler_path(self, module: str, name: str) -> str | None:
        resolved = self.resolve(module, name)
        if resolved is None:
            return None
        owner, _, method = resolved.rpartition(".")
        if owner in self.classes and method in HANDLER_METHODS:
            return owner
        return resolved

    def _handlers(self) -> None:
        event_types = self._event_type_strings()
        for module_name, facts in self.facts.items():
            module = self.modules[module_name]
            for entry in facts.bodies.registries:
                if entry.key.startswith("'"):
                    if not event_types or not _looks_like_dispatch(entry.registry, entry.handlers):
                        continue  # with no event declaring a type string, string keys are not event types
                    message = event_types.get(entry.key.strip("'"))
                    via, foreign = f"string key {entry.key} in {entry.registry}", ""
                    if message is None:
                        # Declared by another service: kept under its type string, so a wiki can join on it.
                        message = entry.key.strip("'")
                        foreign = "command" if "command" in entry.registry.lower() else "domain_event"
                else:
                    message = self.resolve(module_name, entry.key)
                    via = f"registry {entry.registry}"
                    foreign = ""
                    if message is None and _looks_like_dispatch(entry.registry, entry.handlers):
                        message = self._foreign_message(module_name, entry.key)
                        foreign = _foreign_kind(message)
                if not self._message_kind(message) and not foreign:
                    continue
                for handler in entry.handlers:
                    path = self._handler_path(module_name, handler)
                    if path is None:
                        self.diagnostics.add(
                            Diagnostic(
                                module.file,
                                entry.line,
                                Level.INFO,
                                f"handler {handler} of {entry.key} cannot be resolved",
                            )
                        )
                        continue
                    self._handles(path, message or "", via, module.file, entry.line, foreign)
        # Annotated first parameter of handler functions and handle()/execute()/__call__ methods.
        for path, (module, function) in self.functions.items():
            self._annotated_handler(path, module, function)
        for cls in self.classes.values():
            for method in cls.handler_methods:
                self._annotated_handler(cls.path, cls.module, method, method_of=cls)

    def _annotated_handler(
        self, path: str, module: SourceModule, function: FunctionFacts, method_of: _Class | None = None
    ) -> None:
        # Asked for every function and handler method: the first parameter but self/cls, without building a list.
        first = next((p for p in function.parameters if p.name not in ("self", "cls")), None)
        if first is None or not first.annotation:
            return
        annotation = first.annotation
        via = f"annotated parameter of {function.name}()"
        for message in self._resolve_annotation(module.name, annotation):
            if self._message_kind(message) and (method_of is None or message != method_of.path):
                self._handles(path, message, via, module.file, function.line)
        for token in IDENTIFIER.findall(annotation):
            foreign = self._foreign_message(module.name, token)
            # Another service's message: only when its own name or module says it is one.
            if foreign and _foreign_kind(foreign):
                self._handles(path, foreign, via, module.file, function.line, _foreign_kind(foreign))
        for decorator in function.decorators:
            match = re.match(r"[\w.]*(handles|handler|subscribe|subscriber|listens_to|on)\((\w[\w.]*)", decorator)
            decorated = self.resolve(module.name, match.group(2)) if match else None
            if decorated and self._message_kind(decorated):
                self._handles(path, decorated, f"decorator @{decorator}", module.file, function.line)
            elif match and not decorated:
                foreign = self._foreign_message(module.name, match.group(2))
                if foreign:
                    kind = _foreign_kind(foreign) or "domain_event"
                    self._handles(path, foreign, f"decorator @{decorator}", module.file, function.line, kind)

    def _event_type_strings(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for cls in self.classes.values():
            if not _message_kind_of(cls):
                continue
            for attribute in cls.facts.attributes:
                if attribute.name in EVENT_TYPE_ATTRIBUTES and attribute.value[:1] in "'\"":
                    found[attribute.value.strip("'\"")] = cls.path
        return found

    def _declared_type_string(self, cls: _Class) -> str:
        """The first type string a message class declares; other services' registries refer to it by this."""
        if not _message_kind_of(cls):
            return ""
        for attribute in cls.facts.attributes:
            if attribute.name in EVENT_TYPE_ATTRIBUTES and attribute.value[:1] in "'\"":
                return attribute.value.strip("'\"")
        return ""

    def _publishers(self) -> None:
        for module_name, facts in self.facts.items():
            module = self.modules[module_name]
            for emission in facts.bodies.emissions:
                resolved = self.resolve(module_name, emission.message)
                # A message another service defines (a command sent to it): kept by its dotted path.
                foreign = "" if resolved else self._foreign_message(module_name, emission.message)
                message = resolved or foreign
                if self._message_kind(resolved) in MESSAGE_KINDS or _foreign_kind(foreign):
                    source = f"{module_name}.{emission.function}"
                    self.relations.add(
                        Relation("publishes", source, message or "", emission.via, module.file, emission.line)
                    )
