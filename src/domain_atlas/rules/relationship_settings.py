"""`relationships: [{upstream, downstream, patterns}]` from a service's settings, checked strictly."""

from __future__ import annotations

from collections.abc import Mapping

from domain_atlas.model.relationships import (
    DOWNSTREAM_PATTERNS,
    PATTERNS,
    SYMMETRIC_PATTERNS,
    UPSTREAM_PATTERNS,
    DeclaredRelationship,
)

KEYS = ("upstream", "downstream", "patterns")


class RelationshipSettingsError(ValueError):
    """A declared relationship that cannot be used; the message names where it was declared."""


def parse_relationships(value: object, where: str, source: str = "mkdocs.yml") -> tuple[DeclaredRelationship, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise RelationshipSettingsError(f"{where}: expected a list of {{upstream, downstream, patterns}}")
    found = []
    for index, raw in enumerate(value):
        position = f"{where}[{index}]"
        if not isinstance(raw, Mapping) or not {"upstream", "downstream"} <= set(raw):
            raise RelationshipSettingsError(f"{position}: expected a mapping with upstream, downstream and patterns")
        unknown = sorted(set(raw) - set(KEYS))
        if unknown:
            raise RelationshipSettingsError(
                f"{position}: unknown option(s) {', '.join(unknown)}; valid: {', '.join(KEYS)}"
            )
        patterns = raw.get("patterns") or []
        if isinstance(patterns, str):
            patterns = [patterns]
        wrong = [pattern for pattern in patterns if pattern not in PATTERNS]
        if wrong or not isinstance(patterns, list):
            raise RelationshipSettingsError(
                f"{position}.patterns: unknown pattern(s) {', '.join(map(str, wrong))}; valid: {', '.join(PATTERNS)}"
            )
        symmetric = [p for p in patterns if p in SYMMETRIC_PATTERNS]
        directed = [p for p in patterns if p in (*UPSTREAM_PATTERNS, *DOWNSTREAM_PATTERNS, "customer-supplier")]
        if symmetric and (directed or len(symmetric) > 1):
            raise RelationshipSettingsError(
                f"{position}.patterns: {symmetric[0]} is a relationship of equals; it cannot be combined with "
                f"{', '.join(p for p in patterns if p != symmetric[0])}"
            )
        upstream, downstream = str(raw["upstream"]), str(raw["downstream"])
        if upstream == downstream:
            raise RelationshipSettingsError(f"{position}: upstream and downstream are both {upstream!r}")
        found.append(DeclaredRelationship(upstream, downstream, tuple(str(p) for p in patterns), source))
    return tuple(found)
