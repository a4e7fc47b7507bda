"""Ports for telling the outside world what happened."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from app.domain.events import DomainEvent, GeofenceEntered, MaintenanceDue


class EventPublisher(Protocol):
    """Publishes domain events for other services (dispatch, billing, driver scoring)."""

    async def publish(self, events: Sequence[DomainEvent]) -> None: ...


class AlertNotifier(Protocol):
    """Alerts the fleet manager on duty."""

    async def restricted_zone_entered(self, event: GeofenceEntered) -> None: ...

    async def maintenance_due(self, event: MaintenanceDue) -> None: ...
