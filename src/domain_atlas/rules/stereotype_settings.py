"""Validating user-declared catalogue rules (from mkdocs.yml or `[tool.domain-atlas]`) into model values."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from domain_atlas.model import ElementOverride, StereotypeRule
from domain_atlas.model.vocabulary import ELEMENT_KINDS

RULE_KEYS = ("kind", "name", "base", "module", "decorator")
OVERRIDE_KEYS = ("path", "kinds")


class CatalogueSettingsError(ValueError):
    """Catalogue rules that cannot be used; the message names where they were written."""


def parse_rules(
    stereotypes: object, elements: object, source: str
) -> tuple[tuple[StereotypeRule, ...], tuple[ElementOverride, ...]]:
    rules = []
    for index, raw in enumerate(_list(stereotypes, f"{source}: stereotypes")):
        where = f"{source}: stereotypes[{index}]"
        _keys(raw, RULE_KEYS, where)
        kind = str(raw.get("kind", ""))
        _kind(kind, where)
        matchers = {key: str(raw.get(key, "")) for key in RULE_KEYS[1:]}
        if not any(matchers.values()):
            raise CatalogueSettingsError(f"{where}: give at least one of name, base, module, decorator")
        for key, pattern in matchers.items():
            try:
                re.compile(pattern)
            except re.error as error:
                raise CatalogueSettingsError(f"{where}.{key}: not a regular expression: {error}") from error
        rules.append(StereotypeRule(kind=kind, source=source, **matchers))
    overrides = []
    for index, raw in enumerate(_list(elements, f"{source}: elements")):
        where = f"{source}: elements[{index}]"
        _keys(raw, OVERRIDE_KEYS, where)
        kinds = raw.get("kinds", [])
        if not isinstance(raw.get("path"), str) or not isinstance(kinds, list):
            raise CatalogueSettingsError(f"{where}: needs 'path' (dotted) and 'kinds' (a list, may be empty)")
        for kind in kinds:
            _kind(str(kind), where)
        overrides.append(ElementOverride(raw["path"], tuple(str(k) for k in kinds), source))
    return tuple(rules), tuple(overrides)


def _list(value: object, where: str) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise CatalogueSettingsError(f"{where}: expected a list of mappings")
    return value


def _keys(raw: Mapping[str, Any], valid: Sequence[str], where: str) -> None:
    unknown = sorted(set(raw) - set(valid))
    if unknown:
        raise CatalogueSettingsError(f"{where}: unknown option(s) {', '.join(unknown)}; valid: {', '.join(valid)}")


def _kind(kind: str, where: str) -> None:
    if kind not in ELEMENT_KINDS:
        raise CatalogueSettingsError(f"{where}: unknown kind {kind!r}; kinds are {', '.join(ELEMENT_KINDS)}")
