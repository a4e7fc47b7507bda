"""Command handlers of the sessions context. Business rules stay in ChargingSession."""

from collections.abc import Callable

from charging.sessions.domain.commands import StartSession, StopSession
from charging.sessions.domain.model import ChargingSession, SessionError
from charging.sessions.domain.value_objects import ChargerId, ConnectorId, VehicleId
from charging.sessions.ports.charger_gateway import ChargerGateway
from charging.sessions.ports.unit_of_work import UnitOfWork

UnitOfWorkFactory = Callable[[], UnitOfWork]


class SessionNotFound(LookupError):
    """No session has the requested id."""


class StartSessionHandler:
    """Refuses a busy connector, asks the charger to start, then records the new session."""

    def __init__(self, uow: UnitOfWorkFactory, chargers: ChargerGateway) -> None:
        self._uow = uow
        self._chargers = chargers

    def __call__(self, command: StartSession) -> str:
        connector = ConnectorId(ChargerId(command.charger_id), command.connector)
        with self._uow() as uow:
            if uow.sessions.open_session_at(connector) is not None:
                raise SessionError(f"connector {connector.number} of {connector.charger} is already charging")
            start_register = self._chargers.remote_start(connector, id_tag=command.vehicle_id)
            session = ChargingSession.begin(connector, VehicleId(command.vehicle_id), start_register)
            uow.sessions.add(session)
            uow.commit()
        return session.id


class StopSessionHandler:
    """Asks the charger to stop and closes the session with the final meter register."""

    def __init__(self, uow: UnitOfWorkFactory, chargers: ChargerGateway) -> None:
        self._uow = uow
        self._chargers = chargers

    def __call__(self, command: StopSession) -> None:
        with self._uow() as uow:
            session = uow.sessions.get(command.session_id)
            if session is None:
                raise SessionNotFound(command.session_id)
            session.stop(command.reason, self._chargers.remote_stop(session.connector))
            uow.sessions.save(session)
            uow.commit()
