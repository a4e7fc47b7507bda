"""Events raised when a vehicle crosses the boundary of a geofence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True)
class GeofenceEntered:
    geofence_id: UUID
    vehicle_id: UUID
    occurred_at: datetime
    restricted: bool


@dataclass(frozen=True)
class GeofenceExited:
    geofence_id: UUID
    vehicle_id: UUID
    occurred_at: datetime
    restricted: bool
