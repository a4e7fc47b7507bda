"""Turning per-file facts into building blocks (elements), the relations between them, and the
rule breaks only visible at class level (a query returning an aggregate, a mutable value object).

Names are resolved through each module's imports, following re-exports in `__init__` files; what
cannot be resolved is left out and, where it matters (a registry key), reported as a diagnostic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from domain_atlas.discovery.imports import RelativeImportError, absolute_module
from domain_atlas.discovery.stereotypes import (
    ABC_BASES,
    COMMAND_NAME,
    EVENT_COLLECTIONS,
    EVENT_TYPE_ATTRIBUTES,
    FAKE_NAME,
    HANDLER_METHODS,
    HANDLER_NAME,
    KIND_BY_BASE_NAME,
    NOT_ELEMENT_BASES,
    PORT_NAME,
    PROTOCOL_BASES,
    QUERY_NAME,
    READ_MODEL_NAME,
    in_port_place,
    is_dataclass,
    is_frozen_dataclass,
    message_kind_of_place,
    place_kind,
)
from domain_atlas.discovery.stereotypes import (
    MESSAGE_MODULES as MESSAGE_MODULE_NAMES,
)
from domain_atlas.discovery.symbols import ClassFacts, FunctionFacts
from domain_atlas.model import (
    Diagnostic,
    Element,
    ElementOverride,
    Level,
    Relation,
    SourceModule,
    StereotypeRule,
    Violation,
)
from domain_atlas.rules.catalogue import RULES

if TYPE_CHECKING:
    from domain_atlas.discovery.loader import ModuleFacts

    FactsByModule = Mapping[str, ModuleFacts]

MESSAGE_KINDS = ("domain_event", "integration_event", "command", "query")
HANDLER_KIND = {
    "command": "command_handler",
    "query": "query_handler",
    "domain_event": "event_handler",
    "integration_event": "event_handler",
}
IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*")
NOT_MESSAGE_NAME = re.compile(r"(Id|ID|Result|ResultSet|Type|Status|Handler|Registry|Bus|Error|Exception|Mixin)$")
READER_PORT = re.compile(r"(Reader|Queries|QueryService|ReadModel|Finder|View)$")
INNER_LAYERS = ("domain", "application", "ports", "shared_kernel")
ADAPTER_LAYERS = ("adapters", "infrastructure", "tests", "inbound_adapters", "read_model")


@dataclass
class _Class:
    path: str
    module: SourceModule
    facts: ClassFacts
    kinds: dict[str, list[str]] = field(default_factory=dict)
    abstract: bool = False
    protocol: bool = False

    def add(self, kind: str, reason: str) -> None:
        reasons = self.kinds.setdefault(kind, [])
        if reason not in reasons:
            reasons.append(reason)

    def public_methods(self) -> set[str]:
        return {m.name for m in self.facts.methods if not m.name.startswith("_")}

    def required_methods(self) -> set[str]:
        """What an implementation must provide: the abstract methods, or every public method of a Protocol."""
        abstract = {m.name for m in self.facts.methods if any("abstractmethod" in d for d in m.decorators)}
        if abstract:
            return abstract
        helpers = ("staticmethod", "classmethod")
        return {
            m.name
            for m in self.facts.methods
            if not m.name.startswith("_") and not any(d in helpers for d in m.decorators)
        }


DISPATCH_REGISTRY = re.compile(r"handler|registry|dispatch|subscri|listener|route|consumer|mapping", re.IGNORECASE)
HANDLER_FUNCTION = re.compile(r"^(handle|on_|process|react)|handler$", re.IGNORECASE)


def _looks_like_dispatch(registry: str, handlers: tuple[str, ...]) -> bool:
    """A dict keyed by strings is a message registry only if its name or its values say so."""
    return bool(DISPATCH_REGISTRY.search(registry)) or all(
        HANDLER_FUNCTION.search(handler.split(".")[-1]) for handler in handlers
    )


def _matches(rule: StereotypeRule, cls: _Class) -> bool:
    checks = [
        (rule.name, [cls.facts.name]),
        (rule.base, [base.split("[")[0] for base in cls.facts.bases]),
        (rule.module, [cls.module.name]),
        (rule.decorator, list(cls.facts.decorators)),
    ]
    return all(any(re.fullmatch(pattern, value) for value in values) for pattern, values in checks if pattern)


class CatalogueBuilder:
    def __init__(
        self,
        modules: Mapping[str, SourceModule],
        facts: FactsByModule,
        adr_links: Mapping[str, str],
        stereotypes: Sequence[StereotypeRule] = (),
        overrides: Sequence[ElementOverride] = (),
    ) -> None:
        self.stereotypes = stereotypes
        self.overrides = overrides
        self.modules = modules
        self.facts = facts
        self.adr_links = adr_links
        self.classes: dict[str, _Class] = {}
        self.functions: dict[str, tuple[SourceModule, FunctionFacts]] = {}
        self.tables: dict[str, dict[str, str]] = {}
        self.relations: set[Relation] = set()
        self.diagnostics: set[Diagnostic] = set()
        self.violations: set[Violation] = set()
        self.function_kinds: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for name, module in modules.items():
            symbols = facts[name].symbols if name in facts else None
            if symbols is None:
                continue
            for cls in symbols.classes:
                self.classes[f"{name}.{cls.name}"] = _Class(f"{name}.{cls.name}", module, cls)
            for function in symbols.functions:
                self.functions[f"{name}.{function.name}"] = (module, function)
        for name, module in modules.items():
            self.tables[name] = self._symbol_table(module)

    # ---- name resolution -------------------------------------------------------------------------
    def _symbol_table(self, module: SourceModule) -> dict[str, str]:
        table: dict[str, str] = {}
        facts = self.facts.get(module.name)
        if facts is None:
            return table
        for raw in facts.imports:
            try:
                absolute = absolute_module(raw, module.name, module.is_package)
            except RelativeImportError:
                continue
            if raw.is_from:
                for name, alias in zip(raw.names, raw.aliases, strict=False):
                    table[alias] = f"{absolute}.{name}"
            else:
                for alias in raw.aliases:
                    table[alias] = absolute if alias != absolute.split(".")[0] else alias
        if facts.symbols is not None:
            for cls in facts.symbols.classes:
                table[cls.name] = f"{module.name}.{cls.name}"
            for function in facts.symbols.functions:
                table[function.name] = f"{module.name}.{function.name}"
        return table

    def resolve(self, module: str, name: str, depth: int = 0) -> str | None:
        """The class or function a dotted name means inside `module`, following imports and re-exports."""
        if not name or depth > 6:
            return None
        head, _, rest = name.partition(".")
        base = self.tables.get(module, {}).get(head)
        candidate = f"{base}.{rest}" if base and rest else base or ""
        if not candidate:
            return None
        return self._canonical(candidate, depth)

    def _canonical(self, dotted: str, depth: int) -> str | None:
        if dotted in self.classes or dotted in self.functions:
            return dotted
        parts = dotted.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            owner = ".".join(parts[:cut])
            if owner in self.modules:
                remainder = ".".join(parts[cut:])
                if f"{owner}.{remainder}" in self.classes or f"{owner}.{remainder}" in self.functions:
                    return f"{owner}.{remainder}"
                # a class method: `module.Class.method`
                if cut + 2 == len(parts) and f"{owner}.{parts[cut]}" in self.classes:
                    return dotted
                return self.resolve(owner, remainder, depth + 1)
        return None

    def _resolve_annotation(self, module: str, annotation: str) -> list[str]:
        found = []
        for token in IDENTIFIER.findall(annotation):
            resolved = self.resolve(module, token)
            if resolved and resolved in self.classes:
                found.append(resolved)
        return found

    # ---- classification ------------------------------------------------------------------------
    def build(self) -> tuple[list[Element], list[Relation], list[Diagnostic], list[Violation]]:
        for cls in self.classes.values():
            self._classify_alone(cls)
        self._apply_rules()
        self._inherit_kinds()
        self._drop_marker_bases()
        self._mark_ports()
        self._implementations()
        self._handlers()
        self._publishers()
        self._aggregates()
        self._read_side()
        self._class_rules()
        self._apply_overrides()
        return self._elements(), sorted(self.relations), sorted(self.diagnostics), sorted(self.violations)

    def _parts(self, cls: _Class) -> list[str]:
        return cls.module.name.split(".")

    def _bases(self, cls: _Class) -> list[tuple[str, str | None]]:
        """(base as written, resolved class path in the service or None)."""
        return [(base, self.resolve(cls.module.name, base.split("[")[0])) for base in cls.facts.bases]

    def _classify_alone(self, cls: _Class) -> None:
        facts, parts, layer = cls.facts, self._parts(cls), cls.module.layer
        written = {base.split("[")[0] for base in facts.bases} | {b.split("[")[0] for b in facts.canonical_bases}
        if written & PROTOCOL_BASES:
            cls.protocol = cls.abstract = True
        if written & ABC_BASES or any("abstractmethod" in d for m in facts.methods for d in m.decorators):
            cls.abstract = True
        if facts.name.startswith("Abstract"):
            cls.abstract = True
        if {base.split(".")[-1] for base in written} & NOT_ELEMENT_BASES or facts.name.endswith(("Error", "Exception")):
            cls.kinds.clear()
            cls.add("_ignored", "enum, exception or framework model")
            return
        for base in sorted(written):
            kind = KIND_BY_BASE_NAME.get(base.split(".")[-1])
            if kind:
                cls.add(kind, f"inherits {base}")
        place_message = message_kind_of_place(parts)
        name = facts.name
        place_ok = layer in (*INNER_LAYERS, "read_model", None) and not NOT_MESSAGE_NAME.search(name)
        if place_message and place_ok and not HANDLER_NAME.search(name) and not cls.abstract:
            if not READ_MODEL_NAME.search(name) or place_message != "query":
                cls.add(place_message, f"defined in {next(p for p in reversed(parts) if p in MESSAGE_MODULE_NAMES)}")
        elif not HANDLER_NAME.search(name) and not cls.abstract and layer in INNER_LAYERS:
            if COMMAND_NAME.search(name):
                cls.add("command", "name ends in Command")
            elif QUERY_NAME.search(name) and is_dataclass(facts.decorators):
                cls.add("query", "name reads as a query (Get…/List…/…Query)")
            elif (
                name.endswith("Event")
                and (is_dataclass(facts.decorators) or facts.bases)
                and not ({"aggregate", "entity"} & set(cls.kinds))
            ):
                cls.add("domain_event", "name ends in Event")
        kind, place = place_kind(parts)
        if kind and not cls.abstract:
            cls.add(kind, f"defined in {place}/")
        if layer == "read_model" and not HANDLER_NAME.search(name):
            cls.add("read_model", "defined in the read-model layer")
        if is_frozen_dataclass(facts.decorators) and layer in ("domain", "shared_kernel"):
            if not any(k in cls.kinds for k in MESSAGE_KINDS):
                cls.add("value_object", "frozen dataclass in the domain")
        if "NamedTuple" in {b.split(".")[-1] for b in written} and layer == "domain":
            cls.add("value_object", "NamedTuple in the domain")
        if name.endswith("Repository"):
            cls.add("repository", "name ends in Repository")
        if name.endswith("UnitOfWork"):
            cls.add("unit_of_work", "name ends in UnitOfWork")
        if re.search(r"(MessageBus|EventBus|CommandBus)$", name) and not cls.abstract:
            cls.add("message_bus", "name ends in Bus")
        if re.search(r"(Projection|Projector)$", name):
            cls.add("projection", "name ends in Projection/Projector")
        if name.endswith("UseCase"):
            cls.add("use_case", "name ends in UseCase")
        elif "use_cases" in parts and any(m.name == "execute" for m in facts.methods):
            cls.add("use_case", "class with execute() in use_cases")
        if layer == "domain" and (name.endswith("Service") or "services" in parts) and not cls.abstract:
            if not any(k in cls.kinds for k in MESSAGE_KINDS):
                cls.add("domain_service", "service class in the domain layer")
        if layer == "application" and name.endswith("Service") and not cls.abstract:
            cls.add("use_case", "application service class")
        if layer == "composition_root" and re.search(r"Container$", name):
            cls.add("composition_root", "container class in a composition root")
        if FAKE_NAME.match(name):
            cls.add("adapter", "in-memory fake (test double)")
        if self._is_entity(cls):
            cls.add("entity", "has an identity attribute (id)")

    def _apply_rules(self) -> None:
        for rule in self.stereotypes:
            for cls in self.classes.values():
                if _matches(rule, cls):
                    cls.kinds.pop("_ignored", None)
                    cls.add(rule.kind, f"configured rule in {rule.source}")

    def _apply_overrides(self) -> None:
        for override in self.overrides:
            cls = self.classes.get(override.path)
            if cls is None:
                self.diagnostics.add(
                    Diagnostic(
                        override.source, 0, Level.WARNING, f"elements: {override.path} is not a class of the service"
                    )
                )
                continue
            cls.kinds = {kind: [f"declared in {override.source}"] for kind in override.kinds} or {
                "_ignored": [f"removed in {override.source}"]
            }

    def _is_entity(self, cls: _Class) -> bool:
        if cls.module.layer != "domain" or cls.abstract or is_frozen_dataclass(cls.facts.decorators):
            return False
        if any(k in cls.kinds for k in (*MESSAGE_KINDS, "value_object", "domain_service", "read_model")):
            return False
        own_id = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.facts.name).lower() + "_id"
        attributes = {a.name for a in cls.facts.attributes}
        assigned = {
            attr
            for (method, attr, _) in self.facts[cls.module.name].bodies.self_assignments
            if method.split(".")[0] == cls.facts.name
        }
        names = attributes | assigned
        identity = {"id", "_id", own_id, "reference", "ref", "uuid", "code", "sku"}
        return bool(names & identity) or (
            any(m.name in {"__eq__", "__hash__"} for m in cls.facts.methods)
            and bool({n for n in names if n.endswith("_id") or n == "id"})
        )

    def _inherit_kinds(self) -> None:
        """A subclass of an event/command/aggregate base of the service is of that kind too."""
        for _ in range(4):
            for cls in self.classes.values():
                for base, resolved in self._bases(cls):
                    parent = self.classes.get(resolved or "")
                    if parent is None:
                        continue
                    for kind in MESSAGE_KINDS + ("aggregate", "entity", "value_object", "read_model"):
                        if kind in parent.kinds and kind not in cls.kinds and "_ignored" not in cls.kinds:
                            cls.add(kind, f"subclass of {base}")
                    if "_ignored" in parent.kinds:
                        cls.kinds.clear()
                        cls.add("_ignored", f"subclass of {base}")

    def _drop_marker_bases(self) -> None:
        """`class Event: pass` that every event subclasses is a marker, not a message of its own."""
        for cls in self.classes.values():
            if "command" in cls.kinds and "query" in cls.kinds:
                # `class GetInvoice(Query)` where Query itself subclasses a framework Command: a query.
                del cls.kinds["command"]
            kind = self._message_kind(cls.path)
            generic_name = cls.facts.name in KIND_BY_BASE_NAME
            if not kind or (cls.facts.attributes and not generic_name):
                continue
            children = [other for other in self.classes.values() if cls.path in {r for _, r in self._bases(other)}]
            if children and all(self._message_kind(child.path) for child in children):
                cls.kinds.clear()
                cls.add("_ignored", "marker base class of messages")

    def _mark_ports(self) -> None:
        subclassed = {resolved for cls in self.classes.values() for _, resolved in self._bases(cls) if resolved}
        for cls in self.classes.values():
            if not cls.abstract or "_ignored" in cls.kinds:
                continue
            layer = cls.module.layer
            inner = layer in ("domain", "application", "ports", "shared_kernel") or in_port_place(self._parts(cls))
            # An abstract class elsewhere (the book keeps AbstractRepository beside its adapters) is a port
            # when something implements it.
            if inner or cls.path in subclassed:
                if any(k in cls.kinds for k in (*MESSAGE_KINDS, "aggregate", "entity", "value_object")):
                    continue
                if cls.path in self._building_block_bases() or HANDLER_NAME.search(cls.facts.name):
                    continue  # `class Command(ABC)` / `class CommandHandler(ABC)` are base classes, not ports
                if cls.required_methods() or PORT_NAME.search(cls.facts.name):
                    how = "Protocol" if cls.protocol else "abstract base class"
                    cls.add("port", f"{how} in the {layer or 'ports'} layer")

    def _building_block_bases(self) -> set[str]:
        """Classes whose subclasses are all messages, aggregates, entities or value objects."""
        kinds = (*MESSAGE_KINDS, "aggregate", "entity", "value_object")
        children: dict[str, list[_Class]] = defaultdict(list)
        for cls in self.classes.values():
            for _, resolved in self._bases(cls):
                if resolved:
                    children[resolved].append(cls)
        return {
            parent
            for parent, subclasses in children.items()
            if all(any(k in child.kinds for k in kinds) or child.path in children for child in subclasses)
            and any(any(k in child.kinds for k in kinds) for child in subclasses)
        }

    def _ports(self) -> list[_Class]:
        return [cls for cls in self.classes.values() if "port" in cls.kinds]

    def _implementations(self) -> None:
        ports = self._ports()
        for cls in self.classes.values():
            if cls.abstract or "_ignored" in cls.kinds:
                continue
            nominal = False
            for base, resolved in self._bases(cls):
                port = self.classes.get(resolved or "")
                if port is not None and "port" in port.kinds:
                    self._implements(cls, port, "subclass", f"subclasses port {base}")
                    nominal = True
            if nominal:
                continue  # a class that names its port is not also matched by shape to others
            if cls.module.layer not in ADAPTER_LAYERS and "adapter" not in cls.kinds:
                continue
            methods = cls.public_methods() | {a.name for a in cls.facts.attributes}
            for port in ports:
                required = port.required_methods()
                if not required or not required <= methods | {m.name for m in cls.facts.methods}:
                    continue
                # One shared method is too weak alone; with the port's name in the adapter's name it is enough.
                named_after = cls.facts.name.endswith(port.facts.name.removeprefix("Abstract"))
                if len(required) >= 2 or named_after:
                    self._implements(cls, port, "structural", f"has every method of port {port.facts.name}")
        # DI bindings: `{Port: Adapter}` provider dicts and containers.
        for module_name, facts in self.facts.items():
            for entry in facts.bodies.registries:
                port = self.classes.get(self.resolve(module_name, entry.key) or "")
                if port is None or "port" not in port.kinds:
                    continue
                for handler in entry.handlers:
                    adapter = self.classes.get(self.resolve(module_name, handler) or "")
                    if adapter is not None and not adapter.abstract:
                        self._implements(adapter, port, "di", f"bound to port {port.facts.name} in {entry.registry}")

    def _implements(self, cls: _Class, port: _Class, via: str, reason: str) -> None:
        cls.add("adapter", reason)
        for kind in ("repository", "unit_of_work"):
            if kind in port.kinds:
                cls.add(kind, f"implements {port.facts.name}")
        self.relations.add(Relation("implements", cls.path, port.path, via, cls.module.file, cls.facts.line))

    def _message_kind(self, path: str | None) -> str:
        cls = self.classes.get(path or "")
        if cls is None:
            return ""
        return next((kind for kind in MESSAGE_KINDS if kind in cls.kinds), "")

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

    def _aggregates(self) -> None:
        loaded_by: dict[str, str] = {}
        for port in self.classes.values():
            if "repository" not in port.kinds or "port" not in port.kinds:
                continue
            for method in port.facts.methods:
                for annotation in [method.returns] + [p.annotation for p in method.parameters]:
                    for found in self._resolve_annotation(port.module.name, annotation):
                        loaded_by.setdefault(found, port.facts.name)
        publishers = {r.source.rpartition(".")[0] for r in self.relations if r.kind == "publishes"}
        for cls in self.classes.values():
            if "entity" not in cls.kinds:
                continue
            if cls.path in loaded_by:
                cls.add("aggregate", f"loaded and saved by repository port {loaded_by[cls.path]}")
            attributes = {a.name for a in cls.facts.attributes} | {
                attr
                for (method, attr, _) in self.facts[cls.module.name].bodies.self_assignments
                if method.split(".")[0] == cls.facts.name
            }
            if attributes & set(EVENT_COLLECTIONS) or cls.path in publishers:
                cls.add("aggregate", "collects domain events")
        aggregates = {cls.path for cls in self.classes.values() if "aggregate" in cls.kinds}
        for path in aggregates:
            cls = self.classes[path]
            for attribute in cls.facts.attributes:
                for other in self._resolve_annotation(cls.module.name, attribute.annotation):
                    if other in aggregates and other != path:
                        self.relations.add(
                            Relation(
                                "references",
                                path,
                                other,
                                f"attribute {attribute.name}",
                                cls.module.file,
                                attribute.line,
                            )
                        )
                        self._violation(
                            "aggregate-references-by-id",
                            path,
                            other,
                            cls.module.file,
                            attribute.line,
                            f"aggregate {cls.facts.name} holds aggregate {other.split('.')[-1]} "
                            f"in attribute {attribute.name}",
                        )

    def _read_side(self) -> None:
        """What the query side returns is a read model: query handlers, query-named use cases, reader ports."""
        sources: list[tuple[str, FunctionFacts, SourceModule]] = []
        for relation in list(self.relations):
            if relation.kind == "handles" and self._message_kind(relation.target) == "query":
                label = f"returned by query handler {relation.source.split('.')[-1]}"
                sources += [(label, function, module) for function, module in self._handler_functions(relation.source)]
        for cls in self.classes.values():
            query_use_case = "use_case" in cls.kinds and QUERY_NAME.search(cls.facts.name)
            reader_port = "port" in cls.kinds and READER_PORT.search(cls.facts.name)
            if query_use_case or reader_port:
                label = f"returned by {'query use case' if query_use_case else 'read port'} {cls.facts.name}"
                sources += [(label, method, cls.module) for method in cls.facts.methods]
        for label, function, module in sources:
            for returned in self._resolve_annotation(module.name, function.returns):
                self._mark_read_model(self.classes[returned], label)

    def _mark_read_model(self, cls: _Class, reason: str, depth: int = 0) -> None:
        if any(k in cls.kinds for k in ("aggregate", "entity", *MESSAGE_KINDS, "_ignored")) or depth > 3:
            return
        if set(cls.kinds) - {"read_model"} == {"value_object"} and all(
            "frozen dataclass" in reason_ for reason_ in cls.kinds["value_object"]
        ):
            del cls.kinds["value_object"]  # immutable because it is a read model, not a value object
        if "value_object" in cls.kinds or "read_model" in cls.kinds:
            return
        cls.add("read_model", reason)
        for attribute in cls.facts.attributes:
            for part in self._resolve_annotation(cls.module.name, attribute.annotation):
                self._mark_read_model(self.classes[part], f"part of read model {cls.facts.name}", depth + 1)

    def _handler_functions(self, path: str) -> list[tuple[FunctionFacts, SourceModule]]:
        if path in self.functions:
            module, function = self.functions[path]
            return [(function, module)]
        cls = self.classes.get(path)
        if cls is None:
            return []
        return [(m, cls.module) for m in cls.facts.methods if m.name in HANDLER_METHODS or m.name.startswith("handle")]

    def _class_rules(self) -> None:
        aggregates = {cls.path for cls in self.classes.values() if "aggregate" in cls.kinds}
        for relation in sorted(self.relations):
            if relation.kind != "handles" or self._message_kind(relation.target) != "query":
                continue
            for function, module in self._handler_functions(relation.source):
                for returned in self._resolve_annotation(module.name, function.returns):
                    if returned in aggregates:
                        self._violation(
                            "queries-return-read-models",
                            relation.source,
                            returned,
                            module.file,
                            function.line,
                            f"query handler {relation.source.split('.')[-1]} returns "
                            f"aggregate {returned.split('.')[-1]}",
                        )
        for cls in self.classes.values():
            if "value_object" not in cls.kinds:
                continue
            if is_dataclass(cls.facts.decorators) and not is_frozen_dataclass(cls.facts.decorators):
                self._violation(
                    "value-objects-immutable",
                    cls.path,
                    cls.path,
                    cls.module.file,
                    cls.facts.line,
                    f"value object {cls.facts.name} is a dataclass that is not frozen",
                )
                continue
            for method, attribute, line in self.facts[cls.module.name].bodies.self_assignments:
                owner, _, name = method.rpartition(".")
                if owner == cls.facts.name and name not in ("__init__", "__post_init__", "__new__"):
                    self._violation(
                        "value-objects-immutable",
                        cls.path,
                        cls.path,
                        cls.module.file,
                        line,
                        f"value object {cls.facts.name} assigns self.{attribute} in {name}()",
                    )

    def _violation(self, rule: str, source: str, target: str, file: str, line: int, message: str) -> None:
        spec = RULES[rule]
        self.violations.add(
            Violation(rule, source, target, file, line, spec.severity, message, spec.hint, self.adr_links.get(rule, ""))
        )

    def _elements(self) -> list[Element]:
        elements = []
        for cls in self.classes.values():
            kinds = {k: v for k, v in cls.kinds.items() if not k.startswith("_")}
            if not kinds:
                continue
            if cls.module.layer in ADAPTER_LAYERS and "adapter" not in kinds and cls.module.layer != "read_model":
                if any(k in kinds for k in ("repository", "unit_of_work")) and not cls.abstract:
                    kinds["adapter"] = [f"defined in the {cls.module.layer} layer"]
            handler = next((m for m in cls.facts.methods if m.name in HANDLER_METHODS), None)
            elements.append(
                self._element(
                    cls.path,
                    cls.module,
                    cls.facts.line,
                    kinds,
                    cls.facts.docstring,
                    fields=tuple((a.name, a.annotation) for a in cls.facts.attributes if not a.name.startswith("_")),
                    methods=tuple(sorted(cls.public_methods())),
                    returns=handler.returns if handler else "",
                )
            )
        for path, kinds in self.function_kinds.items():
            if path in self.functions:
                module, function = self.functions[path]
                elements.append(
                    self._element(path, module, function.line, kinds, function.docstring, returns=function.returns)
                )
        return sorted(elements)

    def _element(
        self,
        path: str,
        module: SourceModule,
        line: int,
        kinds: Mapping[str, list[str]],
        docstring: str,
        *,
        fields: tuple[tuple[str, str], ...] = (),
        methods: tuple[str, ...] = (),
        returns: str = "",
    ) -> Element:
        evidence = tuple(f"{kind}: {reason}" for kind in sorted(kinds) for reason in kinds[kind])
        test = module.layer == "tests" or any(part in ("tests", "testing") for part in module.name.split("."))
        return Element(
            path=path,
            kinds=tuple(sorted(kinds)),
            context=module.context,
            layer=module.layer,
            file=module.file,
            line=line,
            evidence=evidence,
            test=test,
            docstring=docstring,
            fields=fields,
            methods=methods,
            returns=returns,
            body_digest=self._body_digest(path, module),
        )

    def _body_digest(self, path: str, module: SourceModule) -> str:
        facts = self.facts.get(module.name)
        name = path[len(module.name) + 1 :]
        return dict(facts.bodies.digests).get(name, "") if facts is not None else ""
