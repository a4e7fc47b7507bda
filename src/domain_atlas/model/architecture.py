"""The architecture model: what a service is made of, as plain frozen values.

Nothing here knows about griffe, MkDocs or Graphviz. Discovery builds these values, rules read them,
rendering draws them, and the export writes them out unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from domain_atlas.model.relationships import DeclaredRelationship

if TYPE_CHECKING:
    from domain_atlas.model.layout import LayoutReading


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem with the input that did not stop the analysis (a file that does not parse, say)."""

    file: str
    line: int
    level: Level
    message: str

    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True, order=True)
class ImportEdge:
    """One import statement from a module of the service to another module (of the service or outside it)."""

    source: str
    target: str
    line: int
    file: str
    external: bool = False
    type_checking: bool = False
    in_function: bool = False


@dataclass(frozen=True, order=True)
class SourceModule:
    """One module (or package) of the service, with the context and layer it was placed in."""

    name: str
    file: str
    is_package: bool
    context: str | None
    layer: str | None
    docstring: str = ""
    lines: int = 0


@dataclass(frozen=True, order=True)
class Context:
    """A bounded context: a package with its own layers, or a shared kernel used by all contexts."""

    name: str
    package: str
    shared_kernel: bool = False
    description: str = ""
    declared: bool = False
    packages: tuple[str, ...] = ()  # every package the context owns (the first is `package`)


@dataclass(frozen=True, order=True)
class Element:
    """A building block (aggregate, event, port...) with the evidence that made it one."""

    path: str
    kinds: tuple[str, ...]
    context: str | None
    layer: str | None
    file: str
    line: int
    evidence: tuple[str, ...] = ()
    test: bool = False
    docstring: str = ""
    fields: tuple[tuple[str, str], ...] = ()  # (name, type annotation) of a class's attributes
    methods: tuple[str, ...] = ()  # public methods of a class
    returns: str = ""  # result type of a handler (its return annotation)
    message_type: str = ""  # the type string a message class declares (`event_type = "order.placed"`)
    body_digest: str = ""  # digest of the class or function body, blind to its name: recognises moves

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]


@dataclass(frozen=True, order=True)
class Relation:
    """A link between two elements (a handler and the message it handles, say), and where it was seen."""

    kind: str
    source: str
    target: str
    via: str = ""
    file: str = ""
    line: int = 0


@dataclass(frozen=True, order=True)
class Violation:
    """A broken architecture rule at an exact place in the source."""

    rule: str
    source: str
    target: str
    file: str
    line: int
    severity: str = "error"
    message: str = ""
    hint: str = ""
    adr: str = ""
    type_only: bool = False

    def location(self) -> str:
        return f"{self.file}:{self.line}"

    def fingerprint(self) -> tuple[str, str, str, str]:
        """What identifies a violation across revisions: not its line, which unrelated edits move."""
        return (self.rule, self.source, self.target, self.file)


@dataclass(frozen=True, order=True)
class Suppression:
    """`# domain-atlas: ignore[rule-id] reason` written in the source."""

    file: str
    line: int
    rules: tuple[str, ...]
    reason: str


def slugify(text: str) -> str:
    """The folder a service's pages live in: its name in lower case, other characters as `-`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "service"


def _not_read() -> LayoutReading:
    # Imported when the first service is made, not with the model: a reading ahead forks its worker before that, and
    # defining the layout's five classes cost 2.4 ms (measured) that the worker never needs.
    from domain_atlas.model.layout import LayoutReading

    return LayoutReading()


@dataclass(frozen=True)
class Service:
    """Everything known about one analysed service. All tuples are sorted, so equal input gives equal values."""

    name: str
    slug: str
    packages: tuple[str, ...]
    source_roots: tuple[str, ...]
    contexts: tuple[Context, ...]
    modules: tuple[SourceModule, ...]
    imports: tuple[ImportEdge, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    elements: tuple[Element, ...] = ()
    relations: tuple[Relation, ...] = ()
    violations: tuple[Violation, ...] = ()
    layer_order: tuple[str, ...] = field(default=())
    suppressions: tuple[Suppression, ...] = ()  # inline ignores found in the source, applied by the rules
    relationships: tuple[DeclaredRelationship, ...] = ()  # context relationships the team declared
    reading: LayoutReading = field(default_factory=_not_read)  # how contexts and layers were decided

    def module(self, name: str) -> SourceModule | None:
        return self._modules_by_name.get(name)

    @cached_property
    def _modules_by_name(self) -> dict[str, SourceModule]:
        return {module.name: module for module in self.modules}

    def context(self, name: str) -> Context | None:
        return self._contexts_by_name.get(name)

    @cached_property  # asked for both ends of every import edge by the rules
    def _contexts_by_name(self) -> dict[str, Context]:
        found: dict[str, Context] = {}
        for context in self.contexts:
            found.setdefault(context.name, context)  # the first of a name, as a search in order finds
        return found

    def modules_of(self, context: str) -> tuple[SourceModule, ...]:
        return self._modules_by_context.get(context, ())

    @cached_property  # asked once per context by the export and the pages: one pass, not one per context
    def _modules_by_context(self) -> dict[str | None, tuple[SourceModule, ...]]:
        found: dict[str | None, list[SourceModule]] = {}
        for module in self.modules:
            found.setdefault(module.context, []).append(module)
        return {context: tuple(modules) for context, modules in found.items()}

    def internal_imports(self) -> tuple[ImportEdge, ...]:
        return tuple(edge for edge in self.imports if not edge.external)

    def layers_of(self, context: str) -> dict[str, list[str]]:
        """Layer name -> module names of one context, layers in dependency-rule order."""
        found: dict[str, list[str]] = {}
        for module in self.modules_of(context):
            if module.layer is not None:
                found.setdefault(module.layer, []).append(module.name)
        rank = {layer: index for index, layer in enumerate(self.layer_order)}
        return {
            layer: sorted(found[layer]) for layer in sorted(found, key=lambda name: (rank.get(name, len(rank)), name))
        }
