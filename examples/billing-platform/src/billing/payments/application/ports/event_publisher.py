"""Port through which payments announces charge outcomes."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from billing.shared.events import DomainEvent


class EventPublisher(ABC):
    @abstractmethod
    async def publish(self, events: Sequence[DomainEvent]) -> None: ...
