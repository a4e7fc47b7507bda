"""Opening, extending and closing trips as pings arrive."""

from __future__ import annotations

from uuid import UUID

from app.domain.entities.trip import Trip
from app.domain.exceptions import NotFound
from app.domain.ports.messaging import EventPublisher
from app.domain.ports.repositories import TripRepository
from app.domain.value_objects.geo import GeoPoint, GpsPing
from app.services.vehicle_service import VehicleService


class TripService:
    """Use cases on trips. Ignition on opens a trip; ignition off closes it and moves the odometer."""

    def __init__(self, trips: TripRepository, vehicles: VehicleService, publisher: EventPublisher) -> None:
        self._trips = trips
        self._vehicles = vehicles
        self._publisher = publisher

    async def record_ping(self, ping: GpsPing, driver_id: UUID | None = None) -> Trip | None:
        trip = await self._trips.get_open_for_vehicle(ping.vehicle_id)
        if trip is None and not ping.ignition_on:
            return None
        if trip is None:
            vehicle = await self._vehicles.get_vehicle(ping.vehicle_id)
            trip = Trip.start(vehicle, driver_id, ping)
        elif ping.ignition_on:
            trip.record_ping(ping)
        else:
            trip.end(ping)
            trip.vehicle.add_distance(trip.distance_km)
            await self._vehicles.save_and_announce(trip.vehicle)
        await self._trips.save(trip)
        await self._publisher.publish(trip.pull_events())
        return trip

    async def last_position(self, vehicle_id: UUID) -> GeoPoint | None:
        trip = await self._trips.get_open_for_vehicle(vehicle_id)
        return trip.last_ping.position if trip is not None else None

    async def get_trip(self, trip_id: UUID) -> Trip:
        trip = await self._trips.get(trip_id)
        if trip is None:
            raise NotFound(f"trip {trip_id} does not exist")
        return trip
