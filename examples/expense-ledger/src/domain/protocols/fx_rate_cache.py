"""Port for caching exchange rates between provider calls."""

from datetime import date
from typing import Protocol

from src.domain.value_objects.exchange_rate import ExchangeRate


class FxRateCache(Protocol):
    """Short-lived store of rates already fetched (vendors bill per request)."""

    async def get_rate(self, base: str, quote: str, on: date) -> ExchangeRate | None:
        ...

    async def store_rate(self, rate: ExchangeRate) -> None:
        ...
