"""ExchangeRate: how many units of the quote currency one unit of the base currency buys."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from src.domain.errors import CurrencyMismatchError
from src.domain.value_objects.money import CENT, Money


# NOTE: deliberate violation (value-objects-immutable)
@dataclass
class ExchangeRate:
    """A quoted rate for one day, as given by the FX provider."""

    base: str
    quote: str
    rate: Decimal
    as_of: date
    source: str = "unknown"

    def convert(self, money: Money) -> Money:
        if money.currency != self.base:
            raise CurrencyMismatchError(f"rate converts {self.base}, not {money.currency}")
        converted = (money.amount * self.rate).quantize(CENT, rounding=ROUND_HALF_EVEN)
        return Money(converted, self.quote)
