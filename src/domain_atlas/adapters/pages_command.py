"""`domain-atlas pages`: the Architecture section written into the docs, for builders that run no MkDocs plugin.

The same rendering use case as the plugin (composition.publish); what only a plugin can do (append enforcement
sections to the team's own ADR pages) is left out and said so on the decision log.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from domain_atlas.adapters.composition import MissingPackageError, analyse
from domain_atlas.adapters.composition.site import (
    Sitemap,
    compare_with,
    mkdocs_snippet,
    publish,
    uses_mermaid,
    zensical_snippet,
)
from domain_atlas.adapters.config_schema import ConfigFileError, load_document, plugin_options, validated
from domain_atlas.adapters.page_files import MARKER, PageFilesError, folder_in_docs, write_folder
from domain_atlas.adapters.progress import TerminalProgress
from domain_atlas.adapters.settings import SettingsError, service_specs

EXIT_OK, EXIT_USAGE = 0, 2
NAV_SNIPPETS = ("nav-snippet.mkdocs.yml", "nav-snippet.zensical.toml")
ASSETS = "assets"  # inside the output folder: the command writes nothing outside it


def _plugin_names(document: Mapping[str, Any]) -> set[str]:
    names: set[str] = set()
    for plugin in document.get("plugins") or []:
        if isinstance(plugin, str):
            names.add(plugin)
        elif isinstance(plugin, dict):
            names.update(str(name) for name in plugin)
    return names


def _adr_documents(docs_dir: Path, adr_dir: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The Markdown files under docs_dir/adr_dir as (docs-relative path, text); unreadable ones are warnings."""
    folder = docs_dir / adr_dir.strip("/")
    documents: list[tuple[str, str]] = []
    problems: list[str] = []
    if not folder.is_dir():
        return documents, problems
    for path in sorted(folder.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue
        name = path.relative_to(docs_dir).as_posix()
        try:
            documents.append((name, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{name}: cannot read ({error}); left out of the decision log")
    return documents, problems


def _own_pages(docs_dir: Path, generated: Path) -> Iterator[str]:
    """The text of the team's Markdown pages (not the generated ones), to see whether any uses Mermaid."""
    for path in sorted(docs_dir.resolve().rglob("*.md")):
        if generated in path.parents or path.is_symlink() or not path.is_file():
            continue
        try:
            yield path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue


def _warn(message: str) -> None:
    print(f"domain-atlas: warning: {message}", file=sys.stderr)


def write_pages(config: Path, output: Path | None, progress: TerminalProgress | None = None) -> int:
    progress = progress or TerminalProgress(sys.stderr)
    try:
        return _write_pages(config, output, progress)
    finally:
        progress.clear()


def _write_pages(config_file: Path, output: Path | None, progress: TerminalProgress) -> int:
    try:
        document = load_document(config_file)
        config = validated(plugin_options(document, str(config_file)), config_file, str(config_file))
        base_dir = config_file.resolve().parent
        docs_dir = base_dir / str(document.get("docs_dir") or "docs")
        if output is None:
            output = docs_dir.joinpath(*config.output_dir.split("/"))
        base = folder_in_docs(output, docs_dir)
        specs, renamed = service_specs(config, base_dir)
        for warning in renamed:
            _warn(f"{config_file}: {warning}")
        services = analyse(specs, adr_links=config.adr_links, progress=progress)
    except (SettingsError, ConfigFileError, PageFilesError, MissingPackageError) as error:
        progress.clear()
        print(f"domain-atlas: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    progress.clear()
    for service in services:
        for diagnostic in service.diagnostics:
            print(f"{diagnostic.location()}: {diagnostic.level.value}: {diagnostic.message}", file=sys.stderr)
    documents, problems = _adr_documents(docs_dir, config.adr_dir)
    api_links = config.api_links
    if api_links is None:  # as the plugin decides: link to API pages when autorefs (mkdocstrings) is configured
        api_links = bool({"autorefs", "mkdocstrings"} & _plugin_names(document))
    comparison = None
    if config.compare_with:  # the Changes pages, as the plugin draws them
        comparison = compare_with(specs, services, config.compare_with, None, config.adr_links)
        if comparison.problem:
            _warn(f"compare_with: {comparison.problem}; the Changes pages say so")
    result = publish(
        services,
        Sitemap(base, bool(document.get("use_directory_urls", True))),
        engine=config.graphviz,
        layout_timeout=float(config.layout_timeout),
        source_url=config.source_url,
        api_links=bool(api_links),
        adr_documents=documents,
        adr_dir=config.adr_dir,
        adr_links=config.adr_links,
        asset_folder=f"{base}/{ASSETS}",
        nav_title=config.nav_title,
        adr_sections=False,
        mermaid=uses_mermaid(_own_pages(docs_dir, output.resolve())),
        comparison=comparison,
        progress=progress,
    )
    progress.clear()
    for problem in [*problems, *result.warnings]:
        _warn(problem)
    files: dict[str, bytes] = {}
    for path, content in result.files().items():
        if not path.startswith(base + "/"):  # the use case keeps everything under the section's folder
            raise AssertionError(f"generated file {path} is outside {base}")
        files[path.removeprefix(base + "/")] = content
    files[NAV_SNIPPETS[0]] = mkdocs_snippet(result).encode("utf-8")
    files[NAV_SNIPPETS[1]] = zensical_snippet(result).encode("utf-8")
    folder = output.resolve()
    try:
        changed, deleted = write_folder(folder, files)
    except (PageFilesError, OSError) as error:
        print(f"domain-atlas: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    violations = sum(len(service.violations) for service in services)
    print(
        f"domain-atlas: {len(files)} file(s) in {output} ({len(changed)} written, {len(deleted)} stale removed; "
        f"listed in {MARKER}); {violations} violation(s) shown. Add {NAV_SNIPPETS[0]} or {NAV_SNIPPETS[1]} "
        "to your configuration for the nav and assets.",
        file=sys.stderr,
    )
    return EXIT_OK
