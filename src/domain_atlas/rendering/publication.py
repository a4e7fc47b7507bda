"""Everything a reader sees in the Architecture section, as files any host can write.

The MkDocs plugin serves these files from memory; `domain-atlas pages` writes them into the docs folder for Zensical
or any Markdown builder. Diagrams are inlined into the Markdown as raw HTML blocks (Markdown leaves a block-level
`<figure>` untouched), so no host needs a post-processing hook to show them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from domain_atlas.model import Service
from domain_atlas.rendering.adrs import Decision, DecisionError, index_markdown, read_decision
from domain_atlas.rendering.pages import Diagram, RenderedSite
from domain_atlas.rendering.sitemap import Sitemap, markdown_link

SCHEMA_FILE = "model-1.schema.json"
VENDOR = "vendor/"  # libraries shipped only to sites that use them: Mermaid, for pages with a `mermaid` fence
_MERMAID_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?mermaid\b", re.MULTILINE)
CATALOGUES = ("aggregates", "events", "messages", "ports", "flows")
DECISION_LOG = "decisions"

# Said on the decision log when the pages are written by `domain-atlas pages` rather than served by the plugin.
ADR_SECTIONS_NOTE = (
    "These pages were written by `domain-atlas pages`, so the ADR pages themselves do not end with a "
    '"Rules that enforce this decision" section (only the MkDocs plugin can add one to a page it did not write). '
    "The last column lists the same rules; each service's Violations page shows where they are broken."
)


@dataclass(frozen=True)
class NavPage:
    title: str
    path: str  # docs-relative Markdown file


@dataclass(frozen=True)
class NavSection:
    title: str
    children: tuple[NavPage | NavSection, ...]


@dataclass
class Publication:
    """The generated section: docs-relative paths to their content, and how to reach them."""

    pages: dict[str, str] = field(default_factory=dict)  # Markdown, diagrams inlined
    assets: dict[str, bytes] = field(default_factory=dict)  # stylesheets, scripts, vendored libraries, schema
    stylesheets: list[str] = field(default_factory=list)  # docs-relative, in load order (extra_css)
    scripts: list[str] = field(default_factory=list)  # docs-relative, in load order (extra_javascript)
    deferred_scripts: list[str] = field(default_factory=list)  # loaded first, with `defer` (vendored Mermaid)
    nav: NavSection = NavSection("Architecture", ())
    titles: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)  # docs-relative ADR path -> its front matter
    warnings: list[str] = field(default_factory=list)

    def files(self) -> dict[str, bytes]:
        """Every file of the section, pages and assets, sorted by path."""
        found = {path: text.encode("utf-8") for path, text in self.pages.items()}
        found.update(self.assets)
        return dict(sorted(found.items()))


def asset_names() -> list[str]:
    """Files shipped in the package's assets folder; vendored libraries (Mermaid) load before our script."""
    root = resources.files("domain_atlas").joinpath("assets")
    found: list[str] = []

    def walk(folder: Any, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda item: item.name):
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif not entry.name.startswith("."):
                found.append(prefix + entry.name)

    walk(root, "")
    return sorted(found, key=lambda name: (not name.startswith("vendor/"), name))


def uses_mermaid(documents: Iterable[str]) -> bool:
    """Whether any page has a `mermaid` fence: only then is the 3 MB Mermaid bundle shipped and loaded."""
    return any(_MERMAID_FENCE.search(text) for text in documents)


def inline_diagrams(markdown: str, diagrams: Iterable[Diagram]) -> str:
    """Swap each diagram's placeholder for its figure: a raw HTML block that Markdown passes through as it is."""
    for diagram in diagrams:
        placeholder = diagram.placeholder()
        if placeholder in markdown:
            markdown = markdown.replace(placeholder, diagram.html())
    return markdown


# `href` of raw HTML (never SVG's `xlink:href`): Markdown builders such as Zensical resolve it like a Markdown link,
# relative to the source file, while MkDocs leaves it as written, relative to the page's URL.
_RAW_HREF = re.compile(r'(?<=\s)href="([^"#:?]*)(#[^"]*)?"')


def _url_folder(sitemap: Sitemap, page: str) -> str:
    url = sitemap.url(page)
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def source_relative_links(page: str, markdown: str, sitemap: Sitemap, pages: Iterable[str]) -> str:
    """Raw-HTML links between generated pages as source-relative `.md` links, the form every Markdown builder reads."""
    by_url = {sitemap.url(other): other for other in pages}

    def swap(match: re.Match[str]) -> str:
        path, fragment = match.group(1), match.group(2) or ""
        if not path or path.startswith("/"):
            return match.group(0)
        url = posixpath.normpath(posixpath.join(_url_folder(sitemap, page) or ".", path))
        url = "" if url == "." else url + ("/" if path.endswith("/") else "")
        target = by_url.get(url)
        return match.group(0) if target is None else f'href="{markdown_link(page, target)}{fragment}"'

    return _RAW_HREF.sub(swap, markdown)


