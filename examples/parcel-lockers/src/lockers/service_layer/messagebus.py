"""The message bus: which handler(s) each message goes to, and the loop that dispatches them.

A command has exactly one handler and its failure reaches the caller; an event has any number of handlers,
each retried with exponential back-off and then logged, never propagated. Messages the handlers' aggregates
record are collected from the unit of work and dispatched in the same loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from tenacity import RetryError, Retrying, stop_after_attempt, wait_exponential

from lockers.domain import commands, events
from lockers.service_layer import handlers, unit_of_work

logger = logging.getLogger(__name__)

Message = commands.Command | events.Event

COMMAND_HANDLERS: dict[type[commands.Command], Callable[..., Any]] = {
    commands.InstallLockerBank: handlers.install_locker_bank,
    commands.ReserveCompartment: handlers.reserve_compartment,
    commands.DepositParcel: handlers.deposit_parcel,
    commands.CollectParcel: handlers.collect_parcel,
    commands.ExpireReservations: handlers.expire_reservations,
    commands.TakeCompartmentOutOfService: handlers.take_compartment_out_of_service,
}

EVENT_HANDLERS: dict[type[events.Event], list[Callable[..., None]]] = {
    events.CompartmentReserved: [handlers.publish_compartment_reserved, handlers.add_reservation_to_read_model],
    events.NoCompartmentAvailable: [handlers.alert_operations],
    events.ParcelDeposited: [handlers.email_pickup_code, handlers.mark_deposited_in_read_model],
    events.ParcelCollected: [handlers.publish_parcel_collected, handlers.remove_reservation_from_read_model],
    events.ReservationExpired: [handlers.remove_reservation_from_read_model],
}


class MessageBus:
    """Dispatches messages to handlers whose dependencies bootstrap has already bound."""

    def __init__(
        self,
        uow: unit_of_work.AbstractUnitOfWork,
        event_handlers: dict[type[events.Event], list[Callable[[events.Event], None]]],
        command_handlers: dict[type[commands.Command], Callable[[commands.Command], Any]],
    ) -> None:
        self.uow = uow
        self.event_handlers = event_handlers
        self.command_handlers = command_handlers

    def handle(self, message: Message) -> list[Any]:
        """Process a message and everything it causes; returns the results of the command handlers."""
        results: list[Any] = []
        queue: list[Message] = [message]
        while queue:
            current = queue.pop(0)
            if isinstance(current, events.Event):
                self._handle_event(current, queue)
            elif isinstance(current, commands.Command):
                results.append(self._handle_command(current, queue))
            else:
                raise TypeError(f"{current!r} is neither a command nor an event")
        return results

    def _handle_command(self, command: commands.Command, queue: list[Message]) -> Any:
        logger.debug("handling command %s", command)
        try:
            return self.command_handlers[type(command)](command)
        finally:
            queue.extend(self.uow.collect_new_events())

    def _handle_event(self, event: events.Event, queue: list[Message]) -> None:
        for handler in self.event_handlers.get(type(event), []):
            try:
                for attempt in Retrying(stop=stop_after_attempt(3), wait=wait_exponential(min=0.1, max=2)):
                    with attempt:
                        logger.debug("handling event %s with %s", event, handler)
                        handler(event)
                        queue.extend(self.uow.collect_new_events())
            except RetryError as error:
                logger.error("giving up on %s for %s: %s", handler, event, error.last_attempt.exception())
