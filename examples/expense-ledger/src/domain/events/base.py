"""The common supertype of domain events."""

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Marker base class: something that happened to a claim or a payout."""
