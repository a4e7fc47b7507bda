"""Everything read from one file, as plain values shared by the loader and the catalogue passes."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain_atlas.discovery.bodies import BodyFacts
from domain_atlas.discovery.imports import RawImport
from domain_atlas.discovery.symbols import SymbolFacts
from domain_atlas.discovery.syntax import ParseOutcome
from domain_atlas.model import Diagnostic, Suppression


@dataclass(frozen=True)
class ModuleFacts:
    """Everything read from one file; cached by the file's content digest."""

    digest: str
    outcome: ParseOutcome
    imports: tuple[RawImport, ...]
    symbols: SymbolFacts | None
    diagnostics: tuple[Diagnostic, ...]
    lines: int
    bodies: BodyFacts = field(default_factory=BodyFacts)
    suppressions: tuple[Suppression, ...] = ()
