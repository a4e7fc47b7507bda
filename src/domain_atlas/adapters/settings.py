"""Turning validated settings (see config_schema.py) into service specs."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from domain_atlas.adapters.composition import RESERVED_CONTEXT_SLUGS, RESERVED_SERVICE_SLUGS, context_slug, page_slug
from domain_atlas.model import ContextSpec, DeclaredRelationship, LayerScheme, ServiceSpec
from domain_atlas.rules.relationship_settings import RelationshipSettingsError, parse_relationships
from domain_atlas.rules.stereotype_settings import CatalogueSettingsError, parse_rules


class SettingsError(ValueError):
    """Configuration that cannot be used; the message names the offending key."""


def service_specs(
    config: Mapping[str, Any], base: Path, where: str = "services"
) -> tuple[list[ServiceSpec], list[str]]:
    """Specs for the configured services, and warnings about names renamed so their pages stay apart.

    A service's own `layers` refine the global ones. `config` passed the schema in config_schema.py:
    types, names and keys are already checked.
    """
    shared_layers = dict(config.get("layers") or {})
    try:
        shared_rules, shared_overrides = parse_rules(config.get("stereotypes"), config.get("elements"), "mkdocs.yml")
    except CatalogueSettingsError as error:
        raise SettingsError(str(error)) from error
    specs = []
    warnings: list[str] = []
    for index, raw in enumerate(config.get("services") or []):
        position = f"{where}[{index}]"
        relationships = _relationships(raw, position)
        if raw.get("model"):
            model = (base / str(raw["model"])).resolve()
            specs.append(
                ServiceSpec(
                    name=str(raw["name"]),
                    source_roots=(),
                    base=base,
                    fail_on=str(raw.get("fail_on") or ""),
                    model=model,
                    relationships=relationships,
                )
            )
            continue
        sources = list(raw["source"])
        packages = list(raw.get("packages") or [])
        name = str(raw.get("name") or (packages[0] if packages else Path(sources[0]).name))
        contexts, renamed = _distinct_context_names(
            [_context_spec(context) for context in raw.get("contexts") or []],
            f"{position}.contexts",
        )
        warnings += renamed
        try:
            own_rules, own_overrides = parse_rules(
                raw.get("stereotypes"), raw.get("elements"), f"mkdocs.yml {position}"
            )
        except CatalogueSettingsError as error:
            raise SettingsError(str(error)) from error
        scheme = LayerScheme.with_overrides({**shared_layers, **dict(raw.get("layers") or {})})
        specs.append(
            ServiceSpec(
                name=name,
                source_roots=tuple((base / source).resolve() for source in sources),
                packages=tuple(packages),
                contexts=tuple(contexts),
                scheme=scheme,
                base=base,
                fail_on=str(raw.get("fail_on") or ""),
                stereotypes=(*shared_rules, *own_rules),
                overrides=(*shared_overrides, *own_overrides),
                type_only_imports=str(config.get("type_only_imports") or "report"),
                tests=tuple((base / folder).resolve() for folder in raw.get("tests") or []),
                relationships=relationships,
            )
        )
    names = [spec.name for spec in specs]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise SettingsError(f"{where}: service names must be unique; repeated: {', '.join(duplicates)}")
    taken: dict[str, str] = {slug: "a page of the section" for slug in RESERVED_SERVICE_SLUGS}
    for index, spec in enumerate(specs):
        slug = _free(page_slug(spec.name, "service"), taken)
        if slug != page_slug(spec.name, "service"):
            clash = taken.get(page_slug(spec.name, "service"), "")
            warnings.append(
                f"{where}[{index}]: service {spec.name!r} would share its pages with {clash}; "
                f"its pages are under {slug!r}"
            )
        taken[slug] = f"service {spec.name!r}"
        specs[index] = dataclasses.replace(spec, slug=slug)
    return specs, warnings


def _relationships(raw: Mapping[str, Any], position: str) -> tuple[DeclaredRelationship, ...]:
    try:
        return parse_relationships(raw.get("relationships") or None, f"{position}.relationships")
    except RelationshipSettingsError as error:
        raise SettingsError(str(error)) from error


def _context_spec(context: Mapping[str, Any]) -> ContextSpec:
    """A declared context: `package`, or `packages` (every package it owns; the first names it)."""
    owned = list(context.get("packages") or []) or [context["package"]]
    package = str(context.get("package") or owned[0])
    return ContextSpec(
        name=str(context.get("name") or package.split(".")[-1]),
        package=package,
        shared_kernel=bool(context.get("shared_kernel")),
        declared=True,
        packages=tuple(dict.fromkeys([package, *owned])),
    )


def _free(slug: str, taken: Mapping[str, str]) -> str:
    """`slug`, or `slug-2`, `slug-3`... whichever is not taken yet."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _distinct_context_names(contexts: list[ContextSpec], where: str) -> tuple[list[ContextSpec], list[str]]:
    """Declared contexts whose names give one page (`Order_Mgmt`, `order-mgmt`) are renamed with a suffix."""
    taken: dict[str, str] = {}
    warnings = []
    for index, context in enumerate(contexts):
        slug = context_slug(context.name)
        if page_slug(context.name, "context") in RESERVED_CONTEXT_SLUGS:
            warnings.append(
                f"{where}[{index}]: context {context.name!r} is named like a catalogue page; its page is {slug!r}"
            )
        if slug in taken:
            renamed = _free(slug, taken)
            warnings.append(
                f"{where}[{index}]: context {context.name!r} would share a page with {taken[slug]}; renamed {renamed!r}"
            )
            contexts[index] = dataclasses.replace(context, name=renamed)
            slug = renamed
        taken[slug] = f"context {contexts[index].name!r}"
    return contexts, warnings
