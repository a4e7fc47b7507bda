"""Turning user configuration (mkdocs.yml or a CLI config file) into service specs, strictly."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from domain_atlas.model import ContextSpec, LayerScheme, ServiceSpec
from domain_atlas.rules.stereotype_settings import CatalogueSettingsError, parse_rules

SERVICE_KEYS = ("name", "source", "packages", "contexts", "layers", "fail_on", "stereotypes", "elements", "tests")
CONTEXT_KEYS = ("name", "package", "packages", "shared_kernel")


class SettingsError(ValueError):
    """Configuration that cannot be used; the message names the offending key."""


def _check_keys(where: str, given: Mapping[str, Any], valid: Sequence[str]) -> None:
    unknown = sorted(set(given) - set(valid))
    if unknown:
        raise SettingsError(
            f"{where}: unknown option(s) {', '.join(repr(key) for key in unknown)}; "
            f"valid options are {', '.join(valid)}"
        )


def _layer_mapping(layers: object, where: str) -> dict[str, list[str]]:
    if layers is None:
        return {}
    if not isinstance(layers, Mapping):
        raise SettingsError(f"{where}: expected a mapping of layer name to package names, got {layers!r}")
    for layer, segments in layers.items():
        if not isinstance(segments, list | tuple) or not all(isinstance(s, str) for s in segments):
            raise SettingsError(f"{where}.{layer}: expected a list of package names, got {segments!r}")
    return {str(layer): list(segments) for layer, segments in layers.items()}


def service_specs(
    services: Sequence[Mapping[str, Any]],
    base: Path,
    layers: object = None,
    where: str = "services",
    *,
    stereotypes: object = None,
    elements: object = None,
    type_only_imports: str = "report",
) -> list[ServiceSpec]:
    """Specs for the configured services; a service's own `layers` refine the global ones."""
    shared_layers = _layer_mapping(layers, "layers")
    try:
        shared_rules, shared_overrides = parse_rules(stereotypes, elements, "mkdocs.yml")
    except CatalogueSettingsError as error:
        raise SettingsError(str(error)) from error
    specs = []
    for index, raw in enumerate(services):
        position = f"{where}[{index}]"
        if not isinstance(raw, Mapping):
            raise SettingsError(f"{position}: expected a mapping with {', '.join(SERVICE_KEYS)}")
        _check_keys(position, raw, SERVICE_KEYS)
        if "source" not in raw:
            raise SettingsError(f"{position}: 'source' (the source root folder) is required")
        sources = raw["source"] if isinstance(raw["source"], list) else [raw["source"]]
        roots = tuple((base / str(source)).resolve() for source in sources)
        packages = raw.get("packages") or []
        if isinstance(packages, str):
            packages = [packages]
        name = str(raw.get("name") or (packages[0] if packages else Path(str(sources[0])).name))
        contexts = []
        for context_index, context in enumerate(raw.get("contexts") or []):
            context_where = f"{position}.contexts[{context_index}]"
            if not isinstance(context, Mapping) or not ("package" in context or "packages" in context):
                raise SettingsError(f"{context_where}: expected a mapping with 'package' or 'packages'")
            _check_keys(context_where, context, CONTEXT_KEYS)
            owned = context.get("packages") or [context["package"]]
            if not isinstance(owned, list) or not all(isinstance(p, str) for p in owned):
                raise SettingsError(f"{context_where}.packages: expected a list of dotted package names")
            package = str(context.get("package") or owned[0])
            contexts.append(
                ContextSpec(
                    name=str(context.get("name") or package.split(".")[-1]),
                    package=package,
                    shared_kernel=bool(context.get("shared_kernel", False)),
                    declared=True,
                    packages=tuple(dict.fromkeys([package, *owned])),
                )
            )
        fail_on = str(raw.get("fail_on") or "")
        if fail_on not in ("", "new", "any", "never"):
            raise SettingsError(f"{position}.fail_on: expected new, any or never, got {fail_on!r}")
        try:
            own_rules, own_overrides = parse_rules(
                raw.get("stereotypes"), raw.get("elements"), f"mkdocs.yml {position}"
            )
        except CatalogueSettingsError as error:
            raise SettingsError(str(error)) from error
        tests = raw.get("tests") or []
        tests = tests if isinstance(tests, list) else [tests]
        own_layers = _layer_mapping(raw.get("layers"), f"{position}.layers")
        scheme = LayerScheme.with_overrides({**shared_layers, **own_layers})
        specs.append(
            ServiceSpec(
                name=name,
                source_roots=roots,
                packages=tuple(str(p) for p in packages),
                contexts=tuple(contexts),
                scheme=scheme,
                base=base,
                fail_on=fail_on,
                stereotypes=(*shared_rules, *own_rules),
                overrides=(*shared_overrides, *own_overrides),
                type_only_imports=type_only_imports,
                tests=tuple((base / str(folder)).resolve() for folder in tests),
            )
        )
    names = [spec.name for spec in specs]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise SettingsError(f"{where}: service names must be unique; repeated: {', '.join(duplicates)}")
    return specs
