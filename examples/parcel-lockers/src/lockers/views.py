"""Read side: raw SQL over ``reservations_view`` and the compartments table, no aggregates involved.

The event handlers keep ``reservations_view`` up to date through the writers at the bottom of this module.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text

from lockers.service_layer import unit_of_work


def reservation_for(parcel_id: str, uow: unit_of_work.SqlAlchemyUnitOfWork) -> dict[str, Any] | None:
    with uow:
        row = uow.session.execute(
            text(
                "SELECT bank_reference, compartment_code, expires_at, status"
                " FROM reservations_view WHERE parcel_id = :parcel_id"
            ),
            dict(parcel_id=parcel_id),
        ).first()
    return dict(row._mapping) if row is not None else None


def free_compartments(bank_reference: str, uow: unit_of_work.SqlAlchemyUnitOfWork) -> dict[str, int]:
    """Free compartments per size ("S", "M", "L") in one bank."""
    with uow:
        rows = uow.session.execute(
            text(
                "SELECT c.size, count(*) FROM compartments c JOIN locker_banks b ON b.id = c.bank_id"
                " WHERE b.reference = :reference AND c.in_service AND c.reserved_parcel_id IS NULL"
                " GROUP BY c.size"
            ),
            dict(reference=bank_reference),
        ).all()
    return {size: count for size, count in rows}


def insert_reservation(
    uow: unit_of_work.SqlAlchemyUnitOfWork, parcel_id: str, bank_reference: str, compartment_code: str, until: datetime
) -> None:
    uow.session.execute(
        text(
            "INSERT INTO reservations_view (parcel_id, bank_reference, compartment_code, expires_at)"
            " VALUES (:parcel_id, :bank, :code, :until)"
        ),
        dict(parcel_id=parcel_id, bank=bank_reference, code=compartment_code, until=until),
    )


def set_reservation_status(uow: unit_of_work.SqlAlchemyUnitOfWork, parcel_id: str, status: str) -> None:
    uow.session.execute(
        text("UPDATE reservations_view SET status = :status WHERE parcel_id = :parcel_id"),
        dict(status=status, parcel_id=parcel_id),
    )


def delete_reservation(uow: unit_of_work.SqlAlchemyUnitOfWork, parcel_id: str) -> None:
    uow.session.execute(text("DELETE FROM reservations_view WHERE parcel_id = :parcel_id"), dict(parcel_id=parcel_id))
