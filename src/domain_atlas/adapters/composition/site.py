"""The composition root for what the site and reviews need beyond analysis: pages, diagrams, ADRs, diffs.

Kept apart from composition.py so that a command-line check or export never imports Jinja, Markdown, Graphviz or
git; the MkDocs plugin, `domain-atlas pages` and `domain-atlas diff` import from both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from domain_atlas.adapters.composition import FileCache, MissingPackageError, Progress, analyse, analyse_service
from domain_atlas.discovery.git_revisions import RevisionError, specs_at_revision
from domain_atlas.model import Service, ServiceSpec
from domain_atlas.rendering.adrs import Decision, DecisionError, enforcement_section, index_markdown, read_decision
from domain_atlas.rendering.changes import WORKTREE, Revision, diff_json, diff_markdown, diff_text
from domain_atlas.rendering.graphviz import Engine, LayoutError, find_engine
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
from domain_atlas.rendering.sitemap import Sitemap, markdown_link
from domain_atlas.rules.changes import ServiceChanges, diff_models

__all__ = [
    "Comparison",
    "Decision",
    "DecisionError",
    "LayoutError",
    "NavPage",
    "NavSection",
    "Publication",
    "RenderedSite",
    "Revision",
    "RevisionError",
    "ServiceChanges",
    "Sitemap",
    "compare_with",
    "diff_json",
    "diff_markdown",
    "diff_revisions",
    "diff_text",
    "enforcement_section",
    "index_markdown",
    "markdown_link",
    "mkdocs_snippet",
    "publish",
    "read_decision",
    "render_site",
    "toml_string",
    "url_relative_links",
    "uses_mermaid",
    "zensical_snippet",
]


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
