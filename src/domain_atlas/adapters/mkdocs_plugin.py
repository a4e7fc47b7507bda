"""The MkDocs plugin: a thin primary adapter that analyses services and adds the Architecture section."""

from __future__ import annotations

import logging
import re
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from domain_atlas.adapters.baseline import BaselineError, load_baseline, violations_that_fail
from domain_atlas.adapters.composition import (
    DecisionError,
    FileCache,
    MissingPackageError,
    ModelFileError,
    RenderedSite,
    Sitemap,
    analyse,
    compare_with,
    enforcement_section,
    index_markdown,
    markdown_link,
    read_decision,
    render_site,
)
from domain_atlas.adapters.config_schema import DomainAtlasConfig
from domain_atlas.adapters.settings import SettingsError, service_specs
from domain_atlas.model import Level, Service, ServiceSpec

log = get_plugin_logger(__name__)

ASSET_FOLDER = "assets/domain-atlas"
SCHEMA_FILE = "model-1.schema.json"
CATALOGUES = ("aggregates", "events", "messages", "ports", "flows")
VENDOR = "vendor/"
MERMAID = "vendor/mermaid.min.js"


class DomainAtlasPlugin(BasePlugin[DomainAtlasConfig]):
    def __init__(self) -> None:
        self.cache = FileCache()
        self.base_cache = FileCache()  # the compare_with revision's files, apart so neither evicts the other
        self.specs: list[ServiceSpec] = []
        self.services: list[Service] = []
        self.site = RenderedSite()
        self.sitemap = Sitemap("architecture")
        self.warnings: list[str] = []

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup keeps this instance (and its file cache) alive across `mkdocs serve` rebuilds.
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        try:
            self.specs, renamed = service_specs(self.config, base_dir)
        except SettingsError as error:
            raise PluginError(f"domain-atlas: {error}") from error
        for warning in renamed:
            log.warning(f"{Path(config.config_file_path or 'mkdocs.yml').name}: {warning}")
        self.sitemap = Sitemap(self.config.output_dir, bool(config.use_directory_urls))
        for asset in _assets():
            if not asset.endswith((".css", ".js")) or asset.startswith(VENDOR):
                continue  # vendored libraries (Mermaid) are added in on_files, only when a page uses them
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            path = f"{ASSET_FOLDER}/{asset}"
            if path not in target:
                target.append(path)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            self.services = analyse(self.specs, self.cache, self.config.adr_links)
        except (MissingPackageError, ModelFileError) as error:
            raise PluginError(f"domain-atlas: {error}") from error
        self.warnings = []
        for service in self.services:
            for diagnostic in service.diagnostics:
                self._report(diagnostic.level, f"{diagnostic.location()}: {diagnostic.message}")
        self._report_violations(config)
        self._decision_log(files, config)
        api_links = self.config.api_links if self.config.api_links is not None else "autorefs" in config.plugins
        comparison = None
        if self.config.compare_with:
            comparison = compare_with(
                self.specs, self.services, self.config.compare_with, self.base_cache, self.config.adr_links
            )
            if comparison.problem:
                self._report(Level.WARNING, f"compare_with: {comparison.problem}; the Changes pages say so")
        self.site = render_site(
            self.services,
            self.sitemap,
            self.config.graphviz,
            float(self.config.layout_timeout),
            source_url=self.config.source_url,
            api_links=api_links,
            comparison=comparison,
        )
        for problem in self.site.layout_errors:
            self._report(Level.WARNING, f"diagram not drawn: {problem}")
        if self.decisions:
            log_page = self.sitemap.catalogue_root("decisions")
            self.site.pages[log_page] = index_markdown(
                list(self.decisions.values()),
                lambda path: markdown_link(log_page, path),
                lambda rule: f"`{rule}`",
            )
            self.site.titles[log_page] = "Decision log"
        for path, markdown in sorted(self.site.pages.items()):
            files.append(File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        uses_mermaid = _uses_mermaid(files)
        for asset in _assets():
            if asset.startswith(VENDOR) and not uses_mermaid:
                continue
            content = resources.files("domain_atlas").joinpath("assets", *asset.split("/")).read_bytes()
            files.append(File.generated(config, f"{ASSET_FOLDER}/{asset}", content=content))
        if uses_mermaid:
            _add_deferred_script(config, f"{ASSET_FOLDER}/{MERMAID}")
        schema = resources.files("domain_atlas").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8")
        files.append(File.generated(config, f"{self.sitemap.base}/{SCHEMA_FILE}", content=schema))
        return files

    def _report_violations(self, config: MkDocsConfig) -> None:
        """Violations become build warnings (so `--strict` fails) as `fail_on` and the baseline say."""
        base_dir = Path(config.config_file_path or ".").resolve().parent
        known = None
        if self.config.baseline:
            try:
                known = load_baseline(base_dir / self.config.baseline)
            except BaselineError as error:
                raise PluginError(f"domain-atlas: {error}") from error
        for violation in violations_that_fail(self.services, self.specs, self.config.fail_on, known):
            self._report(Level.WARNING, f"{violation.location()}: [{violation.rule}] {violation.message}")

    def _decision_log(self, files: Files, config: MkDocsConfig) -> None:
        prefix = self.config.adr_dir.strip("/") + "/"
        rules_by_adr: dict[str, list[str]] = {}
        for rule, adr in sorted(self.config.adr_links.items()):
            rules_by_adr.setdefault(str(adr), []).append(str(rule))
        self.decisions = {}
        for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
            if not file.src_uri.startswith(prefix) or file.src_uri.endswith("index.md"):
                continue
            try:
                decision = read_decision(file.src_uri, file.content_string, rules_by_adr)
            except DecisionError as error:  # one bad ADR costs its own entry, not the build
                self._report(Level.WARNING, f"{error}; left out of the decision log")
                continue
            if decision is not None:
                self.decisions[file.src_uri] = decision

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        decision = self.decisions.get(page.file.src_uri)
        if decision is None:
            return markdown
        counts: dict[str, int] = {}
        for service in self.services:
            for violation in service.violations:
                counts[violation.rule] = counts.get(violation.rule, 0) + 1
        link = markdown_link(page.file.src_uri, self.sitemap.index())
        return markdown + enforcement_section(decision, counts, link)

    def _report(self, level: Level, message: str) -> None:
        if level is Level.INFO:
            log.info(message)
        else:
            self.warnings.append(message)
            log.warning(message)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # `mkdocs build -q --strict` silences warnings before MkDocs counts them; ours must still fail it.
        quiet = not logging.getLogger("mkdocs").isEnabledFor(logging.WARNING)
        if config.strict and quiet and self.warnings:
            listed = "\n".join(f"  {warning}" for warning in self.warnings[:20])
            raise Abort(f"domain-atlas: aborted with {len(self.warnings)} warning(s) in strict mode:\n{listed}")

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        prefix = self.sitemap.base + "/"
        if any(page.file.src_uri.startswith(prefix) for page in nav.pages):
            return nav  # the user placed the pages (or the nav is automatic): leave it as written
        section = Section(self.config.nav_title, [])
        for path in (self.sitemap.index(), self.sitemap.catalogue_root("decisions")):
            page = self._page(files, path)
            if page is not None:
                section.children.append(page)
        for service in self.services:
            pages = [self._page(files, self.sitemap.overview(service))]
            pages += [self._page(files, self.sitemap.context(service, ctx.name)) for ctx in service.contexts]
            pages += [self._page(files, self.sitemap.catalogue(service, name)) for name in CATALOGUES]
            pages.append(self._page(files, self.sitemap.violations(service)))
            pages.append(self._page(files, self.sitemap.catalogue(service, "changes")))  # with compare_with only
            child = Section(service.name, [page for page in pages if page is not None])
            section.children.append(child)
        _link_parents(section, None)
        nav.items.append(section)
        new_pages = [page for page in _pages_of(section)]
        previous = nav.pages[-1] if nav.pages else None
        for page in new_pages:
            page.previous_page = previous
            if previous is not None:
                previous.next_page = page
            previous = page
        nav.pages.extend(new_pages)
        return nav

    def _page(self, files: Files, path: str) -> Page | None:
        file = files.get_file_from_path(path)
        if file is None or not isinstance(file.page, Page):
            return None
        title = self.site.titles.get(path)
        if title:
            file.page.title = title
        return file.page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not page.file.src_uri.startswith(self.sitemap.base + "/"):
            return html
        for diagram in self.site.diagrams.values():
            placeholder = diagram.placeholder()
            if placeholder in html:
                html = html.replace(f"<p>{placeholder}</p>", diagram.html()).replace(placeholder, diagram.html())
        return html

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for root in sorted({root for spec in self.specs for root in spec.source_roots}):
            server.watch(str(root))
        for model in sorted({spec.model for spec in self.specs if spec.model is not None}):
            server.watch(str(model))
        return server


_MERMAID_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[ \t]*\{?[ \t]*\.?mermaid\b", re.MULTILINE)


def _uses_mermaid(files: Files) -> bool:
    """Whether any page of the site has a `mermaid` fence: only then is the 3 MB Mermaid bundle shipped and loaded."""
    return any(_MERMAID_FENCE.search(file.content_string) for file in files.documentation_pages())


def _add_deferred_script(config: MkDocsConfig, path: str) -> None:
    """Load without blocking render. Deferred scripts run before DOMContentLoaded, when Material looks for a local
    `mermaid` before it would fetch one from a CDN; `async` would race it."""
    if any(str(script) == path for script in config.extra_javascript):
        return
    script = ExtraScriptValue(path)
    script.defer = True
    config.extra_javascript.insert(0, script)


def _assets() -> list[str]:
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


def _link_parents(section: Section, parent: Section | None) -> None:
    section.parent = parent
    for child in section.children:
        if isinstance(child, Section):
            _link_parents(child, section)
        else:
            child.parent = section


def _pages_of(section: Section) -> list[Page]:
    found: list[Page] = []
    for child in section.children:
        if isinstance(child, Section):
            found.extend(_pages_of(child))
        elif isinstance(child, Page):
            found.append(child)
    return found
