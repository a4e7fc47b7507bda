"""Compare our per-file symbol reader with griffe's visitor, fact by fact, over real source trees.

    .venv/bin/python scripts/compare_symbols.py ROOT [ROOT ...] [--show N] [--time]

Every `*.py` under each ROOT is parsed once (as discovery parses it) and read twice: by
`domain_atlas.discovery.symbols.read_symbols` and by griffe's own `Visitor` on the same tree, reduced to
the same `SymbolFacts` the way symbols.py reduced them when it used griffe (tests/griffe_symbols.py).
Prints the disagreements per field (with the first N examples) and, with --time, the CPU each reader
took. Needs griffe (a dev dependency); nothing in Domain Atlas itself imports this script.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout, for tests.griffe_symbols

from domain_atlas.discovery import symbols, syntax
from domain_atlas.discovery.source_files import read_source
from domain_atlas.discovery.symbols import SymbolFacts
from tests.griffe_symbols import griffe_symbols


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
