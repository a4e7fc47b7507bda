"""Domain events: facts, in the past tense, that any number of handlers may react to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class Event:
    """Base class of every domain event."""


@dataclass(frozen=True)
class CompartmentReserved(Event):
    bank_reference: str
    compartment_code: str
    parcel_id: str
    expires_at: datetime


@dataclass(frozen=True)
class NoCompartmentAvailable(Event):
    bank_reference: str
    parcel_id: str
    size: str


@dataclass(frozen=True)
class ParcelDeposited(Event):
    bank_reference: str
    compartment_code: str
    parcel_id: str
    recipient_email: str
    pickup_code: str


@dataclass(frozen=True)
class ParcelCollected(Event):
    bank_reference: str
    compartment_code: str
    parcel_id: str


@dataclass(frozen=True)
class ReservationExpired(Event):
    bank_reference: str
    compartment_code: str
    parcel_id: str
