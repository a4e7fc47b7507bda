"""SQLAlchemy implementation of the SessionRepository port."""

from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from charging.sessions.adapters.orm import charging_sessions
from charging.sessions.domain.model import ChargingSession, SessionStatus
from charging.sessions.domain.value_objects import ChargerId, ConnectorId, EnergyKwh, VehicleId
from charging.sessions.ports.repository import SessionRepository


class SqlSessionRepository(SessionRepository):
    """One row per session in ``charging_sessions``."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.seen: set[ChargingSession] = set()

    def add(self, session: ChargingSession) -> None:
        self._session.execute(insert(charging_sessions).values(**_row(session)))
        self.seen.add(session)

    def get(self, session_id: str) -> ChargingSession | None:
        return self._one(charging_sessions.c.id == session_id)

    def open_session_at(self, connector: ConnectorId) -> ChargingSession | None:
        return self._one(
            charging_sessions.c.charger_id == connector.charger.value,
            charging_sessions.c.connector == connector.number,
            charging_sessions.c.status == SessionStatus.CHARGING.value,
        )

    def save(self, session: ChargingSession) -> None:
        query = update(charging_sessions).where(charging_sessions.c.id == session.id)
        self._session.execute(query.values(**_row(session)))

    def _one(self, *criteria: Any) -> ChargingSession | None:
        row = self._session.execute(select(charging_sessions).where(*criteria)).one_or_none()
        if row is None:
            return None
        session = _aggregate(row)
        self.seen.add(session)
        return session


def _row(session: ChargingSession) -> dict[str, Any]:
    return {
        "id": session.id,
        "charger_id": session.connector.charger.value,
        "connector": session.connector.number,
        "vehicle_id": session.vehicle_id.value,
        "status": session.status.value,
        "start_register_kwh": session.start_register.value,
        "stop_register_kwh": session.stop_register.value if session.stop_register else None,
        "started_at": session.started_at,
        "stopped_at": session.stopped_at,
    }


def _aggregate(row: Row[Any]) -> ChargingSession:
    return ChargingSession(
        session_id=row.id,
        connector=ConnectorId(ChargerId(row.charger_id), row.connector),
        vehicle_id=VehicleId(row.vehicle_id),
        started_at=row.started_at,
        start_register=EnergyKwh(row.start_register_kwh),
        status=SessionStatus(row.status),
        stop_register=EnergyKwh(row.stop_register_kwh) if row.stop_register_kwh is not None else None,
        stopped_at=row.stopped_at,
    )
