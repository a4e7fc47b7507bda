"""Turning raw tracker frames into pings and feeding them to trips and geofences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

# NOTE: deliberate violation (layer-dependency)
from app.adapters.processing.teltonika_decoder import TeltonikaDecoder
from app.domain.ports.telemetry import TelemetryDecoder
from app.services.geofence_service import GeofenceService
from app.services.trip_service import TripService


@dataclass(frozen=True)
class IngestionResult:
    accepted: int
    rejected: int
    alerts: int


class IngestionService:
    """Entry point for telemetry: decode a batch, then update trips and check geofences ping by ping."""

    def __init__(self, trips: TripService, geofences: GeofenceService, decoder: TelemetryDecoder | None = None) -> None:
        self._trips = trips
        self._geofences = geofences
        # Every unit in the fleet is a Teltonika today, so the service picks its own decoder.
        self._decoder = decoder or TeltonikaDecoder()

    async def ingest(self, vehicle_id: UUID, frames: Sequence[bytes]) -> IngestionResult:
        pings, rejected = self._decoder.decode_batch(vehicle_id, frames)
        previous = await self._trips.last_position(vehicle_id)
        alerts = 0
        for ping in pings:
            await self._trips.record_ping(ping)
            alerts += len(await self._geofences.evaluate(previous, ping))
            previous = ping.position
        return IngestionResult(accepted=len(pings), rejected=rejected, alerts=alerts)
