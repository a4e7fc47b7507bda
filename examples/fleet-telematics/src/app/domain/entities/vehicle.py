"""The Vehicle aggregate: a tracked vehicle, its odometer and when its next service falls due."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID, uuid4

from app.domain.events import DomainEvent, MaintenanceDue
from app.domain.exceptions import Conflict
from app.domain.value_objects.vehicle_identity import Vin

# NOTE: deliberate violation (layer-dependency)
from app.models.vehicle import VehicleModel


class VehicleStatus(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"


@dataclass(eq=False)
class Vehicle:
    """Aggregate root for a tracked vehicle. Records MaintenanceDue once per service interval."""

    id: UUID
    vin: Vin
    registration: str
    odometer_km: int = 0
    service_interval_km: int = 20_000
    last_service_km: int = 0
    status: VehicleStatus = VehicleStatus.ACTIVE
    events: list[DomainEvent] = field(default_factory=list, repr=False)

    @classmethod
    def register(cls, vin: Vin, registration: str, odometer_km: int, service_interval_km: int) -> Vehicle:
        plate = registration.replace(" ", "").upper()
        return cls(uuid4(), vin, plate, odometer_km, service_interval_km, last_service_km=odometer_km)

    @property
    def next_service_km(self) -> int:
        return self.last_service_km + self.service_interval_km

    def add_distance(self, km: float) -> None:
        """Move the odometer forward after a trip and flag the service when it becomes due."""
        if self.status is VehicleStatus.RETIRED:
            raise Conflict(f"vehicle {self.registration} is retired")
        was_due = self.odometer_km >= self.next_service_km
        self.odometer_km += round(km)
        if self.odometer_km >= self.next_service_km and not was_due:
            self.events.append(MaintenanceDue(self.id, self.odometer_km, self.next_service_km))

    def record_service(self) -> None:
        self.last_service_km = self.odometer_km

    def retire(self) -> None:
        self.status = VehicleStatus.RETIRED

    def pull_events(self) -> list[DomainEvent]:
        pulled, self.events = self.events, []
        return pulled

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vehicle) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def to_orm(self) -> VehicleModel:
        """Shortcut kept from the first prototype; adapters/persistence/mappers.py should do this."""
        return VehicleModel(
            id=self.id,
            vin=self.vin.value,
            registration=self.registration,
            odometer_km=self.odometer_km,
            service_interval_km=self.service_interval_km,
            last_service_km=self.last_service_km,
            status=self.status.value,
        )
