"""The LockerBank aggregate and what lives inside it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from lockers.domain import commands, events

RESERVATION_HOLD = timedelta(hours=48)


class UnknownParcel(Exception):
    pass


class UnknownCompartment(Exception):
    pass


class WrongPickupCode(Exception):
    pass


class CompartmentSize(StrEnum):
    SMALL = "S"
    MEDIUM = "M"
    LARGE = "L"

    @property
    def rank(self) -> int:
        return "SML".index(self.value)

    def fits(self, parcel: CompartmentSize) -> bool:
        return self.rank >= parcel.rank


@dataclass(frozen=True)
class Reservation:
    """Which parcel a compartment is held for, for whom, and until when."""

    parcel_id: str
    recipient_email: str
    expires_at: datetime


class Compartment:
    """One door of a bank, known by its code (e.g. "B07"). An entity inside the LockerBank aggregate."""

    def __init__(self, code: str, size: CompartmentSize, in_service: bool = True) -> None:
        self.code = code
        self.size = size
        self.in_service = in_service
        self.reservation: Reservation | None = None
        self.pickup_code: str | None = None

    @property
    def occupied(self) -> bool:
        return self.pickup_code is not None

    @property
    def free(self) -> bool:
        return self.in_service and self.reservation is None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Compartment) and other.code == self.code

    def __hash__(self) -> int:
        return hash(self.code)


class LockerBank:
    """Aggregate root: the compartments of one bank change together, guarded by an optimistic version number.

    Every state change bumps ``version_number``; two transactions that loaded the same version cannot both
    commit. What happened is recorded in ``self.events`` for the message bus to collect after the commit.
    """

    def __init__(self, reference: str, site: str, compartments: list[Compartment], version_number: int = 0) -> None:
        self.reference = reference
        self.site = site
        self.compartments = compartments
        self.version_number = version_number
        self.events: list[events.Event | commands.Command] = []

    def reserve(self, parcel_id: str, recipient_email: str, size: CompartmentSize, now: datetime) -> str | None:
        """Hold the smallest free compartment that fits; record NoCompartmentAvailable if none does."""
        candidates = [c for c in self.compartments if c.free and c.size.fits(size)]
        if not candidates:
            self.events.append(events.NoCompartmentAvailable(self.reference, parcel_id, size.value))
            return None
        compartment = min(candidates, key=lambda c: (c.size.rank, c.code))
        compartment.reservation = Reservation(parcel_id, recipient_email, now + RESERVATION_HOLD)
        self.version_number += 1
        self.events.append(
            events.CompartmentReserved(self.reference, compartment.code, parcel_id, now + RESERVATION_HOLD)
        )
        return compartment.code

    def deposit(self, parcel_id: str) -> str:
        """The courier closed the door on the parcel: issue the recipient's pickup code."""
        compartment = self._reserved_for(parcel_id)
        assert compartment.reservation is not None
        compartment.pickup_code = f"{secrets.randbelow(1_000_000):06d}"
        self.version_number += 1
        self.events.append(
            events.ParcelDeposited(
                self.reference,
                compartment.code,
                parcel_id,
                compartment.reservation.recipient_email,
                compartment.pickup_code,
            )
        )
        return compartment.pickup_code

    def collect(self, compartment_code: str, pickup_code: str) -> None:
        compartment = self._compartment(compartment_code)
        if compartment.reservation is None or not secrets.compare_digest(compartment.pickup_code or "", pickup_code):
            raise WrongPickupCode(f"wrong code for {self.reference}/{compartment_code}")
        parcel_id = compartment.reservation.parcel_id
        compartment.reservation, compartment.pickup_code = None, None
        self.version_number += 1
        self.events.append(events.ParcelCollected(self.reference, compartment_code, parcel_id))

    def expire_reservations(self, now: datetime) -> None:
        for compartment in self.compartments:
            reservation = compartment.reservation
            if reservation is None or compartment.occupied or reservation.expires_at > now:
                continue
            compartment.reservation = None
            self.version_number += 1
            self.events.append(events.ReservationExpired(self.reference, compartment.code, reservation.parcel_id))

    def take_out_of_service(self, compartment_code: str) -> None:
        """A faulty door: stop using it, and ask for the parcel it was held for to be reserved elsewhere."""
        compartment = self._compartment(compartment_code)
        compartment.in_service = False
        self.version_number += 1
        reservation = compartment.reservation
        if reservation is not None and not compartment.occupied:
            compartment.reservation = None
            self.events.append(
                commands.ReserveCompartment(
                    self.reference, reservation.parcel_id, reservation.recipient_email, compartment.size.value
                )
            )

    def _reserved_for(self, parcel_id: str) -> Compartment:
        for compartment in self.compartments:
            if compartment.reservation is not None and compartment.reservation.parcel_id == parcel_id:
                return compartment
        raise UnknownParcel(f"no compartment of {self.reference} is reserved for parcel {parcel_id}")

    def _compartment(self, code: str) -> Compartment:
        for compartment in self.compartments:
            if compartment.code == code:
                return compartment
        raise UnknownCompartment(f"{self.reference} has no compartment {code}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LockerBank) and other.reference == self.reference

    def __hash__(self) -> int:
        return hash(self.reference)
