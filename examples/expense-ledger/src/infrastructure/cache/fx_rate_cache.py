"""Redis implementation of the FxRateCache protocol."""

import json
from datetime import date
from decimal import Decimal

from redis.asyncio import Redis

from src.domain.value_objects.exchange_rate import ExchangeRate


class FxRateCache:
    """Keeps each day's rate for an hour; historical rates never change, the TTL only bounds memory."""

    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl_seconds = ttl_seconds

    @staticmethod
    def _key(base: str, quote: str, on: date) -> str:
        return f"fx:{base}:{quote}:{on.isoformat()}"

    async def get_rate(self, base: str, quote: str, on: date) -> ExchangeRate | None:
        raw = await self._redis.get(self._key(base, quote, on))
        if raw is None:
            return None
        data = json.loads(raw)
        return ExchangeRate(base=base, quote=quote, rate=Decimal(data["rate"]), as_of=on, source=data["source"])

    async def store_rate(self, rate: ExchangeRate) -> None:
        payload = json.dumps({"rate": str(rate.rate), "source": rate.source})
        await self._redis.set(self._key(rate.base, rate.quote, rate.as_of), payload, ex=self._ttl_seconds)
