"""Import statements of one module, read from its syntax tree, and their resolution to module names.

griffe's `Module.imports` keeps one branch of try/except and skips imports inside functions, and an
architecture check must see both, so the statements are read from the tree directly.
"""

from __future__ import annotations

import ast
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RawImport:
    """An import as written: `from {module} import {names}` with `level` leading dots, or `import {module}`."""

    module: str
    names: tuple[str, ...]
    level: int
    line: int
    type_checking: bool
    in_function: bool
    is_from: bool
    aliases: tuple[str, ...] = ()  # the local name each imported name is bound to (its `as` name, if any)


def _is_type_checking_test(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    if isinstance(test, ast.Attribute):
        return test.attr == "TYPE_CHECKING"
    return False


# Import statements are statements: only blocks of statements need walking, never expressions. Each node type's
# block fields, found once: most statements have none, and looking each name up on every node cost a third of the walk.
_BLOCKS = {
    kind: tuple(name for name in ("body", "handlers", "orelse", "finalbody", "cases") if name in kind._fields)
    for kind in vars(ast).values()
    if isinstance(kind, type) and issubclass(kind, ast.AST)
}
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEFINITIONS = frozenset({*_FUNCTIONS, ast.ClassDef})
_Import, _ImportFrom, _If = ast.Import, ast.ImportFrom, ast.If


def _import_lines(text: str) -> list[int]:
    """The numbers of the lines holding the word `import` (in code or not), in order."""
    if "\r" in text:  # a line may end in `\r` alone, which Python counts as a line as it does `\n`
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[int] = []
    line, counted = 1, 0
    at = text.find("import")
    while at != -1:
        line += text.count("\n", counted, at)
        counted = at
        if not lines or lines[-1] != line:
            lines.append(line)
        at = text.find("import", at + 6)
    return lines


def _collect(
    statements: list[Any], in_function: bool, type_checking: bool, found: list[RawImport], lines: list[int] | None
) -> None:
    for node in statements:
        kind = type(node)
        if kind is _Import:
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                found.append(RawImport(alias.name, (), 0, node.lineno, type_checking, in_function, False, (local,)))
        elif kind is _ImportFrom:
            names = tuple(alias.name for alias in node.names)
            aliases = tuple(alias.asname or alias.name for alias in node.names)
            found.append(
                RawImport(
                    node.module or "", names, node.level or 0, node.lineno, type_checking, in_function, True, aliases
                )
            )
        elif kind is _If and _is_type_checking_test(node.test):
            _collect(node.body, in_function, True, found, lines)
            _collect(node.orelse, in_function, type_checking, found, lines)
        elif lines is not None and kind in _DEFINITIONS and not _holds_a_line(node, lines):
            continue  # an import statement says `import` on one of its lines: none of this class's or function's does
        else:
            nested = in_function or kind in _FUNCTIONS
            for block in _BLOCKS.get(kind, ()):
                inner = getattr(node, block)
                if inner:
                    _collect(inner, nested, type_checking, found, lines)


def _holds_a_line(node: ast.stmt, lines: list[int]) -> bool:
    at = bisect_left(lines, node.lineno)
    return at < len(lines) and lines[at] <= (node.end_lineno or node.lineno)


def collect_imports(tree: ast.Module, text: str | None = None) -> tuple[RawImport, ...]:
    """Every import statement, in source order: all branches, inside functions, under `TYPE_CHECKING`.

    `text`, the source `tree` was parsed from, lets the walk skip the classes and functions where no line says
    `import` (96% of Django's functions: the walk took half the time).
    """
    found: list[RawImport] = []
    _collect(tree.body, False, False, found, None if text is None else _import_lines(text))
    return tuple(found)


class RelativeImportError(ValueError):
    """A relative import that climbs above the top-level package."""


def absolute_module(raw: RawImport, importer: str, importer_is_package: bool) -> str:
    """The absolute dotted name a (possibly relative) import refers to."""
    if raw.level == 0:
        return raw.module
    package = importer.split(".") if importer_is_package else importer.split(".")[:-1]
    climb = raw.level - 1
    if climb >= len(package):
        dots = "." * raw.level
        raise RelativeImportError(
            f"relative import 'from {dots}{raw.module} import ...' climbs above the top-level package "
            f"{importer.split('.')[0]!r}"
        )
    base = package[: len(package) - climb]
    return ".".join([*base, raw.module] if raw.module else base)


def resolve_targets(absolute: str, raw: RawImport, known_modules: Collection[str]) -> list[tuple[str, bool]]:
    """(target module, is external) pairs for one import statement.

    `from a.b import c` targets module `a.b.c` when that is a module of the service, else `a.b`.
    A module of the service that does not exist is resolved to its nearest existing parent package.
    """
    targets: list[str] = []
    if raw.is_from:
        submodules = [dotted for name in raw.names if (dotted := f"{absolute}.{name}") in known_modules]
        targets.extend(submodules)
        if len(submodules) < len(raw.names) or not submodules:
            targets.append(absolute)
    else:
        targets.append(absolute)
    resolved: list[tuple[str, bool]] = []
    for target in dict.fromkeys(targets):
        internal = _nearest_known(target, known_modules)
        resolved.append((internal, False) if internal else (target, True))
    return resolved


def _nearest_known(name: str, known_modules: Collection[str]) -> str | None:
    candidate = name
    while candidate not in known_modules:
        cut = candidate.rfind(".")
        if cut == -1:
            return None
        candidate = candidate[:cut]  # the parent package
    return candidate
