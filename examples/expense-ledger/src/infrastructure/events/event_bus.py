"""In-process implementation of the EventBus protocol."""

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable

from src.domain.events.base import DomainEvent

EventCallback = Callable[[DomainEvent], Awaitable[None]]
logger = logging.getLogger(__name__)


class EventBus:
    """Calls the subscribed callbacks of an event's exact type, in order; a failing handler is
    logged and does not stop the others (the command that published the event already succeeded)."""

    def __init__(self) -> None:
        self._subscribers: dict[type[DomainEvent], list[EventCallback]] = defaultdict(list)

    def subscribe(self, event_type: type[DomainEvent], callback: EventCallback) -> None:
        self._subscribers[event_type].append(callback)

    async def publish(self, event: DomainEvent) -> None:
        for callback in self._subscribers[type(event)]:
            try:
                await callback(event)
            except Exception:
                logger.exception("handler %r failed on %s", callback, type(event).__name__)
