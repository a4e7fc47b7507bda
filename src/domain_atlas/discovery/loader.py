"""Reading a service from its source roots into the model, one cached file at a time."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import io
import re
import sys
import tokenize
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from domain_atlas import __version__
from domain_atlas.discovery import (
    bodies,
    expression_text,
    fact_codec,
    imports,
    module_facts,
    observed_inputs,
    safe_text,
    source_files,
    symbol_scopes,
    symbols,
    syntax,
)
from domain_atlas.discovery.bodies import collect_bodies
from domain_atlas.discovery.catalogue import CatalogueBuilder
from domain_atlas.discovery.disk_cache import DiskCache, source_fingerprint, write_entries
from domain_atlas.discovery.fact_codec import Codec, encode
from domain_atlas.discovery.file_cache import FileCache
from domain_atlas.discovery.imports import (
    RelativeImportError,
    absolute_module,
    collect_imports,
    resolve_targets,
)
from domain_atlas.discovery.module_facts import ModuleFacts
from domain_atlas.discovery.module_hints import module_hints
from domain_atlas.discovery.project_settings import project_rules
from domain_atlas.discovery.record_order import in_order
from domain_atlas.discovery.safe_text import UNCARRYABLE, clean_facts
from domain_atlas.discovery.shared_reading import processes, read_shared
from domain_atlas.discovery.source_files import (
    MAX_FILE_BYTES,
    MissingPackageError,
    SourceFile,
    UnreadableFile,
    display_path,
    find_packages,
    package_files,
    read_file_bytes,
    read_source,
)
from domain_atlas.discovery.symbols import read_symbols
from domain_atlas.discovery.syntax import ParseOutcome, parse_source, set_aside_lines
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
from domain_atlas.model.architecture import slugify
from domain_atlas.structure import read_layout

__all__ = [
    "FileCache",
    "MissingPackageError",
    "ModuleFacts",
    "disk_cache",
    "load_service",
    "slugify",
    "young_collections_only",
]


def disk_cache(folder: Path) -> DiskCache[ModuleFacts]:
    """The on-disk layer for facts read by this very code and this Python."""
    salt = source_fingerprint(_EXTRACTORS, (__version__, sys.version, str(MAX_FILE_BYTES)))
    return DiskCache(folder, Codec(ModuleFacts), salt)


def _read_module(file: SourceFile, raw: bytes) -> ModuleFacts:
    """One file's facts; whatever goes wrong in it becomes a warning at that file, never a failed build."""
    source = read_source(raw, file.display_path)
    try:
        return _module_facts(file, raw, source.text, source.digest, list(source.diagnostics))
    except RecursionError:
        # A huge chained expression nests deeper than Python's parser or an AST walk can follow.
        line = _longest_line(source.text)
        problem = f"line {line} is nested too deeply to analyse (RecursionError)"
        try:
            facts = _module_facts(
                file, raw, set_aside_lines(source.text, {line}), source.digest, list(source.diagnostics)
            )
        except RecursionError:
            return _imports_only(file, source.text, source.digest, line, problem, list(source.diagnostics))
        message = f"{problem}; the rest of the file was read without that line"
        warning = Diagnostic(file.display_path, line, Level.WARNING, message)
        return dataclasses.replace(facts, diagnostics=tuple(sorted({*facts.diagnostics, warning})))
    except Exception as error:  # one odd file must not stop everyone's build
        problem = f"could not be analysed ({type(error).__name__}: {error})"
        return _imports_only(file, source.text, source.digest, 1, problem, list(source.diagnostics))


def _imports_only(
    file: SourceFile, text: str, digest: str, line: int, problem: str, diagnostics: list[Diagnostic]
) -> ModuleFacts:
    message = f"{problem}; only its import statements were read: its classes and functions are missing"
    diagnostics.append(Diagnostic(file.display_path, line, Level.WARNING, message))
    try:
        imports = collect_imports(parse_source(text, file.display_path, imports_only=True).tree)
    except RecursionError:
        imports = ()
    return ModuleFacts(digest, ParseOutcome.IMPORTS_ONLY, imports, None, tuple(diagnostics), text.count("\n") + 1)


def _longest_line(text: str) -> int:
    lines = text.splitlines() or [""]
    return max(range(len(lines)), key=lambda index: len(lines[index])) + 1


