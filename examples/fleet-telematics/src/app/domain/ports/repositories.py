"""Repository ports, one per aggregate."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from app.domain.entities.geofence import Geofence
from app.domain.entities.trip import Trip
from app.domain.entities.vehicle import Vehicle
from app.domain.value_objects.vehicle_identity import Vin


class VehicleRepository(Protocol):
    """Loads and stores Vehicle aggregates."""

    async def get(self, vehicle_id: UUID) -> Vehicle | None: ...

    async def get_by_vin(self, vin: Vin) -> Vehicle | None: ...

    async def save(self, vehicle: Vehicle) -> None: ...


class TripRepository(Protocol):
    """Loads and stores Trip aggregates."""

    async def get(self, trip_id: UUID) -> Trip | None: ...

    async def get_open_for_vehicle(self, vehicle_id: UUID) -> Trip | None: ...

    async def save(self, trip: Trip) -> None: ...


class GeofenceRepository(Protocol):
    """Loads and stores Geofence aggregates."""

    async def list_all(self) -> list[Geofence]: ...

    async def save(self, geofence: Geofence) -> None: ...
