"""SQL read side: selects session rows straight into SessionView read models, bypassing the aggregate."""

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from charging.sessions.adapters.orm import charging_sessions
from charging.sessions.ports.read_side import SessionQueryPort, SessionView

_ENERGY = (charging_sessions.c.stop_register_kwh - charging_sessions.c.start_register_kwh).label("energy_kwh")


class SqlSessionQueries(SessionQueryPort):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def session(self, session_id: str) -> SessionView | None:
        query = select(charging_sessions, _ENERGY).where(charging_sessions.c.id == session_id)
        with self._session_factory() as db:
            row = db.execute(query).one_or_none()
        if row is None:
            return None
        return SessionView(
            row.id,
            row.charger_id,
            row.connector,
            row.vehicle_id,
            row.status,
            row.energy_kwh,
            row.started_at,
            row.stopped_at,
        )
