"""A few facts about what a module holds, handed to the structure step as hints for modules its names do not place."""

from __future__ import annotations

from collections.abc import Sequence

from domain_atlas.discovery.imports import RawImport
from domain_atlas.discovery.symbols import SymbolFacts

ORM_LIBRARIES = ("sqlalchemy", "django.db", "peewee", "tortoise", "sqlmodel", "pymongo", "motor")
ROUTER_DECORATORS = (".get(", ".post(", ".put(", ".patch(", ".delete(", ".route(")
ABSTRACT_BASES = ("ABC", "Protocol")


def module_hints(symbols: SymbolFacts | None, imports: Sequence[RawImport]) -> frozenset[str]:
    hints: set[str] = set()
    if any(raw.module.startswith(ORM_LIBRARIES) for raw in imports if raw.level == 0):
        hints.add("orm")
    if symbols is None:
        return frozenset(hints)
    abstract = {
        cls.name
        for cls in symbols.classes
        if any(base.split(".")[-1].split("[")[0] in ABSTRACT_BASES for base in cls.bases)
        or any("abstractmethod" in d for method in cls.methods for d in method.decorators)
    }
    if abstract and len(abstract) == len(symbols.classes):
        hints.add("abstract")
    if any(cls.bases and cls.name not in abstract for cls in symbols.classes):
        hints.add("implementation")
    functions = [*symbols.functions, *(m for cls in symbols.classes for m in cls.methods)]
    if any(any(marker in d for marker in ROUTER_DECORATORS) for f in functions for d in f.decorators):
        hints.add("router")
    if any(f.name.startswith("handle") or cls.name.endswith("Handler") for cls in symbols.classes for f in cls.methods):
        hints.add("handler")
    return frozenset(hints)
