"""Commands: requests, in the imperative, that exactly one handler carries out (or rejects)."""

from __future__ import annotations

from dataclasses import dataclass


class Command:
    """Base class of every command."""


@dataclass(frozen=True)
class InstallLockerBank(Command):
    reference: str
    site: str
    compartments: dict[str, str]  # compartment code -> size ("S", "M", "L")


@dataclass(frozen=True)
class ReserveCompartment(Command):
    bank_reference: str
    parcel_id: str
    recipient_email: str
    size: str


@dataclass(frozen=True)
class DepositParcel(Command):
    bank_reference: str
    parcel_id: str


@dataclass(frozen=True)
class CollectParcel(Command):
    bank_reference: str
    compartment_code: str
    pickup_code: str


@dataclass(frozen=True)
class ExpireReservations(Command):
    bank_reference: str


@dataclass(frozen=True)
class TakeCompartmentOutOfService(Command):
    bank_reference: str
    compartment_code: str
