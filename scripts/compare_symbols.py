"""Compare our per-file symbol reader with griffe's visitor, fact by fact, over real source trees.

    .venv/bin/python scripts/compare_symbols.py ROOT [ROOT ...] [--show N] [--time]

Every `*.py` under each ROOT is parsed once (as discovery parses it) and read twice: by
`domain_atlas.discovery.symbols.read_symbols` and by griffe's own `Visitor` on the same tree, reduced to
the same `SymbolFacts` the way symbols.py reduced them when it used griffe. Prints the disagreements per
field (with the first N examples) and, with --time, the CPU each reader took. Needs griffe (a dev
dependency through mkdocstrings-python); nothing in Domain Atlas itself imports this script.
"""

from __future__ import annotations

import argparse
import ast
import logging
import sys
import time
from collections import Counter
from pathlib import Path

import griffe

from domain_atlas.discovery import symbols, syntax
from domain_atlas.discovery.source_files import read_source
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


def _module_name(path: Path) -> str:
    return path.parent.name if path.stem == "__init__" else path.stem


def _differences(ours: SymbolFacts, theirs: SymbolFacts) -> list[tuple[str, str, object, object]]:
    """(field, where, ours, griffe's) for every fact that differs."""
    found: list[tuple[str, str, object, object]] = []
    for field in ("docstring", "imported_names"):
        if getattr(ours, field) != getattr(theirs, field):
            found.append((f"module.{field}", "", getattr(ours, field), getattr(theirs, field)))
    for kind, mine, other in (("class", ours.classes, theirs.classes), ("function", ours.functions, theirs.functions)):
        names, other_names = [c.name for c in mine], [c.name for c in other]
        if names != other_names:
            found.append((f"{kind}.names", "", names, other_names))
            continue
        for a, b in zip(mine, other, strict=True):
            found.extend(_fact_differences(kind, a.name, a, b))
    return found


def _fact_differences(kind: str, where: str, a: object, b: object) -> list[tuple[str, str, object, object]]:
    found = []
    for field in vars(a):
        x, y = getattr(a, field), getattr(b, field)
        if x == y:
            continue
        if field in ("attributes", "methods") and [m.name for m in x] == [m.name for m in y]:
            for m, n in zip(x, y, strict=True):
                found.extend(_fact_differences(f"{kind}.{field}", f"{where}.{m.name}", m, n))
        else:
            found.append((f"{kind}.{field}", where, x, y))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("roots", nargs="+", type=Path)
    parser.add_argument("--show", type=int, default=3, help="examples shown per field")
    parser.add_argument("--time", action="store_true", help="report the CPU each reader took")
    arguments = parser.parse_args()
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    files = facts = 0
    ours_cpu = griffe_cpu = 0.0
    for root in arguments.roots:
        for path in sorted(root.rglob("*.py")):
            source = read_source(path.read_bytes(), str(path))
            parsed = syntax.parse_source(source.text, str(path))
            if parsed.outcome is syntax.ParseOutcome.IMPORTS_ONLY:
                continue
            name = _module_name(path)
            started = time.process_time()
            ours = symbols.read_symbols(name, path, parsed.text, parsed.tree)
            ours_cpu += time.process_time() - started
            started = time.process_time()
            try:
                theirs = griffe_symbols(name, path, parsed.text, parsed.tree)
            except Exception as error:  # a griffe crash is a finding, not the end of the run
                counts["griffe crashed"] += 1
                examples.setdefault("griffe crashed", []).append(f"{path}: {error!r}")
                continue
            griffe_cpu += time.process_time() - started
            files += 1
            facts += len(theirs.classes) + len(theirs.functions)
            for field, where, mine, other in _differences(ours, theirs):
                counts[field] += 1
                examples.setdefault(field, []).append(f"{path} {where}\n    ours:   {mine!r}\n    griffe: {other!r}")
    print(f"{files} files, {facts} class/function facts, {sum(counts.values())} disagreement(s)")
    for field, count in counts.most_common():
        print(f"  {field}: {count}")
        for example in examples[field][: arguments.show]:
            print(f"    {example}")
    if arguments.time:
        print(f"CPU: ours {ours_cpu:.3f} s, griffe {griffe_cpu:.3f} s")
    return 1 if counts else 0


if __name__ == "__main__":
    sys.exit(main())
