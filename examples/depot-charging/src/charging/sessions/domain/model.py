"""The ChargingSession aggregate: one vehicle on one connector, from remote start to stop."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

# NOTE: deliberate violation (layer-dependency)
from charging.sessions.adapters.ocpp_gateway import StopReason
from charging.sessions.domain.events import SessionStarted, SessionStopped
from charging.sessions.domain.value_objects import ConnectorId, EnergyKwh, VehicleId
from charging.shared.model import AggregateRoot, new_id, utcnow


class SessionStatus(StrEnum):
    CHARGING = "charging"
    STOPPED = "stopped"


class SessionError(Exception):
    """A request the session's current state does not allow."""


class ChargingSession(AggregateRoot):
    """Aggregate root of a charging session.

    Guards the state machine (charging -> stopped) and the energy register, which only moves forward.
    Refers to the charger and the vehicle by identity only.
    """

    def __init__(
        self,
        session_id: str,
        connector: ConnectorId,
        vehicle_id: VehicleId,
        started_at: datetime,
        start_register: EnergyKwh,
        status: SessionStatus = SessionStatus.CHARGING,
        stop_register: EnergyKwh | None = None,
        stopped_at: datetime | None = None,
    ) -> None:
        super().__init__()
        self.id = session_id
        self.connector = connector
        self.vehicle_id = vehicle_id
        self.started_at = started_at
        self.start_register = start_register
        self.status = status
        self.stop_register = stop_register
        self.stopped_at = stopped_at

    @classmethod
    def begin(cls, connector: ConnectorId, vehicle_id: VehicleId, start_register: EnergyKwh) -> ChargingSession:
        session = cls(new_id("ses"), connector, vehicle_id, utcnow(), start_register)
        session.events.append(
            SessionStarted(session.id, connector.charger, connector.number, vehicle_id, session.started_at)
        )
        return session

    @property
    def is_open(self) -> bool:
        return self.status is SessionStatus.CHARGING

    def stop(self, reason: str, final_register: EnergyKwh) -> None:
        """End the session; ``reason`` must be one of the OCPP StopTransaction reasons."""
        if not self.is_open:
            raise SessionError(f"session {self.id} is already {self.status.value}")
        if final_register.value < self.start_register.value:
            raise SessionError(f"energy register went backwards on {self.id}; was the meter reset?")
        self.status = SessionStatus.STOPPED
        self.stop_register = final_register
        self.stopped_at = utcnow()
        self.events.append(
            SessionStopped(
                session_id=self.id,
                charger_id=self.connector.charger,
                vehicle_id=self.vehicle_id,
                energy_delivered=final_register - self.start_register,
                started_at=self.started_at,
                occurred_at=self.stopped_at,
                reason=StopReason(reason).value,
            )
        )
