"""Routes for /vehicles."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, status

from app.api.v1.deps import VehicleServiceDep
from app.schemas.vehicles import VehicleCreate, VehicleOut

router = APIRouter(prefix="/vehicles", tags=["vehicles"])


@router.post("", response_model=VehicleOut, status_code=status.HTTP_201_CREATED)
async def register_vehicle(body: VehicleCreate, service: VehicleServiceDep) -> VehicleOut:
    vehicle = await service.register_vehicle(body.vin, body.registration, body.odometer_km, body.service_interval_km)
    return VehicleOut.from_entity(vehicle)


@router.get("/{vehicle_id}", response_model=VehicleOut)
async def get_vehicle(vehicle_id: UUID, service: VehicleServiceDep) -> VehicleOut:
    return VehicleOut.from_entity(await service.get_vehicle(vehicle_id))


@router.post("/{vehicle_id}/services", status_code=status.HTTP_204_NO_CONTENT)
async def record_service(vehicle_id: UUID, service: VehicleServiceDep) -> None:
    await service.record_service(vehicle_id)
