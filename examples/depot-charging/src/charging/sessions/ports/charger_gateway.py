"""Port to the chargers: remote start and stop, whatever protocol carries them."""

from typing import Protocol

from charging.sessions.domain.value_objects import ConnectorId, EnergyKwh


class RemoteCommandRejected(Exception):
    """The charger answered a remote command with anything but Accepted."""


class ChargerGateway(Protocol):
    """Commands sent to a charger through the depot's central system."""

    def remote_start(self, connector: ConnectorId, id_tag: str) -> EnergyKwh:
        """Start charging; returns the meter register at start."""
        ...

    def remote_stop(self, connector: ConnectorId) -> EnergyKwh:
        """Stop charging; returns the final meter register."""
        ...
