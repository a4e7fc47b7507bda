"""What a user asks Domain Atlas to analyse: plain values, shared by both primary adapters and discovery."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from domain_atlas.model.layers import LayerScheme
from domain_atlas.model.relationships import DeclaredRelationship


@dataclass(frozen=True)
class ContextSpec:
    """A bounded context found in, or declared for, a service."""

    name: str
    package: str
    shared_kernel: bool = False
    declared: bool = False
    packages: tuple[str, ...] = ()  # every package the context owns; empty: just `package`
    evidence: str = ""

    @property
    def all_packages(self) -> tuple[str, ...]:
        return self.packages or (self.package,)


@dataclass(frozen=True)
class StereotypeRule:
    """A user's rule: classes matching every given pattern get `kind` (patterns are regular expressions)."""

    kind: str
    name: str = ""  # class name
    base: str = ""  # a base class name as written
    module: str = ""  # dotted module path
    decorator: str = ""  # a decorator as written
    source: str = "mkdocs.yml"


@dataclass(frozen=True)
class ElementOverride:
    """A user's final word on one element's kinds (an empty list removes it from the catalogue)."""

    path: str
    kinds: tuple[str, ...]
    source: str = "mkdocs.yml"


@dataclass(frozen=True)
class ServiceSpec:
    """One service to analyse: where its code is, which packages, and the settings that apply to it."""

    name: str
    source_roots: tuple[Path, ...]
    packages: tuple[str, ...] = ()
    contexts: tuple[ContextSpec, ...] = ()
    scheme: LayerScheme = field(default_factory=LayerScheme.default)
    base: Path = field(default_factory=Path.cwd)  # paths in output are relative to this
    fail_on: str = ""  # "new", "any" or "never"; empty: the site-wide setting
    stereotypes: tuple[StereotypeRule, ...] = ()
    overrides: tuple[ElementOverride, ...] = ()
    type_only_imports: str = "report"  # "report" (marked type-only), "ignore" or "fail"
    tests: tuple[Path, ...] = ()  # test folders (a repository's tests/): read as test code, fakes as adapters
    model: Path | None = None  # read from this exported model (`domain-atlas export`) instead of source
    relationships: tuple[DeclaredRelationship, ...] = ()  # declared context relationships, checked against code
    slug: str = ""  # folder of the service's pages; unique among the services of a site
