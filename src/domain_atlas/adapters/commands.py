"""What `domain-atlas export|check|explain|diff` do once no stored result answers: read settings, analyse, report.

Thin over the composition root, as the MkDocs plugin is: the same validated settings, the same use cases.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from mkdocs.config.base import ValidationError

from domain_atlas.adapters.baseline import (
    BaselineError,
    baseline_text,
    load_baseline,
    new_violations,
    violations_that_fail,
)
from domain_atlas.adapters.bootstrap import Recording, RunResult, cache_folder, command_key, recorded_run, replay
from domain_atlas.adapters.command_line import emit, replayable, unwritable, write
from domain_atlas.adapters.composition import (
    FileCache,
    MissingPackageError,
    ModelFileError,
    analyse,
    exporter,
    file_cache,
    layout_reading_markdown,
)
from domain_atlas.adapters.config_schema import (
    ConfigFileError,
    DomainAtlasConfig,
    DottedName,
    load_config_file,
    validated,
)
from domain_atlas.adapters.progress import TerminalProgress
from domain_atlas.adapters.settings import SettingsError, service_specs
from domain_atlas.model import Level, ServiceSpec

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2
_USAGE_ERRORS = (
    SettingsError,
    ConfigFileError,
    MissingPackageError,
    ModelFileError,
    BaselineError,
)


def run_command(arguments: argparse.Namespace, recording: Recording | None = None) -> int:
    """The command's exit code; `recording` (when given) has recorded what the command line read before this."""
    progress = TerminalProgress(sys.stderr)
    messages: list[str] = []
    try:
        config, base = _settings(arguments)
        specs = _specs(config, base, arguments, messages)
        baseline = getattr(arguments, "baseline", None) or (base / config.baseline if config.baseline else None)
        if getattr(arguments, "update_baseline", False):
            writable(baseline)
        # --cache-dir / --no-cache win over the cache settings of mkdocs.yml (given with --config).
        enabled = config.cache and not arguments.no_cache
        cache = file_cache(arguments.cache_dir or config.cache_dir, enabled=enabled)
        if arguments.command == "diff":
            _print_messages(messages)
            return _diff(arguments, specs, config, cache, progress)
        folder = cache_folder(arguments.cache_dir or config.cache_dir) if enabled and replayable(arguments) else None
        # Without --config the command line is the whole of the settings (the key cli.py looked up first).
        settings = _settings_material(config, specs) if arguments.config is not None else []
        key = command_key(arguments, settings) if folder is not None else None
        if folder is not None and key is not None and arguments.config is not None:
            known = replay(folder, key)  # with --config the key needs the validated settings: known only now
            if known is not None:
                return emit(arguments.output, known)

        def run() -> RunResult:
            return _result(arguments, config, specs, baseline, cache, progress, messages)

        try:
            result, note = recorded_run(folder, key, run, recording)
        finally:
            gc.unfreeze()  # back to normal collection when a run is over (tests run many in one process)
    except _USAGE_ERRORS as error:
        progress.clear()
        _print_messages(messages)
        print(f"domain-atlas: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    progress.clear()
    for problem in [*(cache.disk.errors if cache.disk else []), *([note] if note else [])]:
        print(f"domain-atlas: note: {problem}", file=sys.stderr)
    # --update-baseline writes the baseline and nothing else.
    return emit(None if getattr(arguments, "update_baseline", False) else arguments.output, result)


def _diff(
    arguments: argparse.Namespace,
    specs: list[ServiceSpec],
    config: DomainAtlasConfig,
    cache: FileCache,
    progress: TerminalProgress,
) -> int:
    # git and the diff renderers are imported only for a diff.
    from domain_atlas.adapters.diff_command import RevisionError, run_diff

    try:
        return run_diff(arguments, specs, config.adr_links, write, cache)
    except RevisionError as error:
        progress.clear()
        print(f"domain-atlas: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _result(
    arguments: argparse.Namespace,
    config: DomainAtlasConfig,
    specs: list[ServiceSpec],
    baseline: Path | None,
    cache: FileCache,
    progress: TerminalProgress,
    messages: list[str],
) -> RunResult:
    # A bad baseline is a usage error before any file is read (and before the cache is written).
    reading_baseline = arguments.command == "check" and not arguments.update_baseline and baseline
    known: Counter[tuple[str, str, str, str]] | None = None
    if reading_baseline and baseline:
        known = load_baseline(baseline)
    services = analyse(specs, cache, adr_links=config.adr_links, progress=progress)
    # A one-shot command keeps the model until it exits: the collector need never scan it again (on a 9,000-file
    # service that scanning cost the export 0.2 s). The plugin does not do this: `mkdocs serve` replaces models.
    gc.freeze()
    for service in services:
        for diagnostic in service.diagnostics:
            messages.append(f"{diagnostic.location()}: {diagnostic.level.value}: {diagnostic.message}")
    if arguments.command == "export":
        return _finished(exporter(arguments.format)(services), messages, EXIT_OK)
    if arguments.command == "explain":
        return _finished("\n".join(layout_reading_markdown(service) for service in services), messages, EXIT_OK)
    violations = sorted(v for service in services for v in service.violations)
    if arguments.update_baseline:
        if baseline is None:
            raise SettingsError("--update-baseline needs --baseline FILE")
        write(baseline, baseline_text(violations))
        messages.append(f"baseline {baseline} records {len(violations)} violation(s)")
        return _finished("", messages, EXIT_OK)
    new = new_violations(violations, known) if known is not None else violations
    failing = violations_that_fail(services, specs, config.fail_on, known)
    broken_ignores = [d for service in services for d in service.diagnostics if d.level is Level.ERROR]
    code = EXIT_VIOLATIONS if failing or broken_ignores else EXIT_OK
    from domain_atlas.adapters.reports import render  # SARIF, JUnit and the rest: only `check` needs them

    return _finished(render(violations, arguments.format, new), messages, code)


def _finished(text: str, messages: list[str], code: int) -> RunResult:
    return RunResult(text.encode("utf-8"), "".join(f"{message}\n" for message in messages), code)


def _settings(arguments: argparse.Namespace) -> tuple[DomainAtlasConfig, Path]:
    """The same validated settings the plugin gets: from mkdocs.yml, or from the command line's arguments."""
    if arguments.config is not None:
        if arguments.sources or arguments.package or arguments.search_path:
            raise SettingsError("SOURCE_ROOT, --package and --search-path are for use without --config")
        return load_config_file(arguments.config), arguments.config.resolve().parent
    roots = [*arguments.sources, *(str(path) for path in arguments.search_path)]
    if not roots:
        raise SettingsError("give at least one SOURCE_ROOT or --config mkdocs.yml")
    for package in arguments.package:
        try:
            DottedName().run_validation(package)
        except ValidationError as error:
            raise SettingsError(f"--package: {error}") from error
    service: dict[str, Any] = (
        {"source": roots, "packages": arguments.package} if arguments.package else {"source": roots}
    )
    if arguments.tests:
        service["tests"] = [str(path) for path in arguments.tests]
    return validated({"services": [service]}, None, "command line"), Path.cwd()


def _specs(
    config: DomainAtlasConfig, base: Path, arguments: argparse.Namespace, messages: list[str]
) -> list[ServiceSpec]:
    specs, renamed = service_specs(config, base)
    for warning in renamed:
        messages.append(f"{arguments.config or 'command line'}: warning: {warning}")
    if arguments.service:
        unknown = sorted(set(arguments.service) - {spec.name for spec in specs})
        if unknown:
            names = ", ".join(spec.name for spec in specs)
            raise SettingsError(f"no service named {', '.join(unknown)} in {arguments.config} (services: {names})")
        specs = [spec for spec in specs if spec.name in arguments.service]
    if arguments.tests and arguments.config is not None:
        tests = tuple(path.resolve() for path in arguments.tests)
        specs = [dataclasses.replace(spec, tests=spec.tests + tests) for spec in specs]
    return specs


def _settings_material(config: DomainAtlasConfig, specs: list[ServiceSpec]) -> list[str]:
    """The validated settings a result depends on, written the same way on every run."""
    chosen = ("adr_links", "fail_on", "baseline", "layers", "stereotypes", "elements", "type_only_imports")
    return [repr(specs), *(f"{name}={config[name]!r}" for name in chosen)]


def writable(output: Path | None) -> None:
    problem = unwritable(output)
    if problem:
        raise SettingsError(problem)


def _print_messages(messages: list[str]) -> None:
    for message in messages:
        print(message, file=sys.stderr)
