"""Classes and functions of one module, read statically with griffe and reduced to plain facts.

griffe visits the module's source text (never importing it); the facts kept here are what the
stereotype catalogue and the pages need, so griffe objects never leak into the model.
"""

from __future__ import annotations

import ast
import logging
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


def _definition_lines(tree: ast.Module) -> dict[int, int]:
    """First decorator line -> `class`/`def` line, for definitions griffe can list (module and class level).

    griffe counts a decorated definition from its first decorator; readers want the `class`/`def` line.
    """
    found: dict[int, int] = {}
    statements: list[ast.stmt] = list(tree.body)
    while statements:
        node = statements.pop()
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            if node.decorator_list:
                found[node.decorator_list[0].lineno] = node.lineno
            if isinstance(node, ast.ClassDef):
                statements.extend(node.body)
        elif isinstance(node, ast.If | ast.Try | ast.TryStar | ast.With | ast.AsyncWith):
            statements.extend(node.body)
            statements.extend(getattr(node, "orelse", ()))
            statements.extend(getattr(node, "finalbody", ()))
            for handler in getattr(node, "handlers", ()):
                statements.extend(handler.body)
    return found


class _TreeVisitor(griffe.Visitor):
    """griffe's visitor, given the tree already parsed for the other facts instead of parsing the text again."""

    tree: ast.Module

    def get_module(self) -> griffe.Module:
        try:
            self.visit(self.tree)
            module: griffe.Module = self.current.module
            return module
        finally:
            # griffe links nodes to their parents while visiting; unlink them so the tree is freed without the GC.
            visited = getattr(self, "_visited_nodes", [])
            for node in visited:
                vars(node).pop("parent", None)
            visited.clear()


_EXTENSIONS: griffe.Extensions | None = None


def _visit(module_name: str, path: Path, text: str, tree: ast.Module) -> griffe.Module:
    global _EXTENSIONS
    if _EXTENSIONS is None:
        _EXTENSIONS = griffe.load_extensions()  # the same built-in extensions griffe.visit loads on every call
    visitor = _TreeVisitor(module_name, path, text, _EXTENSIONS)
    visitor.tree = tree
    return visitor.get_module()


def _function(function: griffe.Function, lines: dict[int, int]) -> FunctionFacts:
    start = function.lineno or 0
    return FunctionFacts(
        name=function.name,
        line=lines.get(start, start),
        parameters=tuple(Parameter(p.name, _text(p.annotation)) for p in function.parameters),
        returns=_text(function.returns),
        decorators=tuple(_text(d.value) for d in function.decorators),
        docstring=function.docstring.value if function.docstring else "",
        is_async="async" in function.labels,
    )


def _class(cls: griffe.Class, lines: dict[int, int]) -> ClassFacts:
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
        line=lines.get(cls.lineno or 0, cls.lineno or 0),
        end_line=cls.endlineno or cls.lineno or 0,
        bases=tuple(_text(base) for base in cls.bases),
        canonical_bases=tuple(_canonical(base) for base in cls.bases),
        decorators=tuple(_text(d.value) for d in cls.decorators),
        docstring=cls.docstring.value if cls.docstring else "",
        attributes=tuple(sorted(attributes, key=lambda a: a.line)),
        methods=tuple(sorted(methods, key=lambda m: m.line)),
    )


def read_symbols(module_name: str, path: Path, text: str, tree: ast.Module | None = None) -> SymbolFacts:
    """Visit one module with griffe: `tree` is `text` parsed (parsed here when not given), never imported."""
    if tree is None:
        tree = ast.parse(text, filename=str(path))
    lines = _definition_lines(tree)
    module = _visit(module_name.split(".")[-1], path, text, tree)
    classes = []
    functions = []
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
