"""Domain events of the sessions context. Other contexts may import this module: it is the published language."""

from dataclasses import dataclass
from datetime import datetime

from charging.sessions.domain.value_objects import ChargerId, EnergyKwh, VehicleId
from charging.shared.model import DomainEvent


@dataclass(frozen=True)
class SessionStarted(DomainEvent):
    session_id: str
    charger_id: ChargerId
    connector: int
    vehicle_id: VehicleId
    occurred_at: datetime


@dataclass(frozen=True)
class SessionStopped(DomainEvent):
    """Charging ended; carries what the tariffs context needs to price the session."""

    session_id: str
    charger_id: ChargerId
    vehicle_id: VehicleId
    energy_delivered: EnergyKwh
    started_at: datetime
    occurred_at: datetime
    reason: str
