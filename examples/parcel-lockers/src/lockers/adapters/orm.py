"""Imperative SQLAlchemy mapping: the domain classes stay plain, the tables are described here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, DateTime, Enum, ForeignKey, Integer, String, Table, event
from sqlalchemy.orm import composite, registry, relationship

from lockers.domain import model

mapper_registry = registry()
metadata = mapper_registry.metadata

locker_banks = Table(
    "locker_banks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("site", String(200), nullable=False),
    Column("version_number", Integer, nullable=False, server_default="0"),
)

compartments = Table(
    "compartments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bank_id", ForeignKey("locker_banks.id"), nullable=False),
    Column("code", String(8), nullable=False),
    Column("size", Enum(model.CompartmentSize), nullable=False),
    Column("in_service", Boolean, nullable=False, default=True),
    Column("reserved_parcel_id", String(64)),
    Column("reserved_for_email", String(254)),
    Column("reserved_until", DateTime(timezone=True)),
    Column("pickup_code", String(6)),
)

reservations_view = Table(
    "reservations_view",
    metadata,
    Column("parcel_id", String(64), primary_key=True),
    Column("bank_reference", String(32), nullable=False),
    Column("compartment_code", String(8), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False, server_default="reserved"),
)


def start_mappers() -> None:
    compartments_mapper = mapper_registry.map_imperatively(
        model.Compartment,
        compartments,
        properties=dict(
            reservation=composite(
                model.Reservation,
                compartments.c.reserved_parcel_id,
                compartments.c.reserved_for_email,
                compartments.c.reserved_until,
            ),
        ),
    )
    mapper_registry.map_imperatively(
        model.LockerBank,
        locker_banks,
        properties=dict(compartments=relationship(compartments_mapper, order_by=compartments.c.code)),
        version_id_col=locker_banks.c.version_number,
        version_id_generator=False,
    )


@event.listens_for(model.LockerBank, "load")
def receive_load(bank: model.LockerBank, _: Any) -> None:
    """Banks loaded from the database start with no pending messages (``__init__`` is not called)."""
    bank.events = []
