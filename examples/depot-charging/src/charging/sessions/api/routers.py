"""HTTP routes for charging sessions: translate requests into commands and queries, and nothing more."""

from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field

from charging.bootstrap import ServiceContainer, get_container

# NOTE: deliberate violation (inbound-not-outbound)
from charging.sessions.adapters.ocpp_gateway import OcppChargerGateway
from charging.sessions.domain.commands import StartSession, StopSession
from charging.sessions.domain.model import SessionError
from charging.sessions.domain.value_objects import ChargerId, ConnectorId
from charging.sessions.service.queries.definitions import GetSession

router = APIRouter(prefix="/sessions", tags=["sessions"])


class StartSessionRequest(BaseModel):
    charger_id: str = Field(pattern=r"^[A-Z0-9][A-Z0-9-]{2,31}$")
    connector: int = Field(ge=1)
    vehicle_id: str = Field(min_length=1, max_length=32)


class StopSessionRequest(BaseModel):
    reason: Literal["EmergencyStop", "EVDisconnected", "Local", "Other", "PowerLoss", "Remote"] = "Remote"


Container = Depends(get_container)


@router.post("", status_code=status.HTTP_201_CREATED)
def start_session(body: StartSessionRequest, container: ServiceContainer = Container) -> dict[str, str]:
    try:
        session_id = container.bus.handle(StartSession(body.charger_id, body.connector, body.vehicle_id))
    except SessionError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    return {"session_id": session_id}


@router.post("/{session_id}/stop", status_code=status.HTTP_204_NO_CONTENT)
def stop_session(session_id: str, body: StopSessionRequest, container: ServiceContainer = Container) -> None:
    try:
        container.bus.handle(StopSession(session_id, body.reason))
    except SessionError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error


@router.get("/{session_id}")
def get_session(session_id: str, container: ServiceContainer = Container) -> dict[str, Any]:
    view = container.ask(GetSession(session_id))
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no session {session_id}")
    return asdict(view)


@router.get("/chargers/{charger_id}/connectors/{connector}")
def connector_status(charger_id: str, connector: int, container: ServiceContainer = Container) -> dict[str, str]:
    """Diagnostics shortcut straight to the OCPP bridge, bypassing the service layer."""
    gateway = OcppChargerGateway(container.ocpp_bridge_url)
    return {"status": gateway.connector_status(ConnectorId(ChargerId(charger_id), connector))}
