"""The composition root both primary adapters share: discovery, rules and rendering wired together.

The MkDocs plugin and the CLI import from here only, so they stay thin and never reach into the
outbound adapters (griffe discovery, Graphviz rendering) themselves.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from domain_atlas.discovery.disk_cache import cache_folder
from domain_atlas.discovery.git_revisions import RevisionError, specs_at_revision
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
from domain_atlas.rendering.adrs import Decision, DecisionError, enforcement_section, index_markdown, read_decision
from domain_atlas.rendering.changes import WORKTREE, Revision, diff_json, diff_markdown, diff_text
from domain_atlas.rendering.cml import context_map as cml_context_map
from domain_atlas.rendering.export import to_json as model_json
from domain_atlas.rendering.graphviz import Engine, LayoutError, find_engine
from domain_atlas.rendering.layout_reading import layout_reading_markdown
from domain_atlas.rendering.mermaid import mermaid_document
from domain_atlas.rendering.nav_snippets import mkdocs_snippet, toml_string, zensical_snippet
from domain_atlas.rendering.pages import PageRenderer, RenderedSite
from domain_atlas.rendering.publication import (
    NavPage,
    NavSection,
    Publication,
    publication,
    read_decisions,
    url_relative_links,
    uses_mermaid,
)
from domain_atlas.rendering.sitemap import (
    RESERVED_CONTEXT_SLUGS,
    RESERVED_SERVICE_SLUGS,
    Sitemap,
    context_slug,
    markdown_link,
    page_slug,
)
from domain_atlas.rendering.structurizr import structurizr_workspace
from domain_atlas.rules.base import RuleContext
from domain_atlas.rules.catalogue import RULES, check_all
from domain_atlas.rules.changes import ServiceChanges, diff_models
from domain_atlas.rules.ignores import apply_suppressions
from domain_atlas.rules.landscape_relationships import check_landscape
from domain_atlas.rules.relationships import without_settled

__all__ = [
    "EXPORT_FORMATS",
    "RESERVED_CONTEXT_SLUGS",
    "RESERVED_SERVICE_SLUGS",
    "Comparison",
    "Decision",
    "DecisionError",
    "FileCache",
    "LayoutError",
    "MissingPackageError",
    "ModelFileError",
    "NavPage",
    "NavSection",
    "Progress",
    "Publication",
    "RenderedSite",
    "Revision",
    "RevisionError",
    "Sitemap",
    "analyse",
    "analyse_service",
    "compare_with",
    "context_slug",
    "diff_json",
    "diff_markdown",
    "diff_revisions",
    "diff_text",
    "enforcement_section",
    "failing_violations",
    "file_cache",
    "index_markdown",
    "layout_reading_markdown",
    "markdown_link",
    "mkdocs_snippet",
    "model_json",
    "page_slug",
    "publish",
    "read_decision",
    "render_site",
    "toml_string",
    "url_relative_links",
    "uses_mermaid",
    "zensical_snippet",
]


Progress = Callable[[str, int, int], None]  # stage, done, total (0: unknown); the CLI draws it on a terminal


# `domain-atlas export --format NAME`: the model as JSON, or as other tools' languages.
EXPORT_FORMATS: dict[str, Callable[[Sequence[Service]], str]] = {
    "json": model_json,
    "structurizr": structurizr_workspace,
    "cml": cml_context_map,
    "mermaid": mermaid_document,
}


_DECLARED = ("relationship-acl-bypassed", "relationship-separate-ways")


def file_cache(cache_dir: str | os.PathLike[str] | None = None, *, enabled: bool = True) -> FileCache:
    """Facts cached in memory and, unless disabled, on disk: `cache_dir`, else $DOMAIN_ATLAS_CACHE_DIR,
    else .domain_atlas_cache/ in the working directory."""
    return FileCache(disk_cache(cache_folder(cache_dir)) if enabled else None)


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


def render_site(
    services: Sequence[Service],
    sitemap: Sitemap,
    engine: str | None,
    layout_timeout: float,
    *,
    source_url: str = "",
    api_links: bool = False,
    progress: Progress | None = None,
    comparison: Comparison | None = None,
) -> RenderedSite:
    """The Markdown pages and laid-out diagrams of the Architecture section."""
    found: Engine | None
    problems: list[str] = []
    try:
        found = find_engine(engine)
    except LayoutError as error:
        found, problems = None, [str(error)]
    new_elements = frozenset(
        element.path
        for changes in (comparison.changes if comparison else {}).values()
        for element in changes.added.elements
    )
    renderer = PageRenderer(
        sitemap,
        found,
        layout_timeout,
        source_url=source_url,
        api_links=api_links,
        new_elements=new_elements,
        progress=progress,
    )
    site = renderer.render(services)
    site.layout_errors[:0] = problems
    if comparison is not None:
        for service in services:
            changes = comparison.changes.get(service.name)
            renderer.render_changes(site, service, changes, comparison.ref, comparison.commit, comparison.problem)
    return site


def publish(
    services: Sequence[Service],
    sitemap: Sitemap,
    *,
    engine: str | None,
    layout_timeout: float,
    source_url: str = "",
    api_links: bool = False,
    adr_documents: Iterable[tuple[str, str]] = (),
    adr_dir: str = "adr",
    adr_links: Mapping[str, str] | None = None,
    asset_folder: str,
    nav_title: str = "Architecture",
    adr_sections: bool = True,
    comparison: Comparison | None = None,
    mermaid: bool = False,
    progress: Progress | None = None,
) -> Publication:
    """The rendering use case both hosts share: every file of the Architecture section and its nav.

    `adr_documents` are the docs' Markdown files (docs-relative path, text); those under `adr_dir` with front matter
    make the decision log. `adr_sections` says whether the host appends enforcement sections to the ADR pages.
    """
    decisions, adr_problems = read_decisions(adr_documents, adr_dir, adr_links or {})
    site = render_site(
        services,
        sitemap,
        engine,
        layout_timeout,
        source_url=source_url,
        api_links=api_links,
        comparison=comparison,
        progress=progress,
    )
    result = publication(
        services,
        site,
        sitemap,
        decisions=decisions,
        asset_folder=asset_folder,
        nav_title=nav_title,
        adr_sections=adr_sections,
        mermaid=mermaid,
    )
    result.warnings[:0] = adr_problems
    return result


def _analyse_revision(
    specs: Sequence[ServiceSpec], ref: str | None, cache: FileCache, adr_links: Mapping[str, str] | None
) -> tuple[list[Service], Revision, list[str]]:
    """The services at a committed revision (None: the work tree). A service whose folders that revision
    does not have yet is left out, with a note, so its whole model shows as added or removed."""
    if ref is None:
        return analyse(specs, cache, adr_links), Revision(WORKTREE), []
    with specs_at_revision(specs, ref) as (mapped, commit):
        services, notes = [], []
        for original, spec in zip(specs, mapped, strict=True):
            try:
                services.append(analyse_service(spec, cache, adr_links))
            except MissingPackageError as error:
                message = str(error)
                for copied, root in zip(spec.source_roots, original.source_roots, strict=True):
                    message = message.replace(str(copied), f"{root} (at {ref})")  # never the temporary copy
                notes.append(f"{ref}: service {spec.name!r} left out: {message}")
        return services, Revision(ref, commit), notes


def diff_revisions(
    specs: Sequence[ServiceSpec],
    base: str,
    head: str | None = None,
    adr_links: Mapping[str, str] | None = None,
    cache: FileCache | None = None,
) -> tuple[list[ServiceChanges], Revision, Revision, list[str]]:
    """What changed in the architecture from `base` to `head` (None: the work tree, uncommitted edits included).
    Both sides are read with the same settings; a file unchanged between them is parsed once."""
    cache = cache if cache is not None else FileCache()
    base_services, base_revision, base_notes = _analyse_revision(specs, base, cache, adr_links)
    head_services, head_revision, head_notes = _analyse_revision(specs, head, cache, adr_links)
    return diff_models(base_services, head_services), base_revision, head_revision, [*base_notes, *head_notes]


@dataclass(frozen=True)
class Comparison:
    """The site's services against an earlier revision (`compare_with`), or why they could not be compared."""

    ref: str
    commit: str | None = None
    changes: Mapping[str, ServiceChanges] = field(default_factory=dict)
    problem: str = ""


def compare_with(
    specs: Sequence[ServiceSpec],
    services: Sequence[Service],
    ref: str,
    cache: FileCache | None = None,
    adr_links: Mapping[str, str] | None = None,
) -> Comparison:
    """Diff the services just analysed against the same services at `ref`; a problem is returned, not raised,
    so a build outside git or with an unknown ref still builds everything else."""
    try:
        base, revision, notes = _analyse_revision(specs, ref, cache if cache is not None else FileCache(), adr_links)
    except RevisionError as error:
        return Comparison(ref, problem=str(error))
    changes = {item.name: item for item in diff_models(base, services)}
    return Comparison(ref, revision.commit, changes, "; ".join(notes))
