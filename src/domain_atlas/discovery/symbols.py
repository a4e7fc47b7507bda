"""Classes and functions of one module, read statically from its `ast` tree and reduced to plain facts.

The facts are the ones griffe's visitor gives (docstrings, bases as written and resolved through the
imports, decorators, attributes, signatures), read here in one walk over the statements instead: griffe
builds a full object model and visits every node, several times the cost of parsing on large trees,
while the stereotype catalogue and the pages need only these facts. griffe's semantics are kept on
purpose (which assignments count as attributes, which branch wins, how expressions are written);
`scripts/compare_symbols.py` checks them against griffe on real code.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

from domain_atlas.discovery.expression_text import (
    PARSE_STRINGS,
    NoCanonicalPath,
    Resolve,
    canonical,
    parsed_annotation,
    subscript_parts,
    written,
)
from domain_atlas.discovery.symbol_scopes import (
    ALIAS,
    ATTRIBUTE,
    CLASS,
    FUNCTION,
    MODULE,
    TYPE_ALIAS,
    Symbol,
    canonical_name,
)


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


# Parameters repeat (Django's 20,000 are 1,900 different ones; 7,000 are a bare `self`): one shared instance of each
# is cheaper to make, and a worker process pickles it once per batch (Django: 0.015 CPU s less pickling, measured).
_parameter = lru_cache(maxsize=4096)(Parameter)

# Decorators griffe turns into labels that change what a definition is.
_PROPERTIES = frozenset({"property", "functools.cached_property", "cached_property.cached_property"})
_OVERLOADS = frozenset({"typing.overload", "typing_extensions.overload"})
_TYPE_ALIAS: type | None = getattr(ast, "TypeAlias", None)  # Python 3.12+
_BLOCKS = frozenset(
    {ast.If, ast.Try, ast.TryStar, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Match, _TYPE_ALIAS}
    - {None}
)
_TYPE_PARAMETERS = sys.version_info >= (3, 12)
_STAR_PREFIXES = {"TypeVarTuple": "*", "ParamSpec": "**"}


def _docstring(node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    body = node.body
    if body and isinstance(body[0], ast.Expr):
        value = body[0].value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return inspect.cleandoc(value.value.rstrip())
    return ""


def _dotted(node: ast.expr) -> str | None:
    """An assignment target as griffe names it (`x`, `self.x`), or None for targets it skips."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        owner = _dotted(node.value)
        return None if owner is None else f"{owner}.{node.attr}"
    return None


def _target_names(node: ast.Assign | ast.AnnAssign) -> list[str] | None:
    names = []
    for target in node.targets if isinstance(node, ast.Assign) else (node.target,):
        name = _dotted(target)
        if name is None:
            return None  # one unsupported target (a tuple, a subscript) drops the whole statement, as in griffe
        names.append(name)
    return names


def _type_parameters(node: ast.AST) -> dict[str, str] | None:
    if not _TYPE_PARAMETERS or not getattr(node, "type_params", None):
        return None
    return {p.name: _STAR_PREFIXES.get(type(p).__name__, "") for p in getattr(node, "type_params", ())}


def _signature(arguments: ast.arguments) -> list[ast.arg]:
    signature = arguments.posonlyargs + arguments.args if arguments.posonlyargs else arguments.args
    if arguments.vararg or arguments.kwonlyargs or arguments.kwarg:
        signature = [*signature, *([arguments.vararg] if arguments.vararg else []), *arguments.kwonlyargs]
        if arguments.kwarg:
            signature.append(arguments.kwarg)
    return signature