def _module_facts(file: SourceFile, raw: bytes, text: str, digest: str, diagnostics: list[Diagnostic]) -> ModuleFacts:
    if len(raw) > MAX_FILE_BYTES:
        imports = collect_imports(parse_source(text, file.display_path, imports_only=True).tree)
        return ModuleFacts(digest, ParseOutcome.IMPORTS_ONLY, imports, None, tuple(diagnostics), 0)
    parsed = parse_source(text, file.display_path)
    if parsed.outcome is ParseOutcome.DOWNLEVELLED:
        set_aside = ", ".join(map(str, parsed.set_aside))
        diagnostics.append(
            Diagnostic(
                file.display_path,
                parsed.error_line,
                Level.INFO,
                "uses syntax newer than this Python (PEP 695 type parameters or PEP 701 f-strings); analysed with "
                + (f"line(s) {set_aside} replaced by a placeholder" if set_aside else "the type parameters set aside"),
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
    clean = clean_facts if _may_hold_uncarryable(text) else _as_is
    symbols = None
    if parsed.outcome is not ParseOutcome.IMPORTS_ONLY:
        symbols, problems = clean(read_symbols(file.module, file.path, parsed.text, parsed.tree), file.display_path)
        diagnostics.extend(problems)
    bodies, problems = clean(collect_bodies(parsed.tree), file.display_path)
    suppressions, more_problems = clean(_suppressions(text, file.display_path), file.display_path)
    return ModuleFacts(
        digest=digest,
        outcome=parsed.outcome,
        imports=collect_imports(parsed.tree),
        symbols=symbols,
        diagnostics=tuple(sorted({*diagnostics, *problems, *more_problems})),
        lines=text.count("\n") + 1,
        bodies=bodies,
        suppressions=suppressions,
    )


# Facts can only hold characters that UTF-8, Graphviz or HTML refuse when the source holds them, or holds
# escapes that make them (`"\x00"`, `"\a"`, `"\ud800"`, `"\N{NULL}"`); every other file skips the
# cleaning walk over its facts (a quarter of the cost of parsing it, measured on Django).
_MAKES_UNCARRYABLE = re.compile(r"\\[abfv0-7xuUN]")


def _may_hold_uncarryable(text: str) -> bool:
    return UNCARRYABLE.search(text) is not None or _MAKES_UNCARRYABLE.search(text) is not None


T = TypeVar("T")


def _as_is(value: T, display: str) -> tuple[T, list[Diagnostic]]:
    return value, []


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
_EXTRACTORS = (
    sys.modules[__name__],
    bodies,
    expression_text,
    fact_codec,
    imports,
    module_facts,
    safe_text,
    source_files,
    symbol_scopes,
    symbols,
    syntax,
)
NAMESPACE_PACKAGE = ModuleFacts("", ParseOutcome.PARSED, (), None, (), 0)


def _unreadable(file: SourceFile, reason: str) -> ModuleFacts:
    message = f"cannot be read ({reason}): its classes and imports are missing"
    return ModuleFacts(
        "", ParseOutcome.IMPORTS_ONLY, (), None, (Diagnostic(file.display_path, 0, Level.WARNING, message),), 0
    )


# Below this many changed files, worker processes cost more than they save. Measured on Django, 2 cores: a forked
# worker starts in ~10 ms, but two processes reading at once spend ~30% more CPU in all than one (the cores are
# shared), so the pool pays only when there is a lot to read and a core to spare.
PARALLEL_FROM = 200
# Collect young garbage this often while reading: the full collections Python would otherwise run keep
# re-scanning every fact already read, which made reading Django 3x slower (measured).
_COLLECT_EVERY = 100

Job = tuple[SourceFile, bytes, str | None]  # file, its bytes, its disk cache key (None: no disk cache)


@contextlib.contextmanager
def young_collections_only() -> Iterator[None]:
    """No automatic (full) garbage collections: they re-scan every fact already read or loaded."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_batch(jobs: Sequence[Job], database: Path | None) -> list[tuple[ModuleFacts, str]]:
    """Facts of each job and the error met writing them to the disk cache ("" when written or not asked).

    The batch's entries are written at its end, in one transaction.
    """
    results = []
    entries = []
    with young_collections_only():
        for index, (file, raw, key) in enumerate(jobs):
            facts = _read_module(file, raw)
            if database is not None and key:
                entries.append((key, encode(facts)))
            results.append(facts)
            if index % _COLLECT_EVERY == _COLLECT_EVERY - 1:
                gc.collect(1)  # what reading leaves in cycles, collected young (22 MiB less peak on Django, measured)
    error = write_entries(database, entries) if database is not None else ""
    return [(facts, error) for facts in results]


def _size(job: Job) -> int:
    return len(job[1])


# Files looked up in the cache at once: one query each, and only their bytes in memory until known unchanged.
_LOAD_AT_ONCE = 100


def _load_cached(
    files: Sequence[SourceFile], cache: FileCache, found: dict[str, ModuleFacts]
) -> list[tuple[SourceFile, bytes, str]]:
    """The files' facts found in the cache added to `found`; the others, with their bytes and digest."""
    read: list[tuple[SourceFile, bytes, str]] = []
    for file in files:
        if file.path.is_dir():  # a namespace package: no file of its own
            found[file.module] = NAMESPACE_PACKAGE
            continue
        try:
            raw = read_file_bytes(file.path)
        except UnreadableFile as error:
            found[file.module] = _unreadable(file, str(error))
            continue
        read.append((file, raw, hashlib.sha256(raw).hexdigest()))
    with young_collections_only():  # loading from disk makes tens of thousands of objects, and no garbage
        loaded = cache.load_many([(file, digest) for file, _, digest in read])
    missing = []
    for (file, raw, digest), cached in zip(read, loaded, strict=True):
        if cached is None:
            missing.append((file, raw, digest))
        else:
            found[file.module] = cached
    return missing


def _all_facts(
    files: Sequence[SourceFile], cache: FileCache | None, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, ModuleFacts]:
    """Facts of every file: cached ones reused, the rest read, on every core when there are many.

    Each process writes the disk cache entries of the files it read, so only the facts come back.
    """
    cache = cache if cache is not None else FileCache()
    found: dict[str, ModuleFacts] = {}
    missing: list[tuple[SourceFile, bytes, str]] = []
    for start in range(0, len(files), _LOAD_AT_ONCE):
        missing.extend(_load_cached(files[start : start + _LOAD_AT_ONCE], cache, found))
    jobs: list[Job] = [(file, raw, cache.disk_key(file, digest)) for file, raw, digest in missing]
    database = cache.disk.database if cache.disk is not None else None
    if len(jobs) >= PARALLEL_FROM and processes() > 1:
        already = len(found)

        def done(count: int) -> None:
            if progress is not None:
                progress("files read", already + count, len(files))

        with young_collections_only():  # facts coming back from workers: tens of thousands of objects
            results = read_shared(jobs, functools.partial(_read_batch, database=database), _size, done)
    else:
        results = _read_batch(jobs, database)
    if progress is not None:
        progress("files read", len(files), len(files))
    for (file, _, digest), key, (facts, problem) in zip(missing, (job[2] for job in jobs), results, strict=True):
        cache.store(file, digest, facts, on_disk=True)
        found[file.module] = facts
        if cache.disk is not None and key:
            cache.disk.written_elsewhere([key], problem)
    if cache.disk is not None:
        cache.disk.prune()
    return found


def _discover_files(spec: ServiceSpec) -> tuple[list[str], list[SourceFile], list[Diagnostic]]:
    packages = list(spec.packages)
    files: dict[str, SourceFile] = {}
    problems: list[Diagnostic] = []
    if not spec.source_roots:
        raise MissingPackageError(f"service {spec.name!r}: no source root configured")
    for root in spec.source_roots:
        if not observed_inputs.is_dir(root):
            raise MissingPackageError(f"service {spec.name!r}: source root {root} does not exist")
    if not packages:
        for root in spec.source_roots:
            packages.extend(name for name in find_packages(root) if name not in packages)
        if not packages:
            roots = ", ".join(str(root) for root in spec.source_roots)
            raise MissingPackageError(f"service {spec.name!r}: no Python package found under {roots}")
    for package in packages:
        errors = []
        # A namespace package may be split over several source roots: every root's part is read.
        for root in spec.source_roots:
            try:
                listing = package_files(root, package, repository_root(root))
            except MissingPackageError as error:
                errors.append(str(error))
                continue
            problems.extend(listing.diagnostics)
            for file in listing.files:
                files.setdefault(file.module, file)
        if len(errors) == len(spec.source_roots):
            raise MissingPackageError(f"service {spec.name!r}: " + "; ".join(errors))
    for folder in spec.tests:
        if not observed_inputs.is_dir(folder):
            raise MissingPackageError(f"service {spec.name!r}: test folder {folder} does not exist")
        # A test folder is read as a package named after it (`tests`), beside the service's own packages.
        listing = package_files(folder.parent, folder.name, repository_root(folder))
        problems.extend(listing.diagnostics)
        for file in listing.files:
            files.setdefault(file.module, file)
    return sorted(dict.fromkeys(packages)), [files[name] for name in sorted(files)], problems


def load_service(
    spec: ServiceSpec,
    cache: FileCache | None = None,
    adr_links: Mapping[str, str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Service:
    """Read a service statically: its files are parsed, never imported or run."""
    packages, files, diagnostics = _discover_files(spec)
    facts = _all_facts(files, cache, progress)
    known = set(facts)
    for declared in spec.contexts:
        for package in declared.all_packages:
            if not any(name == package or name.startswith(package + ".") for name in known):
                message = f"declared context {declared.name!r}: package {package!r} not found; its page says so"
                shown = _display(spec.source_roots[0], repository_root(spec.source_roots[0]))
                diagnostics.append(Diagnostic(shown, 0, Level.WARNING, message))

    edges: set[ImportEdge] = set()
    for file in files:
        module_facts = facts[file.module]
        diagnostics.extend(module_facts.diagnostics)
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

    ordered_edges = in_order(edges)  # sorted once: the layout and the service both take them in order
    layout = read_layout(
        packages,
        [(file.module, file.is_package) for file in files],
        ordered_edges,
        spec.scheme,
        spec.contexts,
        tuple(folder.name for folder in spec.tests),
        {name: module_hints(module_facts.symbols, module_facts.imports) for name, module_facts in facts.items()},
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


def repository_root(source_root: Path) -> Path:
    """Where every `file` in the output starts: the nearest folder at or above the source root holding `.git`, else
    `pyproject.toml`, else the source root. The same on every machine, so links, SARIF and baselines match."""
    resolved = source_root.resolve()
    for marker in (".git", "pyproject.toml"):
        for folder in (resolved, *resolved.parents):
            if observed_inputs.exists(folder / marker):
                return folder
    return resolved
