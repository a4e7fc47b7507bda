"""Port for the external foreign-exchange rate provider."""

from datetime import date
from typing import Protocol

from src.core.errors import AppError
from src.core.result import Result
from src.domain.value_objects.exchange_rate import ExchangeRate


class FxRateProvider(Protocol):
    """Daily reference rates from a market-data vendor."""

    async def fetch_rate(self, base: str, quote: str, on: date) -> Result[ExchangeRate, AppError]:
        """The rate from `base` to `quote` published for the day `on`."""
        ...
