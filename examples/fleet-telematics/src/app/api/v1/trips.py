"""Routes for trips and for uploading raw telemetry."""

from __future__ import annotations

import base64
import binascii
from uuid import UUID

from fastapi import APIRouter, HTTPException, status

from app.api.v1.deps import IngestionServiceDep, TripServiceDep
from app.schemas.trips import TelemetryAccepted, TelemetryUpload, TripOut

router = APIRouter(tags=["trips"])


@router.get("/trips/{trip_id}", response_model=TripOut)
async def get_trip(trip_id: UUID, service: TripServiceDep) -> TripOut:
    return TripOut.from_entity(await service.get_trip(trip_id))


@router.post("/vehicles/{vehicle_id}/telemetry", response_model=TelemetryAccepted, status_code=202)
async def upload_telemetry(vehicle_id: UUID, body: TelemetryUpload, service: IngestionServiceDep) -> TelemetryAccepted:
    try:
        frames = [base64.b64decode(frame, validate=True) for frame in body.frames]
    except binascii.Error as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, f"frames must be base64: {error}") from error
    result = await service.ingest(vehicle_id, frames)
    return TelemetryAccepted(accepted=result.accepted, rejected=result.rejected, alerts=result.alerts)
