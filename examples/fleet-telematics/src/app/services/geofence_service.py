"""Drawing geofences and checking every ping against them."""

from __future__ import annotations

from app.domain.entities.geofence import Geofence
from app.domain.events import DomainEvent, GeofenceEntered
from app.domain.ports.messaging import AlertNotifier, EventPublisher
from app.domain.ports.repositories import GeofenceRepository
from app.domain.value_objects.geo import GeoPoint, GpsPing


class GeofenceService:
    """Use cases on geofences; entering a restricted zone pages the fleet manager."""

    def __init__(self, geofences: GeofenceRepository, notifier: AlertNotifier, publisher: EventPublisher) -> None:
        self._geofences = geofences
        self._notifier = notifier
        self._publisher = publisher

    async def draw_geofence(self, name: str, center: GeoPoint, radius_m: int, restricted: bool) -> Geofence:
        geofence = Geofence.draw(name, center, radius_m, restricted)
        await self._geofences.save(geofence)
        return geofence

    async def evaluate(self, previous: GeoPoint | None, ping: GpsPing) -> list[DomainEvent]:
        """Check one move against every geofence and raise the alerts it causes."""
        raised: list[DomainEvent] = []
        for geofence in await self._geofences.list_all():
            geofence.evaluate(previous, ping)
            raised.extend(geofence.pull_events())
        for event in raised:
            if isinstance(event, GeofenceEntered) and event.restricted:
                await self._notifier.restricted_zone_entered(event)
        await self._publisher.publish(raised)
        return raised
