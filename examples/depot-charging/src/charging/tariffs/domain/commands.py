"""Commands of the tariffs context, issued by the depot's energy manager."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from charging.shared.model import Command


@dataclass(frozen=True)
class DraftTariff(Command):
    name: str
    currency: str
    windows: tuple[tuple[int, int, Decimal], ...]


@dataclass(frozen=True)
class PublishTariff(Command):
    tariff_id: str
    effective_from: datetime
