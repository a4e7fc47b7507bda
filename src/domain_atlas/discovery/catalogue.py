"""Turning per-file facts into building blocks (elements), the relations between them, and the rule breaks
only visible at class level. Each pass lives in its own module; this one runs them in order and emits elements.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain_atlas.discovery.catalogue_aggregates import AggregatePasses
from domain_atlas.discovery.catalogue_base import ADAPTER_LAYERS
from domain_atlas.discovery.catalogue_classes import ClassPasses
from domain_atlas.discovery.catalogue_messages import MessagePasses
from domain_atlas.discovery.catalogue_ports import PortPasses
from domain_atlas.discovery.record_order import in_order
from domain_atlas.discovery.stereotypes import HANDLER_METHODS
from domain_atlas.model import Diagnostic, Element, Relation, SourceModule, Violation


class CatalogueBuilder(ClassPasses, PortPasses, MessagePasses, AggregatePasses):
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
        return self._elements(), in_order(self.relations), in_order(self.diagnostics), in_order(self.violations)

    def _elements(self) -> list[Element]:
        elements = []
        for cls in self.classes.values():
            kinds = {k: v for k, v in cls.kinds.items() if not k.startswith("_")}
            if not kinds:
                continue
            if cls.module.layer in ADAPTER_LAYERS and "adapter" not in kinds and cls.module.layer != "read_model":
                if any(k in kinds for k in ("repository", "unit_of_work")) and not cls.abstract:
                    kinds["adapter"] = [f"defined in the {cls.module.layer} layer"]
            handler = next((m for m in cls.handler_methods if m.name in HANDLER_METHODS), None)
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
                    message_type=self._declared_type_string(cls),
                )
            )
        for path, kinds in self.function_kinds.items():
            if path in self.functions:
                module, function = self.functions[path]
                elements.append(
                    self._element(path, module, function.line, kinds, function.docstring, returns=function.returns)
                )
        return in_order(elements)

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
        message_type: str = "",
    ) -> Element:
        ordered = tuple(sorted(kinds))
        evidence = tuple(f"{kind}: {reason}" for kind in ordered for reason in kinds[kind])
        test = module.layer == "tests" or any(part in ("tests", "testing") for part in module.name.split("."))
        return Element(
            path=path,
            kinds=ordered,
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
            message_type=message_type,
            body_digest=self._body_digest(path, module),
        )

    def _body_digest(self, path: str, module: SourceModule) -> str:
        digests = self._digests.get(module.name)
        if digests is None:
            facts = self.facts.get(module.name)
            digests = self._digests[module.name] = dict(facts.bodies.digests) if facts is not None else {}
        return digests.get(path[len(module.name) + 1 :], "")
