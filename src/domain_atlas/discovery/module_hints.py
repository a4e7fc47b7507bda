"""A few facts about what a module holds, handed to the structure step as hints for modules its names do not place."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from domain_atlas.discovery.imports import RawImport
from domain_atlas.discovery.module_facts import ModuleFacts
from domain_atlas.discovery.symbols import SymbolFacts

ORM_LIBRARIES = ("sqlalchemy", "django.db", "peewee", "tortoise", "sqlmodel", "pymongo", "motor")
ROUTER_DECORATORS = (".get(", ".post(", ".put(", ".patch(", ".delete(", ".route(")
ABSTRACT_BASES = ("ABC", "Protocol")


def module_hints(symbols: SymbolFacts | None, imports: Sequence[RawImport]) -> frozenset[str]:
    hints: set[str] = set()
    for raw in imports:
        if raw.level == 0 and raw.module.startswith(ORM_LIBRARIES):
            hints.add("orm")
            break
    if symbols is None:
        return frozenset(hints)
    # Plain loops, one pass over each class and its methods: asked for every module whose names do not place it,
    # the generator expressions this was written with cost 7 ms on Django's 7,000 methods.
    abstract: set[str] = set()
    handler = router = False
    for function in symbols.functions:
        for decorator in function.decorators:
            router = router or any(marker in decorator for marker in ROUTER_DECORATORS)
    for cls in symbols.classes:
        is_abstract = False
        for base in cls.bases:
            if base.split(".")[-1].split("[")[0] in ABSTRACT_BASES:
                is_abstract = True
                break
        handler_class = cls.name.endswith("Handler")
        for method in cls.methods:
            handler = handler or handler_class or method.name.startswith("handle")
            for decorator in method.decorators:
                is_abstract = is_abstract or "abstractmethod" in decorator
                router = router or any(marker in decorator for marker in ROUTER_DECORATORS)
        if is_abstract:
            abstract.add(cls.name)
    if abstract and len(abstract) == len(symbols.classes):
        hints.add("abstract")
    if any(cls.bases and cls.name not in abstract for cls in symbols.classes):
        hints.add("implementation")
    if router:
        hints.add("router")
    if handler:
        hints.add("handler")
    return frozenset(hints)


class ModuleHints(Mapping[str, frozenset[str]]):
    """The hints of each module, read from its facts when first asked for. The structure step asks only about
    modules its names leave open (on Django half of them, on a layered service few), and reading one module's
    hints walks all its classes and methods: reading them all cost a cold Django export 6 ms."""

    def __init__(self, facts: Mapping[str, ModuleFacts]) -> None:
        self._facts = facts
        self._read: dict[str, frozenset[str]] = {}

    def __getitem__(self, module: str) -> frozenset[str]:
        found = self._read.get(module)
        if found is None:
            facts = self._facts[module]
            found = self._read[module] = module_hints(facts.symbols, facts.imports)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)
