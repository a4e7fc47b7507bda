"""Registering vehicles and keeping their service schedule."""

from __future__ import annotations

from uuid import UUID

from app.domain.entities.vehicle import Vehicle
from app.domain.events import MaintenanceDue
from app.domain.exceptions import Conflict, NotFound
from app.domain.ports.messaging import AlertNotifier, EventPublisher
from app.domain.ports.repositories import VehicleRepository
from app.domain.value_objects.vehicle_identity import Vin


class VehicleService:
    """Use cases on vehicles: registration, services done, announcing maintenance due."""

    def __init__(self, vehicles: VehicleRepository, publisher: EventPublisher, notifier: AlertNotifier) -> None:
        self._vehicles = vehicles
        self._publisher = publisher
        self._notifier = notifier

    async def register_vehicle(self, vin: str, registration: str, odometer_km: int, interval_km: int) -> Vehicle:
        checked = Vin(vin.strip().upper())
        if await self._vehicles.get_by_vin(checked) is not None:
            raise Conflict(f"VIN {checked.value} is already registered")
        vehicle = Vehicle.register(checked, registration, odometer_km, interval_km)
        await self._vehicles.save(vehicle)
        return vehicle

    async def get_vehicle(self, vehicle_id: UUID) -> Vehicle:
        vehicle = await self._vehicles.get(vehicle_id)
        if vehicle is None:
            raise NotFound(f"vehicle {vehicle_id} is not registered")
        return vehicle

    async def record_service(self, vehicle_id: UUID) -> None:
        vehicle = await self.get_vehicle(vehicle_id)
        vehicle.record_service()
        await self._vehicles.save(vehicle)

    async def save_and_announce(self, vehicle: Vehicle) -> None:
        """Persist a vehicle changed elsewhere (after a trip) and publish what it recorded."""
        await self._vehicles.save(vehicle)
        events = vehicle.pull_events()
        await self._publisher.publish(events)
        for event in events:
            if isinstance(event, MaintenanceDue):
                await self._notifier.maintenance_due(event)
