"""Reactions of the tariffs context to events published by other contexts."""

from collections.abc import Callable

from charging.sessions.domain.events import SessionStopped
from charging.tariffs.ports.unit_of_work import TariffUnitOfWork


class NoTariffInForce(LookupError):
    """No published tariff covers the moment a session stopped."""


def price_stopped_session(event: SessionStopped, uow: Callable[[], TariffUnitOfWork]) -> None:
    """Price a stopped session with the tariff in force when it stopped.

    Idempotent: the outbox delivers at least once, so a session already in the ledger is skipped.
    """
    with uow() as tariffs:
        if tariffs.charges.exists(event.session_id):
            return
        tariff = tariffs.tariffs.in_force_at(event.occurred_at)
        if tariff is None:
            raise NoTariffInForce(f"no tariff in force at {event.occurred_at.isoformat()}")
        charge = tariff.price_session(event.session_id, event.energy_delivered, event.started_at, event.occurred_at)
        tariffs.charges.record(charge)
        tariffs.commit()
