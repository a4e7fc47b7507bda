"""Catalogue passes for aggregates, the read side, and the rules only visible in class bodies."""

from __future__ import annotations

from domain_atlas.discovery.catalogue_base import MESSAGE_KINDS, READER_PORT, CatalogueBase, _Class
from domain_atlas.discovery.stereotypes import EVENT_COLLECTIONS, QUERY_NAME, is_dataclass, is_frozen_dataclass
from domain_atlas.discovery.symbols import FunctionFacts
from domain_atlas.model import Relation, SourceModule


class AggregatePasses(CatalogueBase):
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

    def _class_rules(self) -> None:
        aggregates = {cls.path for cls in self.classes.values() if "aggregate" in cls.kinds}
        # Only handlers of queries count; the violations found are a set, sorted when the build ends.
        for relation in self.relations:
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
