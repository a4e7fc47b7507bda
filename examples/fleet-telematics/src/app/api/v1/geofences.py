"""Routes for /geofences."""

from __future__ import annotations

from fastapi import APIRouter, status

# NOTE: deliberate violation (inbound-not-outbound)
from app.adapters.persistence.repositories import SqlAlchemyGeofenceRepository
from app.api.v1.deps import GeofenceServiceDep, Session
from app.domain.value_objects.geo import GeoPoint
from app.schemas.geofences import GeofenceIn, GeofenceOut

router = APIRouter(prefix="/geofences", tags=["geofences"])


@router.post("", response_model=GeofenceOut, status_code=status.HTTP_201_CREATED)
async def draw_geofence(body: GeofenceIn, service: GeofenceServiceDep) -> GeofenceOut:
    center = GeoPoint(body.latitude, body.longitude)
    return GeofenceOut.from_entity(await service.draw_geofence(body.name, center, body.radius_m, body.restricted))


@router.get("", response_model=list[GeofenceOut])
async def list_geofences(session: Session) -> list[GeofenceOut]:
    # "Too small for a service method": the route reads the repository adapter itself.
    return [GeofenceOut.from_entity(g) for g in await SqlAlchemyGeofenceRepository(session).list_all()]
