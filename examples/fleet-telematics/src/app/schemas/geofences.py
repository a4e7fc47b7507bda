"""Request and response bodies for /geofences."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, Field

from app.domain.entities.geofence import Geofence


class GeofenceIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    radius_m: int = Field(ge=25, le=50_000)
    restricted: bool = False


class GeofenceOut(GeofenceIn):
    id: UUID

    @classmethod
    def from_entity(cls, geofence: Geofence) -> GeofenceOut:
        return cls(
            id=geofence.id,
            name=geofence.name,
            latitude=geofence.center.latitude,
            longitude=geofence.center.longitude,
            radius_m=geofence.radius_m,
            restricted=geofence.restricted,
        )
