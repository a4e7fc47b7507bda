"""Value objects of the sessions context: charger, connector and vehicle identity, and energy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CHARGE_POINT_IDENTITY = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,31}$")


@dataclass(frozen=True)
class ChargerId:
    """The identity a charger announces in its OCPP BootNotification, e.g. ``DEPOT1-CP07``."""

    value: str

    def __post_init__(self) -> None:
        if not CHARGE_POINT_IDENTITY.match(self.value):
            raise ValueError(f"invalid charge point identity: {self.value!r}")

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ConnectorId:
    """One connector of a charger; OCPP numbers them from 1 (0 means the whole charger)."""

    charger: ChargerId
    number: int

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError("connector numbers start at 1")


@dataclass(frozen=True)
class VehicleId:
    """Fleet number of a bus or truck, e.g. ``BUS-0412``; sent to the charger as the OCPP idTag."""

    value: str


@dataclass(frozen=True)
class EnergyKwh:
    """A non-negative quantity of energy in kilowatt-hours, to watt-hour precision."""

    value: Decimal

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("energy cannot be negative")
        object.__setattr__(self, "value", Decimal(self.value).quantize(Decimal("0.001")))

    @classmethod
    def from_wh(cls, watt_hours: int) -> EnergyKwh:
        return cls(Decimal(watt_hours) / 1000)

    def __sub__(self, other: EnergyKwh) -> EnergyKwh:
        return EnergyKwh(self.value - other.value)
