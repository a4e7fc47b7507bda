"""In-memory fakes of the sessions ports, for service-layer tests and local demos."""

from __future__ import annotations

from charging.sessions.domain.model import ChargingSession
from charging.sessions.domain.value_objects import ConnectorId, EnergyKwh
from charging.sessions.ports.charger_gateway import ChargerGateway, RemoteCommandRejected
from charging.sessions.ports.repository import SessionRepository
from charging.sessions.ports.unit_of_work import UnitOfWork
from charging.shared.adapters.outbox import InMemoryOutbox


class InMemorySessionRepository(SessionRepository):
    def __init__(self) -> None:
        self._sessions: dict[str, ChargingSession] = {}
        self.seen: set[ChargingSession] = set()

    def add(self, session: ChargingSession) -> None:
        self._sessions[session.id] = session
        self.seen.add(session)

    def get(self, session_id: str) -> ChargingSession | None:
        session = self._sessions.get(session_id)
        if session is not None:
            self.seen.add(session)
        return session

    def open_session_at(self, connector: ConnectorId) -> ChargingSession | None:
        return next((s for s in self._sessions.values() if s.connector == connector and s.is_open), None)

    def save(self, session: ChargingSession) -> None:
        self._sessions[session.id] = session


class InMemoryUnitOfWork(UnitOfWork):
    """Also its own factory: pass the instance wherever a unit-of-work factory is expected."""

    def __init__(self) -> None:
        self.sessions = InMemorySessionRepository()
        self.outbox = InMemoryOutbox()
        self.commits = 0

    def __call__(self) -> InMemoryUnitOfWork:
        return self

    def _commit(self) -> None:
        self.commits += 1

    def rollback(self) -> None:
        pass


class FakeChargerGateway(ChargerGateway):
    """Accepts every remote command except on ``refusing`` connectors; each session draws 180 kWh."""

    def __init__(self) -> None:
        self.registers: dict[ConnectorId, int] = {}
        self.refusing: set[ConnectorId] = set()

    def remote_start(self, connector: ConnectorId, id_tag: str) -> EnergyKwh:
        if connector in self.refusing:
            raise RemoteCommandRejected(f"{connector.charger} refused {id_tag}")
        return EnergyKwh.from_wh(self.registers.setdefault(connector, 0))

    def remote_stop(self, connector: ConnectorId) -> EnergyKwh:
        self.registers[connector] = self.registers.get(connector, 0) + 180_000
        return EnergyKwh.from_wh(self.registers[connector])
