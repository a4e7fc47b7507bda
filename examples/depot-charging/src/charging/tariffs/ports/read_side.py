"""Query-side port of the tariffs context and its read model."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class SessionChargeView:
    """The price of one session, as billing reads it."""

    session_id: str
    tariff_id: str
    energy_kwh: Decimal
    amount: Decimal
    currency: str


class TariffReadPort(Protocol):
    def charge_for(self, session_id: str) -> SessionChargeView | None: ...
