"""Reading a service from its source roots into the model, one cached file at a time."""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import os
import re
import sys
import tokenize
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from domain_atlas import __version__
from domain_atlas.discovery import bodies, fact_codec, imports, source_files, symbols, syntax
from domain_atlas.discovery.bodies import BodyFacts, collect_bodies
from domain_atlas.discovery.catalogue import CatalogueBuilder
from domain_atlas.discovery.contexts import context_of, detect_contexts, layer_of
from domain_atlas.discovery.disk_cache import DiskCache, source_fingerprint
from domain_atlas.discovery.fact_codec import Codec
from domain_atlas.discovery.imports import (
    RawImport,
    RelativeImportError,
    absolute_module,
    collect_imports,
    resolve_targets,
)
from domain_atlas.discovery.project_settings import project_rules
from domain_atlas.discovery.source_files import (
    MAX_FILE_BYTES,
    MissingPackageError,
    SourceFile,
    display_path,
    find_packages,
    package_files,
    read_source,
)
from domain_atlas.discovery.symbols import SymbolFacts, read_symbols
from domain_atlas.discovery.syntax import ParseOutcome, parse_source
from domain_atlas.model import (
    Context,
    Diagnostic,
    ImportEdge,
    Level,
    Service,
    ServiceSpec,
    SourceModule,
    Suppression,
)

__all__ = ["FileCache", "MissingPackageError", "ModuleFacts", "disk_cache", "load_service", "slugify"]


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


class FileCache:
    """Facts per (path, content digest): a `mkdocs serve` rebuild re-reads only the files that changed.

    With a `disk` cache below it, facts also outlive the process (see disk_cache.py).
    """

    def __init__(self, disk: DiskCache[ModuleFacts] | None = None) -> None:
        self._entries: dict[tuple[str, str], ModuleFacts] = {}
        self._digest_of: dict[str, str] = {}
        self.disk = disk
        self.hits = 0
        self.disk_hits = 0
        self.misses = 0

    def get(self, key: tuple[str, str]) -> ModuleFacts | None:
        found = self._entries.get(key)
        if found is not None:
            self.hits += 1
        return found

    def load(self, file: SourceFile, digest: str) -> ModuleFacts | None:
        """Facts of `file` at `digest` from memory, else from disk (then kept in memory too)."""
        key = (str(file.path), digest)
        found = self.get(key)
        if found is None and self.disk is not None:
            found = self.disk.get(_disk_key(self.disk, file, digest))
            if found is not None:
                self.disk_hits += 1
                self._remember(key, found)
        return found

    def store(self, file: SourceFile, digest: str, facts: ModuleFacts) -> None:
        self.put((str(file.path), digest), facts)
        if self.disk is not None:
            self.disk.put(_disk_key(self.disk, file, digest), facts)

    def put(self, key: tuple[str, str], facts: ModuleFacts) -> None:
        self.misses += 1
        self._remember(key, facts)

    def _remember(self, key: tuple[str, str], facts: ModuleFacts) -> None:
        path, digest = key
        previous = self._digest_of.get(path)
        if previous is not None and previous != digest:
            self._entries.pop((path, previous), None)  # the file changed: its old facts are garbage
        self._digest_of[path] = digest
        self._entries[key] = facts


def _disk_key(disk: DiskCache[ModuleFacts], file: SourceFile, digest: str) -> str:
    # The module name and displayed path end up in the facts (diagnostics, symbols); the content is the digest.
    return disk.key(file.module, file.display_path, file.path.name, digest)


def disk_cache(folder: Path) -> DiskCache[ModuleFacts]:
    """The on-disk layer for facts read by this very code, this Python and this griffe."""
    salt = source_fingerprint(
        _EXTRACTORS, (__version__, sys.version, importlib.metadata.version("griffe"), str(MAX_FILE_BYTES))
    )
    return DiskCache(folder, Codec(ModuleFacts), salt)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "service"


