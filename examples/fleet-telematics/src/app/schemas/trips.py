"""Response bodies for trips and the telemetry upload."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from app.domain.entities.trip import Trip


class TripOut(BaseModel):
    id: UUID
    vehicle_id: UUID
    started_at: datetime
    ended_at: datetime | None
    distance_km: float
    max_speed_kph: float

    @classmethod
    def from_entity(cls, trip: Trip) -> TripOut:
        return cls(
            id=trip.id,
            vehicle_id=trip.vehicle.id,
            started_at=trip.started_at,
            ended_at=trip.ended_at,
            distance_km=round(trip.distance_km, 2),
            max_speed_kph=trip.max_speed_kph,
        )


class TelemetryUpload(BaseModel):
    """Frames as the gateway forwards them: base64 strings, oldest first."""

    frames: list[str] = Field(min_length=1, max_length=500)


class TelemetryAccepted(BaseModel):
    accepted: int
    rejected: int
    alerts: int
