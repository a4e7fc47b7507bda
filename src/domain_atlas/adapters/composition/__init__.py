"""The composition root both primary adapters share for analysis: discovery and rules wired together.

The MkDocs plugin and the CLI import from here (and from composition/site.py for pages and diffs), so they stay
thin and never reach into the outbound adapters (discovery, Graphviz rendering) themselves. Only what
`export`, `check` and `explain` need is imported here: a command-line run does not pay for Jinja, Markdown,
Graphviz or git.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence

from domain_atlas.discovery import reading_ahead
from domain_atlas.discovery.cache_files import cache_folder
from domain_atlas.discovery.importlinter import find_contract_file, read_contracts
from domain_atlas.discovery.loader import (
    FileCache,
    MissingPackageError,
    disk_cache,
    load_service,
    young_collections_only,
)
from domain_atlas.discovery.model_file import ModelFileError, read_model_service
from domain_atlas.discovery.project_relationships import project_relationships
from domain_atlas.discovery.source_files import display_path
from domain_atlas.model import Diagnostic, Service, ServiceSpec, Violation
from domain_atlas.model.contracts import Contract
from domain_atlas.rendering.export import to_json as model_json
from domain_atlas.rendering.sitemap import (
    RESERVED_CONTEXT_SLUGS,
    RESERVED_SERVICE_SLUGS,
    context_slug,
    page_slug,
)
from domain_atlas.rules.base import RuleContext
from domain_atlas.rules.catalogue import RULES, check_all
from domain_atlas.rules.ignores import apply_suppressions
from domain_atlas.rules.landscape_relationships import check_landscape
from domain_atlas.rules.relationships import without_settled

__all__ = [
    "RESERVED_CONTEXT_SLUGS",
    "RESERVED_SERVICE_SLUGS",
    "FileCache",
    "MissingPackageError",
    "ModelFileError",
    "Progress",
    "analyse",
    "analyse_service",
    "context_slug",
    "exporter",
    "failing_violations",
    "file_cache",
    "layout_reading_markdown",
    "model_json",
    "page_slug",
]


Progress = Callable[[str, int, int], None]  # stage, done, total (0: unknown); the CLI draws it on a terminal


def exporter(name: str) -> Callable[[Sequence[Service]], str]:
    """`domain-atlas export --format NAME`: the model as JSON, or in another tool's language (imported only when
    asked for: most runs export JSON)."""
    if name == "json":
        return model_json
    if name == "structurizr":
        from domain_atlas.rendering.structurizr import structurizr_workspace

        return structurizr_workspace
    if name == "cml":
        from domain_atlas.rendering.cml import context_map

        return context_map
    if name == "mermaid":
        from domain_atlas.rendering.mermaid import mermaid_document

        return mermaid_document
    raise ValueError(f"unknown export format {name!r}")


_DECLARED = ("relationship-acl-bypassed", "relationship-separate-ways")


def file_cache(cache_dir: str | os.PathLike[str] | None = None, *, enabled: bool = True) -> FileCache:
    """Facts cached in memory and, unless disabled, on disk: `cache_dir`, else $DOMAIN_ATLAS_CACHE_DIR,
    else .domain_atlas_cache/ in the working directory. The very cache a reading ahead fills, if the command line
    started one for the same folder (discovery/reading_ahead.py)."""
    folder = cache_folder(cache_dir) if enabled else None
    return reading_ahead.cache_for(folder) or FileCache(disk_cache(folder) if folder is not None else None)


def analyse_service(
    spec: ServiceSpec,
    cache: FileCache | None = None,
    adr_links: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Service:
    """Read one service statically and check the rules on it (or read it from its exported model)."""
    if spec.model is not None:
        read = read_model_service(spec.model, spec.name, display_path(spec.model, spec.base))
        read = dataclasses.replace(
            read, slug=spec.slug or read.slug, relationships=spec.relationships or read.relationships
        )
        # The model's violations were found where it was exported; only the wiki's declarations are new here.
        wiki = RuleContext(adr_links=adr_links or {})
        new = {violation for rule in _DECLARED for violation in RULES[rule].check(read, wiki)}
        return dataclasses.replace(read, violations=tuple(without_settled(read, sorted({*read.violations, *new}))))
    # Relationships declared in mkdocs.yml win over those the analysed project keeps in its pyproject.toml.
    declared, declared_problems = project_relationships(spec.source_roots, spec.base)
    relationships = spec.relationships or declared
    with young_collections_only():  # the model is tens of thousands of objects: no full collections while built
        service = dataclasses.replace(load_service(spec, cache, adr_links, progress), relationships=relationships)
    contracts: list[Contract] = []
    contract_problems: list[Diagnostic] = []
    contract_file = find_contract_file(spec.source_roots)
    if contract_file is not None:
        contracts, contract_problems = read_contracts(contract_file, spec.base)
    found = without_settled(service, check_all(service, RuleContext(spec.scheme, contracts, adr_links or {})))
    if spec.type_only_imports == "ignore":
        found = [violation for violation in found if not violation.type_only]
    kept, problems = apply_suppressions(found, service.suppressions)
    problems = [*problems, *contract_problems, *declared_problems]
    return dataclasses.replace(
        service, violations=tuple(kept), diagnostics=tuple(sorted({*service.diagnostics, *problems}))
    )


def failing_violations(violations: Sequence[Violation], type_only_imports: str) -> list[Violation]:
    """The violations that fail a build: imports under `if TYPE_CHECKING:` only when asked (`fail`)."""
    return [violation for violation in violations if not violation.type_only or type_only_imports == "fail"]


def analyse(
    specs: Sequence[ServiceSpec],
    cache: FileCache | None = None,
    adr_links: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> list[Service]:
    return check_landscape([analyse_service(spec, cache, adr_links, progress) for spec in specs], adr_links)


def layout_reading_markdown(service: Service) -> str:
    """How the layout was read (`domain-atlas explain`); Jinja is imported only when asked."""
    from domain_atlas.rendering.layout_reading import layout_reading_markdown as reading

    return reading(service)
