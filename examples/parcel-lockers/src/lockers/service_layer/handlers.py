"""Handlers: plain functions, one per use case. Command handlers take ``(command, uow)``; event handlers take
the event and whatever they need (``uow``, ``notifications``, ``publish``), injected by ``bootstrap``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from lockers import views
from lockers.domain import commands, events, model
from lockers.service_layer import unit_of_work

if TYPE_CHECKING:
    # NOTE: deliberate violation (layer-dependency)
    from lockers.adapters import notifications

OPERATIONS_DESK = "lockers-ops@example.com"
Publish = Callable[[str, events.Event], None]


class UnknownBank(Exception):
    pass


def _bank(uow: unit_of_work.AbstractUnitOfWork, reference: str) -> model.LockerBank:
    bank = uow.banks.get(reference)
    if bank is None:
        raise UnknownBank(f"no locker bank {reference!r}")
    return bank


def install_locker_bank(cmd: commands.InstallLockerBank, uow: unit_of_work.AbstractUnitOfWork) -> None:
    with uow:
        compartments = [model.Compartment(code, model.CompartmentSize(size)) for code, size in cmd.compartments.items()]
        uow.banks.add(model.LockerBank(cmd.reference, cmd.site, compartments))
        uow.commit()


def reserve_compartment(cmd: commands.ReserveCompartment, uow: unit_of_work.AbstractUnitOfWork) -> str | None:
    with uow:
        bank = _bank(uow, cmd.bank_reference)
        size = model.CompartmentSize(cmd.size)
        code = bank.reserve(cmd.parcel_id, cmd.recipient_email, size, now=datetime.now(UTC))
        uow.commit()
    return code


def deposit_parcel(cmd: commands.DepositParcel, uow: unit_of_work.AbstractUnitOfWork) -> None:
    with uow:
        _bank(uow, cmd.bank_reference).deposit(cmd.parcel_id)
        uow.commit()


def collect_parcel(cmd: commands.CollectParcel, uow: unit_of_work.AbstractUnitOfWork) -> None:
    with uow:
        _bank(uow, cmd.bank_reference).collect(cmd.compartment_code, cmd.pickup_code)
        uow.commit()


def expire_reservations(cmd: commands.ExpireReservations, uow: unit_of_work.AbstractUnitOfWork) -> None:
    with uow:
        _bank(uow, cmd.bank_reference).expire_reservations(now=datetime.now(UTC))
        uow.commit()


def take_compartment_out_of_service(
    cmd: commands.TakeCompartmentOutOfService, uow: unit_of_work.AbstractUnitOfWork
) -> None:
    with uow:
        _bank(uow, cmd.bank_reference).take_out_of_service(cmd.compartment_code)
        uow.commit()


def alert_operations(event: events.NoCompartmentAvailable, notifications: notifications.AbstractNotifications) -> None:
    notifications.send(
        OPERATIONS_DESK,
        f"Bank {event.bank_reference} is full",
        f"No {event.size} compartment free for parcel {event.parcel_id}; the courier will redirect it.",
    )


def email_pickup_code(event: events.ParcelDeposited, notifications: notifications.AbstractNotifications) -> None:
    notifications.send(
        event.recipient_email,
        "Your parcel is ready",
        f"Open compartment {event.compartment_code} at locker {event.bank_reference} with code {event.pickup_code}.",
    )


def publish_compartment_reserved(event: events.CompartmentReserved, publish: Publish) -> None:
    publish("compartment_reserved", event)


def publish_parcel_collected(event: events.ParcelCollected, publish: Publish) -> None:
    publish("parcel_collected", event)


def add_reservation_to_read_model(event: events.CompartmentReserved, uow: unit_of_work.SqlAlchemyUnitOfWork) -> None:
    with uow:
        views.insert_reservation(uow, event.parcel_id, event.bank_reference, event.compartment_code, event.expires_at)
        uow.commit()


def mark_deposited_in_read_model(event: events.ParcelDeposited, uow: unit_of_work.SqlAlchemyUnitOfWork) -> None:
    with uow:
        views.set_reservation_status(uow, event.parcel_id, "ready_for_pickup")
        uow.commit()


def remove_reservation_from_read_model(
    event: events.ParcelCollected | events.ReservationExpired, uow: unit_of_work.SqlAlchemyUnitOfWork
) -> None:
    with uow:
        views.delete_reservation(uow, event.parcel_id)
        uow.commit()
