"""Alerts posted to the fleet manager's chat webhook."""

from __future__ import annotations

import httpx

from app.domain.events import GeofenceEntered, MaintenanceDue


class WebhookAlertNotifier:
    """Implements the AlertNotifier port by posting a one-line message to a webhook URL."""

    def __init__(self, client: httpx.AsyncClient, url: str) -> None:
        self._client = client
        self._url = url

    async def restricted_zone_entered(self, event: GeofenceEntered) -> None:
        await self._post(f"Vehicle {event.vehicle_id} entered restricted zone {event.geofence_id}")

    async def maintenance_due(self, event: MaintenanceDue) -> None:
        await self._post(f"Service due for vehicle {event.vehicle_id} at {event.odometer_km} km")

    async def _post(self, text: str) -> None:
        response = await self._client.post(self._url, json={"text": text}, timeout=5.0)
        response.raise_for_status()
