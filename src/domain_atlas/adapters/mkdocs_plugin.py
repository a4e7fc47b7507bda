"""The MkDocs plugin: a thin primary adapter that analyses services and adds the Architecture section."""

from __future__ import annotations

import logging
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
from domain_atlas.adapters.composition import FileCache, MissingPackageError, ModelFileError, analyse, file_cache
from domain_atlas.adapters.composition.site import (
    NavPage,
    NavSection,
    Publication,
    Sitemap,
    compare_with,
    enforcement_section,
    markdown_link,
    publish,
    url_relative_links,
    uses_mermaid,
)
from domain_atlas.adapters.config_schema import DomainAtlasConfig
from domain_atlas.adapters.page_files import MARKER as PAGES_MARKER
from domain_atlas.adapters.settings import SettingsError, service_specs
from domain_atlas.model import Level, Service, ServiceSpec

log = get_plugin_logger(__name__)

ASSET_FOLDER = "assets/domain-atlas"


class DomainAtlasPlugin(BasePlugin[DomainAtlasConfig]):
    def __init__(self) -> None:
        self.cache = FileCache()
        self.disk_while_serving = True
        self.base_cache = FileCache()  # the compare_with revision's files, apart so neither evicts the other
        self.specs: list[ServiceSpec] = []
        self.services: list[Service] = []
        self.publication = Publication()
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
        disk = file_cache(self.config.cache_dir, enabled=self.config.cache and self.disk_while_serving).disk
        if (disk and disk.folder) != (self.cache.disk and self.cache.disk.folder):
            self.cache = FileCache(disk)  # the in-memory layer of `mkdocs serve` stays on top of the disk
            self.base_cache = FileCache(disk)  # one disk cache serves both sides: entries are content-addressed
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        written = Path(config.docs_dir, *self.sitemap.base.split("/"), PAGES_MARKER)
        if written.is_file():  # the same pages twice would collide page by page: say which to drop
            raise PluginError(
                f"domain-atlas: {written.parent} holds the pages `domain-atlas pages` wrote ({PAGES_MARKER}); "
                "the plugin generates the same ones: delete that folder, or remove the plugin from mkdocs.yml"
            )
        try:
            self.services = analyse(self.specs, self.cache, self.config.adr_links)
            for problem in self.cache.disk.errors if self.cache.disk else []:
                log.info(problem)  # a cache that cannot be written costs speed, not the (strict) build
        except (MissingPackageError, ModelFileError) as error:
            raise PluginError(f"domain-atlas: {error}") from error
        self.warnings = []
        for service in self.services:
            for diagnostic in service.diagnostics:
                self._report(diagnostic.level, f"{diagnostic.location()}: {diagnostic.message}")
        self._report_violations(config)
        api_links = self.config.api_links if self.config.api_links is not None else "autorefs" in config.plugins
        comparison = None
        if self.config.compare_with:
            comparison = compare_with(
                self.specs, self.services, self.config.compare_with, self.base_cache, self.config.adr_links
            )
            if comparison.problem:
                self._report(Level.WARNING, f"compare_with: {comparison.problem}; the Changes pages say so")
        adr_prefix = self.config.adr_dir.strip("/") + "/"
        self.publication = publish(
            self.services,
            self.sitemap,
            engine=self.config.graphviz,
            layout_timeout=float(self.config.layout_timeout),
            source_url=self.config.source_url,
            api_links=api_links,
            adr_documents=[
                (file.src_uri, file.content_string)
                for file in files.documentation_pages()
                if file.src_uri.startswith(adr_prefix)
            ],
            adr_dir=self.config.adr_dir,
            adr_links=self.config.adr_links,
            asset_folder=ASSET_FOLDER,
            nav_title=self.config.nav_title,
            comparison=comparison,
            mermaid=uses_mermaid(file.content_string for file in files.documentation_pages()),
        )
        for problem in self.publication.warnings:
            self._report(Level.WARNING, problem)
        for path, markdown in self.publication.pages.items():
            files.append(File.generated(config, path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        for path, content in self.publication.assets.items():
            files.append(File.generated(config, path, content=content))
        for target, paths in (
            (config.extra_css, self.publication.stylesheets),
            (config.extra_javascript, self.publication.scripts),
        ):
            target.extend(path for path in paths if path not in target)
        for path in self.publication.deferred_scripts:
            _add_deferred_script(config, path)
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

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        decision = self.publication.decisions.get(page.file.src_uri)
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
        section = self._section(self.publication.nav, files)
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

    def _section(self, entry: NavSection, files: Files) -> Section:
        children: list[Section | Page] = []
        for child in entry.children:
            if isinstance(child, NavSection):
                children.append(self._section(child, files))
                continue
            page = self._page(files, child)
            if page is not None:
                children.append(page)
        return Section(entry.title, children)  # type: ignore[arg-type]

    def _page(self, files: Files, entry: NavPage) -> Page | None:
        file = files.get_file_from_path(entry.path)
        if file is None or not isinstance(file.page, Page):
            return None
        if entry.title:
            file.page.title = entry.title
        return file.page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Raw-HTML links between generated pages are written the way Markdown builders read them (to `.md` files);
        # MkDocs leaves raw HTML alone, so they become links between URLs here.
        if page.file.src_uri not in self.publication.pages:
            return html
        return url_relative_links(page.file.src_uri, html, self.sitemap, self.publication.pages)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for root in sorted({root for spec in self.specs for root in spec.source_roots}):
            server.watch(str(root))
            disk = self.cache.disk
            if disk is not None and disk.folder.resolve().is_relative_to(root.resolve()):
                # Each write would be a change under a watched folder, so one more rebuild, and polling a
                # folder of cache entries costs time: rebuilds keep the in-memory cache only.
                log.info(f"cache folder {disk.folder} is inside watched source root {root}: not written while serving")
                self.cache.disk = self.base_cache.disk = None
                self.disk_while_serving = False
        for model in sorted({spec.model for spec in self.specs if spec.model is not None}):
            server.watch(str(model))
        return server


def _add_deferred_script(config: MkDocsConfig, path: str) -> None:
    """Load without blocking render. Deferred scripts run before DOMContentLoaded, when Material looks for a local
    `mermaid` before it would fetch one from a CDN; `async` would race it."""
    if any(str(script) == path for script in config.extra_javascript):
        return
    script = ExtraScriptValue(path)
    script.defer = True
    config.extra_javascript.insert(0, script)


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
