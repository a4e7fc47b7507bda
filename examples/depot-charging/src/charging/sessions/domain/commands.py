"""Commands the sessions context accepts from depot operators and the charge scheduler."""

from dataclasses import dataclass

from charging.shared.model import Command


@dataclass(frozen=True)
class StartSession(Command):
    charger_id: str
    connector: int
    vehicle_id: str


@dataclass(frozen=True)
class StopSession(Command):
    session_id: str
    reason: str = "Remote"
