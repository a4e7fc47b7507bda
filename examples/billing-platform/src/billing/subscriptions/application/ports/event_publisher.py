"""Port through which subscriptions announces its events to the other contexts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from billing.shared.events import DomainEvent


class EventPublisher(ABC):
    """Publishes events after the state that produced them was saved."""

    @abstractmethod
    async def publish(self, events: Sequence[DomainEvent]) -> None: ...
