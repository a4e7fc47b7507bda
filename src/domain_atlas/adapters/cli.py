"""The `domain-atlas` command: a thin primary adapter over the same analysis the MkDocs plugin runs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from domain_atlas import __version__
from domain_atlas.adapters.composition import MissingPackageError, analyse, model_json
from domain_atlas.adapters.settings import SettingsError, service_specs
from domain_atlas.model import ServiceSpec

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
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("sources", nargs="*", metavar="SOURCE_ROOT", help="source roots to analyse")
        command.add_argument("--config", type=Path, help="mkdocs.yml (its domain-atlas plugin settings are used)")
        command.add_argument("--package", action="append", default=[], help="package to analyse (repeatable)")
        command.add_argument("--search-path", action="append", default=[], type=Path, help="extra source root")
        command.add_argument("--tests", action="append", default=[], type=Path, help="test code folder")
        command.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    return parser


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its `!!python/name` tags."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _plugin_settings(config: Path) -> dict[str, Any]:
    try:
        document = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SettingsError(f"{config}: cannot read: {error}") from error
    for plugin in document.get("plugins") or []:
        if isinstance(plugin, dict) and "domain-atlas" in plugin:
            return dict(plugin["domain-atlas"] or {})
    raise SettingsError(f"{config}: no 'domain-atlas' entry under 'plugins'")


def _specs(arguments: argparse.Namespace) -> tuple[list[ServiceSpec], dict[str, str]]:
    if arguments.config is not None:
        settings = _plugin_settings(arguments.config)
        base = arguments.config.resolve().parent
        specs = service_specs(settings.get("services") or [], base, settings.get("layers"))
        return specs, dict(settings.get("adr_links") or {})
    roots = [*arguments.sources, *(str(path) for path in arguments.search_path)]
    if not roots:
        raise SettingsError("give at least one SOURCE_ROOT or --config mkdocs.yml")
    raw = [{"source": roots, "packages": arguments.package}] if arguments.package else [{"source": roots}]
    return service_specs(raw, Path.cwd(), None), {}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        specs, adr_links = _specs(arguments)
        services = analyse(specs, adr_links=adr_links)
    except (SettingsError, MissingPackageError) as error:
        print(f"domain-atlas: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if arguments.command == "export":
        text = model_json(services)
    else:
        lines = [
            f"{v.location()}: {v.rule}: {v.message}" + (" (type-only)" if v.type_only else "")
            for service in services
            for v in service.violations
        ]
        count = len(lines)
        lines.append(f"{count} violation(s) in {len(services)} service(s)")
        text = "\n".join(lines) + "\n"
    for service in services:
        for diagnostic in service.diagnostics:
            print(f"{diagnostic.location()}: {diagnostic.level.value}: {diagnostic.message}", file=sys.stderr)
    if arguments.output:
        arguments.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if arguments.command == "check" and any(service.violations for service in services):
        return EXIT_VIOLATIONS
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
