"""OCPP 1.6 charger gateway: remote commands through the REST API of the depot's central system bridge."""

from enum import StrEnum
from typing import Any

import httpx

from charging.sessions.domain.value_objects import ConnectorId, EnergyKwh
from charging.sessions.ports.charger_gateway import ChargerGateway, RemoteCommandRejected


class StopReason(StrEnum):
    """OCPP 1.6 StopTransaction reasons."""

    EMERGENCY_STOP = "EmergencyStop"
    EV_DISCONNECTED = "EVDisconnected"
    LOCAL = "Local"
    OTHER = "Other"
    POWER_LOSS = "PowerLoss"
    REMOTE = "Remote"


class OcppChargerGateway(ChargerGateway):
    """Sends RemoteStartTransaction and RemoteStopTransaction to a charge point via the CSMS bridge."""

    def __init__(self, base_url: str, timeout_seconds: float = 10.0) -> None:
        self._client = httpx.Client(base_url=base_url, timeout=timeout_seconds)

    def remote_start(self, connector: ConnectorId, id_tag: str) -> EnergyKwh:
        reply = self._call(connector, "RemoteStartTransaction", {"connectorId": connector.number, "idTag": id_tag})
        return EnergyKwh.from_wh(int(reply["meterStart"]))

    def remote_stop(self, connector: ConnectorId) -> EnergyKwh:
        reply = self._call(connector, "RemoteStopTransaction", {"connectorId": connector.number})
        return EnergyKwh.from_wh(int(reply["meterStop"]))

    def connector_status(self, connector: ConnectorId) -> str:
        response = self._client.get(f"/charge-points/{connector.charger}/connectors/{connector.number}")
        response.raise_for_status()
        return str(response.json()["status"])

    def _call(self, connector: ConnectorId, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        response = self._client.post(f"/charge-points/{connector.charger}/{action}", json=payload)
        response.raise_for_status()
        reply: dict[str, Any] = response.json()
        if reply.get("status") != "Accepted":
            raise RemoteCommandRejected(f"{action} on {connector.charger}: {reply.get('status')}")
        return reply