class _Reader:
    """One walk over the statements griffe's visitor would act on, building the same members in the same order."""

    def __init__(self, module_name: str, is_init: bool) -> None:
        self.module = Symbol(MODULE, module_name, None)
        self.is_init = is_init
        self.imports: dict[str, str] = {}
        self.scopes = [self.module]  # every symbol holding members: emptied at the end so no cycle outlives the read

    def annotation_flags(self) -> int:
        future = self.module.members.get("annotations")
        postponed = future is not None and future.kind is ALIAS and future.path == "__future__.annotations"
        return 0 if postponed else PARSE_STRINGS

    def body(self, statements: list[ast.stmt], scope: Symbol, in_branch: bool, mapped: bool) -> None:
        """`in_branch`: directly under an `if`/`else`/`except` (griffe keeps the first assignment there).
        `mapped`: decorated definitions here report their `class`/`def` line rather than their first decorator's.
        """
        for node in statements:
            kind = type(node)
            if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
                self.function(node, scope, mapped)  # type: ignore[arg-type]
            elif kind is ast.Assign or kind is ast.AnnAssign:
                self.assignment(node, scope, in_branch)  # type: ignore[arg-type]
            elif kind is ast.ImportFrom or kind is ast.Import:
                self.import_(node, scope)  # type: ignore[arg-type]
            elif kind is ast.ClassDef:
                self.class_(node, scope, mapped)  # type: ignore[arg-type]
            elif kind in _BLOCKS:
                self.block(node, scope, mapped)

    def block(self, node: ast.stmt, scope: Symbol, mapped: bool) -> None:
        """Statements nested in a compound statement belong to the enclosing scope, as griffe visits them."""
        if isinstance(node, ast.If):
            self.body(node.body, scope, True, mapped)
            self.body(node.orelse, scope, True, mapped)
        elif isinstance(node, ast.Try | ast.TryStar):
            self.body(node.body, scope, False, mapped)
            for handler in node.handlers:
                self.body(handler.body, scope, True, mapped)
            self.body(node.orelse, scope, False, mapped)
            self.body(node.finalbody, scope, False, mapped)
        elif isinstance(node, ast.For | ast.AsyncFor | ast.While):
            self.body(node.body, scope, False, False)
            self.body(node.orelse, scope, False, False)
        elif isinstance(node, ast.With | ast.AsyncWith):
            self.body(node.body, scope, False, mapped)
        elif isinstance(node, ast.Match):
            for case in node.cases:
                self.body(case.body, scope, False, False)
        elif _TYPE_ALIAS is not None and isinstance(node, _TYPE_ALIAS):
            name = node.name.id  # type: ignore[attr-defined]
            scope.members[name] = Symbol(TYPE_ALIAS, name, scope)

    def assignment(self, node: ast.Assign | ast.AnnAssign, scope: Symbol, in_branch: bool) -> None:
        owner: Symbol | None = scope
        detailed = scope.kind is CLASS or scope.kind is FUNCTION
        annotation = None
        if isinstance(node, ast.AnnAssign) and detailed:
            annotation = self.annotation(node.annotation, scope, classvar=scope.kind is CLASS)
        names = _target_names(node)
        if names is None:
            return
        if scope.kind is FUNCTION:  # an `__init__`: `self.x = ...` makes instance attributes of its class
            names = [name[5:] for name in names if name.startswith("self.")]
            owner = scope.parent
        if not names or owner is None:
            return
        value = written(node.value, _NO_RESOLUTION) if detailed else None
        is_property = False
        for name in names:
            if "." in name:
                continue
            existing = owner.members.get(name)
            if existing is not None:
                if in_branch:
                    continue  # griffe prefers the assignment outside `if`/`except` branches
                if existing.kind is not ALIAS:
                    # griffe carries labels and annotations over (to the statement's later names too)
                    is_property = is_property or existing.is_property
                    if annotation is None and existing.kind in (ATTRIBUTE, FUNCTION):
                        annotation = existing.annotation
            attribute = Symbol(ATTRIBUTE, name, owner)
            attribute.is_property = is_property
            attribute.annotation = annotation
            if detailed:
                attribute.facts = AttributeFacts(name, node.lineno, annotation or "", value or "")
            owner.members[name] = attribute

    def annotation(self, node: ast.expr, scope: Symbol, classvar: bool = False) -> str | None:
        flags = self.annotation_flags()
        resolve = partial(canonical_name, scope)
        if classvar:  # `ClassVar[X]` in a class body: griffe keeps X
            try:
                built, built_flags = parsed_annotation(node, flags)
                if isinstance(built, ast.Subscript) and not isinstance(built.value, ast.Constant):
                    left = canonical(built.value, resolve)
                    if left.rsplit(".", 1)[-1].split("(", 1)[-1].removesuffix(")") == "ClassVar":
                        return subscript_parts(built, resolve, built_flags)[1]
            except Exception:  # an annotation griffe cannot build is no annotation
                return None
        return written(node, resolve, flags)

    def decorators(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, scope: Symbol
    ) -> list[tuple[str | None, str]]:
        """(text, the dotted path of the callable) of each decorator."""
        if not node.decorator_list:
            return []
        resolve = partial(canonical_name, scope)
        found = []
        for decorator in node.decorator_list:
            shown = written(decorator, resolve)
            callee = ""
            if shown is not None:
                with contextlib.suppress(NoCanonicalPath):  # a called call of a constant: no label to read
                    callee = canonical(decorator.func if isinstance(decorator, ast.Call) else decorator, resolve)
            found.append((shown, callee))
        return found

    def function(self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Symbol, mapped: bool) -> None:
        decorators = (
            [found for found in self.decorators(node, scope) if found[0] is not None] if node.decorator_list else []
        )
        callees = {callee for _, callee in decorators} if decorators else None
        detailed = scope.kind is MODULE or (scope.kind is CLASS and scope.parent is self.module)
        name = node.name
        if callees and callees & _PROPERTIES:  # griffe holds a property as an attribute, annotated with its return
            attribute = Symbol(ATTRIBUTE, name, scope)
            attribute.is_property = True
            if detailed:
                resolve = partial(canonical_name, scope.members.get(name, scope))
                attribute.annotation = written(node.returns, resolve, self.annotation_flags())
                attribute.facts = AttributeFacts(name, node.lineno, attribute.annotation or "", "")
            scope.members[name] = attribute
            return
        function = Symbol(FUNCTION, name, scope)
        constructor = name == "__init__" and scope.kind is CLASS
        signature = _signature(node.args)
        if constructor:
            function.members = {}
            self.scopes.append(function)
            function.parameters = frozenset(argument.arg for argument in signature)
        if _TYPE_PARAMETERS:
            function.type_parameters = _type_parameters(node) or function.type_parameters
        if detailed:
            flags = self.annotation_flags()
            resolve = partial(canonical_name, scope.members.get(name, scope))
            parameters = tuple(
                [
                    _parameter(a.arg, "" if a.annotation is None else written(a.annotation, resolve, flags) or "")
                    for a in signature
                ]
            )
            function.annotation = None if node.returns is None else written(node.returns, resolve, flags)
            line = node.decorator_list[0].lineno if node.decorator_list and not mapped else node.lineno
            function.facts = FunctionFacts(
                name=name,
                line=line,
                parameters=parameters,
                returns=function.annotation or "",
                decorators=tuple([shown for shown, _ in decorators if shown is not None]) if decorators else (),
                docstring=_docstring(node),
                is_async=isinstance(node, ast.AsyncFunctionDef),
            )
        if not callees or not (callees & _OVERLOADS or self.is_accessor(callees, function, scope)):
            scope.members[name] = function
        if constructor and detailed:
            self.body(node.body, function, False, False)

    @staticmethod
    def is_accessor(callees: set[str], function: Symbol, scope: Symbol) -> bool:
        """`@x.setter`/`@x.deleter` of a property `x` already held: griffe attaches it to the property."""
        for callee in callees:
            owner, _, accessor = callee.rpartition(".")
            if accessor in ("setter", "deleter") and owner == function.path:
                held = scope.members.get(function.name)
                return held is not None and held.is_property
        return False

    def class_(self, node: ast.ClassDef, scope: Symbol, mapped: bool) -> None:
        cls = Symbol(CLASS, node.name, scope)
        self.scopes.append(cls)
        if _TYPE_PARAMETERS:
            cls.type_parameters = _type_parameters(node) or cls.type_parameters
        if scope is self.module:
            decorators = tuple(shown or "" for shown, _ in self.decorators(node, scope))
            line = node.decorator_list[0].lineno if node.decorator_list and not mapped else node.lineno
            cls.facts = (node, line, decorators)
        scope.members[node.name] = cls
        if scope is self.module:
            self.body(node.body, cls, False, mapped)

    def import_(self, node: ast.Import | ast.ImportFrom, scope: Symbol) -> None:
        at_module = scope is self.module
        if isinstance(node, ast.Import):
            for name in node.names:
                path = name.name if name.asname else name.name.split(".", 1)[0]
                local = name.asname or path.split(".", 1)[0]
                if at_module:
                    self.imports[local] = path
                scope.members[local] = Symbol(ALIAS, local, scope, target=path)
            return
        prefix = (self.module.name + "." if node.level > 0 else "") + (node.module + "." if node.module else "")
        own = scope.path + "."
        for name in node.names:
            if name.name == "*" or (not node.module and node.level == 1 and not name.asname and self.is_init):
                continue  # a star import names nothing; `from . import b` in a package's `__init__` griffe skips
            path = prefix + name.name
            local = name.asname or name.name
            if at_module:
                self.imports[local] = path
            if path != own + local:  # griffe makes no alias of a name to itself
                scope.members[local] = Symbol(ALIAS, local, scope, target=path)

    def class_facts(self, cls: Symbol) -> ClassFacts:
        node, line, decorators = cls.facts
        resolve = partial(canonical_name, cls)
        bases = [written(base, _NO_RESOLUTION) for base in node.bases]
        return ClassFacts(
            name=node.name,
            line=line,
            end_line=node.end_lineno or node.lineno,
            bases=tuple(base or "" for base in bases),
            canonical_bases=tuple(
                _canonical_base(base, shown, resolve) for base, shown in zip(node.bases, bases, strict=True)
            ),
            decorators=decorators,
            docstring=_docstring(node),
            attributes=_sorted(m.facts for m in cls.members.values() if m.kind is ATTRIBUTE and m.facts),
            methods=_sorted(m.facts for m in cls.members.values() if m.kind is FUNCTION and m.facts),
        )


