"""Reading a service from its source roots into the model: its files' facts, then its structure and catalogue."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from domain_atlas.discovery import reading_ahead
from domain_atlas.discovery.catalogue import CatalogueBuilder
from domain_atlas.discovery.fact_reading import disk_cache, start_reading, young_collections_only
from domain_atlas.discovery.file_cache import FileCache
from domain_atlas.discovery.imports import RelativeImportError, absolute_module, resolve_targets
from domain_atlas.discovery.module_facts import ModuleFacts
from domain_atlas.discovery.module_hints import ModuleHints
from domain_atlas.discovery.project_settings import project_rules
from domain_atlas.discovery.record_order import in_order
from domain_atlas.discovery.service_files import discover_files, repository_root
from domain_atlas.discovery.source_files import MissingPackageError, display_path
from domain_atlas.model import (
    Context,
    Diagnostic,
    ImportEdge,
    Level,
    Service,
    ServiceSpec,
    SourceModule,
)
from domain_atlas.model.architecture import slugify
from domain_atlas.structure import read_layout

__all__ = [
    "FileCache",
    "MissingPackageError",
    "ModuleFacts",
    "disk_cache",
    "load_service",
    "repository_root",
    "slugify",
    "young_collections_only",
]


def load_service(
    spec: ServiceSpec,
    cache: FileCache | None = None,
    adr_links: Mapping[str, str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Service:
    """Read a service statically: its files are parsed, never imported or run."""
    cache = cache if cache is not None else FileCache()
    ahead = reading_ahead.take(spec, cache)
    (packages, files, diagnostics), pending = ahead if ahead else (discover_files(spec), None)
    facts = (pending or start_reading(files, cache)).facts(progress)
    known = set(facts)
    for declared in spec.contexts:
        for package in declared.all_packages:
            if not any(name == package or name.startswith(package + ".") for name in known):
                message = f"declared context {declared.name!r}: package {package!r} not found; its page says so"
                shown = _display(spec.source_roots[0], repository_root(spec.source_roots[0]))
                diagnostics.append(Diagnostic(shown, 0, Level.WARNING, message))

    # Each edge as the tuple of its fields in their order: deduplicated and sorted as plain tuples (the edges'
    # own order), then made into records once. Many statements import the same names from the same module
    # (Django: 4,264 statements, 1,799 distinct): each is resolved once.
    statements: set[tuple[str, str, int, str, bool, bool, bool]] = set()
    resolved: dict[tuple[str, tuple[str, ...], bool], list[tuple[str, bool]]] = {}
    for file in files:
        module_facts = facts[file.module]
        diagnostics.extend(module_facts.diagnostics)
        source, shown = file.module, file.display_path
        for raw in module_facts.imports:
            try:
                absolute = absolute_module(raw, source, file.is_package)
            except RelativeImportError as error:
                diagnostics.append(Diagnostic(shown, raw.line, Level.WARNING, str(error)))
                continue
            key = (absolute, raw.names, raw.is_from)
            targets = resolved.get(key)
            if targets is None:
                targets = resolved[key] = resolve_targets(absolute, raw, known)
            for target, external in targets:
                if target != source:  # not `from . import x` inside a package's own __init__
                    statements.add((source, target, raw.line, shown, external, raw.type_checking, raw.in_function))
    # Sorted once: the layout and the service both take them in order.
    ordered_edges = [ImportEdge(*fields) for fields in sorted(statements)]
    layout = read_layout(
        packages,
        [(file.module, file.is_package) for file in files],
        ordered_edges,
        spec.scheme,
        spec.contexts,
        tuple(folder.name for folder in spec.tests),
        ModuleHints(facts),
    )
    modules: list[SourceModule] = []
    for file in files:
        module_facts = facts[file.module]
        placement = layout.placements[file.module]
        modules.append(
            SourceModule(
                name=file.module,
                file=file.display_path,
                is_package=file.is_package,
                context=placement.context.name if placement.context else None,
                layer=placement.layer,
                docstring=module_facts.symbols.docstring if module_facts.symbols else "",
                lines=module_facts.lines,
            )
        )

    service_suppressions = tuple(s for module_facts in facts.values() for s in module_facts.suppressions)
    project_stereotypes, project_overrides, problems = project_rules(spec.source_roots, spec.base)
    diagnostics.extend(problems)
    builder = CatalogueBuilder(
        {module.name: module for module in modules},
        facts,
        adr_links or {},
        (*project_stereotypes, *spec.stereotypes),
        (*project_overrides, *spec.overrides),
    )
    elements, relations, catalogue_diagnostics, class_violations = builder.build()
    diagnostics.extend(catalogue_diagnostics)
    descriptions = {module.name: module.docstring for module in modules}
    contexts = tuple(
        Context(
            name=context.name,
            package=context.package,
            shared_kernel=context.shared_kernel,
            description=descriptions.get(context.package, ""),
            declared=context.declared,
            packages=context.all_packages,
        )
        for context in layout.contexts
    )
    return Service(
        name=spec.name,
        slug=spec.slug or slugify(spec.name),
        packages=tuple(packages),
        source_roots=tuple(_display(root, repository_root(root)) for root in spec.source_roots),
        contexts=tuple(sorted(contexts)),
        modules=tuple(in_order(modules)),
        imports=tuple(ordered_edges),
        diagnostics=tuple(in_order(set(diagnostics))),
        elements=tuple(elements),
        relations=tuple(relations),
        violations=tuple(class_violations),
        suppressions=service_suppressions,
        layer_order=spec.scheme.order(),
        reading=layout.reading,
    )


def _display(path: Path, base: Path) -> str:
    return display_path(path, base)
