"""Request and response bodies for /vehicles."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, Field

from app.domain.entities.vehicle import Vehicle


class VehicleCreate(BaseModel):
    vin: str = Field(min_length=17, max_length=17)
    registration: str = Field(min_length=2, max_length=16)
    odometer_km: int = Field(default=0, ge=0)
    service_interval_km: int = Field(default=20_000, gt=0)


class VehicleOut(BaseModel):
    id: UUID
    vin: str
    registration: str
    odometer_km: int
    next_service_km: int
    status: str

    @classmethod
    def from_entity(cls, vehicle: Vehicle) -> VehicleOut:
        return cls(
            id=vehicle.id,
            vin=vehicle.vin.value,
            registration=vehicle.registration,
            odometer_km=vehicle.odometer_km,
            next_service_km=vehicle.next_service_km,
            status=vehicle.status.value,
        )
