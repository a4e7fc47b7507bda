"""In-process message bus: one handler per command, any number of subscribers per domain event."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from charging.shared.model import Command, DomainEvent

CommandHandler = Callable[[Any], Any]
EventHandler = Callable[[Any], None]


class MessageBus:
    """Routes commands to their handler and events to their subscribers.

    Events arrive here from the outbox relay, never straight from a router or an aggregate.
    """

    def __init__(
        self,
        command_handlers: Mapping[type[Command], CommandHandler],
        event_handlers: Mapping[type[DomainEvent], Sequence[EventHandler]],
    ) -> None:
        self._command_handlers = dict(command_handlers)
        self._event_handlers = dict(event_handlers)

    def handle(self, command: Command) -> Any:
        handler = self._command_handlers.get(type(command))
        if handler is None:
            raise LookupError(f"no handler registered for {type(command).__name__}")
        return handler(command)

    def publish(self, event: DomainEvent) -> None:
        for handler in self._event_handlers.get(type(event), ()):
            handler(event)
