"""Command-side persistence port for ChargingSession aggregates."""

from typing import Protocol

from charging.sessions.domain.model import ChargingSession
from charging.sessions.domain.value_objects import ConnectorId


class SessionRepository(Protocol):
    """Loads and stores whole sessions. ``seen`` lists every aggregate touched, so their events can be collected."""

    seen: set[ChargingSession]

    def add(self, session: ChargingSession) -> None: ...

    def get(self, session_id: str) -> ChargingSession | None: ...

    def open_session_at(self, connector: ConnectorId) -> ChargingSession | None: ...

    def save(self, session: ChargingSession) -> None: ...
