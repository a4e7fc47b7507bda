"""Port for publishing domain events to their handlers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from src.domain.events.base import DomainEvent


class EventBus(Protocol):
    """Delivers each published event to the handlers registered for its type."""

    async def publish(self, event: DomainEvent) -> None:
        ...
