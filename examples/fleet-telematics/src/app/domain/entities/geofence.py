"""The Geofence aggregate: a circular zone that raises alerts when vehicles cross its boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID, uuid4

from app.domain.events import DomainEvent, GeofenceEntered, GeofenceExited
from app.domain.exceptions import InvalidGeofence
from app.domain.value_objects.geo import GeoPoint, GpsPing

MIN_RADIUS_M, MAX_RADIUS_M = 25, 50_000


@dataclass(eq=False)
class Geofence:
    """Aggregate root for a zone such as a depot, a customer site or a restricted area."""

    id: UUID
    name: str
    center: GeoPoint
    radius_m: int
    restricted: bool = False
    events: list[DomainEvent] = field(default_factory=list, repr=False)

    @classmethod
    def draw(cls, name: str, center: GeoPoint, radius_m: int, restricted: bool = False) -> Geofence:
        if not MIN_RADIUS_M <= radius_m <= MAX_RADIUS_M:
            raise InvalidGeofence(f"radius must be between {MIN_RADIUS_M} and {MAX_RADIUS_M} m")
        return cls(uuid4(), name.strip(), center, radius_m, restricted)

    def contains(self, point: GeoPoint) -> bool:
        return self.center.distance_km(point) * 1000 <= self.radius_m

    def evaluate(self, previous: GeoPoint | None, ping: GpsPing) -> None:
        """Record an entry or exit when the move from `previous` to the ping crosses the boundary."""
        if previous is None:
            return
        was_inside, is_inside = self.contains(previous), self.contains(ping.position)
        if is_inside and not was_inside:
            self.events.append(GeofenceEntered(self.id, ping.vehicle_id, ping.recorded_at, self.restricted))
        elif was_inside and not is_inside:
            self.events.append(GeofenceExited(self.id, ping.vehicle_id, ping.recorded_at, self.restricted))

    def pull_events(self) -> list[DomainEvent]:
        pulled, self.events = self.events, []
        return pulled

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Geofence) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)
