"""Command-side persistence ports of the tariffs context."""

from datetime import datetime
from typing import Protocol

from charging.tariffs.domain.model import Tariff
from charging.tariffs.domain.value_objects import SessionCharge


class TariffRepository(Protocol):
    seen: set[Tariff]

    def add(self, tariff: Tariff) -> None: ...

    def get(self, tariff_id: str) -> Tariff | None: ...

    def in_force_at(self, moment: datetime) -> Tariff | None:
        """The published tariff with the latest effective date not after ``moment``."""
        ...


class ChargeLedger(Protocol):
    """Append-only record of session charges, at most one per session."""

    def record(self, charge: SessionCharge) -> None: ...

    def exists(self, session_id: str) -> bool: ...
