"""Domain events appended to a Redis stream for downstream consumers."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence

from redis.asyncio import Redis

from app.domain.events import DomainEvent


class RedisStreamEventPublisher:
    """Implements the EventPublisher port with XADD; consumers read the stream with consumer groups."""

    def __init__(self, redis: Redis, stream: str, max_length: int = 100_000) -> None:
        self._redis = redis
        self._stream = stream
        self._max_length = max_length

    async def publish(self, events: Sequence[DomainEvent]) -> None:
        for event in events:
            payload = json.dumps(dataclasses.asdict(event), default=str)
            await self._redis.xadd(
                self._stream,
                {"type": type(event).__name__, "payload": payload},
                maxlen=self._max_length,
                approximate=True,
            )
