"""Catalogue passes over single classes: evidence from bases, names and places; user rules and overrides."""

from __future__ import annotations

import re

from domain_atlas.discovery.catalogue_base import (
    INNER_LAYERS,
    MESSAGE_KINDS,
    NOT_MESSAGE_NAME,
    CatalogueBase,
    _Class,
    _matches,
    _message_kind_of,
)
from domain_atlas.discovery.stereotypes import (
    ABC_BASES,
    COMMAND_NAME,
    FAKE_NAME,
    HANDLER_NAME,
    KIND_BY_BASE_NAME,
    NOT_ELEMENT_BASES,
    PROTOCOL_BASES,
    QUERY_NAME,
    READ_MODEL_NAME,
    is_dataclass,
    is_frozen_dataclass,
    message_kind_of_place,
    place_kind,
)
from domain_atlas.discovery.stereotypes import MESSAGE_MODULES as MESSAGE_MODULE_NAMES
from domain_atlas.model import Diagnostic, Level

BUS_NAME = re.compile(r"(MessageBus|EventBus|CommandBus)$")
PROJECTION_NAME = re.compile(r"(Projection|Projector)$")
CAPITAL = re.compile(r"(?<!^)(?=[A-Z])")  # where snake_case puts an underscore in a class name
MESSAGE_PLACE_LAYERS = (*INNER_LAYERS, "read_model", None)  # where a package name (events/...) makes messages


class ClassPasses(CatalogueBase):
    def _classify_alone(self, cls: _Class) -> None:
        facts, layer = cls.facts, cls.module.layer
        parts, place_message, (kind_of_place, place) = self._place_of(cls.module.name)
        # Asked for each of the service's classes (Django: 1,866; most have no bases and no decorators).
        written: set[str] = set()
        last_names: set[str] = set()
        if facts.bases or facts.canonical_bases:
            written = {base.split("[")[0] for base in (*facts.bases, *facts.canonical_bases)}
            if written & PROTOCOL_BASES:
                cls.protocol = cls.abstract = True
            if written & ABC_BASES:
                cls.abstract = True
            last_names = {base.split(".")[-1] for base in written}
        if cls.has_abstract_method:
            cls.abstract = True
        if facts.name.startswith("Abstract"):
            cls.abstract = True
        if last_names & NOT_ELEMENT_BASES or facts.name.endswith(("Error", "Exception")):
            cls.kinds.clear()
            cls.add("_ignored", "enum, exception or framework model")
            return
        if not last_names.isdisjoint(KIND_BY_BASE_NAME):  # most classes have no base that says a kind
            for base in sorted(written):
                base_kind = KIND_BY_BASE_NAME.get(base.split(".")[-1])
                if base_kind:
                    cls.add(base_kind, f"inherits {base}")
        name = facts.name
        # A message by its place (events/, commands/...). Its bases say its kind before its package does: a
        # `Command` under events/ is a command. (Most classes are in no such place: the other checks are skipped.)
        by_place = (
            bool(place_message)
            and not cls.abstract
            and layer in MESSAGE_PLACE_LAYERS
            and not NOT_MESSAGE_NAME.search(name)
            and not _message_kind_of(cls)
        )
        named = "command" if COMMAND_NAME.search(name) else "query" if name.endswith("Query") else ""
        if by_place and named and named != place_message:
            cls.add(named, f"name ends in {named.capitalize()} (its name says more than its package)")
        elif by_place and not HANDLER_NAME.search(name):
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
        if kind_of_place and not cls.abstract:
            cls.add(kind_of_place, f"defined in {place}/")
        if layer == "read_model" and not HANDLER_NAME.search(name):
            cls.add("read_model", "defined in the read-model layer")
        if layer in ("domain", "shared_kernel") and is_frozen_dataclass(facts.decorators):
            if not any(k in cls.kinds for k in MESSAGE_KINDS):
                cls.add("value_object", "frozen dataclass in the domain")
        if "NamedTuple" in last_names and layer == "domain":
            cls.add("value_object", "NamedTuple in the domain")
        if name.endswith("Repository"):
            cls.add("repository", "name ends in Repository")
        if name.endswith("UnitOfWork"):
            cls.add("unit_of_work", "name ends in UnitOfWork")
        if BUS_NAME.search(name) and not cls.abstract:
            cls.add("message_bus", "name ends in Bus")
        if PROJECTION_NAME.search(name):
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
        if layer == "composition_root" and name.endswith("Container"):
            cls.add("composition_root", "container class in a composition root")
        if FAKE_NAME.match(name):
            cls.add("adapter", "in-memory fake (test double)")
        if layer == "domain" and self._is_entity(cls):
            cls.add("entity", "has an identity attribute (id)")

    def _place_of(self, module: str) -> tuple[list[str], str, tuple[str, str]]:
        """A module's dotted parts, the message kind and the building-block kind its place says (once a module)."""
        found = self._places.get(module)
        if found is None:
            parts = module.split(".")
            found = self._places[module] = (parts, message_kind_of_place(parts), place_kind(parts))
        return found

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
        own_id = CAPITAL.sub("_", cls.facts.name).lower() + "_id"
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
        inherited = (*MESSAGE_KINDS, "aggregate", "entity", "value_object", "read_model")
        # The (class, base, parent) links inside the service, in class order, found once for the four rounds (on
        # Django only one base in five is a class of the service).
        links = [
            (cls, base, parent)
            for cls in self.classes.values()
            for base, resolved in self._bases(cls)
            if (parent := self.classes.get(resolved or "")) is not None
        ]
        for _ in range(4):
            for cls, base, parent in links:
                if not parent.kinds:
                    continue  # nothing to inherit (most parents)
                for kind in inherited:
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
            kind = _message_kind_of(cls)
            generic_name = cls.facts.name in KIND_BY_BASE_NAME
            if not kind or (cls.facts.attributes and not generic_name):
                continue
            children = self._subclasses_of(cls.path)
            if children and all(_message_kind_of(child) for child in children):
                cls.kinds.clear()
                cls.add("_ignored", "marker base class of messages")
