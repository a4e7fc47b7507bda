"""griffe's reading of one module, reduced to our SymbolFacts: the oracle our own symbol reader is held to.

This is how symbols.py read modules before it walked the tree itself (griffe's `Visitor` fed the tree
already parsed). Tests and scripts/compare_symbols.py compare the two; Domain Atlas never imports it.
"""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import griffe

from domain_atlas.discovery.symbols import AttributeFacts, ClassFacts, FunctionFacts, Parameter, SymbolFacts

logging.getLogger("griffe").setLevel(logging.CRITICAL)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _canonical(expression: object) -> str:
    path = getattr(expression, "canonical_path", None)
    return str(path) if path else _text(expression)


def _definition_lines(tree: ast.Module) -> dict[int, int]:
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
    tree: ast.Module

    def get_module(self) -> griffe.Module:
        try:
            self.visit(self.tree)
            module: griffe.Module = self.current.module
            return module
        finally:
            for node in getattr(self, "_visited_nodes", []):
                vars(node).pop("parent", None)


_EXTENSIONS = griffe.load_extensions()


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
    attributes, methods = [], []
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


def griffe_symbols(module_name: str, path: Path, text: str, tree: ast.Module) -> SymbolFacts:
    """What symbols.py read with griffe's visitor, before it read the tree itself."""
    lines = _definition_lines(tree)
    visitor = _TreeVisitor(module_name.split(".")[-1], path, text, _EXTENSIONS)
    visitor.tree = tree
    module = visitor.get_module()
    classes, functions = [], []
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
