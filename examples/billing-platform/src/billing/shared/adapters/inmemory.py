"""An event publisher that keeps what it is given, for unit tests and local runs."""

from __future__ import annotations

from collections.abc import Sequence

from billing.shared.events import DomainEvent


class InMemoryEventPublisher:
    """Records published events in order; tests assert on `published`."""

    def __init__(self) -> None:
        self.published: list[DomainEvent] = []

    async def publish(self, events: Sequence[DomainEvent]) -> None:
        self.published.extend(events)
