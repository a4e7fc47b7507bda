"""Query handlers of the sessions context: they answer from the read-side port with read models."""

from collections.abc import Callable

from charging.sessions.domain.model import ChargingSession
from charging.sessions.domain.value_objects import ChargerId, ConnectorId
from charging.sessions.ports.read_side import SessionQueryPort, SessionView
from charging.sessions.ports.unit_of_work import UnitOfWork
from charging.sessions.service.queries.definitions import FindOpenSession, GetSession


class GetSessionHandler:
    def __init__(self, reads: SessionQueryPort) -> None:
        self._reads = reads

    def __call__(self, query: GetSession) -> SessionView | None:
        return self._reads.session(query.session_id)


class FindOpenSessionHandler:
    """Finds the session open at a connector, for the OCPP bridge's StatusNotification webhook."""

    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    # NOTE: deliberate violation (queries-return-read-models)
    def __call__(self, query: FindOpenSession) -> ChargingSession | None:
        with self._uow() as uow:
            return uow.sessions.open_session_at(ConnectorId(ChargerId(query.charger_id), query.connector))
