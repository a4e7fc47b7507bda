"""Catalogue passes for ports and the adapters that implement them (by subclass, by shape, by DI binding)."""

from __future__ import annotations

from collections import defaultdict

from domain_atlas.discovery.catalogue_base import ADAPTER_LAYERS, MESSAGE_KINDS, CatalogueBase, _Class
from domain_atlas.discovery.stereotypes import HANDLER_NAME, PORT_NAME, in_port_place
from domain_atlas.model import Relation


class PortPasses(CatalogueBase):
    def _mark_ports(self) -> None:
        subclassed = {resolved for cls in self.classes.values() for _, resolved in self._bases(cls) if resolved}
        building_blocks: set[str] | None = None  # the kinds it rests on do not change in this pass: found once
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
                if building_blocks is None:
                    building_blocks = self._building_block_bases()
                if cls.path in building_blocks or HANDLER_NAME.search(cls.facts.name):
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

    def _implementations(self) -> None:
        by_method = self._ports_by_method()
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
            if not by_method or (cls.module.layer not in ADAPTER_LAYERS and "adapter" not in cls.kinds):
                continue  # no port to match by shape (as in most services without ports), or not an adapter
            available = {m.name for m in cls.facts.methods}
            available.update(a.name for a in cls.facts.attributes)
            # Each port sits under one method name, so it is met at most once here.
            candidates = sorted((found for name in available for found in by_method.get(name, ())), key=_first)
            for _, port, required in candidates:
                if not required <= available:
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

    def _ports_by_method(self) -> dict[str, list[tuple[int, _Class, frozenset[str]]]]:
        """Ports with what they require, under one required method each (the alphabetically first): a class
        is matched by shape only against ports one of its own methods could satisfy, in port order."""
        by_method: dict[str, list[tuple[int, _Class, frozenset[str]]]] = defaultdict(list)
        for index, port in enumerate(self._ports()):
            required = frozenset(port.required_methods())
            if required:
                by_method[min(required)].append((index, port, required))
        return by_method

    def _implements(self, cls: _Class, port: _Class, via: str, reason: str) -> None:
        cls.add("adapter", reason)
        for kind in ("repository", "unit_of_work"):
            if kind in port.kinds:
                cls.add(kind, f"implements {port.facts.name}")
        self.relations.add(Relation("implements", cls.path, port.path, via, cls.module.file, cls.facts.line))


def _first(entry: tuple[int, _Class, frozenset[str]]) -> int:
    return entry[0]
