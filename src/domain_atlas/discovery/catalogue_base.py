"""Shared state of the catalogue passes: the service's classes and functions, and names resolved through imports.

Names are resolved through each module's imports, following re-exports in `__init__` files; what cannot be
resolved is left out and, where it matters (a registry key), reported as a diagnostic. The passes build on this:
catalogue_classes (one class at a time), catalogue_ports, catalogue_messages, catalogue_aggregates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from domain_atlas.discovery.imports import RelativeImportError, absolute_module
from domain_atlas.discovery.module_facts import ModuleFacts
from domain_atlas.discovery.stereotypes import (
    HANDLER_METHODS,
)
from domain_atlas.discovery.symbols import ClassFacts, FunctionFacts
from domain_atlas.model import (
    Diagnostic,
    ElementOverride,
    Relation,
    SourceModule,
    StereotypeRule,
    Violation,
)
from domain_atlas.rules.catalogue import RULES

FactsByModule = Mapping[str, ModuleFacts]

MESSAGE_KINDS = ("domain_event", "integration_event", "command", "query")
HANDLER_KIND = {
    "command": "command_handler",
    "query": "query_handler",
    "domain_event": "event_handler",
    "integration_event": "event_handler",
}
IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*")
NOT_MESSAGE_NAME = re.compile(
    r"(Id|ID|Result|ResultSet|Type|Status|Handler|Registry|Bus|Error|Exception|Mixin|UnitOfWork|Repository)$"
)
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
    # Read in one pass over the methods when the class is met: each pass over every method of a large service
    # costs 1-2 ms (Django: 7,194 methods), and the classification and the handler pass both need these.
    has_abstract_method: bool = field(init=False, default=False)
    handler_methods: tuple[FunctionFacts, ...] = field(init=False, default=())  # handle()/execute()/handle_x()...

    def __post_init__(self) -> None:
        handlers = []
        for method in self.facts.methods:
            name = method.name
            if name in HANDLER_METHODS or name.startswith("handle_"):
                handlers.append(method)
            if method.decorators and not self.has_abstract_method:
                self.has_abstract_method = any("abstractmethod" in decorator for decorator in method.decorators)
        self.handler_methods = tuple(handlers)

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


def _message_kind_of(cls: _Class) -> str:
    """The message kind a class has, or "" (asked for every class by several passes: a plain loop)."""
    if cls.kinds:
        for kind in MESSAGE_KINDS:
            if kind in cls.kinds:
                return kind
    return ""


def _matches(rule: StereotypeRule, cls: _Class) -> bool:
    checks = [
        (rule.name, [cls.facts.name]),
        (rule.base, [base.split("[")[0] for base in cls.facts.bases]),
        (rule.module, [cls.module.name]),
        (rule.decorator, list(cls.facts.decorators)),
    ]
    return all(any(re.fullmatch(pattern, value) for value in values) for pattern, values in checks if pattern)


class CatalogueBase:
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
        self.tables: dict[str, Mapping[str, str]] = {}  # each module's symbol table, made when first asked for
        self.relations: set[Relation] = set()
        self.diagnostics: set[Diagnostic] = set()
        self.violations: set[Violation] = set()
        self.function_kinds: dict[str, dict[str, list[str]]] = defaultdict(dict)
        for name, module in modules.items():
            symbols = facts[name].symbols if name in facts else None
            if symbols is None:
                continue
            for cls in symbols.classes:
                path = f"{name}.{cls.name}"
                self.classes[path] = _Class(path, module, cls)
            for function in symbols.functions:
                self.functions[f"{name}.{function.name}"] = (module, function)
        # Classes and functions are fixed from here on: names and bases are resolved once a build.
        self._resolved: dict[tuple[str, str], str | None] = {}
        self._bases_of: dict[str, list[tuple[str, str | None]]] = {}
        self._subclasses: dict[str, list[_Class]] | None = None
        self._digests: dict[str, dict[str, str]] = {}  # body digests by module, then by dotted name in it
        self._places: dict[str, tuple[list[str], str, tuple[str, str]]] = {}  # what each module's place says

    def _table(self, module: str) -> Mapping[str, str]:
        """The names bound at the top of `module` and what each means. Made only when asked for: on Django the
        names of half the modules are never looked up, and making every table cost 4 ms."""
        table = self.tables.get(module)
        if table is None:
            source = self.modules.get(module)
            table = self.tables[module] = self._symbol_table(source) if source is not None else {}
        return table

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
        if depth == 0:
            key = (module, name)
            if key not in self._resolved:
                self._resolved[key] = self._resolve(module, name, 0)
            return self._resolved[key]
        return self._resolve(module, name, depth)

    def _resolve(self, module: str, name: str, depth: int) -> str | None:
        if not name or depth > 6:
            return None
        head, _, rest = name.partition(".")
        base = self._table(module).get(head)
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

    def _parts(self, cls: _Class) -> list[str]:
        return cls.module.name.split(".")

    def _bases(self, cls: _Class) -> list[tuple[str, str | None]]:
        """(base as written, resolved class path in the service or None)."""
        found = self._bases_of.get(cls.path)
        if found is None:
            found = [(base, self.resolve(cls.module.name, base.split("[")[0])) for base in cls.facts.bases]
            self._bases_of[cls.path] = found
        return found

    def _subclasses_of(self, path: str) -> list[_Class]:
        """The service's classes with `path` among their resolved bases, in class order (indexed once)."""
        if self._subclasses is None:
            self._subclasses = defaultdict(list)
            for cls in self.classes.values():
                for parent in dict.fromkeys(resolved for _, resolved in self._bases(cls) if resolved):
                    self._subclasses[parent].append(cls)
        return self._subclasses.get(path, [])

    def _message_kind(self, path: str | None) -> str:
        cls = self.classes.get(path or "")
        return _message_kind_of(cls) if cls is not None else ""

    def _ports(self) -> list[_Class]:
        return [cls for cls in self.classes.values() if "port" in cls.kinds]

    def _handler_functions(self, path: str) -> list[tuple[FunctionFacts, SourceModule]]:
        if path in self.functions:
            module, function = self.functions[path]
            return [(function, module)]
        cls = self.classes.get(path)
        if cls is None:
            return []
        return [(m, cls.module) for m in cls.facts.methods if m.name in HANDLER_METHODS or m.name.startswith("handle")]

    def _violation(self, rule: str, source: str, target: str, file: str, line: int, message: str) -> None:
        spec = RULES[rule]
        self.violations.add(
            Violation(rule, source, target, file, line, spec.severity, message, spec.hint, self.adr_links.get(rule, ""))
        )
