"""import-linter contracts found in an analysed project, as plain values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contract:
    """One import-linter contract, where it is written, and the modules it names."""

    name: str
    type: str  # "layers", "independence", "forbidden" or "acyclic_siblings"
    file: str
    line: int
    layers: tuple[tuple[str, ...], ...] = ()  # highest first; siblings in one tuple are independent
    containers: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()  # independence: the modules; forbidden: the sources; acyclic_siblings: ancestors
    forbidden: tuple[str, ...] = ()
