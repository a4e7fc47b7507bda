"""Events about a vehicle itself."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class MaintenanceDue:
    """The odometer passed the distance at which the next service is due."""

    vehicle_id: UUID
    odometer_km: int
    due_at_km: int
