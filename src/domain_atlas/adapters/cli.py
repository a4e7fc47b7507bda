"""The `domain-atlas` command: a thin primary adapter over the same analysis the MkDocs plugin runs."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from domain_atlas import __version__
from domain_atlas.adapters.baseline import BaselineError, baseline_text, load_baseline, new_violations
from domain_atlas.adapters.composition import (
    MissingPackageError,
    analyse,
    failing_violations,
    layout_reading_markdown,
    model_json,
)
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


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/name` tags."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _read_config(config: Path) -> dict[str, Any]:
    try:
        document = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SettingsError(f"{config}: cannot read: {error}") from error
    if not isinstance(document, dict):
        raise SettingsError(f"{config}: expected a mapping of MkDocs settings")
    return document


def _plugin_settings(config: Path) -> dict[str, Any]:
    document = _read_config(config)
    for plugin in document.get("plugins") or []:
        if isinstance(plugin, dict) and "domain-atlas" in plugin:
            return dict(plugin["domain-atlas"] or {})
    raise SettingsError(f"{config}: no 'domain-atlas' entry under 'plugins'")


def _specs(arguments: argparse.Namespace) -> tuple[list[ServiceSpec], dict[str, str]]:
    if arguments.config is not None:
        settings = _plugin_settings(arguments.config)
        base = arguments.config.resolve().parent
        specs = service_specs(
            settings.get("services") or [],
            base,
            settings.get("layers"),
            stereotypes=settings.get("stereotypes"),
            elements=settings.get("elements"),
            type_only_imports=str(settings.get("type_only_imports") or "report"),
        )
        if arguments.service:
            unknown = sorted(set(arguments.service) - {spec.name for spec in specs})
            if unknown:
                names = ", ".join(spec.name for spec in specs)
                raise SettingsError(f"no service named {', '.join(unknown)} in {arguments.config} (services: {names})")
            specs = [spec for spec in specs if spec.name in arguments.service]
        if arguments.tests:
            tests = tuple(path.resolve() for path in arguments.tests)
            specs = [dataclasses.replace(spec, tests=spec.tests + tests) for spec in specs]
        return specs, dict(settings.get("adr_links") or {})
    roots = [*arguments.sources, *(str(path) for path in arguments.search_path)]
    if not roots:
        raise SettingsError("give at least one SOURCE_ROOT or --config mkdocs.yml")
    raw: list[dict[str, Any]] = (
        [{"source": roots, "packages": arguments.package}] if arguments.package else [{"source": roots}]
    )
    if arguments.tests:
        raw[0]["tests"] = [str(path) for path in arguments.tests]
    return service_specs(raw, Path.cwd(), None), {}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "pages":
        try:
            document = _read_config(arguments.config)
        except SettingsError as error:
            print(f"domain-atlas: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        return write_pages(arguments.config, document, arguments.output, TerminalProgress(sys.stderr))
    progress = TerminalProgress(sys.stderr)
    try:
        specs, adr_links = _specs(arguments)
        services = analyse(specs, adr_links=adr_links, progress=progress)
    except (SettingsError, MissingPackageError) as error:
        progress.clear()
        print(f"domain-atlas: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    progress.clear()
    for service in services:
        for diagnostic in service.diagnostics:
            print(f"{diagnostic.location()}: {diagnostic.level.value}: {diagnostic.message}", file=sys.stderr)
    if arguments.command == "export":
        _write(arguments.output, model_json(services))
        return EXIT_OK
    if arguments.command == "explain":
        _write(arguments.output, "\n".join(layout_reading_markdown(service) for service in services))
        return EXIT_OK
    violations = sorted(v for service in services for v in service.violations)
    if arguments.update_baseline:
        if arguments.baseline is None:
            print("domain-atlas: error: --update-baseline needs --baseline FILE", file=sys.stderr)
            return EXIT_USAGE
        arguments.baseline.write_text(baseline_text(violations), encoding="utf-8")
        print(f"baseline {arguments.baseline} records {len(violations)} violation(s)", file=sys.stderr)
        return EXIT_OK
    try:
        known = load_baseline(arguments.baseline) if arguments.baseline else None
    except BaselineError as error:
        print(f"domain-atlas: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    new = new_violations(violations, known) if known is not None else violations
    # Imports under `if TYPE_CHECKING:` are reported, but fail the check only with `type_only_imports: fail`.
    counted = {
        v
        for service, spec in zip(services, specs, strict=True)
        for v in failing_violations(service.violations, spec.type_only_imports)
    }
    _write(arguments.output, render(violations, arguments.format, new))
    broken_ignores = [d for service in services for d in service.diagnostics if d.level is Level.ERROR]
    return EXIT_VIOLATIONS if counted.intersection(new) or broken_ignores else EXIT_OK


def _write(output: Path | None, text: str) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    sys.exit(main())
