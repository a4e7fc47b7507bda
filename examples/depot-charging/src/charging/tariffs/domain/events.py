"""Domain events of the tariffs context."""

from dataclasses import dataclass
from datetime import datetime

from charging.shared.model import DomainEvent
from charging.shared.money import Money


@dataclass(frozen=True)
class TariffPublished(DomainEvent):
    tariff_id: str
    name: str
    effective_from: datetime
    occurred_at: datetime


@dataclass(frozen=True)
class SessionPriced(DomainEvent):
    """A finished session was priced; billing and fleet cost reports consume this."""

    session_id: str
    tariff_id: str
    amount: Money
    occurred_at: datetime
