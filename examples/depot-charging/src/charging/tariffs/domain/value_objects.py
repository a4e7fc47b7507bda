"""Value objects of the tariffs context: time-of-use price windows and the charge for one session."""

from dataclasses import dataclass
from decimal import Decimal

# NOTE: deliberate violation (context-independence)
from charging.sessions.domain.value_objects import EnergyKwh
from charging.shared.money import Money

__all__ = ["EnergyKwh", "PriceWindow", "SessionCharge"]


@dataclass(frozen=True)
class PriceWindow:
    """A price per kWh from ``start_hour`` (inclusive) to ``end_hour`` (exclusive), in UTC hours 0-24."""

    start_hour: int
    end_hour: int
    price_per_kwh: Decimal

    def __post_init__(self) -> None:
        if not 0 <= self.start_hour < self.end_hour <= 24:
            raise ValueError(f"invalid price window {self.start_hour}-{self.end_hour}")
        if self.price_per_kwh < 0:
            raise ValueError("a price per kWh cannot be negative")

    def covers(self, hour: int) -> bool:
        return self.start_hour <= hour < self.end_hour


@dataclass(frozen=True)
class SessionCharge:
    """What one charging session cost under one tariff."""

    session_id: str
    tariff_id: str
    energy: EnergyKwh
    amount: Money
