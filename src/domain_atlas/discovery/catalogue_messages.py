"""Catalogue passes for messages: which handler handles which message, and who publishes what."""

from __future__ import annotations

import re

from domain_atlas.discovery.catalogue_base import (
    HANDLER_KIND,
    MESSAGE_KINDS,
    CatalogueBase,
    _Class,
    _looks_like_dispatch,
)
from domain_atlas.discovery.stereotypes import EVENT_TYPE_ATTRIBUTES, HANDLER_METHODS
from domain_atlas.discovery.symbols import FunctionFacts
from domain_atlas.model import Diagnostic, Level, Relation, SourceModule


class MessagePasses(CatalogueBase):
    def _handles(self, handler: str, message: str, via: str, file: str, line: int) -> None:
        kind = self._message_kind(message)
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
                    if message is None:
                        self.diagnostics.add(
                            Diagnostic(
                                module.file,
                                entry.line,
                                Level.INFO,
                                f"registry {entry.registry} maps the string {entry.key} to a handler, "
                                "but no event class declares that type string",
                            )
                        )
                        continue
                    via = f"string key {entry.key} in {entry.registry}"
                else:
                    message = self.resolve(module_name, entry.key)
                    via = f"registry {entry.registry}"
                if not self._message_kind(message):
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
                    self._handles(path, message or "", via, module.file, entry.line)
        # Annotated first parameter of handler functions and handle()/execute()/__call__ methods.
        for path, (module, function) in self.functions.items():
            self._annotated_handler(path, module, function)
        for cls in self.classes.values():
            for method in cls.facts.methods:
                if method.name in HANDLER_METHODS or method.name.startswith("handle_"):
                    self._annotated_handler(cls.path, cls.module, method, method_of=cls)

    def _annotated_handler(
        self, path: str, module: SourceModule, function: FunctionFacts, method_of: _Class | None = None
    ) -> None:
        parameters = [p for p in function.parameters if p.name not in ("self", "cls")]
        if not parameters or not parameters[0].annotation:
            return
        for message in self._resolve_annotation(module.name, parameters[0].annotation):
            if self._message_kind(message) and (method_of is None or message != method_of.path):
                self._handles(path, message, f"annotated parameter of {function.name}()", module.file, function.line)
        for decorator in function.decorators:
            match = re.match(r"[\w.]*(handles|handler|subscribe|subscriber|listens_to|on)\((\w[\w.]*)", decorator)
            decorated = self.resolve(module.name, match.group(2)) if match else None
            if decorated and self._message_kind(decorated):
                self._handles(path, decorated, f"decorator @{decorator}", module.file, function.line)

    def _event_type_strings(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for cls in self.classes.values():
            if not self._message_kind(cls.path):
                continue
            for attribute in cls.facts.attributes:
                if attribute.name in EVENT_TYPE_ATTRIBUTES and attribute.value[:1] in "'\"":
                    found[attribute.value.strip("'\"")] = cls.path
        return found

    def _publishers(self) -> None:
        for module_name, facts in self.facts.items():
            module = self.modules[module_name]
            for emission in facts.bodies.emissions:
                message = self.resolve(module_name, emission.message)
                if self._message_kind(message) in MESSAGE_KINDS:
                    source = f"{module_name}.{emission.function}"
                    self.relations.add(
                        Relation("publishes", source, message or "", emission.via, module.file, emission.line)
                    )
