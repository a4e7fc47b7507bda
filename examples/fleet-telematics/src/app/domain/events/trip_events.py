"""Events in the life of a trip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class TripStarted:
    trip_id: UUID
    vehicle_id: UUID
    driver_id: UUID | None
    started_at: datetime


@dataclass(frozen=True)
class TripEnded:
    trip_id: UUID
    vehicle_id: UUID
    ended_at: datetime
    distance_km: float
    max_speed_kph: float