def url_relative_links(page: str, html: str, sitemap: Sitemap, pages: Iterable[str]) -> str:
    """The inverse, for a host that leaves raw HTML as written (MkDocs): `.md` links become links between URLs."""
    known = set(pages)

    def swap(match: re.Match[str]) -> str:
        path, fragment = match.group(1), match.group(2) or ""
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path.endswith(".md") else ""
        return f'href="{sitemap.link(page, target)}{fragment}"' if target in known else match.group(0)

    return _RAW_HREF.sub(swap, html)


def read_decisions(
    documents: Iterable[tuple[str, str]], adr_dir: str, adr_links: Mapping[str, str]
) -> tuple[dict[str, Decision], list[str]]:
    """ADRs (docs-relative path, Markdown) under `adr_dir` with front matter; a bad one is a warning, not a failure."""
    prefix = adr_dir.strip("/") + "/"
    rules_by_adr: dict[str, list[str]] = {}
    for rule, adr in sorted(adr_links.items()):
        rules_by_adr.setdefault(str(adr), []).append(str(rule))
    decisions: dict[str, Decision] = {}
    warnings: list[str] = []
    for path, markdown in sorted(documents):
        if not path.startswith(prefix) or path.endswith("index.md"):
            continue
        try:
            decision = read_decision(path, markdown, rules_by_adr)
        except DecisionError as error:  # one bad ADR costs its own entry, not the build
            warnings.append(f"{error}; left out of the decision log")
            continue
        if decision is not None:
            decisions[path] = decision
    return decisions, warnings


def publication(
    services: Sequence[Service],
    site: RenderedSite,
    sitemap: Sitemap,
    *,
    decisions: Mapping[str, Decision],
    asset_folder: str,
    nav_title: str = "Architecture",
    adr_sections: bool = True,
    mermaid: bool = False,
) -> Publication:
    """The files of the section. `adr_sections` says whether the host appends enforcement sections to ADR pages;
    `mermaid` whether a page of the site has a Mermaid fence (see `uses_mermaid`)."""
    result = Publication(titles=dict(site.titles), decisions=dict(decisions))
    result.warnings = [f"diagram not drawn: {problem}" for problem in site.layout_errors]
    diagrams = list(site.diagrams.values())
    for path, markdown in site.pages.items():
        result.pages[path] = source_relative_links(path, inline_diagrams(markdown, diagrams), sitemap, site.pages)
    if decisions:
        log_page = sitemap.catalogue_root(DECISION_LOG)
        text = index_markdown(
            list(decisions.values()), lambda path: markdown_link(log_page, path), lambda rule: f"`{rule}`"
        )
        result.pages[log_page] = text if adr_sections else f"{text}\n{ADR_SECTIONS_NOTE}\n"
        result.titles[log_page] = "Decision log"
    result.pages = dict(sorted(result.pages.items()))
    package = resources.files("domain_atlas")
    for name in asset_names():
        if name.startswith(VENDOR) and not mermaid:
            continue
        path = f"{asset_folder}/{name}"
        result.assets[path] = package.joinpath("assets", *name.split("/")).read_bytes()
        if name.endswith(".css"):
            result.stylesheets.append(path)
        elif name.endswith(".js"):
            (result.deferred_scripts if name.startswith(VENDOR) else result.scripts).append(path)
    result.assets[f"{sitemap.base}/{SCHEMA_FILE}"] = package.joinpath("schema", SCHEMA_FILE).read_bytes()
    result.nav = _nav(services, sitemap, result, nav_title)
    return result


def _nav(services: Sequence[Service], sitemap: Sitemap, result: Publication, title: str) -> NavSection:
    def entry(path: str) -> list[NavPage]:
        return [NavPage(result.titles.get(path, ""), path)] if path in result.pages else []

    children: list[NavPage | NavSection] = [
        *entry(sitemap.index()),
        *entry(sitemap.catalogue_root(DECISION_LOG)),
    ]
    for service in services:
        pages = entry(sitemap.overview(service))
        for context in service.contexts:
            pages += entry(sitemap.context(service, context.name))
        for name in CATALOGUES:
            pages += entry(sitemap.catalogue(service, name))
        pages += entry(sitemap.violations(service))
        pages += entry(sitemap.catalogue(service, "changes"))  # with compare_with only
        children.append(NavSection(service.name, tuple(pages)))
    return NavSection(title, tuple(children))