def _read_module(file: SourceFile, raw: bytes) -> ModuleFacts:
    source = read_source(raw, file.display_path)
    diagnostics = list(source.diagnostics)
    text = source.text
    if len(raw) > MAX_FILE_BYTES:
        imports = collect_imports(parse_source(text, file.display_path, imports_only=True).tree)
        return ModuleFacts(source.digest, ParseOutcome.IMPORTS_ONLY, imports, None, tuple(diagnostics), 0)
    parsed = parse_source(text, file.display_path)
    if parsed.outcome is ParseOutcome.DOWNLEVELLED:
        diagnostics.append(
            Diagnostic(
                file.display_path,
                parsed.error_line,
                Level.INFO,
                "uses syntax newer than this Python (e.g. PEP 695 type parameters); "
                "analysed with the type parameters set aside",
            )
        )
    elif parsed.outcome is ParseOutcome.IMPORTS_ONLY:
        diagnostics.append(
            Diagnostic(
                file.display_path,
                parsed.error_line,
                Level.WARNING,
                f"cannot be parsed ({parsed.error_message}); only its import statements were read",
            )
        )
    symbols = None
    if parsed.outcome is not ParseOutcome.IMPORTS_ONLY:
        symbols = read_symbols(file.module, file.path, parsed.text, parsed.tree)
    return ModuleFacts(
        digest=source.digest,
        outcome=parsed.outcome,
        imports=collect_imports(parsed.tree),
        symbols=symbols,
        diagnostics=tuple(diagnostics),
        lines=text.count("\n") + 1,
        bodies=collect_bodies(parsed.tree),
        suppressions=_suppressions(text, file.display_path),
    )


_SUPPRESSION = re.compile(r"#\s*domain-atlas:\s*ignore\[([^\]]*)\](.*)$")


def _comments(text: str) -> list[tuple[int, str]]:
    """(line, text) of real comments; strings and docstrings that merely mention an ignore do not count."""
    try:
        return [
            (token.start[0], token.string)
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type == tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):  # syntax newer than this Python: fall back to lines
        return [(number, line[line.index("#") :]) for number, line in enumerate(text.splitlines(), 1) if "#" in line]


def _suppressions(text: str, display: str) -> tuple[Suppression, ...]:
    if "domain-atlas:" not in text:
        return ()
    found = []
    for number, comment in _comments(text):
        match = _SUPPRESSION.search(comment)
        if match:
            rules = tuple(rule.strip() for rule in match.group(1).split(",") if rule.strip())
            found.append(Suppression(display, number, rules, match.group(2).strip()))
    return tuple(found)


# The code whose output the disk cache keeps: any edit to it makes earlier entries unreachable.
_EXTRACTORS = (sys.modules[__name__], bodies, fact_codec, imports, source_files, symbols, syntax)
NAMESPACE_PACKAGE = ModuleFacts("", ParseOutcome.PARSED, (), None, (), 0)
# Below this many changed files a process pool costs more than it saves (measured: ~0.2 s to start two).
PARALLEL_FROM = 200


def _read_module_from_bytes(job: tuple[SourceFile, bytes]) -> ModuleFacts:
    return _read_module(*job)


def _all_facts(files: Sequence[SourceFile], cache: FileCache | None) -> dict[str, ModuleFacts]:
    """Facts of every file: cached ones reused, the rest read, in two processes when there are many."""
    cache = cache if cache is not None else FileCache()
    found: dict[str, ModuleFacts] = {}
    missing: list[tuple[SourceFile, bytes, str]] = []
    for file in files:
        if file.path.is_dir():  # a namespace package: no file of its own
            found[file.module] = NAMESPACE_PACKAGE
            continue
        raw = file.path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        cached = cache.load(file, digest)
        if cached is None:
            missing.append((file, raw, digest))
        else:
            found[file.module] = cached
    jobs = [(file, raw) for file, raw, _ in missing]
    if len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 2, 4)) as pool:
            results = list(pool.map(_read_module_from_bytes, jobs, chunksize=32))
    else:
        results = [_read_module_from_bytes(job) for job in jobs]
    for (file, _, digest), facts in zip(missing, results, strict=True):
        cache.store(file, digest, facts)
        found[file.module] = facts
    if cache.disk is not None:
        cache.disk.prune()
    return found


