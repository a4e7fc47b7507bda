"""In-memory fakes of the ports, for service tests without PostgreSQL, Redis or the network."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from app.domain.entities.geofence import Geofence
from app.domain.entities.trip import Trip
from app.domain.entities.vehicle import Vehicle
from app.domain.events import DomainEvent, GeofenceEntered, MaintenanceDue
from app.domain.value_objects.vehicle_identity import Vin


class InMemoryVehicleRepository:
    def __init__(self) -> None:
        self.vehicles: dict[UUID, Vehicle] = {}

    async def get(self, vehicle_id: UUID) -> Vehicle | None:
        return self.vehicles.get(vehicle_id)

    async def get_by_vin(self, vin: Vin) -> Vehicle | None:
        return next((v for v in self.vehicles.values() if v.vin == vin), None)

    async def save(self, vehicle: Vehicle) -> None:
        self.vehicles[vehicle.id] = vehicle


class InMemoryTripRepository:
    def __init__(self) -> None:
        self.trips: dict[UUID, Trip] = {}

    async def get(self, trip_id: UUID) -> Trip | None:
        return self.trips.get(trip_id)

    async def get_open_for_vehicle(self, vehicle_id: UUID) -> Trip | None:
        return next((t for t in self.trips.values() if t.vehicle.id == vehicle_id and t.in_progress), None)

    async def save(self, trip: Trip) -> None:
        self.trips[trip.id] = trip


class InMemoryGeofenceRepository:
    def __init__(self, geofences: Sequence[Geofence] = ()) -> None:
        self.geofences = list(geofences)

    async def list_all(self) -> list[Geofence]:
        return list(self.geofences)

    async def save(self, geofence: Geofence) -> None:
        self.geofences = [g for g in self.geofences if g.id != geofence.id] + [geofence]


class FakeEventPublisher:
    def __init__(self) -> None:
        self.published: list[DomainEvent] = []

    async def publish(self, events: Sequence[DomainEvent]) -> None:
        self.published.extend(events)


class FakeAlertNotifier:
    def __init__(self) -> None:
        self.alerts: list[GeofenceEntered | MaintenanceDue] = []

    async def restricted_zone_entered(self, event: GeofenceEntered) -> None:
        self.alerts.append(event)

    async def maintenance_due(self, event: MaintenanceDue) -> None:
        self.alerts.append(event)
