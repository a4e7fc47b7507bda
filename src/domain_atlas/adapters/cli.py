"""The `domain-atlas` command: a thin primary adapter over the same analysis the MkDocs plugin runs."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.base import ValidationError

from domain_atlas import __version__
from domain_atlas.adapters.baseline import (
    BaselineError,
    baseline_text,
    load_baseline,
    new_violations,
    violations_that_fail,
)
from domain_atlas.adapters.composition import (
    EXPORT_FORMATS,
    MissingPackageError,
    ModelFileError,
    RevisionError,
    analyse,
    file_cache,
    layout_reading_markdown,
    model_json,
)
from domain_atlas.adapters.config_schema import (
    ConfigFileError,
    DomainAtlasConfig,
    DottedName,
    load_config_file,
    validated,
)
from domain_atlas.adapters.diff_command import add_diff_arguments, run_diff
from domain_atlas.adapters.pages_command import write_pages
from domain_atlas.adapters.progress import TerminalProgress
from domain_atlas.adapters.reports import FORMATS, render
from domain_atlas.adapters.settings import SettingsError, service_specs
from domain_atlas.model import Level, ServiceSpec

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="domain-atlas",
        description="Read Python DDD / hexagonal / CQRS services statically and report their architecture.",
    )
    parser.add_argument("--version", action="version", version=f"domain-atlas {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("export", "write the architecture model as JSON (schema domain-atlas/model/1)"),
        ("check", "report architecture rule violations; exit 1 when there are any"),
        ("diff", "what changed in the architecture between two git revisions (schema domain-atlas/diff/1)"),
        ("explain", "show how the layout was read: contexts, layers, composition roots, doubtful calls"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("sources", nargs="*", metavar="SOURCE_ROOT", help="source roots to analyse")
        command.add_argument("--config", type=Path, help="mkdocs.yml (its domain-atlas plugin settings are used)")
        command.add_argument("--service", action="append", default=[], help="with --config: only this service")
        command.add_argument("--package", action="append", default=[], help="package to analyse (repeatable)")
        command.add_argument("--search-path", action="append", default=[], type=Path, help="extra source root")
        command.add_argument("--tests", action="append", default=[], type=Path, help="test code folder")
        command.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
        if name == "export":
            command.add_argument(
                "--format", choices=sorted(EXPORT_FORMATS), default="json", help="output format (default: json)"
            )
        command.add_argument(
            "--cache-dir",
            type=Path,
            help="keep per-file facts here between runs (default: $DOMAIN_ATLAS_CACHE_DIR, else .domain_atlas_cache)",
        )
        command.add_argument("--no-cache", action="store_true", help="read every file again; write no cache")
        if name == "diff":
            add_diff_arguments(command)
        if name == "check":
            command.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
            command.add_argument("--baseline", type=Path, help="known violations that do not fail the check")
            command.add_argument(
                "--update-baseline", action="store_true", help="write the current violations to --baseline and exit 0"
            )
    pages = commands.add_parser(
        "pages",
        help="write the Architecture pages, diagrams and assets into the docs (for Zensical or any Markdown builder)",
    )
    pages.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml with domain-atlas plugin settings"
    )
    pages.add_argument(
        "-o", "--output", type=Path, help="folder inside docs_dir (default: docs_dir/output_dir: docs/architecture)"
    )
    return parser


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


def _specs(config: DomainAtlasConfig, base: Path, arguments: argparse.Namespace) -> list[ServiceSpec]:
    specs, renamed = service_specs(config, base)
    for warning in renamed:
        print(f"{arguments.config or 'command line'}: warning: {warning}", file=sys.stderr)
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


def _writable(output: Path | None) -> None:
    if output is not None and not output.resolve().parent.is_dir():
        raise SettingsError(f"cannot write {output}: folder {output.parent} does not exist")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "pages":
        return write_pages(arguments.config, arguments.output, TerminalProgress(sys.stderr))
    progress = TerminalProgress(sys.stderr)
    try:
        _writable(arguments.output)
        config, base = _settings(arguments)
        specs = _specs(config, base, arguments)
        baseline = getattr(arguments, "baseline", None) or (base / config.baseline if config.baseline else None)
        _writable(baseline if getattr(arguments, "update_baseline", False) else None)
        # A bad baseline is a usage error before any file is read (and before the cache is written).
        reading_baseline = arguments.command == "check" and not arguments.update_baseline and baseline
        known = load_baseline(baseline) if reading_baseline and baseline else None
        # --cache-dir / --no-cache win over the cache settings of mkdocs.yml (given with --config).
        enabled = config.cache and not arguments.no_cache
        cache = file_cache(arguments.cache_dir or config.cache_dir, enabled=enabled)
        if arguments.command == "diff":
            return run_diff(arguments, specs, config.adr_links, _write, cache)
        services = analyse(specs, cache, adr_links=config.adr_links, progress=progress)
        for problem in cache.disk.errors if cache.disk else []:
            print(f"domain-atlas: note: {problem}", file=sys.stderr)
    except (SettingsError, ConfigFileError, MissingPackageError, ModelFileError, RevisionError, BaselineError) as error:
        progress.clear()
        print(f"domain-atlas: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    progress.clear()
    for service in services:
        for diagnostic in service.diagnostics:
            print(f"{diagnostic.location()}: {diagnostic.level.value}: {diagnostic.message}", file=sys.stderr)
    if arguments.command == "export":
        exporter = model_json if arguments.format == "json" else EXPORT_FORMATS[arguments.format]
        _write(arguments.output, exporter(services))
        return EXIT_OK
    if arguments.command == "explain":
        _write(arguments.output, "\n".join(layout_reading_markdown(service) for service in services))
        return EXIT_OK
    violations = sorted(v for service in services for v in service.violations)
    if arguments.update_baseline:
        if baseline is None:
            print("domain-atlas: error: --update-baseline needs --baseline FILE", file=sys.stderr)
            return EXIT_USAGE
        _write(baseline, baseline_text(violations))
        print(f"baseline {baseline} records {len(violations)} violation(s)", file=sys.stderr)
        return EXIT_OK
    new = new_violations(violations, known) if known is not None else violations
    _write(arguments.output, render(violations, arguments.format, new))
    failing = violations_that_fail(services, specs, config.fail_on, known)
    broken_ignores = [d for service in services for d in service.diagnostics if d.level is Level.ERROR]
    return EXIT_VIOLATIONS if failing or broken_ignores else EXIT_OK


def _write(output: Path | None, text: str) -> None:
    """Write all or nothing: the text is encoded first and the file replaced in one step."""
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else sys.stdout.write(text)
        sys.stdout.flush()
        return
    partial = output.with_name(f".{output.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, output)


if __name__ == "__main__":
    sys.exit(main())