def _no_resolution(name: str) -> str:
    return name


_NO_RESOLUTION: Resolve = _no_resolution  # for expressions griffe builds without resolving any name


def _canonical_base(node: ast.expr, shown: str | None, resolve: Resolve) -> str:
    if shown is None:
        return ""
    try:
        return canonical(node, resolve) or shown
    except NoCanonicalPath:
        return shown


_Fact = TypeVar("_Fact", AttributeFacts, FunctionFacts, ClassFacts)


_LINE = attrgetter("line")  # in C: a lambda cost a Python call per fact sorted


def _sorted(facts: Iterable[_Fact]) -> tuple[_Fact, ...]:
    return tuple(sorted(facts, key=_LINE))


def read_symbols(module_name: str, path: Path, text: str, tree: ast.Module | None = None) -> SymbolFacts:
    """The facts of one module: `tree` is `text` parsed (parsed here when not given), never imported."""
    if tree is None:
        tree = ast.parse(text, filename=str(path))
    reader = _Reader(module_name.split(".")[-1], path.name.split(".", 1)[0] == "__init__")
    reader.body(tree.body, reader.module, False, True)
    members = reader.module.members.values()
    facts = SymbolFacts(
        docstring=_docstring(tree),
        classes=_sorted(reader.class_facts(m) for m in members if m.kind is CLASS and m.facts),
        functions=_sorted(m.facts for m in members if m.kind is FUNCTION and m.facts),
        imported_names=tuple(sorted(reader.imports.items())),
    )
    for scope in reader.scopes:
        scope.members.clear()  # members point back at their scope: left to the cycle collector otherwise
    return facts
