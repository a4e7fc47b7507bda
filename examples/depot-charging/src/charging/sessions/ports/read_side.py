"""Query-side port of the sessions context and the read model it returns (never the aggregate)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class SessionView:
    """A session as operators see it on the depot board."""

    session_id: str
    charger_id: str
    connector: int
    vehicle_id: str
    status: str
    energy_kwh: Decimal | None
    started_at: datetime
    stopped_at: datetime | None


class SessionQueryPort(Protocol):
    def session(self, session_id: str) -> SessionView | None: ...
