"""Context relationships a team declares, in the vocabulary of Context Mapper, as plain values."""

from __future__ import annotations

from dataclasses import dataclass

# Roles of one side of an upstream/downstream relationship, and the relationship types, as Context Mapper names them.
UPSTREAM_PATTERNS = ("open-host-service", "published-language")
DOWNSTREAM_PATTERNS = ("anti-corruption-layer", "conformist")
SYMMETRIC_PATTERNS = ("shared-kernel", "partnership", "separate-ways")
PATTERNS = (*UPSTREAM_PATTERNS, *DOWNSTREAM_PATTERNS, "customer-supplier", *SYMMETRIC_PATTERNS)
# Context Mapper's abbreviations, for the marks drawn on maps.
ABBREVIATIONS = {
    "open-host-service": "OHS",
    "published-language": "PL",
    "anti-corruption-layer": "ACL",
    "conformist": "CF",
    "customer-supplier": "C/S",
    "shared-kernel": "SK",
    "partnership": "P",
    "separate-ways": "SW",
}


@dataclass(frozen=True, order=True)
class DeclaredRelationship:
    """`{upstream, downstream, patterns}`: how two bounded contexts are meant to relate."""

    upstream: str
    downstream: str
    patterns: tuple[str, ...] = ()
    source: str = "mkdocs.yml"  # where it was declared, for messages

    @property
    def symmetric(self) -> bool:
        return any(pattern in SYMMETRIC_PATTERNS for pattern in self.patterns)

    def links(self, first: str, second: str) -> bool:
        """Whether this relationship is about the two contexts (either way round)."""
        return {first, second} == {self.upstream, self.downstream}

    def marks(self) -> tuple[str, str]:
        """Context Mapper's marks for the upstream and downstream ends, e.g. ("U,OHS,PL", "D,ACL")."""
        if self.symmetric:
            shared = ",".join(ABBREVIATIONS[p] for p in self.patterns if p in SYMMETRIC_PATTERNS)
            return shared, shared
        upstream = ["U"] + [ABBREVIATIONS[p] for p in self.patterns if p in UPSTREAM_PATTERNS]
        downstream = ["D"] + [ABBREVIATIONS[p] for p in self.patterns if p in DOWNSTREAM_PATTERNS]
        if "customer-supplier" in self.patterns:
            upstream.append("S")
            downstream.append("C")
        return ",".join(upstream), ",".join(downstream)