def _discover_files(spec: ServiceSpec) -> tuple[list[str], list[SourceFile]]:
    packages = list(spec.packages)
    files: dict[str, SourceFile] = {}
    if not spec.source_roots:
        raise MissingPackageError(f"service {spec.name!r}: no source root configured")
    for root in spec.source_roots:
        if not root.is_dir():
            raise MissingPackageError(f"service {spec.name!r}: source root {root} does not exist")
    if not packages:
        for root in spec.source_roots:
            packages.extend(find_packages(root))
        if not packages:
            roots = ", ".join(str(root) for root in spec.source_roots)
            raise MissingPackageError(f"service {spec.name!r}: no Python package found under {roots}")
    for package in packages:
        errors = []
        for root in spec.source_roots:
            try:
                for file in package_files(root, package, spec.base):
                    files.setdefault(file.module, file)
                break
            except MissingPackageError as error:
                errors.append(str(error))
        else:
            raise MissingPackageError(f"service {spec.name!r}: " + "; ".join(errors))
    return sorted(dict.fromkeys(packages)), [files[name] for name in sorted(files)]


def load_service(
    spec: ServiceSpec, cache: FileCache | None = None, adr_links: Mapping[str, str] | None = None
) -> Service:
    """Read a service statically: its files are parsed, never imported or run."""
    packages, files = _discover_files(spec)
    facts = _all_facts(files, cache)
    known = set(facts)
    specs = detect_contexts(packages, sorted(known), spec.scheme, spec.contexts)

    diagnostics: list[Diagnostic] = []
    modules: list[SourceModule] = []
    edges: set[ImportEdge] = set()
    for file in files:
        module_facts = facts[file.module]
        diagnostics.extend(module_facts.diagnostics)
        context = context_of(file.module, specs)
        top = next(p for p in packages if file.module == p or file.module.startswith(p + "."))
        modules.append(
            SourceModule(
                name=file.module,
                file=file.display_path,
                is_package=file.is_package,
                context=context.name if context else None,
                layer=layer_of(file.module, context, spec.scheme, top),
                docstring=module_facts.symbols.docstring if module_facts.symbols else "",
                lines=module_facts.lines,
            )
        )
        for raw in module_facts.imports:
            try:
                absolute = absolute_module(raw, file.module, file.is_package)
            except RelativeImportError as error:
                diagnostics.append(Diagnostic(file.display_path, raw.line, Level.WARNING, str(error)))
                continue
            for target, external in resolve_targets(absolute, raw, known):
                if target == file.module:
                    continue  # `from . import x` inside a package's own __init__
                edges.add(
                    ImportEdge(
                        source=file.module,
                        target=target,
                        line=raw.line,
                        file=file.display_path,
                        external=external,
                        type_checking=raw.type_checking,
                        in_function=raw.in_function,
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
        )
        for context in specs
    )
    return Service(
        name=spec.name,
        slug=slugify(spec.name),
        packages=tuple(packages),
        source_roots=tuple(_display(root, spec.base) for root in spec.source_roots),
        contexts=tuple(sorted(contexts)),
        modules=tuple(sorted(modules)),
        imports=tuple(sorted(edges)),
        diagnostics=tuple(sorted(set(diagnostics))),
        elements=tuple(elements),
        relations=tuple(relations),
        violations=tuple(class_violations),
        suppressions=service_suppressions,
        layer_order=spec.scheme.order(),
    )


def _display(path: Path, base: Path) -> str:
    return display_path(path, base)
