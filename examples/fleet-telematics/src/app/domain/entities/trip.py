"""The Trip aggregate: one journey from ignition on to ignition off."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid4

from app.domain.entities.vehicle import Vehicle
from app.domain.events import DomainEvent, TripEnded, TripStarted
from app.domain.exceptions import Conflict
from app.domain.value_objects.geo import GpsPing

MAX_PLAUSIBLE_SPEED_KPH = 250.0


@dataclass(eq=False)
class Trip:
    """Aggregate root for a journey. Accumulates distance and top speed as pings arrive."""

    id: UUID
    # NOTE: deliberate violation (aggregate-references-by-id)
    vehicle: Vehicle
    driver_id: UUID | None
    started_at: datetime
    last_ping: GpsPing
    distance_km: float = 0.0
    max_speed_kph: float = 0.0
    ended_at: datetime | None = None
    events: list[DomainEvent] = field(default_factory=list, repr=False)

    @classmethod
    def start(cls, vehicle: Vehicle, driver_id: UUID | None, first_ping: GpsPing) -> Trip:
        trip = cls(uuid4(), vehicle, driver_id, started_at=first_ping.recorded_at, last_ping=first_ping)
        trip.events.append(TripStarted(trip.id, vehicle.id, driver_id, first_ping.recorded_at))
        return trip

    @property
    def in_progress(self) -> bool:
        return self.ended_at is None

    def record_ping(self, ping: GpsPing) -> None:
        """Extend the trip; pings older than the last one or implausibly fast are dropped as noise."""
        if not self.in_progress:
            raise Conflict(f"trip {self.id} ended at {self.ended_at}")
        if ping.recorded_at <= self.last_ping.recorded_at or ping.speed_kph > MAX_PLAUSIBLE_SPEED_KPH:
            return
        self.distance_km += self.last_ping.position.distance_km(ping.position)
        self.max_speed_kph = max(self.max_speed_kph, ping.speed_kph)
        self.last_ping = ping

    def end(self, last_ping: GpsPing) -> None:
        self.record_ping(last_ping)
        self.ended_at = self.last_ping.recorded_at
        self.events.append(
            TripEnded(self.id, self.vehicle.id, self.ended_at, round(self.distance_km, 3), self.max_speed_kph)
        )

    def pull_events(self) -> list[DomainEvent]:
        pulled, self.events = self.events, []
        return pulled

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Trip) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)
