"""The structure step: from facts read out of files to contexts, layers and composition roots, with evidence.

Discovery hands over module names, import edges and a few hints of what each module holds; this package decides
which packages are bounded contexts and which layer each module is in, and says why, so the rules can rest only
on what the evidence supports and the pages can explain the reading.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain_atlas.model import ContextSpec, ImportEdge, LayerScheme
from domain_atlas.model.layout import LayoutReading
from domain_atlas.structure.contexts import detect_contexts
from domain_atlas.structure.layers import Placement, place_modules
from domain_atlas.structure.reading import summarise

__all__ = ["Layout", "Placement", "read_layout"]


@dataclass(frozen=True)
class Layout:
    contexts: tuple[ContextSpec, ...]
    placements: Mapping[str, Placement]
    reading: LayoutReading


def read_layout(
    packages: Sequence[str],
    modules: Sequence[tuple[str, bool]],
    edges: Sequence[ImportEdge],
    scheme: LayerScheme,
    declared: Sequence[ContextSpec] = (),
    test_packages: Sequence[str] = (),
    hints: Mapping[str, frozenset[str]] | None = None,
) -> Layout:
    """Contexts and layers of one service; `modules` are (dotted name, is a package) pairs.

    `test_packages` come from test folders given apart (`--tests`, `tests:`): all test code, in no context.
    """
    code = [(name, is_package) for name, is_package in modules if not _inside(name, test_packages)]
    contexts = detect_contexts(packages, sorted(name for name, _ in code), scheme, declared)
    placements = dict(place_modules(code, contexts, scheme, edges, hints or {}))
    for name, _ in modules:
        if _inside(name, test_packages):
            placements[name] = Placement(name, None, "tests", "test code: in a test folder given apart", name)
    return Layout(tuple(contexts), placements, summarise(packages, contexts, placements))


def _inside(module: str, packages: Sequence[str]) -> bool:
    return any(module == package or module.startswith(package + ".") for package in packages)
