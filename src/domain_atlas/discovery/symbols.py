"""Classes and functions of one module, read statically with griffe and reduced to plain facts.

griffe visits the module's source text (never importing it); the facts kept here are what the
stereotype catalogue and the pages need, so griffe objects never leak into the model.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import griffe

# griffe reports unresolvable names and docstring oddities at DEBUG/WARNING; they are not the user's
# architecture problems, so they are kept out of the MkDocs log.
logging.getLogger("griffe").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Parameter:
    name: str
    annotation: str


@dataclass(frozen=True)
class FunctionFacts:
    name: str
    line: int
    parameters: tuple[Parameter, ...]
    returns: str
    decorators: tuple[str, ...]
    docstring: str
    is_async: bool = False


@dataclass(frozen=True)
class AttributeFacts:
    name: str
    line: int
    annotation: str
    value: str


@dataclass(frozen=True)
class ClassFacts:
    name: str
    line: int
    end_line: int
    bases: tuple[str, ...]  # as written, e.g. "abc.ABC", "Protocol"
    canonical_bases: tuple[str, ...]  # resolved through the module's imports, e.g. "abc.ABC", "typing.Protocol"
    decorators: tuple[str, ...]
    docstring: str
    attributes: tuple[AttributeFacts, ...]
    methods: tuple[FunctionFacts, ...]


@dataclass(frozen=True)
class SymbolFacts:
    docstring: str
    classes: tuple[ClassFacts, ...]
    functions: tuple[FunctionFacts, ...]
    imported_names: tuple[tuple[str, str], ...]  # local name -> dotted path it was imported from


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _canonical(expression: object) -> str:
    path = getattr(expression, "canonical_path", None)
    return str(path) if path else _text(expression)


def _definition_line(lines: list[str], start: int, keyword: str, name: str) -> int:
    """griffe counts a decorated definition from its first decorator; readers want the `class`/`def` line."""
    pattern = re.compile(rf"^\s*(?:async\s+)?{keyword}\s+{re.escape(name)}\b")
    for index in range(max(start - 1, 0), min(start + 40, len(lines))):
        if pattern.match(lines[index]):
            return index + 1
    return start


def _function(function: griffe.Function, lines: list[str]) -> FunctionFacts:
    return FunctionFacts(
        name=function.name,
        line=_definition_line(lines, function.lineno or 0, "def", function.name),
        parameters=tuple(Parameter(p.name, _text(p.annotation)) for p in function.parameters),
        returns=_text(function.returns),
        decorators=tuple(_text(d.value) for d in function.decorators),
        docstring=function.docstring.value if function.docstring else "",
        is_async="async" in function.labels,
    )


def _class(cls: griffe.Class, lines: list[str]) -> ClassFacts:
    attributes = []
    methods = []
    for member in cls.members.values():
        if member.is_alias:
            continue
        if isinstance(member, griffe.Attribute):
            attributes.append(
                AttributeFacts(member.name, member.lineno or 0, _text(member.annotation), _text(member.value))
            )
        elif isinstance(member, griffe.Function):
            methods.append(_function(member, lines))
    return ClassFacts(
        name=cls.name,
        line=_definition_line(lines, cls.lineno or 0, "class", cls.name),
        end_line=cls.endlineno or cls.lineno or 0,
        bases=tuple(_text(base) for base in cls.bases),
        canonical_bases=tuple(_canonical(base) for base in cls.bases),
        decorators=tuple(_text(d.value) for d in cls.decorators),
        docstring=cls.docstring.value if cls.docstring else "",
        attributes=tuple(sorted(attributes, key=lambda a: a.line)),
        methods=tuple(sorted(methods, key=lambda m: m.line)),
    )


def read_symbols(module_name: str, path: Path, text: str) -> SymbolFacts:
    """Visit one module's text with griffe. `text` must be parseable by the running Python."""
    module = griffe.visit(module_name.split(".")[-1], filepath=path, code=text)
    classes = []
    functions = []
    lines = text.splitlines()
    for member in module.members.values():
        if member.is_alias:
            continue
        if isinstance(member, griffe.Class):
            classes.append(_class(member, lines))
        elif isinstance(member, griffe.Function):
            functions.append(_function(member, lines))
    return SymbolFacts(
        docstring=module.docstring.value if module.docstring else "",
        classes=tuple(sorted(classes, key=lambda c: c.line)),
        functions=tuple(sorted(functions, key=lambda f: f.line)),
        imported_names=tuple(sorted(module.imports.items())),
    )
