"""Repositories over PostgreSQL; each implements the matching port of app.domain.ports.repositories."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.adapters.persistence.mappers import GeofenceMapper, TripMapper, VehicleMapper
from app.domain.entities.geofence import Geofence
from app.domain.entities.trip import Trip
from app.domain.entities.vehicle import Vehicle
from app.domain.value_objects.vehicle_identity import Vin
from app.models.geofence import GeofenceModel
from app.models.trip import TripModel
from app.models.vehicle import VehicleModel


class SqlAlchemyVehicleRepository:
    """Implements VehicleRepository."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, vehicle_id: UUID) -> Vehicle | None:
        model = await self._session.get(VehicleModel, vehicle_id)
        return VehicleMapper.to_entity(model) if model is not None else None

    async def get_by_vin(self, vin: Vin) -> Vehicle | None:
        model = await self._session.scalar(select(VehicleModel).where(VehicleModel.vin == vin.value))
        return VehicleMapper.to_entity(model) if model is not None else None

    async def save(self, vehicle: Vehicle) -> None:
        await self._session.merge(VehicleMapper.to_model(vehicle))


class SqlAlchemyTripRepository:
    """Implements TripRepository."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, trip_id: UUID) -> Trip | None:
        model = await self._session.get(TripModel, trip_id)
        return TripMapper.to_entity(model) if model is not None else None

    async def get_open_for_vehicle(self, vehicle_id: UUID) -> Trip | None:
        stmt = select(TripModel).where(TripModel.vehicle_id == vehicle_id, TripModel.ended_at.is_(None))
        model = await self._session.scalar(stmt)
        return TripMapper.to_entity(model) if model is not None else None

    async def save(self, trip: Trip) -> None:
        await self._session.merge(TripMapper.to_model(trip))


class SqlAlchemyGeofenceRepository:
    """Implements GeofenceRepository."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list_all(self) -> list[Geofence]:
        return [GeofenceMapper.to_entity(model) for model in await self._session.scalars(select(GeofenceModel))]

    async def save(self, geofence: Geofence) -> None:
        await self._session.merge(GeofenceMapper.to_model(geofence))
